// A data sheet worker started early (as `export` starts it, before the store opens) waits for its first request
// however long the store takes to open: a slow start once ended it, and the export then failed.
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { startDataSheetWorkerEarly } from '../../../sync/master/data-sheet-thread';
import { writeMasterWorkbook } from '../../../sync/master/master-workbook';
import { AS_OF } from '../metrics/demand-rows';
import { seededStore, type SeededStore } from './seed-store';

/**
 * The workers' wait between sheets, made short so a test can outlast it (the worker reads it from its data), and long
 * enough that the main thread, asking for the next sheet at once, is never that slow on a busy machine.
 */
const SHORT_WAIT_MS = 2_000;
/** The exit of each data sheet worker started. */
const exits = vi.hoisted(() => [] as Promise<void>[]);
vi.mock('../../../sync/worker-module', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../sync/worker-module')>();
  return {
    ...actual,
    startWorkerModule: (url: URL, options: { data?: Record<string, unknown> } & Record<string, unknown>) => {
      if (!url.pathname.endsWith('/data-sheet-worker.ts')) return actual.startWorkerModule(url, options as Parameters<typeof actual.startWorkerModule>[1]);
      const worker = actual.startWorkerModule(url, { ...options, data: { ...options.data, idleMs: SHORT_WAIT_MS } } as Parameters<typeof actual.startWorkerModule>[1]);
      exits.push(new Promise((resolve) => worker.once('exit', () => resolve())));
      return worker;
    },
  };
});

let seeded: SeededStore;
beforeAll(async () => {
  seeded = await seededStore();
});
afterAll(() => seeded?.close());

/** Longer than a worker takes to load its modules, on a busy machine, and then its wait. */
const STORE_OPENING_MS = 10_000;

it('an early worker waits for its first request however long the store takes to open, and writes the workbook', async () => {
  startDataSheetWorkerEarly();
  const started = exits.length;
  expect(started).toBe(1);
  const ended = await Promise.race([exits[0].then(() => true), new Promise<false>((resolve) => setTimeout(() => resolve(false), STORE_OPENING_MS))]);
  expect(ended, 'the early worker ended before its first request').toBe(false);
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const metrics = await writeMasterWorkbook(seeded.store, { asOf: AS_OF, rules: DEFAULT_RULES }, sink, {});
  sink.end();
  await finished(sink);
  // The early worker wrote it: no other was started.
  expect(exits).toHaveLength(started);
  expect(JSON.stringify(metrics)).toContain(seeded.ids.s1);
  expect(Buffer.concat(chunks).subarray(0, 2).toString()).toBe('PK');
  await exits[0];
}, 60_000);
