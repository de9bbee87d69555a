// The publishing schedule with the real GraphPublisher against the https Graph stand-in, from a seeded store:
// a refused run is logged and the next one, throttled once, waits out Retry-After and uploads the workbook.
import ExcelJS from 'exceljs';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { publishToday, startPublishSchedule } from '../../../sync/publish/publish-schedule';
import { startGraphServer, type GraphServer } from '../../fakes/graph-server';
import { seededStore, type SeededStore } from '../master/seed-store';
import { graphPublisher, ofKind } from './graph-harness';

const FILE = 'Equity Desk master.xlsx';
/** A bound for a schedule that never settles (it stopped retrying), generous for a machine busy with other work. */
const SETTLED_WITHIN_MS = 120_000;

let server: GraphServer;
let seeded: SeededStore;
beforeAll(async () => {
  [server, seeded] = await Promise.all([startGraphServer(), seededStore()]);
});
afterAll(async () => {
  await Promise.all([server?.close(), seeded?.close()]);
});

test('a refused run is logged, and the next, throttled once, honours Retry-After and publishes the workbook', async () => {
  const { publisher, read, folder } = graphPublisher(server);
  server.inject({ on: 'simple-upload', nth: 1, fault: { type: 'status', status: 403 } });
  server.inject({ on: 'simple-upload', nth: 2, fault: { type: 'throttle', retryAfterSeconds: 1 } });
  const out: string[] = [];
  const err: string[] = [];
  // Settled by the log itself, not by polling a clock: at the first success, or at a second failure (only one
  // refusal is injected). A loaded machine makes the runs slower, never the outcome different.
  let settle!: () => void;
  const settled = new Promise<void>((resolve) => { settle = resolve; });
  const logged = (lines: string[]) => (text: string) => {
    lines.push(text);
    if (out.length > 0 || err.length > 1) settle();
  };
  const schedule = startPublishSchedule({
    everyMs: 400,
    publish: publishToday(seeded.store, { publisher, fileName: FILE, where: 'the stand-in' }, () => new Date('2026-03-15T12:00:00Z')),
    log: { out: logged(out), err: logged(err) },
  });
  const giveUp = new AbortController();
  try {
    // Stopped within the same turn as the success is logged, before the timer of a next run could fire.
    await Promise.race([settled, sleep(SETTLED_WITHIN_MS, undefined, { signal: giveUp.signal })]);
  } finally {
    giveUp.abort();
    await schedule.stop();
  }

  expect(err).toHaveLength(1);
  expect(err[0]).toMatch(/^Scheduled publishing failed \(forbidden\): Uploading Equity Desk master\.xlsx failed: HTTP 403 .*Next try at \d{4}-\d\d-\d\dT[\d:]+Z\.$/);
  expect(out[0]).toMatch(new RegExp(`^Published ${FILE} \\([\\d,]+ bytes\\) to /drives/drive-equity/root:/${folder}/${FILE} with one upload: https://\\S+ Next run at `));
  const puts = ofKind(server, 'simple-upload');
  expect(puts.map((p) => p.status)).toEqual([403, 429, 201]);
  expect(puts[2].at - puts[1].at).toBeGreaterThanOrEqual(990);

  const book = new ExcelJS.Workbook();
  await book.xlsx.load((await read(FILE)) as unknown as ExcelJS.Buffer);
  expect(book.worksheets[0].name).toBe('Summary');
  // As of the day it runs, every source and no date filter: all the seeded requests, under one header row.
  expect(book.getWorksheet('Requests')!.actualRowCount).toBe(seeded.rows.requests.length + 1);
}, SETTLED_WITHIN_MS + 30_000);
