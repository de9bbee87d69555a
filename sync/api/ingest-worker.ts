// A worker thread of the ingest pool (ingest-pool.ts): prepares each sync body it is sent with
// `prepareSync` and posts back the batch, or the `ApiError` that refuses it.
import { parentPort } from 'node:worker_threads';
import { isErrorType } from '../../shared/typed-error';
import { ApiError } from './api-error';
import type { PrepareJob, PrepareOutcome } from './ingest-wire';
import { toWire } from './ingest-wire';
import { prepareSync } from './sync-batch';

function outcome(job: PrepareJob): PrepareOutcome {
  try {
    return { prepared: toWire(prepareSync(job.body, { sourceId: job.sourceId, at: new Date(job.at), maxRows: job.maxRows, ...(job.lists ? { lists: job.lists } : {}), ...(job.holds ? { holds: job.holds } : {}) })) };
  } catch (e) {
    if (isErrorType(e, ApiError)) return { refused: { status: e.status, code: e.code, message: e.message, headers: e.headers } };
    return { fault: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
}

parentPort!.on('message', (job: PrepareJob) => parentPort!.postMessage(outcome(job)));
