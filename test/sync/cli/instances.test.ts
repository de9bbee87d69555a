// Two real `serve` processes on one PostgreSQL database, as behind a load balancer: started at once they
// migrate it once, publish on schedule one at a time (once, not twice), and what either answers is seen
// by the other at once — rows, metrics, a revoked token.
import { readdir } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterAll, describe, expect, test } from 'vitest';
import { MIGRATION_NAMES } from '../../../sync/store/migrations';
import { TEST_DATABASE_URL, dropSchemas, randomSchemaName } from '../../support/postgres';
import { tempFolder } from '../ingest/workbook-files';
import { callApi as call, startCli, type Served } from './cli-process';

const schema = randomSchemaName('instances');
const files = tempFolder('instances');
afterAll(async () => {
  await dropSchemas([schema]);
  files.cleanup();
});

const ADMIN = 'two-instances-admin-token-0123';
const PUBLISHED = /^Published /m;
const SKIPPED = /^Scheduled publishing skipped: instance \S+ (is publishing|published at \S+)\. Next turn at \S+Z\.$/m;

describe('two serve processes on one PostgreSQL database', () => {
  test('migrate once, publish once per interval, and see each other\'s writes at once', async () => {
    const folder = files.path('published');
    const env = { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema, EQUITY_DESK_ADMIN_TOKEN: ADMIN, EQUITY_DESK_PUBLISH_EVERY: '1h', EQUITY_DESK_PUBLISH_FOLDER: folder };
    const serve = () => startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--port', '0'], { env, ready: /admin token: .*\n/ });
    const instances: Served[] = await Promise.all([serve(), serve()]);
    const [a, b] = instances;
    try {
      for (const deadline = Date.now() + 90_000; instances.some((i) => !PUBLISHED.test(i.output) && !SKIPPED.test(i.output)) && Date.now() < deadline;) await sleep(100);
      const published = instances.filter((i) => PUBLISHED.test(i.output));
      expect(published, instances.map((i) => i.output).join('\n----\n')).toHaveLength(1);
      expect(instances.filter((i) => SKIPPED.test(i.output))).toHaveLength(1);
      expect(await readdir(folder)).toHaveLength(1);

      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      try {
        const { rows } = await client.query(`select name, count(*)::int as n from "${schema}".schema_migrations group by name order by name`);
        expect(rows).toEqual(MIGRATION_NAMES.map((name) => ({ name, n: 1 })).sort((x, y) => x.name.localeCompare(y.name)));
      } finally {
        await client.end();
      }

      const source = (await call(a, '/api/v1/sources', ADMIN, { name: 'Made on A' })).json;
      const reviewer = (await call(b, '/api/v1/reviewers', ADMIN, { name: 'Made on B' })).json;
      const before = (await call(b, '/api/v1/metrics', reviewer.token)).json;

      const sync = await call(a, '/api/v1/sync', source.token, { table: 'requests', rows: [{ rowId: 'seen-by-b', values: { receivedOn: '2026-03-15', requesterOrg: 'City of Riverside' } }] });
      expect([sync.status, sync.json.accepted]).toEqual([200, 1]);
      const state = await call(b, '/api/v1/sync/state?table=requests', source.token);
      expect(state.json.rows.map((r: { rowId: string }) => r.rowId)).toEqual(['seen-by-b']);
      // B had computed metrics before the sync; its cache follows the database, not its own writes.
      const after = (await call(b, '/api/v1/metrics', reviewer.token)).json;
      expect(JSON.stringify(after)).not.toBe(JSON.stringify(before));

      expect((await call(b, `/api/v1/sources/${source.id}/revoke`, ADMIN, undefined, 'POST')).status).toBe(200);
      expect((await call(a, '/api/v1/sync/state?table=requests', source.token)).status).toBe(401);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
  }, 240_000);
});
