// Plain JavaScript on purpose: a worker thread cannot load TypeScript until tsx is registered in it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
