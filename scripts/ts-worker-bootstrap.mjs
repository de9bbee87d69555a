// Runs a TypeScript module (`workerData.entry`) in a worker thread, for code run from its sources (tsx,
// vitest). Plain JavaScript on purpose: a worker thread cannot load TypeScript until tsx is registered in it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
