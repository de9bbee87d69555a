// The publishing schedule with real timers and short intervals: first run at start, runs spaced from the end
// of the previous one and never overlapping, failures logged without stopping it, and a stop that waits.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, test } from 'vitest';
import { PublishError } from '../../../sync/publish/publish-error';
import type { PublishedMaster } from '../../../sync/publish/publish-master';
import { startPublishSchedule, type RunningSchedule } from '../../../sync/publish/publish-schedule';

const PUBLISHED: PublishedMaster = { name: 'm.xlsx', bytes: 12_345, result: { location: '/reports/m.xlsx', bytes: 12_345, method: 'file' } };

interface Run { start: number; end?: number }

/** A fake publication recording when each run starts and ends; `work(n)` is what run n (0-based) does. */
function recorder(work: (n: number) => Promise<void> = async () => undefined) {
  const runs: Run[] = [];
  let active = 0;
  let mostAtOnce = 0;
  const publish = async () => {
    const run: Run = { start: Date.now() };
    runs.push(run);
    mostAtOnce = Math.max(mostAtOnce, ++active);
    try {
      await work(runs.length - 1);
      return PUBLISHED;
    } finally {
      active--;
      run.end = Date.now();
    }
  };
  return { runs, publish, mostAtOnce: () => mostAtOnce };
}

function logs() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, log: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the schedule');
    await sleep(5);
  }
}

let running: RunningSchedule | undefined;
const start = (options: Parameters<typeof startPublishSchedule>[0]) => (running = startPublishSchedule(options));
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('the publishing schedule', () => {
  test('runs once at start, and logs what it published and when the next run is', async () => {
    const { runs, publish } = recorder();
    const { out, err, log } = logs();
    const now = () => new Date('2026-03-15T10:00:00.250Z');
    const began = Date.now();
    start({ everyMs: 3_600_000, publish, log, now });
    await until(() => out.length === 1);
    expect(runs).toHaveLength(1);
    expect(runs[0].start - began).toBeLessThan(500);
    expect(out).toEqual(['Published m.xlsx (12,345 bytes) to /reports/m.xlsx with a file copy. Next run at 2026-03-15T11:00:00Z.']);
    expect(err).toEqual([]);
  });

  test('runs again each interval, timed from the end of the previous run', async () => {
    const { runs, publish } = recorder(() => sleep(20));
    start({ everyMs: 60, publish, log: logs().log });
    await until(() => runs.length >= 3);
    for (const i of [1, 2]) {
      // Timers may fire up to a millisecond early by Date.now()'s rounding.
      expect(runs[i].start - runs[i - 1].end!).toBeGreaterThanOrEqual(59);
    }
  });

  test('a run slower than the interval delays the next instead of overlapping it', async () => {
    const { runs, publish, mostAtOnce } = recorder(() => sleep(120));
    start({ everyMs: 10, publish, log: logs().log });
    await until(() => runs.length >= 3);
    expect(mostAtOnce()).toBe(1);
    expect(runs[1].start).toBeGreaterThanOrEqual(runs[0].end!);
    expect(runs[2].start).toBeGreaterThanOrEqual(runs[1].end!);
  });

  test('a failed run is logged as one line with the code and the next try, and the schedule carries on', async () => {
    const { runs, publish } = recorder(async (n) => {
      if (n === 0) throw new PublishError('throttled', 'Uploading m.xlsx failed after 4 attempts: HTTP 429 activityLimitReached:\n  slow down');
      if (n === 1) throw new Error('database is locked');
    });
    const { out, err, log } = logs();
    start({ everyMs: 30, publish, log, now: () => new Date('2026-03-15T10:00:00Z') });
    await until(() => out.length >= 1);
    expect(runs.length).toBeGreaterThanOrEqual(3);
    expect(err).toEqual([
      'Scheduled publishing failed (throttled): Uploading m.xlsx failed after 4 attempts: HTTP 429 activityLimitReached: slow down. Next try at 2026-03-15T10:00:00Z.',
      'Scheduled publishing failed: database is locked. Next try at 2026-03-15T10:00:00Z.',
    ]);
    expect(out[0]).toMatch(/^Published m\.xlsx /);
  });

  test('stop() waits for the run in progress, and nothing runs after it', async () => {
    let finish!: () => void;
    const { runs, publish } = recorder((n) => (n === 1 ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve()));
    const { out, log } = logs();
    const schedule = start({ everyMs: 20, publish, log });
    await until(() => runs.length === 2);
    let stopped = false;
    const stopping = schedule.stop().then(() => (stopped = true));
    await sleep(50);
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(runs[1].end).toBeDefined();
    expect(out.slice(1)).toEqual([
      'Waiting for the publication in progress to finish…',
      'Published m.xlsx (12,345 bytes) to /reports/m.xlsx with a file copy. The service is stopping; no further runs.',
    ]);
    await sleep(100);
    expect(runs).toHaveLength(2);
  });

  test('stop() between runs cancels the next one at once', async () => {
    const { runs, publish } = recorder();
    const schedule = start({ everyMs: 40, publish, log: logs().log });
    await until(() => runs.length === 1 && runs[0].end !== undefined);
    await schedule.stop();
    await sleep(120);
    expect(runs).toHaveLength(1);
  });
});
