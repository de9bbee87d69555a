// GET /addin/excel/…: the built add-in served with its content types and no stale caching, nothing
// outside its folder; CORS for other origins only when EQUITY_DESK_CORS_ORIGINS names them.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { createApp } from '../../../sync/api/app';
import { loadConfig } from '../../../sync/config';
import { openStore } from '../../../sync/store/open-store';
import type { RowStore } from '../../../sync/store/row-store';

const root = mkdtempSync(path.join(tmpdir(), 'addin-routes-'));
const addinDir = path.join(root, 'excel');
const stores: RowStore[] = [];
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  rmSync(root, { recursive: true, force: true });
});

async function app(env: Record<string, string> = {}) {
  const dataDir = mkdtempSync(path.join(root, 'data-'));
  const store = await openStore({ dataDir });
  stores.push(store);
  await store.ensureAdminToken('addin-admin-token-0123456789');
  return createApp({ store, config: loadConfig({ EQUITY_DESK_ADMIN_TOKEN: 'addin-admin-token-0123456789', ...env }, { data: dataDir }), addinDir });
}

describe('the Excel add-in files', () => {
  mkdirSync(addinDir, { recursive: true });
  const files = { 'taskpane.html': '<!doctype html><title>x</title>', 'taskpane.js': 'void 0;', 'taskpane.css': 'body{}', 'functions.json': '{"functions":[]}', 'icon-32.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a]) };
  for (const [name, body] of Object.entries(files)) writeFileSync(path.join(addinDir, name), body);
  writeFileSync(path.join(root, 'secret.txt'), 'not for you');

  test('are served at /addin/excel/ with their content types, revalidated on every load', async () => {
    const a = await app();
    const expected: Record<string, string> = {
      'taskpane.html': 'text/html; charset=utf-8',
      'taskpane.js': 'text/javascript; charset=utf-8',
      'taskpane.css': 'text/css; charset=utf-8',
      'functions.json': 'application/json; charset=utf-8',
      'icon-32.png': 'image/png',
    };
    for (const [name, type] of Object.entries(expected)) {
      const res = await a.request(`/addin/excel/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toBe(type);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(files[name as keyof typeof files]))).toBe(true);
    }
  });

  test('answer 404 for anything the build does not write, including paths out of the folder', async () => {
    const a = await app();
    for (const p of ['/addin/excel/missing.js', '/addin/excel/..%2Fsecret.txt', '/addin/excel/../secret.txt', '/addin/excel/secret.txt', '/addin/excel/.env']) {
      const res = await a.request(p);
      expect(res.status, p).toBe(404);
      expect(await res.text()).not.toContain('not for you');
    }
  });

  test('other origins get no CORS headers unless EQUITY_DESK_CORS_ORIGINS lists them; a listed one passes preflight', async () => {
    const preflight = { method: 'OPTIONS', headers: { Origin: 'https://addin.example.gov', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } };
    const closed = await app();
    const refused = await closed.request('/api/v1/sync', preflight);
    expect(refused.headers.get('access-control-allow-origin')).toBeNull();

    const open = await app({ EQUITY_DESK_CORS_ORIGINS: 'https://addin.example.gov' });
    const allowed = await open.request('/api/v1/sync', preflight);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://addin.example.gov');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('authorization');
    const other = await open.request('/api/v1/sync', { ...preflight, headers: { ...preflight.headers, Origin: 'https://evil.example.com' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
    const get = await open.request('/api/v1/sync/state?table=requests', { headers: { Origin: 'https://addin.example.gov' } });
    expect(get.status).toBe(401);
    expect(get.headers.get('access-control-allow-origin')).toBe('https://addin.example.gov');
  });
});
