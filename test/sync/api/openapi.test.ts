// /openapi.json describes every contract route from the zod schemas, and /docs renders it as a page
// that a real browser shows without fetching anything from elsewhere.
import { afterAll, describe, expect, test } from 'vitest';
import { storeBackends } from '../../support/store-backends';
import { withChromium } from '../../support/chromium';
import { openApiDocument } from '../../../sync/api/openapi';
import { harness } from './api-harness';

const backends = storeBackends('api_docs');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const CONTRACT = [
  ['get', '/healthz'], ['post', '/api/v1/sources'], ['post', '/api/v1/reviewers'], ['post', '/api/v1/sync'], ['get', '/api/v1/sync/state'],
  ['get', '/api/v1/metrics'], ['get', '/api/v1/export/master.xlsx'], ['get', '/dashboard'], ['get', '/openapi.json'],
] as const;

test('revoking a source or a reviewer says in a sentence what stays', () => {
  const paths = openApiDocument().paths as Record<string, { post: { summary: string } }>;
  expect(paths['/api/v1/sources/{id}/revoke'].post.summary).toBe('Revoke a source: every token it holds stops working at once; its name and rows stay.');
  expect(paths['/api/v1/reviewers/{id}/revoke'].post.summary).toBe('Revoke a reviewer: every token it holds stops working at once; its name stays.');
});

describe.each(backends)('API description on $name', (backend) => {
  test('/openapi.json lists every contract route with its roles and the sync body from zod', async () => {
    const h = await harness(backend);
    const doc = (await h.call('GET', '/openapi.json')).body;
    expect(doc.openapi).toBe('3.1.0');
    for (const [method, path] of CONTRACT) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    expect(doc.paths['/api/v1/sources'].post['x-roles']).toEqual(['admin']);
    expect(doc.paths['/api/v1/metrics'].get['x-roles']).toEqual(['reviewer', 'admin']);
    const body = doc.paths['/api/v1/sync'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['table', 'rows']);
    expect(body.properties.table.enum).toEqual(['requests', 'workplan', 'milestones', 'roadmap']);
    expect(body.properties.rows.items.properties.values.additionalProperties.type).toEqual(['string', 'number', 'boolean', 'null']);
    // A row's texts, and what they must name (the service refuses others, so the list is as long as the table's fields at most).
    expect(body.properties.rows.items.properties.texts).toMatchObject({ type: 'array', items: { type: 'string' }, description: expect.stringMatching(/^Fields of the table, each once,/) });
    expect(Object.keys(doc.paths['/api/v1/sync'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '401', '403', '413', '429']));
    // A monitor reads /healthz's 503 body by its own shape, not the error envelope every other route uses.
    const down = doc.paths['/healthz'].get.responses['503'].content['application/json'].schema;
    expect(down.required).toEqual(['ok', 'down', 'database']);
    expect(down.properties.down.items.enum).toEqual(['database']);
  });

  test('/docs is a plain page a browser renders with nothing fetched from elsewhere', async () => {
    const h = await harness(backend, { http: true });
    const page = await h.call('GET', '/docs');
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.text).not.toMatch(/<script|https?:\/\/(?!json-schema)/);
    await withChromium(async (browser) => {
      const tab = await browser.newPage();
      const fetched: string[] = [];
      tab.on('request', (r) => fetched.push(r.url()));
      await tab.goto(`${h.url}/docs`);
      expect(await tab.locator('h1').textContent()).toContain('Equity Desk');
      const doc = JSON.parse((await h.call('GET', '/openapi.json')).text) as { paths: Record<string, object> };
      const operations = Object.values(doc.paths).reduce((n, methods) => n + Object.keys(methods).length, 0);
      expect(operations).toBeGreaterThanOrEqual(11);
      expect(await tab.locator('tbody tr').count()).toBe(operations);
      expect(await tab.locator('section', { hasText: 'POST /api/v1/sync' }).locator('code', { hasText: 'rowId' }).count()).toBeGreaterThan(0);
      expect(fetched.every((u) => u.startsWith(h.url!))).toBe(true);
    });
    await h.close();
  });
});
