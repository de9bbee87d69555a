// Pages come gzipped over a real socket (Node's HTTP server through @hono/node-server) to a browser that
// accepts it, and decode to the page sent plain; the feedback survey, the master workbook and the sync API's
// bodies are never compressed (see sync/api/page-compression.ts for why), on both backends.
import { request } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, test } from 'vitest';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from './api-harness';

const backends = storeBackends('api_compression');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const clock = () => new Date('2026-12-02T15:00:00Z');

interface RawReply { status: number; encoding: string | undefined; vary: string | undefined; body: Buffer }

/** A GET as the bytes on the wire: node:http, unlike fetch, does not decode a compressed body. */
function rawGet(url: string, headers: Record<string, string>): Promise<RawReply> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, encoding: res.headers['content-encoding'], vary: res.headers.vary, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    }).on('error', reject).end();
  });
}

/** The service with its read routes over loopback HTTP, a source with some requests (one fulfilled), and a form. */
async function service(backend: (typeof backends)[number]) {
  const store = await backend.open();
  const h: Harness = await harness(backend, { reuse: store, http: true, clock, readRoutes: readRoutes({ store, clock }) });
  const src = await h.source('Commission TA log');
  const rows = Array.from({ length: 40 }, (_, i) => ({
    rowId: `r${i}`,
    values: { requestId: `TA-2026-${String(i + 1).padStart(4, '0')}`, receivedOn: `2026-${String((i % 11) + 1).padStart(2, '0')}-03`, requesterOrg: `Department ${i % 7}`, requesterType: i % 2 ? 'City' : 'State agency', category: i % 3 ? 'Budget equity tool' : 'Training & workshops', status: i % 4 ? 'In progress' : 'Fulfilled', fulfilledOn: i % 4 ? undefined : '2026-11-20' },
  }));
  expect((await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows } })).body.accepted).toBe(rows.length);
  const form = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: src.id } })).body as { id: string };
  const link = (await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'r0' } })).body as { url: string };
  const reviewer = await h.reviewer();
  return { h, src, form, feedbackPath: new URL(link.url).pathname, reviewer };
}

const GZIP = { 'Accept-Encoding': 'gzip' };

/** Two renders of one page alike but for what each render makes anew: ECharts' SVG class names, the intake form's one-time key. */
const sameRender = (html: string) => html.replace(/\bzr\d+-cls-\d+\b/g, 'zr-cls').replace(/(name="submissionKey" value=")[^"]*/, '$1');

describe.each(backends)('page compression on $name', (backend) => {
  test('the dashboard, the annual report, the intake form and the API docs come gzipped when asked, and decode to the plain page', async () => {
    const { h, form, reviewer } = await service(backend);
    const auth = { Authorization: `Bearer ${reviewer.token}` };
    const pages: [string, Record<string, string>][] = [['/dashboard', auth], ['/api/v1/report?year=2026', auth], [`/intake/${form.id}`, {}], ['/docs', {}], ['/openapi.json', {}]];
    for (const [path, headers] of pages) {
      const plain = await rawGet(`${h.url}${path}`, headers);
      const zipped = await rawGet(`${h.url}${path}`, { ...headers, ...GZIP });
      expect(plain.status, path).toBe(200);
      expect(plain.encoding, path).toBeUndefined();
      expect(zipped.encoding, path).toBe('gzip');
      expect(zipped.vary, path).toMatch(/Accept-Encoding/i);
      expect(sameRender(gunzipSync(zipped.body).toString('utf8')), path).toBe(sameRender(plain.body.toString('utf8')));
      expect(zipped.body.length, path).toBeLessThan(plain.body.length / 2);
    }
    await h.close();
  });

  test('the feedback survey (its address is its key), the master workbook and the sync bodies stay uncompressed even when gzip is accepted', async () => {
    const { h, src, feedbackPath, reviewer } = await service(backend);
    const survey = await rawGet(`${h.url}${feedbackPath}`, GZIP);
    expect(survey.status).toBe(200);
    expect(survey.body.toString('utf8')).toContain(`action="${feedbackPath}"`);
    expect(survey.encoding).toBeUndefined();
    const workbook = await rawGet(`${h.url}/api/v1/export/master.xlsx`, { Authorization: `Bearer ${reviewer.token}`, ...GZIP });
    expect(workbook.status).toBe(200);
    expect(workbook.body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(workbook.encoding).toBeUndefined();
    const state = await rawGet(`${h.url}/api/v1/sync/state?table=requests`, { Authorization: `Bearer ${src.token}`, ...GZIP });
    expect(state.status).toBe(200);
    expect(JSON.parse(state.body.toString('utf8'))).toBeTypeOf('object');
    expect(state.encoding).toBeUndefined();
    await h.close();
  });
});
