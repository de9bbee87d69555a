// GraphPublisher under throttling, failing and lost ranges: Retry-After honoured, sessions resumed, retries bounded.
import { isErrorType } from '../../../shared/typed-error';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PublishError } from '../../../sync/publish/publish-error';
import { CHUNK_UNIT, DEFAULT_CHUNK } from '../../../sync/publish/upload-session';
import { startGraphServer, type GraphServer } from '../../fakes/graph-server';
import { FAST_RETRY, graphPublisher, ofKind, randomish } from './graph-harness';

const FIVE_MB = 5 * 1024 * 1024;
const CHUNK = 4 * CHUNK_UNIT; // 1.25 MiB: a 5 MB file takes four ranges

let server: GraphServer;
beforeAll(async () => {
  server = await startGraphServer();
});
afterAll(() => server.close());
beforeEach(() => server.reset());

const failure = (promise: Promise<unknown>) => promise.then(() => { throw new Error('expected a PublishError'); }, (e: unknown) => {
  if (!isErrorType(e, PublishError)) throw e;
  return e as PublishError;
});

const starts = () => ofKind(server, 'chunk').map((c) => c.range!.start);

describe('throttling', () => {
  test('a 429 on a chunk waits the Retry-After seconds, then sends the same range again', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 2, fault: { type: 'throttle', retryAfterSeconds: 1 } });
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);

    const chunks = ofKind(server, 'chunk');
    const throttled = chunks.findIndex((c) => c.status === 429);
    expect(throttled).toBe(1);
    const waited = chunks[throttled + 1].at - chunks[throttled].at;
    // FAST_RETRY backs off for ~10 ms; only honouring Retry-After makes this a second.
    expect(waited).toBeGreaterThanOrEqual(990);
    expect(waited).toBeLessThan(5_000);
    expect(chunks[throttled + 1].range?.start).toBe(chunks[throttled].range?.start);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test('a 503 with Retry-After on a simple upload is waited out too (the client never retries octet-stream)', async () => {
    const { publisher, read } = graphPublisher(server);
    server.inject({ on: 'simple-upload', fault: { type: 'throttle', retryAfterSeconds: 1, status: 503 } });
    await publisher.publish('small.xlsx', Buffer.from('small'));
    const puts = ofKind(server, 'simple-upload');
    expect(puts.map((p) => p.status)).toEqual([503, 201]);
    expect(puts[1].at - puts[0].at).toBeGreaterThanOrEqual(990);
    expect((await read('small.xlsx'))?.toString()).toBe('small');
  });

  test('a Retry-After longer than allowed fails at once as throttled instead of stalling', async () => {
    const { publisher } = graphPublisher(server, {}, { retry: { ...FAST_RETRY, maxRetryAfterMs: 500 } });
    server.inject({ on: 'simple-upload', fault: { type: 'throttle', retryAfterSeconds: 30 } });
    const started = Date.now();
    const error = await failure(publisher.publish('small.xlsx', Buffer.from('x')));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error.code).toBe('throttled');
    expect(error.message).toMatch(/wait 30 s/);
    expect(ofKind(server, 'simple-upload')).toHaveLength(1);
  });

  test('a throttled createUploadSession is retried by the Graph client after Retry-After', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'create-session', fault: { type: 'throttle', retryAfterSeconds: 1 } });
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);
    const creates = ofKind(server, 'create-session');
    expect(creates.map((c) => c.status)).toEqual([429, 200]);
    expect(creates[1].at - creates[0].at).toBeGreaterThanOrEqual(990);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });
});

describe('failed and lost ranges', () => {
  test('a 503 on a chunk asks the session where to resume and resends that range', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 3, fault: { type: 'status', status: 503 } });
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);

    const kinds = server.requests.filter((r) => r.kind === 'chunk' || r.kind === 'session-status').map((r) => `${r.kind}:${r.status}`);
    expect(kinds).toEqual(['chunk:202', 'chunk:202', 'chunk:503', 'session-status:200', 'chunk:202', 'chunk:201']);
    expect(starts()).toEqual([0, CHUNK, 2 * CHUNK, 2 * CHUNK, 3 * CHUNK]);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test('a chunk whose answer was lost is not sent again: the session says it already has it', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 2, fault: { type: 'drop', keepBytes: true } });
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);

    expect(ofKind(server, 'session-status')).toHaveLength(1);
    expect(starts()).toEqual([0, CHUNK, 2 * CHUNK, 3 * CHUNK]);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test('a chunk lost on the way is sent again from where the session stands', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 2, fault: { type: 'drop' } });
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);

    expect(starts()).toEqual([0, CHUNK, CHUNK, 2 * CHUNK, 3 * CHUNK]);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test('a chunk that gets no answer times out, and the upload resumes', async () => {
    // Long enough that only the stalled chunk times out on a loaded machine: a healthy chunk timed out as well would
    // start the upload again and add its requests to the log.
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK, requestTimeoutMs: 3_000 });
    server.inject({ on: 'chunk', nth: 2, fault: { type: 'stall' } });
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);

    const chunks = ofKind(server, 'chunk');
    expect(chunks.map((c) => c.status)).toEqual([202, 0, 202, 202, 201]);
    expect(ofKind(server, 'session-status')).toHaveLength(1);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test('when the last answer is lost and the session is gone, one fresh session uploads the file again', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 4, fault: { type: 'drop', keepBytes: true } });
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);

    expect(ofKind(server, 'create-session')).toHaveLength(2);
    expect(ofKind(server, 'session-status').map((s) => s.status)).toEqual([404]);
    // The session is gone already: nothing to cancel.
    expect(ofKind(server, 'cancel-session')).toHaveLength(0);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });
});

describe('split nextExpectedRanges (Microsoft: listed ranges need not be of a proper size)', () => {
  // The case: a 6,441,942-byte file resumed at 3,276,800 with ["3276800-3376799", "3376800-6441941"].
  const SIZE = 6_441_942;
  const sizes = () => ofKind(server, 'chunk').map((c) => c.range!.end - c.range!.start + 1);

  test('a resume from a split listing sends a whole fragment, not the 100,000-byte first entry', async () => {
    const { publisher, read } = graphPublisher(server);
    server.inject({ on: 'chunk', nth: 2, fault: { type: 'status', status: 503 } });
    server.inject({ on: 'session-status', fault: { type: 'split-ranges', firstLength: 100_000 } });
    const content = randomish(SIZE);
    await publisher.publish('split.xlsx', content);

    expect(ofKind(server, 'session-status')).toHaveLength(1);
    expect(starts()).toEqual([0, DEFAULT_CHUNK, DEFAULT_CHUNK]);
    expect(sizes()).toEqual([DEFAULT_CHUNK, SIZE - DEFAULT_CHUNK, SIZE - DEFAULT_CHUNK]);
    expect(ofKind(server, 'chunk').map((c) => c.status)).toEqual([202, 503, 201]);
    expect((await read('split.xlsx'))?.equals(content)).toBe(true);
  });

  test('a split listing in a 202 answer does not shorten the next fragment either', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 1, fault: { type: 'split-ranges', firstLength: 100_000 } });
    const content = randomish(FIVE_MB);
    await publisher.publish('split.xlsx', content);

    expect(sizes().slice(0, -1).every((size) => size === CHUNK)).toBe(true);
    expect(ofKind(server, 'chunk').map((c) => c.status)).toEqual([202, 202, 202, 201]);
    expect((await read('split.xlsx'))?.equals(content)).toBe(true);
  });
});

describe('giving up', () => {
  test('a chunk that keeps failing ends in a clear server-error after the allowed attempts', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 2, times: 100, fault: { type: 'status', status: 503 } });
    const open = server.openSessions();
    const error = await failure(publisher.publish('big.xlsx', randomish(FIVE_MB)));

    expect(error.code).toBe('server-error');
    expect(error.attempts).toBe(FAST_RETRY.maxAttempts);
    expect(error.status).toBe(503);
    expect(error.message).toBe(`Uploading big.xlsx failed after ${FAST_RETRY.maxAttempts} attempts: HTTP 503 serviceNotAvailable: Injected HTTP 503.`);
    expect(ofKind(server, 'chunk')).toHaveLength(1 + FAST_RETRY.maxAttempts);
    expect(await read('big.xlsx')).toBeUndefined();
    // Abandoned, so cancelled (DELETE on the pre-authorised upload URL, without our token), not left to expire.
    const [cancel] = ofKind(server, 'cancel-session');
    expect(cancel).toMatchObject({ method: 'DELETE', status: 204 });
    expect(cancel.path).toBe(ofKind(server, 'chunk')[0].path);
    expect(cancel.headers.authorization).toBeUndefined();
    expect(server.openSessions()).toBe(open);
  });

  test('a session that stops taking ranges (416 each time) is cancelled before the one fresh session', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', nth: 2, times: FAST_RETRY.maxAttempts, fault: { type: 'status', status: 416 } });
    const open = server.openSessions();
    const content = randomish(FIVE_MB);
    await publisher.publish('big.xlsx', content);

    const [first, second] = ofKind(server, 'create-session');
    expect(second).toBeDefined();
    const cancels = ofKind(server, 'cancel-session');
    expect(cancels.map((c) => c.status)).toEqual([204]);
    expect(cancels[0].at).toBeGreaterThanOrEqual(first.at);
    expect(cancels[0].at).toBeLessThanOrEqual(second.at);
    expect(server.openSessions()).toBe(open);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test('a simple upload that keeps being throttled ends in throttled after the allowed attempts', async () => {
    const { publisher } = graphPublisher(server);
    server.inject({ on: 'simple-upload', times: 100, fault: { type: 'throttle', retryAfterSeconds: 0 } });
    const error = await failure(publisher.publish('small.xlsx', Buffer.from('x')));
    expect(error.code).toBe('throttled');
    expect(error.message).toMatch(/after 4 attempts: HTTP 429 activityLimitReached/);
    expect(ofKind(server, 'simple-upload')).toHaveLength(FAST_RETRY.maxAttempts);
  });

  test('a refused upload (403) is not retried and says what to grant', async () => {
    const { publisher } = graphPublisher(server);
    server.inject({ on: 'simple-upload', fault: { type: 'status', status: 403 } });
    const error = await failure(publisher.publish('small.xlsx', Buffer.from('x')));
    expect(error.code).toBe('forbidden');
    expect(error.message).toMatch(/Files\.ReadWrite\.All/);
    expect(ofKind(server, 'simple-upload')).toHaveLength(1);
  });

  test('a simple upload whose connection keeps dropping ends in a network error saying so', async () => {
    const { publisher } = graphPublisher(server);
    server.inject({ on: 'simple-upload', times: 100, fault: { type: 'drop' } });
    const error = await failure(publisher.publish('small.xlsx', Buffer.from('x')));
    expect(error.code).toBe('network');
    expect(error.message).toBe('Uploading small.xlsx failed after 4 attempts: socket hang up (ECONNRESET)');
  });

  test('a chunk connection that keeps dropping ends in a network error', async () => {
    const { publisher } = graphPublisher(server, {}, { chunkSize: CHUNK });
    server.inject({ on: 'chunk', times: 100, fault: { type: 'drop' } });
    server.inject({ on: 'session-status', times: 100, fault: { type: 'drop' } });
    const error = await failure(publisher.publish('big.xlsx', randomish(FIVE_MB)));
    expect(error.code).toBe('network');
    expect(error.attempts).toBe(FAST_RETRY.maxAttempts);
    expect(error.message).toMatch(/socket hang up|ECONNRESET/);
  });
});
