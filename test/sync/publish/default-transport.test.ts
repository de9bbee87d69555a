// GraphPublisher with no Agent given, as production runs it: Node's fetch for Graph, the Azure SDK's own https for
// tokens. Node reads extra roots only at start-up, so this runs in a child with NODE_EXTRA_CA_CERTS set.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { PublishResult } from '../../../sync/publish/publisher';
import { startGraphServer, type GraphServer } from '../../fakes/graph-server';
import { ofKind } from './graph-harness';

let server: GraphServer;
let dir: string;
beforeAll(async () => {
  server = await startGraphServer();
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-ca-'));
  await writeFile(join(dir, 'ca.pem'), server.ca);
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

test('publishes with settings from EQUITY_DESK_GRAPH_* and the default transport', async () => {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, 'publish-from-env.ts'), '1000', String(5 * 1024 * 1024)],
    {
      env: {
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
        EQUITY_DESK_GRAPH_TENANT_ID: server.tenantId,
        EQUITY_DESK_GRAPH_CLIENT_ID: server.clientId,
        EQUITY_DESK_GRAPH_CLIENT_SECRET: server.clientSecret,
        EQUITY_DESK_GRAPH_SITE_ID: 'site-9',
        EQUITY_DESK_GRAPH_FOLDER: 'Committee',
        EQUITY_DESK_GRAPH_BASE_URL: server.origin,
        EQUITY_DESK_GRAPH_AUTHORITY_HOST: server.origin,
      },
    },
  );
  const results = JSON.parse(stdout) as PublishResult[];
  expect(results.map((r) => [r.location, r.method, r.bytes])).toEqual([
    ['/sites/site-9/drive/root:/Committee/Equity Desk master.xlsx', 'simple', 1000],
    ['/sites/site-9/drive/root:/Committee/1-Equity Desk master.xlsx', 'upload-session', 5 * 1024 * 1024],
  ]);
  expect(ofKind(server, 'token')).toHaveLength(1);
  expect(ofKind(server, 'simple-upload')[0].headers.authorization).toMatch(/^Bearer /);
  expect(ofKind(server, 'create-session')[0].headers.authorization).toMatch(/^Bearer /);
  expect(server.file('sites/site-9/drive', '/Committee/1-Equity Desk master.xlsx')?.equals(Buffer.alloc(5 * 1024 * 1024, 2))).toBe(true);
});
