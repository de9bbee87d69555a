// Hostile input to the public pages: random and malformed posts to the intake form and the feedback survey
// (odd content types, huge or broken bodies, control characters, repeated fields, foreign origins) never get
// a 5xx, and whatever is stored is a valid request of the form's source.
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { TABLES, validateRow } from '../../../shared/index';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness } from './api-harness';

const backends = storeBackends('api_intake_fuzz');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const FIELDS = ['requesterOrg', 'requesterType', 'contactName', 'contactEmail', 'category', 'description', 'dueOn', 'preferredChannel', 'website', 'satisfaction', 'outcome', 'actionPlanAdopted', 'comment', 'status', '__proto__', 'constructor'];
const VALUES = ['', 'County', 'City', 'Budget equity tool', 'a@b.org', '2026-12-31', '2026-02-30', '13/45/2024', '5', '0', '9', 'yes', 'Action plan adopted', '=HYPERLINK("x")', '\u0000', '\ud800', '<script>alert(1)</script>', 'x'.repeat(6000)];

const value = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...VALUES) }, { weight: 3, arbitrary: fc.string({ maxLength: 40 }) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) });
/** A valid form and survey post, so the accepting path is fuzzed too. */
const VALID = { requesterOrg: 'Harbor County', contactName: 'Dana', contactEmail: 'dana@harbor.example.gov', description: 'Budget equity tool training', satisfaction: '4' };
const fields = fc.tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...FIELDS), value), { maxLength: 12 })).map(([valid, pairs]) =>
  valid ? Object.entries({ ...VALID, ...Object.fromEntries(pairs.slice(0, 2)) }) : pairs);

const CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'multipart/form-data', 'application/json', 'text/plain', ''];
const ORIGINS = ['http://localhost', 'http://localhost', 'https://evil.example', 'null', ''];

const body = fc.oneof(
  { weight: 5, arbitrary: fields.map((pairs) => new URLSearchParams(pairs).toString()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('--xyz\r\nContent-Disposition: form-data; name="requesterOrg"\r\n\r\nA\r\n--xyz--', '--xyz\r\nbroken', '%%%&&&===', 'a=%E0%A4%A') },
);

describe.each(backends)('fuzzed public posts on $name', (backend) => {
  test('no post gets a 5xx; stored requests are valid rows of the form\'s source', async () => {
    const h = await harness(backend, { env: { EQUITY_DESK_INTAKE_RATE_LIMIT: '100000' } });
    const src = await h.source();
    const form = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: src.id } })).body;
    await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'done', values: { receivedOn: '2026-10-01', requesterOrg: 'City', status: 'Fulfilled' } }] } });
    const link = new URL((await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'done' } })).body.url).pathname;
    const paths = [`/intake/${form.id}`, link, '/intake/frm_unknown', '/feedback/not-a-token'];
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), body, fc.constantFrom(...CONTENT_TYPES), fc.constantFrom(...ORIGINS), async (path, text, type, origin) => {
        const headers: Record<string, string> = {};
        if (type) headers['Content-Type'] = type;
        if (origin) headers.Origin = origin;
        const r = await h.call('POST', path, { body: text, headers });
        statuses.add(r.status);
        expect(r.status, `${path} ${type} ${text.slice(0, 80)}`).toBeLessThan(500);
        expect(r.headers.get('content-type')).toMatch(/text\/html/);
      }),
      { numRuns: 300 },
    );
    expect(h.reported).toEqual([]);
    // Both sides were exercised: some posts stored, some refused.
    expect([...statuses].some((s) => s === 201 || s === 200)).toBe(true);
    expect([...statuses].some((s) => s >= 400)).toBe(true);
    for await (const row of h.store.rows('requests', { sourceIds: [src.id] })) {
      expect(validateRow(TABLES.requests, row.values as never).errors, row.rowId).toEqual([]);
    }
  }, 180_000);
});
