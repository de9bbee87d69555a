// The master workbook download against hostile data and failures: one rejected row with a 40,000-character value, a
// NUL or a year-2206 date never stops it; and when writing fails after the response has started, the connection is
// reset, so a real HTTP client sees an error, never a 200 with a short body it would keep as the committee's workbook.
// HTTP/1.0 matters: without chunked framing (an HTTP/1.0 client, or nginx's default proxying) a closed connection
// is how a body ends, so such a client must get a Content-Length or an error status.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import type { RowStore } from '../../../sync/store/row-store';
import { readWithOpenpyxl } from '../../support/openpyxl';
import { storeBackends } from '../../support/store-backends';
import { harness, type Harness } from './api-harness';

const backends = storeBackends('export-failures');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));
const clock = () => new Date('2026-03-15T12:00:00Z');
const PATH = '/api/v1/export/master.xlsx';
const ROWS = 3_000;

/** What a read that fails says: the proxy's own error, or SQLite's where a worker thread reads the rows itself. */
const LOST = { postgres: 'connection to the database lost', sqlite: 'integer overflow' };

/**
 * The store, except that reading requests fails `after` rows into the sheet's rows (a database that goes away
 * mid-download). The export may read a table once before it writes anything (the widest words it prints): the first
 * `readFirst` rows read, counted over the store's life (the fetch test's export is the first), are let through, and
 * the read after them fails; a later export fails before it answers. Where a worker thread reads the rows on its own
 * connection (SQLite), its query fails at row `R${after}`: SQLite refuses the absolute value of the smallest integer.
 */
function failingAfter(store: RowStore, after: number, readFirst: number): RowStore {
  let read = 0;
  return new Proxy(store, {
    get(target, key, receiver) {
      if (key === 'threadReads' && target.threadReads) {
        const reads = target.threadReads;
        return {
          ...reads,
          rowsQuery(table: Parameters<typeof reads.rowsQuery>[0], opts?: Parameters<typeof reads.rowsQuery>[1]) {
            const query = reads.rowsQuery(table, opts);
            if (!query || table !== 'requests') return query;
            return { sql: `select * from (${query.sql}) where case when instr(row_json, ?) then abs(-9223372036854775808) else 1 end`, parameters: [...query.parameters, `,"R${after}",`] };
          },
        };
      }
      if (key !== 'rows') return Reflect.get(target, key, receiver);
      return async function* rows(...args: Parameters<RowStore['rows']>) {
        for await (const row of target.rows(...args)) {
          if (args[0] === 'requests' && ++read > readFirst + after) throw new Error('connection to the database lost');
          yield row;
        }
      };
    },
  });
}

interface RawAnswer { head: string; bodyBytes: number; ended: 'end' | 'error' }

/** An HTTP/1.0 GET on a bare socket: the body is whatever comes until the server closes or resets the connection. */
function http10Get(url: string, token: string): Promise<RawAnswer> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    const done = (ended: RawAnswer['ended']) => {
      const all = Buffer.concat(chunks);
      const split = all.indexOf('\r\n\r\n');
      resolve({ head: all.subarray(0, Math.max(split, 0)).toString('latin1'), bodyBytes: split < 0 ? 0 : all.length - split - 4, ended });
    };
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.once('end', () => done('end'));
    socket.once('error', () => done('error'));
    socket.write(`GET ${new URL(url).pathname} HTTP/1.0\r\nHost: ${hostname}\r\nAuthorization: Bearer ${token}\r\n\r\n`);
  });
}

describe.each(backends)('$name: user data never breaks an export', (backend) => {
  test('a 40,000-character value, a NUL and a year-2206 date: short messages, and the workbook still opens', async () => {
    const store = await backend.fresh().open();
    const h = await harness(backend, { reuse: store, http: true, clock, readRoutes: readRoutes({ store, clock }) });
    const dir = await mkdtemp(join(tmpdir(), 'equity-desk-hostile-'));
    try {
      const source = await h.source('Intake');
      const reviewer = await h.reviewer();
      const rows = [
        { rowId: 'long-email', values: { receivedOn: '2026-01-05', requesterOrg: 'City', status: 'New', contactEmail: 'b'.repeat(40_000) } },
        { rowId: 'long-status', values: { receivedOn: '2026-01-05', requesterOrg: 'City', status: `Bogus ${'z'.repeat(40_000)}` } },
        { rowId: 'nul', values: { receivedOn: '2026-01-05', requesterOrg: 'Nul\u0000 office', status: 'New' } },
        { rowId: 'far-future', values: { receivedOn: '2206-01-05', requesterOrg: 'Typo office', status: 'New', dueOn: '2206-02-01' } },
        { rowId: 'good', values: { receivedOn: '2026-01-05', requesterOrg: 'County', status: 'New' } },
      ];
      const sync = await h.call('POST', '/api/v1/sync', { token: source.token, body: { table: 'requests', rows } });
      expect(sync.status).toBe(200);
      expect(sync.body.accepted).toBe(2);
      const messages: string[] = sync.body.rejected.flatMap((r: { errors: { message: string }[] }) => r.errors.map((e) => e.message));
      expect(messages).toHaveLength(3);
      for (const message of messages) expect(message.length).toBeLessThan(300);
      expect(messages[0]).toMatch(/^Contact email: "b{60}"… \(40,000 characters\) is not an email address$/);

      const response = await fetch(`${h.url}${PATH}`, { headers: { Authorization: `Bearer ${reviewer.token}` } });
      expect(response.status).toBe(200);
      const file = join(dir, 'master.xlsx');
      await writeFile(file, Buffer.from(await response.arrayBuffer()));
      const { sheets } = await readWithOpenpyxl(file);
      const [head, ...quality] = sheets.find((s) => s.name === 'Data quality')!.rows;
      const [severity, message, rowId] = ['Severity', 'Message', 'Row ID'].map((h) => head.indexOf(h));
      expect(quality.filter((r) => r[severity] === 'Error').map((r) => r[message])).toEqual(messages);
      // The kept row with a year-2206 date is listed too, as a warning.
      expect(quality.some((r) => r[severity] === 'Warning' && r[rowId] === 'far-future')).toBe(true);
      const requests = sheets.find((s) => s.name === 'Requests')!.rows;
      const [org, received] = ['Requesting organization', 'Received'].map((h) => requests[0].indexOf(h));
      expect(Math.min(org, received)).toBeGreaterThanOrEqual(0);
      expect(requests.slice(1).map((r) => [r[org], r[received]])).toEqual([['Typo office', '2206-01-05T00:00:00'], ['County', '2026-01-05T00:00:00']]);
    } finally {
      await h.close();
      await rm(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

describe.each(backends)('$name: a failure mid-download', (backend) => {
  let store: RowStore;
  let broken: Harness;
  let healthy: Harness;
  let token: string;
  const reported: unknown[] = [];

  beforeAll(async () => {
    store = await backend.fresh().open();
    broken = await harness(backend, { reuse: store, http: true, clock, readRoutes: readRoutes({ store: failingAfter(store, ROWS / 2, ROWS), clock, reportError: (e) => reported.push(e) }) });
    healthy = await harness(backend, { reuse: store, http: true, clock, readRoutes: readRoutes({ store, clock }) });
    const source = await broken.source('Intake');
    token = (await broken.reviewer()).token;
    const rows = Array.from({ length: ROWS }, (_, i) => ({
      rowId: `R${i}`,
      values: { receivedOn: '2026-01-05', requesterOrg: `Org ${i}`, status: 'New', description: `Request ${i} `.repeat(40) },
    }));
    for (let start = 0; start < ROWS; start += 1_000) {
      const answer = await broken.call('POST', '/api/v1/sync', { token: source.token, body: { table: 'requests', rows: rows.slice(start, start + 1_000) } });
      expect(answer.status).toBe(200);
    }
  }, 60_000);
  afterAll(async () => {
    await broken?.close();
    await healthy?.close();
  });

  test('fetch (HTTP/1.1, chunked) gets the 200 and then an error reading the body', async () => {
    const response = await fetch(`${broken.url}${PATH}`, { headers: { Authorization: `Bearer ${token}` } });
    // The status went out before the rows were read: only the connection can still carry the failure.
    expect(response.status).toBe(200);
    await expect(response.arrayBuffer()).rejects.toThrow();
    expect(reported.map((e) => (e as Error).message)).toContain(LOST[backend.name]);
  }, 60_000);

  test('an HTTP/1.0 client (no chunked framing) gets an error status, or the whole file with its length', async () => {
    const failed = await http10Get(`${broken.url}${PATH}`, token);
    expect(failed.head).toMatch(/^HTTP\/1\.[01] 500/);
    const whole = await http10Get(`${healthy.url}${PATH}`, token);
    expect(whole.head).toMatch(/^HTTP\/1\.[01] 200/);
    const length = Number(/\r\ncontent-length: (\d+)/i.exec(whole.head)?.[1]);
    expect(length).toBeGreaterThan(10_000);
    expect(whole.bodyBytes).toBe(length);
  }, 60_000);
});
