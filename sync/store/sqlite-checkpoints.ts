// WAL checkpoints off the request path. Left to itself SQLite copies the WAL back into the database file on
// the commit that takes the WAL past 1,000 pages, on the committing thread: every few dozen syncs one of
// them, and every maximum-size sync, stalled the whole service while 16-50 MB were copied and flushed. A
// worker thread with a connection of its own does that copy instead, after commits, without blocking them.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';

/**
 * The worker: one connection, a PASSIVE checkpoint per request (it copies what it can and never waits for
 * the writer or readers). Plain CommonJS as `eval` code, so the service's bundle needs no second entry.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
// NORMAL is the level at which a checkpoint syncs the WAL before copying it and the database file before the
// WAL may be rewound; named here rather than left to the driver's build default.
db.pragma('synchronous = NORMAL');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } finally {
    parentPort.postMessage('done');
  }
});
`;

/**
 * Pages the WAL may reach before the writer checkpoints on its own after all (256 MB of 16 KB pages): only
 * if the worker falls behind or has died, so the WAL stays bounded whatever happens to it.
 */
const FALLBACK_PAGES = 16_384;
/** A WAL grown by a burst is cut back to this when SQLite starts it over, instead of keeping its largest size. */
const WAL_KEPT_BYTES = 64 * 1024 * 1024;
/**
 * At most one checkpoint per this many ms: a checkpoint after every small commit added flushes of the disk
 * (decision 014), and a tenth of a second of writes is a few MB of WAL at most.
 */
const MIN_INTERVAL_MS = 100;

export interface Checkpoints {
  /** Asks for a checkpoint after a commit; requests made while one runs are served by one more run. */
  afterCommit(): void;
  close(): Promise<void>;
}

/** Started by the first commit, so commands that only read (export, metrics, report) never pay for a thread. */
export function checkpointInBackground(sqlite: Database.Database, file: string): Checkpoints {
  sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_PAGES}`);
  sqlite.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
  let worker: Worker | undefined;
  let exited: Promise<void> = Promise.resolve();
  let running = false;
  let wanted = false;
  let gone = false;
  let lastRun = -Infinity;
  let timer: NodeJS.Timeout | undefined;
  // A worker that fails leaves checkpoints to the writer, as SQLite does by default.
  const fallBack = () => {
    gone = true;
    sqlite.pragma('wal_autocheckpoint = 1000');
  };
  const start = (): Worker => {
    const started = new Worker(WORKER, { eval: true, workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') } });
    // Never what keeps a CLI run alive: a run that ends without closing its store leaves the WAL to SQLite.
    started.unref();
    started.on('message', () => {
      running = false;
      if (wanted) soon(started);
    });
    started.once('error', fallBack);
    exited = new Promise<void>((resolve) => started.once('exit', () => resolve()));
    return started;
  };
  const run = (w: Worker) => {
    timer = undefined;
    if (gone) return;
    running = true;
    wanted = false;
    lastRun = performance.now();
    w.postMessage('checkpoint');
  };
  /** Runs now, or when the interval since the last run is over; a run already scheduled serves this request too. */
  const soon = (w: Worker) => {
    if (timer) return;
    const wait = lastRun + MIN_INTERVAL_MS - performance.now();
    if (wait <= 0) run(w);
    else (timer = setTimeout(run, wait, w)).unref();
  };
  return {
    afterCommit() {
      if (gone) return;
      if (running) {
        wanted = true;
        return;
      }
      try {
        soon((worker ??= start()));
      } catch {
        fallBack();
      }
    },
    async close() {
      clearTimeout(timer);
      if (worker && !gone) {
        // Held until it has closed its connection, so the database is never closed under it.
        worker.ref();
        worker.postMessage('close');
      }
      gone = true;
      await exited;
    },
  };
}
