// A real `serve` killed with SIGKILL while many sources sync at once (batches committed together, a checkpoint
// worker running): after a restart every acknowledged batch is there in full, and every other batch is there
// in full or not at all.
import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../../support/postgres';
import { tempFolder } from '../ingest/workbook-files';
import { callApi as call, startCli } from './cli-process';

const schema = randomSchemaName('kill_mid_sync');
const files = tempFolder('kill-mid-sync');
afterAll(async () => {
  await dropSchemas([schema]);
  files.cleanup();
});

const ADMIN = 'kill-mid-sync-admin-token-0123';
const SOURCES = 12;
const ROWS = 200;

const batchRows = (source: number, batch: number) =>
  Array.from({ length: ROWS }, (_, i) => ({ rowId: `s${source}-b${batch}-r${i}`, values: { receivedOn: '2026-03-15', requesterOrg: `Agency ${source}`, notes: `batch ${batch} row ${i}` } }));

describe.each([
  ['sqlite', () => ({ args: ['--data', files.path('data')], env: {} })],
  ['postgres', () => ({ args: [], env: { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema } })],
] as const)('serve on %s killed mid-sync', (_name, where) => {
  test('keeps every acknowledged batch whole and no batch in part', async () => {
    const { args, env } = where();
    const serve = () => startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--port', '0', ...args], { env: { ...env, EQUITY_DESK_ADMIN_TOKEN: ADMIN, EQUITY_DESK_RATE_LIMIT: '100000' }, ready: /admin token: .*\n/ });
    const first = await serve();
    const sources: { token: string }[] = [];
    for (let i = 0; i < SOURCES; i++) sources.push((await call(first, '/api/v1/sources', ADMIN, { name: `Source ${i}`, kind: 'file' })).json);
    const acknowledged = new Set<string>();
    const sent = new Set<string>();
    let killed = false;
    const syncing = sources.map(async ({ token }, s) => {
      for (let b = 0; !killed; b++) {
        sent.add(`s${s}-b${b}`);
        const answer = await call(first, '/api/v1/sync', token, { table: 'requests', rows: batchRows(s, b) }).catch(() => undefined);
        if (answer?.status === 200 && answer.json.accepted === ROWS) acknowledged.add(`s${s}-b${b}`);
      }
    });
    for (const deadline = Date.now() + 30_000; acknowledged.size < 3 * SOURCES && Date.now() < deadline;) await sleep(20);
    const gone = once(first.child, 'exit');
    process.kill(-first.child.pid!, 'SIGKILL');
    killed = true;
    await Promise.all([gone, ...syncing]);

    const second = await serve();
    try {
      const present = new Map<string, number>();
      for (const { token } of sources) {
        const { rows } = (await call(second, '/api/v1/sync/state?table=requests', token)).json as { rows: { rowId: string }[] };
        for (const { rowId } of rows) {
          const batch = rowId.slice(0, rowId.lastIndexOf('-'));
          present.set(batch, (present.get(batch) ?? 0) + 1);
        }
      }
      expect(acknowledged.size).toBeGreaterThanOrEqual(3 * SOURCES);
      for (const batch of acknowledged) expect(present.get(batch), batch).toBe(ROWS);
      for (const [batch, n] of present) {
        expect(sent.has(batch), batch).toBe(true);
        expect(n, batch).toBe(ROWS);
      }
    } finally {
      await second.stop();
    }
  }, 120_000);
});
