// Sends a file through a Graph upload session in byte ranges, resuming from what the session says it still needs.
import { isErrorType } from '../../shared/typed-error';
import { describeHttp, failureFromStatus, networkFailure } from './graph-failures';
import type { Fetch } from './https-fetch';
import { PublishError } from './publish-error';
import { RetryBudget, type RetryableFailure, type RetryOptions } from './retry-budget';

/** Graph's rule: every range but the last is a multiple of 320 KiB, and each is under 60 MiB. */
export const CHUNK_UNIT = 320 * 1024;
export const MAX_CHUNK = 60 * 1024 * 1024;
export const DEFAULT_CHUNK = 10 * CHUNK_UNIT;

export function assertChunkSize(size: number): void {
  if (!Number.isInteger(size) || size <= 0 || size % CHUNK_UNIT !== 0 || size >= MAX_CHUNK) {
    throw new PublishError(
      'invalid-settings',
      `Upload chunk size ${size} must be a positive multiple of 320 KiB (${CHUNK_UNIT} bytes) under 60 MiB.`,
    );
  }
}

export interface DriveItem {
  id: string;
  name: string;
  size: number;
  webUrl?: string;
}

/**
 * `["26-"]` or `["12345-55232", "77829-99375"]`: where the first range starts is where to go on. Its end is not a
 * fragment size: Microsoft warns that listed ranges need not be of a proper size, and a fragment cut at one
 * (say a 100,000-byte middle range) is refused for not being a multiple of 320 KiB.
 */
function firstExpected(ranges: unknown): number | undefined {
  const first = Array.isArray(ranges) ? ranges[0] : undefined;
  const match = typeof first === 'string' ? /^(\d+)-(\d*)$/.exec(first) : null;
  return match ? Number(match[1]) : undefined;
}

export interface ChunkedUploadOptions {
  fetch: Fetch;
  chunkSize: number;
  retry: RetryOptions;
  timeoutMs: number;
  /** Names the file in messages. */
  label: string;
}

type Step = { kind: 'done'; item: DriveItem } | { kind: 'next'; start: number } | { kind: 'failed'; failure: RetryableFailure };

/**
 * PUTs `bytes` to a session's `uploadUrl` until Graph answers with the driveItem. The URL is pre-authorised:
 * sending our bearer token to it is refused, so these requests bypass the Graph client.
 * After a failed or lost range, it asks the session (GET uploadUrl) which bytes it still expects.
 * Only a range the session accepts counts as progress, so failures stay bounded.
 */
export async function uploadInChunks(uploadUrl: string, bytes: Buffer, options: ChunkedUploadOptions): Promise<DriveItem> {
  const budget = new RetryBudget(`Uploading ${options.label}`, options.retry);
  let start = 0;
  let askSession = false;

  for (;;) {
    let step: Step;
    try {
      step = askSession
        ? await checkSession(uploadUrl, options)
        : await putRange(uploadUrl, bytes, start, options);
    } catch (cause) {
      if (isErrorType(cause, PublishError)) throw cause;
      step = { kind: 'failed', failure: networkFailure(cause) };
    }
    if (step.kind === 'done') return step.item;
    if (step.kind === 'next') {
      if (!askSession) budget.progressed();
      start = step.start;
      askSession = false;
    } else {
      await budget.failed(step.failure);
      askSession = true;
    }
  }
}

/** Sends `chunkSize` bytes from `start`, or the rest of the file: always a 320 KiB multiple unless it is the last. */
async function putRange(uploadUrl: string, bytes: Buffer, start: number, { fetch, chunkSize, timeoutMs, label }: ChunkedUploadOptions): Promise<Step> {
  const total = bytes.byteLength;
  const end = Math.min(start + chunkSize, total);
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Range': `bytes ${start}-${end - 1}/${total}` },
    // Buffers here are never over a SharedArrayBuffer; the DOM typing only accepts the plain kind.
    body: bytes.subarray(start, end) as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await readJson(response);
  if (response.status === 200 || response.status === 201) return { kind: 'done', item: body as DriveItem };
  if (response.status === 202) return { kind: 'next', start: firstExpected(expectedRanges(body)) ?? end };
  // 416: the session holds other bytes than we thought (an answer was lost); asking it sorts that out.
  if (response.status === 416) return { kind: 'failed', failure: { code: 'session-lost', status: 416, detail: describeHttp(416, body) } };
  if (response.status === 404) throw sessionGone(label);
  return { kind: 'failed', failure: failureFromStatus(`Uploading ${label}`, response.status, response.headers, body) };
}

async function checkSession(uploadUrl: string, { fetch, timeoutMs, label }: ChunkedUploadOptions): Promise<Step> {
  const response = await fetch(uploadUrl, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
  const body = await readJson(response);
  if (response.status === 404) throw sessionGone(label);
  if (!response.ok) {
    return { kind: 'failed', failure: failureFromStatus(`Checking the upload session for ${label}`, response.status, response.headers, body) };
  }
  const start = firstExpected(expectedRanges(body));
  return start !== undefined
    ? { kind: 'next', start }
    : { kind: 'failed', failure: { code: 'session-lost', detail: 'the session expects no more bytes but has not confirmed the file' } };
}

const expectedRanges = (body: unknown) => (body as { nextExpectedRanges?: unknown } | undefined)?.nextExpectedRanges;

/**
 * Cancels a session we give up on (Microsoft: DELETE the upload URL), so its bytes do not linger until it expires.
 * Best effort: the upload has already failed, and that failure is what the caller must hear about.
 */
export async function cancelSession(uploadUrl: string, { fetch, timeoutMs }: Pick<ChunkedUploadOptions, 'fetch' | 'timeoutMs'>): Promise<void> {
  try {
    const response = await fetch(uploadUrl, { method: 'DELETE', signal: AbortSignal.timeout(Math.min(timeoutMs, 30_000)) });
    await response.arrayBuffer();
  } catch {
    // Unreachable now: the session expires on its own (expirationDateTime).
  }
}

/** The session answered 404: nothing left to cancel. */
export const isSessionGone = (error: unknown): boolean => isErrorType(error, PublishError) && error.code === 'session-lost' && error.status === 404;

function sessionGone(label: string): PublishError {
  return new PublishError('session-lost', `The upload session for ${label} has expired or ended before the upload was confirmed.`, { status: 404 });
}

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined; // a proxy's HTML error page: the status alone tells what happened
  }
}
