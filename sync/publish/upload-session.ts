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

interface Range {
  start: number;
  /** Exclusive. */
  end: number;
}

/** `["26-"]` or `["12345-55232", "77829-99375"]`: the first range is where to go on. */
function firstExpected(ranges: unknown, total: number): Range | undefined {
  const first = Array.isArray(ranges) ? ranges[0] : undefined;
  const match = typeof first === 'string' ? /^(\d+)-(\d*)$/.exec(first) : null;
  if (!match) return undefined;
  return { start: Number(match[1]), end: match[2] ? Number(match[2]) + 1 : total };
}

export interface ChunkedUploadOptions {
  fetch: Fetch;
  chunkSize: number;
  retry: RetryOptions;
  timeoutMs: number;
  /** Names the file in messages. */
  label: string;
}

type Step = { kind: 'done'; item: DriveItem } | { kind: 'next'; range: Range } | { kind: 'failed'; failure: RetryableFailure };

/**
 * PUTs `bytes` to a session's `uploadUrl` until Graph answers with the driveItem. The URL is pre-authorised:
 * sending our bearer token to it is refused, so these requests bypass the Graph client.
 * After a failed or lost range, it asks the session (GET uploadUrl) which bytes it still expects.
 * Only a range the session accepts counts as progress, so failures stay bounded.
 */
export async function uploadInChunks(uploadUrl: string, bytes: Buffer, options: ChunkedUploadOptions): Promise<DriveItem> {
  const budget = new RetryBudget(`Uploading ${options.label}`, options.retry);
  let expected: Range = { start: 0, end: bytes.byteLength };
  let askSession = false;

  for (;;) {
    let step: Step;
    try {
      step = askSession
        ? await checkSession(uploadUrl, bytes.byteLength, options)
        : await putRange(uploadUrl, bytes, expected, options);
    } catch (cause) {
      if (isErrorType(cause, PublishError)) throw cause;
      step = { kind: 'failed', failure: networkFailure(cause) };
    }
    if (step.kind === 'done') return step.item;
    if (step.kind === 'next') {
      if (!askSession) budget.progressed();
      expected = step.range;
      askSession = false;
    } else {
      await budget.failed(step.failure);
      askSession = true;
    }
  }
}

async function putRange(uploadUrl: string, bytes: Buffer, range: Range, { fetch, chunkSize, timeoutMs, label }: ChunkedUploadOptions): Promise<Step> {
  const total = bytes.byteLength;
  const end = Math.min(range.start + chunkSize, range.end);
  const response = await fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'Content-Range': `bytes ${range.start}-${end - 1}/${total}` },
    // Buffers here are never over a SharedArrayBuffer; the DOM typing only accepts the plain kind.
    body: bytes.subarray(range.start, end) as Uint8Array<ArrayBuffer>,
    signal: AbortSignal.timeout(timeoutMs),
  });
  const body = await readJson(response);
  if (response.status === 200 || response.status === 201) return { kind: 'done', item: body as DriveItem };
  if (response.status === 202) return { kind: 'next', range: firstExpected(expectedRanges(body), total) ?? { start: end, end: total } };
  // 416: the session holds other bytes than we thought (an answer was lost); asking it sorts that out.
  if (response.status === 416) return { kind: 'failed', failure: { code: 'session-lost', status: 416, detail: describeHttp(416, body) } };
  if (response.status === 404) throw sessionGone(label);
  return { kind: 'failed', failure: failureFromStatus(`Uploading ${label}`, response.status, response.headers, body) };
}

async function checkSession(uploadUrl: string, total: number, { fetch, timeoutMs, label }: ChunkedUploadOptions): Promise<Step> {
  const response = await fetch(uploadUrl, { method: 'GET', signal: AbortSignal.timeout(timeoutMs) });
  const body = await readJson(response);
  if (response.status === 404) throw sessionGone(label);
  if (!response.ok) {
    return { kind: 'failed', failure: failureFromStatus(`Checking the upload session for ${label}`, response.status, response.headers, body) };
  }
  const range = firstExpected(expectedRanges(body), total);
  return range
    ? { kind: 'next', range }
    : { kind: 'failed', failure: { code: 'session-lost', detail: 'the session expects no more bytes but has not confirmed the file' } };
}

const expectedRanges = (body: unknown) => (body as { nextExpectedRanges?: unknown } | undefined)?.nextExpectedRanges;

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
