// Hostile input to the public pages: random and malformed posts to the intake form and the feedback survey
// (odd content types, huge or broken bodies, control characters, repeated fields, foreign origins) never get
// a 5xx, and whatever is stored is a valid request of the form's source. Every post knows what it must get:
// a valid same-origin form post is stored, a post the pages can never take is refused, the rest get no 5xx;
// one of each kind opens every run, so both paths are exercised whatever the seed.
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
/** Fields neither page reads: any value in them leaves a valid post valid. */
const IGNORED = ['status', '__proto__', 'constructor'];
const fields = fc.tuple(fc.boolean(), fc.array(fc.tuple(fc.constantFrom(...FIELDS), value), { maxLength: 12 })).map(([valid, pairs]) =>
  valid ? Object.entries({ ...VALID, ...Object.fromEntries(pairs.slice(0, 2)) }) : pairs);

const FORM_TYPE = 'application/x-www-form-urlencoded';
const CONTENT_TYPES = [FORM_TYPE, 'multipart/form-data; boundary=xyz', 'multipart/form-data', 'application/json', 'text/plain', ''];
/** The harness's own origin; the others are foreign, or absent (''). */
const SAME_ORIGIN = 'http://localhost';
const ORIGINS = [SAME_ORIGIN, SAME_ORIGIN, 'https://evil.example', 'null', ''];
const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/;

const body = fc.oneof(
  { weight: 5, arbitrary: fields.map((pairs) => new URLSearchParams(pairs).toString()) },
  { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('--xyz\r\nContent-Disposition: form-data; name="requesterOrg"\r\n\r\nA\r\n--xyz--', '--xyz\r\nbroken', '%%%&&&===', 'a=%E0%A4%A') },
);

/** Which page a post goes to: the live form, the live survey, or an address where there is none. */
type Target = 'form' | 'survey' | 'no form' | 'no survey';
interface Post { target: Target; text: string; type: string; origin: string }

/** Anything at all. */
const anyPost = fc.record({ target: fc.constantFrom<Target>('form', 'survey', 'no form', 'no survey'), text: body, type: fc.constantFrom(...CONTENT_TYPES), origin: fc.constantFrom(...ORIGINS) });
/** A valid post from the page itself, hostile values only in fields the pages ignore. */
const validPost = fc.record({
  target: fc.constantFrom<Target>('form', 'survey'),
  text: fc.array(fc.tuple(fc.constantFrom(...IGNORED), value), { maxLength: 3 }).map((extra) => new URLSearchParams([...Object.entries(VALID), ...extra]).toString()),
  type: fc.constant(FORM_TYPE),
  origin: fc.constant(SAME_ORIGIN),
});
const post = fc.oneof({ weight: 4, arbitrary: anyPost }, { weight: 1, arbitrary: validPost.map((p) => ({ ...p, valid: true })) });

/**
 * What a post must get. Stored: a valid post from the page (201 a request, 200 an answer). Refused (4xx):
 * one to an address with no form, not sent as a form, or from another origin. Otherwise: anything but a 5xx.
 */
function expected(p: Post & { valid?: boolean }): 'stored' | 'refused' | 'no 5xx' {
  if (p.valid) return 'stored';
  if (p.target === 'no form' || p.target === 'no survey' || !FORM_TYPES.test(p.type) || p.origin !== SAME_ORIGIN) return 'refused';
  return 'no 5xx';
}

describe.each(backends)('fuzzed public posts on $name', (backend) => {
  test('no post gets a 5xx; stored requests are valid rows of the form\'s source', async () => {
    const h = await harness(backend, { env: { EQUITY_DESK_INTAKE_RATE_LIMIT: '100000' } });
    const src = await h.source();
    const form = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: src.id } })).body;
    await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'done', values: { receivedOn: '2026-10-01', requesterOrg: 'City', status: 'Fulfilled' } }] } });
    const link = new URL((await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'done' } })).body.url).pathname;
    const paths: Record<Target, string> = { form: `/intake/${form.id}`, survey: link, 'no form': '/intake/frm_unknown', 'no survey': '/feedback/not-a-token' };
    const seen = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(post, async (p) => {
        const headers: Record<string, string> = {};
        if (p.type) headers['Content-Type'] = p.type;
        if (p.origin) headers.Origin = p.origin;
        const r = await h.call('POST', paths[p.target], { body: p.text, headers });
        const what = `${p.target} ${p.type} ${p.origin} ${p.text.slice(0, 80)}`;
        const must = expected(p);
        if (must === 'stored') expect(r.status, what).toBe(p.target === 'form' ? 303 : 200);
        else if (must === 'refused') expect(r.status, what).toSatisfy((s: number) => s >= 400 && s < 500);
        else expect(r.status, what).toBeLessThan(500);
        if (r.status < 400) seen.accepted++;
        if (r.status >= 400) seen.refused++;
        expect(r.headers.get('content-type')).toMatch(/text\/html/);
      }),
      {
        numRuns: 300,
        examples: [
          [{ target: 'form', text: new URLSearchParams(VALID).toString(), type: FORM_TYPE, origin: SAME_ORIGIN, valid: true }],
          [{ target: 'form', text: new URLSearchParams(VALID).toString(), type: FORM_TYPE, origin: 'https://evil.example' }],
        ],
      },
    );
    expect(h.reported).toEqual([]);
    // Both sides were exercised in this run.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.refused).toBeGreaterThan(0);
    for await (const row of h.store.rows('requests', { sourceIds: [src.id] })) {
      expect(validateRow(TABLES.requests, row.values as never).errors, row.rowId).toEqual([]);
    }
  }, 180_000);
});
