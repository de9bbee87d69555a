// The requester's side on both backends: forms turned on and off by an admin, a public post stored at once
// as a request of the form's source (numbered in the sheet's style, counted in metrics, waiting in the
// outbox for the sheet), errors shown beside fields, spam limits, and the feedback survey end to end.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, test } from 'vitest';
import { FEEDBACK_NOT_SAVED } from '../../../sync/api/routes/feedback-routes';
import { MAX_FORM_BODY_BYTES } from '../../../sync/api/routes/intake-routes';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { digestToken } from '../../../sync/store/tokens';
import { SUBMISSION_KEY_KEPT_DAYS } from '../../../sync/intake/submit-request';
import { storeBackends, type Backend } from '../../support/store-backends';
import { ADMIN_TOKEN, harness as plainHarness, type Harness, type HarnessOptions } from './api-harness';

const backends = storeBackends('api_intake');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const ORIGIN = { Origin: 'http://localhost' };
const FORM = { 'Content-Type': 'application/x-www-form-urlencoded' };

const good = {
  requesterOrg: 'Harbor County Health',
  requesterType: 'County',
  contactName: 'Dana Whitfield',
  contactEmail: 'dana@harbor.example.gov',
  category: 'Budget equity tool',
  description: 'We want to apply the budget equity tool to our FY27 budget.',
  dueOn: '2026-12-20',
  preferredChannel: 'Meeting',
};

const post = (h: Harness, path: string, fields: Record<string, string>, headers: Record<string, string> = ORIGIN) =>
  h.call('POST', path, { body: new URLSearchParams(fields).toString(), headers: { ...FORM, ...headers } });

async function openForm(h: Harness, sourceId: string, title?: string) {
  const r = await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId, ...(title ? { title } : {}) } });
  expect(r.status).toBe(201);
  return r.body as { id: string; url: string };
}

const december = () => new Date('2026-12-02T15:00:00Z');

/** The service with its read routes (metrics, dashboard), as `serve` mounts them. */
async function harness(backend: Backend, opts: HarnessOptions = {}): Promise<Harness> {
  const store = await backend.open();
  const clock = opts.clock ?? (() => new Date());
  return plainHarness(backend, { ...opts, reuse: store, readRoutes: readRoutes({ store, clock }) });
}

/** The confirmation a stored post sends the browser on to (Post/Redirect/Get), as the browser then shows it. */
async function confirmation(h: Harness, sent: Awaited<ReturnType<Harness['call']>>) {
  expect(sent.status).toBe(303);
  const shown = await h.call('GET', sent.headers.get('location')!);
  expect(shown.status).toBe(200);
  return shown;
}

/** The confirmation address of a stored post, less its status link's key (each post is given a link of its own): which request it shows. */
const requestAddress = (sent: Awaited<ReturnType<Harness['call']>>) => sent.headers.get('location')!.split('?')[0];

/** The one-time key a form page carries, which makes a repeat of its post the same request. */
function submissionKeyOf(page: string): string {
  const key = /<input type="hidden" name="submissionKey" value="([^"]+)">/.exec(page)?.[1];
  expect(key, 'the page carries a submission key').toMatch(/^[A-Za-z0-9_-]{22}$/);
  return key!;
}

async function rowsOf(h: Harness, sourceId: string) {
  const rows = [];
  for await (const r of h.store.rows('requests', { sourceIds: [sourceId] })) rows.push(r);
  return rows;
}

describe.each(backends)('intake form on $name', (backend) => {
  test('an admin opens a form; a post becomes a New Web-form request numbered after the sheet\'s own, counted at once', async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source('Commission TA log');
    const sync = await h.call('POST', '/api/v1/sync', {
      token: src.token,
      body: { table: 'requests', rows: [30, 7].map((n) => ({ rowId: `r${n}`, values: { requestId: `TA-2026-${String(n).padStart(4, '0')}`, receivedOn: '2026-11-02', requesterOrg: 'Dept. of Parks' } })) },
    });
    expect(sync.body.accepted).toBe(2);
    const form = await openForm(h, src.id, 'Ask the Commission');
    expect(form.url).toBe(`http://localhost/intake/${form.id}`);
    const before = (await h.call('GET', '/api/v1/metrics', { token: ADMIN_TOKEN })).body.demand.total;

    const page = await h.call('GET', `/intake/${form.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Ask the Commission</h1>');
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // One script, the one the policy allows by its digest: Send disabled once pressed.
    const scripts = [...page.text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);
    expect(scripts).toHaveLength(1);
    expect(page.headers.get('content-security-policy')).toContain(`script-src 'sha256-${createHash('sha256').update(scripts[0]).digest('base64')}';`);
    for (const name of Object.keys(good)) expect(page.text, name).toContain(`name="${name}"`);
    expect(page.text).toContain('<option>Budget equity tool</option>');
    // The limit is said before anyone types, not enforced by a browser that cuts a paste short unseen.
    expect(page.text).toMatch(/id="description-hint">[^<]*Up to 5,000 characters\.<\/p>/);

    const sent = await post(h, `/intake/${form.id}`, good);
    expect(sent.status).toBe(303);
    expect((await confirmation(h, sent)).text).toContain('TA-2026-0031');

    const rows = await rowsOf(h, src.id);
    const web = rows.find((r) => r.rowId.startsWith('web-'))!;
    expect(web.values).toMatchObject({ requestId: 'TA-2026-0031', receivedOn: '2026-12-02', channel: 'Web form', origin: 'Reactive', status: 'New', requesterOrg: good.requesterOrg, contactEmail: good.contactEmail, dueOn: '2026-12-20', preferredChannel: 'Meeting' });
    expect((await h.call('GET', '/api/v1/metrics', { token: ADMIN_TOKEN })).body.demand.total).toBe(before + 1);

    // The sheet has not written it yet: it is in the outbox and not in the sync state, so a sync cannot delete it.
    const outbox = await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token });
    expect(outbox.body.items).toEqual([expect.objectContaining({ rowId: web.rowId, kind: 'row', fields: null, values: expect.objectContaining({ requestId: 'TA-2026-0031' }) })]);
    const state = await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token });
    expect(state.body.rows.map((r: { rowId: string }) => r.rowId)).toEqual(['r30', 'r7']);
    const ack = await h.call('POST', '/api/v1/outbox/ack', { token: src.token, body: { table: 'requests', ids: [outbox.body.items[0].id] } });
    expect(ack.body).toEqual({ acknowledged: 1 });
    expect((await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token })).body.items).toEqual([]);
    expect((await h.call('GET', '/api/v1/sync/state?table=requests', { token: src.token })).body.rows).toHaveLength(3);

    const second = await post(h, `/intake/${form.id}`, good);
    expect((await confirmation(h, second)).text).toContain('TA-2026-0032');
    expect(h.reported).toEqual([]);
  });

  test("a post is not numbered with the Request ID of a row the sheet sent and the service rejected: the office sees that ID in its sheet", async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source('Commission TA log');
    const sent = (n: number, extra: Record<string, string> = {}) =>
      ({ rowId: `r${n}`, values: { requestId: `TA-2026-${String(n).padStart(4, '0')}`, receivedOn: '2026-11-02', requesterOrg: 'Dept. of Parks', ...extra } });
    // TA-2026-0031 was typed with a date no one can read: rejected, so no stored row holds its number.
    const sync = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [sent(30), sent(31, { receivedOn: '13/45/2026' })] } });
    expect(sync.body).toMatchObject({ accepted: 1, rejected: [expect.objectContaining({ rowId: 'r31' })] });
    const form = await openForm(h, src.id);
    expect((await confirmation(h, await post(h, `/intake/${form.id}`, good))).text).toContain('TA-2026-0032');
    const web = (await rowsOf(h, src.id)).find((r) => r.rowId.startsWith('web-'))!;
    expect(web.values.requestId).toBe('TA-2026-0032');
    expect(h.reported).toEqual([]);
  });

  test('a stored post answers 303 to a confirmation address of its own: reloading it files nothing, a guessed one shows nothing', async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source();
    const other = await h.source('Another office');
    const form = await openForm(h, src.id);
    const elsewhere = await openForm(h, other.id);
    const sent = await post(h, `/intake/${form.id}`, good);
    const location = sent.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/intake/${form.id}/sent/web-[0-9a-z]{9}-[A-Za-z0-9_-]{12}\\?status=eqd_[A-Za-z0-9_-]{43}$`));
    expect(sent.headers.get('cache-control')).toBe('no-store');
    for (let i = 0; i < 2; i++) {
      const shown = await h.call('GET', location);
      expect(shown.status).toBe(200);
      expect(shown.text).toContain('<span class="request-id">TA-2026-0001</span>');
      expect(shown.text).not.toContain(good.requesterOrg);
    }
    expect((await rowsOf(h, src.id)).map((r) => r.values.requestId)).toEqual(['TA-2026-0001']);
    const rowId = requestAddress(sent).split('/').pop()!;
    const guesses = [`/intake/${form.id}/sent/web-AAAAAAAAAAAA`, `/intake/${elsewhere.id}/sent/${rowId}`, `/intake/frm_nothing_here/sent/${rowId}`, `/intake/${form.id}/sent/r30`];
    for (const guess of guesses) {
      const shown = await h.call('GET', guess);
      expect(shown.status, guess).toBe(404);
      expect(shown.text, guess).not.toContain('TA-2026-0001');
    }
  });

  test('a form sent twice (a double click) is filed once: the repeat, even at the same moment on another instance, gets the first post\'s confirmation', async () => {
    const a = await harness(backend, { clock: december });
    const b = await plainHarness(backend, { clock: december, reuse: a.store });
    const src = await a.source();
    const form = await openForm(a, src.id);
    const path = `/intake/${form.id}`;
    const page = await a.call('GET', path);
    const key = submissionKeyOf(page.text);
    // Each page its own key: two tabs are two requests.
    const otherPage = submissionKeyOf((await a.call('GET', path)).text);
    expect(otherPage).not.toBe(key);
    // Sent back to fix, the page keeps its key: the corrected form is still the same request.
    const fix = await post(a, path, { ...good, requesterOrg: '', submissionKey: key });
    expect(fix.status).toBe(400);
    expect(submissionKeyOf(fix.text)).toBe(key);

    const twice = await Promise.all([post(a, path, { ...good, submissionKey: key }), post(b, path, { ...good, submissionKey: key })]);
    expect(twice.map((r) => r.status)).toEqual([303, 303]);
    expect(requestAddress(twice[1])).toBe(requestAddress(twice[0]));
    expect((await confirmation(a, twice[0])).text).toContain('TA-2026-0001');
    expect((await rowsOf(a, src.id)).map((r) => r.values.requestId)).toEqual(['TA-2026-0001']);
    // Sent again later (the back button, a reload of the post), still the first request.
    const later = await post(b, path, { ...good, submissionKey: key });
    expect(requestAddress(later)).toBe(requestAddress(twice[0]));

    const other = await post(a, path, { ...good, submissionKey: otherPage });
    expect((await confirmation(a, other)).text).toContain('TA-2026-0002');
    // A page served before pages had keys, or a key not of ours, still files its request.
    expect((await confirmation(a, await post(a, path, good))).text).toContain('TA-2026-0003');
    expect((await confirmation(a, await post(a, path, { ...good, submissionKey: 'x' }))).text).toContain('TA-2026-0004');
    expect((await rowsOf(a, src.id)).map((r) => r.values.requestId).sort()).toEqual(['TA-2026-0001', 'TA-2026-0002', 'TA-2026-0003', 'TA-2026-0004']);
    expect([...a.reported, ...b.reported]).toEqual([]);
  });

  test('the same page sent again with other answers (back to the form, a second request typed over the first) is filed as its own request, not answered with the first one\'s number', async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const path = `/intake/${form.id}`;
    const key = submissionKeyOf((await h.call('GET', path)).text);
    const first = await post(h, path, { ...good, submissionKey: key });
    expect((await confirmation(h, first)).text).toContain('TA-2026-0001');
    const second = { ...good, category: 'Training & workshops', description: 'A training for our new hires on the equity lens.' };
    const again = await post(h, path, { ...second, submissionKey: key });
    expect(requestAddress(again)).not.toBe(requestAddress(first));
    expect((await confirmation(h, again)).text).toContain('TA-2026-0002');
    // Its own double click is still one request.
    expect(requestAddress(await post(h, path, { ...second, submissionKey: key }))).toBe(requestAddress(again));
    expect((await rowsOf(h, src.id)).map((r) => [r.values.requestId, r.values.description]).sort()).toEqual([
      ['TA-2026-0001', good.description], ['TA-2026-0002', second.description],
    ]);
    expect(h.reported).toEqual([]);
  });

  test('a repeat that reaches another instance while the first post is being filed waits for it, or asks to be sent again', async () => {
    const store = await backend.open();
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let filing!: () => void;
    const entered = new Promise<void>((resolve) => (filing = resolve));
    // Instance A's writes wait at the gate, as a filing slowed by load does.
    const slow = { ...store, applyBatch: async (batch: Parameters<typeof store.applyBatch>[0]) => (filing(), await gate, store.applyBatch(batch)) };
    const a = await plainHarness(backend, { clock: december, reuse: slow });
    const src = await a.source();
    const form = await openForm(a, src.id);
    const path = `/intake/${form.id}`;
    const key = submissionKeyOf((await a.call('GET', path)).text);
    const first = post(a, path, { ...good, submissionKey: key });
    await entered;

    const waiting = await plainHarness(backend, { clock: december, reuse: store });
    const repeat = await waiting.call('POST', path, { body: new URLSearchParams({ ...good, submissionKey: key }).toString(), headers: { ...FORM, ...ORIGIN } });
    expect(repeat.status).toBe(503);
    expect(repeat.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(repeat.text).toContain('it will not be filed twice');

    // Polling again, the repeat sees the first post stored once the gate opens.
    let claims = 0;
    const counting = { ...store, claimSubmission: (p: Parameters<typeof store.claimSubmission>[0]) => (++claims === 2 && release(), store.claimSubmission(p)) };
    const b = await plainHarness(backend, { clock: december, reuse: counting });
    const [sent, again] = await Promise.all([first, post(b, path, { ...good, submissionKey: key })]);
    expect(claims).toBeGreaterThanOrEqual(2);
    expect(again.status).toBe(303);
    expect(requestAddress(again)).toBe(requestAddress(sent));
    expect((await rowsOf(a, src.id)).map((r) => r.values.requestId)).toEqual(['TA-2026-0001']);
  }, 30_000);

  test('a page\'s one-time key is kept for a repeat as long as a browser could send one, then forgotten at the next post, so the keys do not pile up', async () => {
    let now = december();
    const h = await harness(backend, { clock: () => now, env: { EQUITY_DESK_INTAKE_RATE_LIMIT: '100' } });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const path = `/intake/${form.id}`;
    const key = submissionKeyOf((await h.call('GET', path)).text);
    // Needed by a day after the last post, so none is refused for a deadline before it was received.
    const answers = { ...good, dueOn: '2027-03-31' };
    const first = await post(h, path, { ...answers, submissionKey: key });
    const days = (n: number) => new Date(december().getTime() + n * 86_400_000);
    // A repeat on the last day the key is kept is still the first request.
    now = days(SUBMISSION_KEY_KEPT_DAYS);
    expect(requestAddress(await post(h, path, { ...answers, submissionKey: key }))).toBe(requestAddress(first));
    // A day later another page's post forgets it: the same page sent now is a new request.
    now = days(SUBMISSION_KEY_KEPT_DAYS + 1);
    const other = await post(h, path, { ...answers, submissionKey: submissionKeyOf((await h.call('GET', path)).text) });
    expect(other.status).toBe(303);
    const late = await post(h, path, { ...answers, submissionKey: key });
    expect(late.status).toBe(303);
    expect(requestAddress(late)).not.toBe(requestAddress(first));
    expect(await rowsOf(h, src.id)).toHaveLength(3);
  });

  test('a post refused by the daily cap leaves its key free: sent again the next day, it is filed', async () => {
    let now = december();
    const h = await harness(backend, { clock: () => now, env: { EQUITY_DESK_INTAKE_DAILY_CAP: '1', EQUITY_DESK_INTAKE_RATE_LIMIT: '100' } });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const path = `/intake/${form.id}`;
    expect((await post(h, path, good)).status).toBe(303);
    const key = submissionKeyOf((await h.call('GET', path)).text);
    expect((await post(h, path, { ...good, submissionKey: key })).status).toBe(429);
    now = new Date('2026-12-03T15:00:00Z');
    expect((await confirmation(h, await post(h, path, { ...good, submissionKey: key }))).text).toContain('TA-2026-0002');
    expect(await rowsOf(h, src.id)).toHaveLength(2);
  });

  test('a form\'s daily counts are forgotten once their day has passed, so they do not pile up, and the cap still holds today', async () => {
    let now = december();
    const h = await harness(backend, { clock: () => now, env: { EQUITY_DESK_INTAKE_DAILY_CAP: '1', EQUITY_DESK_INTAKE_RATE_LIMIT: '100' } });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const path = `/intake/${form.id}`;
    const days = async () => (await backend.query(`select day from intake_daily where form_id = '${form.id}' order by day`)).map((r) => r.day);
    const answers = { ...good, dueOn: '2027-03-31' };
    for (const day of ['2026-12-02', '2026-12-03', '2026-12-05']) {
      now = new Date(`${day}T15:00:00Z`);
      expect((await post(h, path, answers)).status).toBe(303);
    }
    // The day before is kept for an instance whose clock is still there at midnight.
    expect(await days()).toEqual(['2026-12-05']);
    now = new Date('2026-12-06T15:00:00Z');
    expect((await post(h, path, answers)).status).toBe(303);
    expect((await post(h, path, answers)).status).toBe(429);
    expect(await days()).toEqual(['2026-12-05', '2026-12-06']);
    expect(await rowsOf(h, src.id)).toHaveLength(4);
  });

  test('two instances on one database never give two requests one number', async () => {
    const a = await harness(backend, { clock: december });
    const b = await plainHarness(backend, { clock: december, reuse: a.store });
    const src = await a.source('Commission TA log');
    const form = await openForm(a, src.id);
    await a.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'typed', values: { requestId: 'TA-2026-0007', receivedOn: '2026-11-02', requesterOrg: 'Dept. of Parks' } }] } });
    const sent = await Promise.all(Array.from({ length: 8 }, (_, i) => post(i % 2 ? b : a, `/intake/${form.id}`, good)));
    expect(sent.map((r) => r.status)).toEqual(Array(8).fill(303));
    const numbers = (await rowsOf(a, src.id)).map((r) => r.values.requestId).sort();
    expect(numbers).toEqual(['TA-2026-0007', ...Array.from({ length: 8 }, (_, i) => `TA-2026-${String(8 + i).padStart(4, '0')}`)]);
  });

  test('web-form requests are listed in the order they came in, as the master workbook lists a source\'s rows', async () => {
    let now = Date.parse('2026-12-02T15:00:00Z');
    const h = await harness(backend, { clock: () => new Date((now += 1_000)) });
    const src = await h.source('Commission TA log');
    const form = await openForm(h, src.id);
    for (let i = 0; i < 8; i++) expect((await post(h, `/intake/${form.id}`, { ...good, contactName: `Requester ${i}` })).status).toBe(303);
    const listed = (await rowsOf(h, src.id)).map((r) => r.values.requestId);
    expect(listed).toHaveLength(8);
    expect(listed).toEqual([...listed].sort());
  });

  test('errors come back beside their fields with the values kept, and nothing is stored', async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const bad = await post(h, `/intake/${form.id}`, { ...good, contactEmail: 'dana at harbor', category: 'Astrology', dueOn: '2026-02-30', requesterOrg: '' });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/id="contactEmail-error">[^<]*email/i);
    expect(bad.text).toMatch(/id="category-error">Choose one of the listed options/);
    expect(bad.text).toMatch(/id="dueOn-error">Needed by: [^<]*not a date/);
    expect(bad.text).toMatch(/id="requesterOrg-error">Your organization is required/);
    expect(bad.text).toContain('value="dana at harbor"');
    expect(bad.text).toContain(`>${good.description}</textarea>`);
    expect(bad.text).toContain('role="alert"');
    // Each message reads as a sentence: the field is named by a noun, not an instruction ("Describe your request is required").
    const blank = await post(h, `/intake/${form.id}`, { ...good, description: '' });
    expect(blank.text).toMatch(/id="description-error">Your request is required\./);
    expect((await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token })).body.items).toEqual([]);
    expect(await rowsOf(h, src.id)).toEqual([]);
  });

  test('a post sent back to fix, or refused by the daily cap, uses up no Request ID: the numbers the office sees have no gaps', async () => {
    let now = december();
    const h = await harness(backend, { clock: () => now, env: { EQUITY_DESK_INTAKE_DAILY_CAP: '2', EQUITY_DESK_INTAKE_RATE_LIMIT: '100' } });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const path = `/intake/${form.id}`;
    expect((await post(h, path, { ...good, requesterOrg: '' })).status).toBe(400);
    expect((await post(h, path, { ...good, contactEmail: 'dana at harbor' })).status).toBe(400);
    const first = await post(h, path, good);
    expect(first.status).toBe(303);
    expect((await confirmation(h, first)).text).toContain('TA-2026-0001');
    expect((await post(h, path, { ...good, dueOn: '2025-01-01' })).status).toBe(400);
    expect((await confirmation(h, await post(h, path, good))).text).toContain('TA-2026-0002');
    expect((await post(h, path, good)).status).toBe(429);
    now = new Date('2026-12-03T15:00:00Z');
    expect((await confirmation(h, await post(h, path, good))).text).toContain('TA-2026-0003');
    const numbers = (await rowsOf(h, src.id)).map((r) => r.values.requestId).sort();
    expect(numbers).toEqual(['TA-2026-0001', 'TA-2026-0002', 'TA-2026-0003']);
  });

  test('a deadline already past (a mistyped year) is sent back to fix, in words; today and later are taken', async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const past = await post(h, `/intake/${form.id}`, { ...good, dueOn: '2025-12-20' });
    expect(past.status).toBe(400);
    expect(past.text).toMatch(/id="dueOn-error">Needed by: December 20, 2025 has already passed\. Choose today or a later date, or leave it blank\./);
    expect(past.text).toContain('value="2025-12-20"');
    expect(await rowsOf(h, src.id)).toEqual([]);
    const today = await post(h, `/intake/${form.id}`, { ...good, dueOn: '2026-12-02' });
    expect(today.status).toBe(303);
  });

  test('a deadline years away (2206 typed for 2026) is sent back to fix, in words; one within two years is taken', async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const far = await post(h, `/intake/${form.id}`, { ...good, dueOn: '2206-03-01' });
    expect(far.status).toBe(400);
    expect(far.text).toMatch(/id="dueOn-error">Needed by: March 1, 2206 is more than two years away\. Check the year, or leave it blank\./);
    expect(far.text).toContain('value="2206-03-01"');
    expect(await rowsOf(h, src.id)).toEqual([]);
    expect((await post(h, `/intake/${form.id}`, { ...good, dueOn: '2028-06-30' })).status).toBe(303);
  });

  test("a requester west of UTC, where it is still yesterday, may give their today as the deadline; the day before is refused", async () => {
    // 01:00 UTC on December 3 is the evening of December 2 in the Americas.
    const h = await harness(backend, { clock: () => new Date('2026-12-03T01:00:00Z') });
    const src = await h.source();
    const form = await openForm(h, src.id);
    expect((await post(h, `/intake/${form.id}`, { ...good, dueOn: '2026-12-02' })).status).toBe(303);
    const before = await post(h, `/intake/${form.id}`, { ...good, dueOn: '2026-12-01' });
    expect(before.status).toBe(400);
    expect(before.text).toContain('December 1, 2026 has already passed');
  });

  test('spam and abuse: honeypot, cross-site posts, body size, per-address rate, daily cap, removed forms', async () => {
    const h = await harness(backend, { clock: december, env: { EQUITY_DESK_INTAKE_DAILY_CAP: '2', EQUITY_DESK_INTAKE_RATE_LIMIT: '100' } });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const path = `/intake/${form.id}`;
    const count = async () => (await rowsOf(h, src.id)).length;

    const bot = await post(h, path, { ...good, website: 'http://spam.example' });
    expect(bot.status).toBe(200);
    expect(await count()).toBe(0);

    const forged = await post(h, path, good, { Origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(forged.headers.get('content-type')).toMatch(/text\/html/);
    const json = await h.call('POST', path, { body: good, headers: ORIGIN });
    expect(json.status).toBe(400);
    // A pasted request over the field's 5,000 characters comes back whole with the reason: no browser cut it short unseen.
    const pasted = `${'Our department needs help with its equity action plan. '.repeat(720)}THE END`;
    const tooLong = await post(h, path, { ...good, description: pasted });
    expect(tooLong.status).toBe(400);
    expect(tooLong.text).toMatch(/id="description-error">Your request is longer than 5,000 characters; shorten it/);
    expect(tooLong.text).toContain('THE END</textarea>');
    expect(tooLong.text).not.toMatch(/maxlength=/);
    const huge = await post(h, path, { ...good, description: 'x'.repeat(MAX_FORM_BODY_BYTES) });
    expect(huge.status).toBe(413);
    // In the words of the page, whose field is "Your request", and saying how to keep what was typed.
    expect(huge.text).toContain('Go back, shorten your request and send it again');
    const long = await post(h, path, { ...good, contactName: 'y'.repeat(300) });
    expect(long.status).toBe(400);
    expect(long.text).toMatch(/id="contactName-error">Your name is longer than 200 characters/);
    expect(await count()).toBe(0);

    expect((await post(h, path, good)).status).toBe(303);
    expect((await post(h, path, good)).status).toBe(303);
    const capped = await post(h, path, good);
    expect(capped.status).toBe(429);
    expect(capped.text).toMatch(/try again tomorrow/);
    expect(await count()).toBe(2);

    expect((await h.call('DELETE', `/api/v1/forms/${form.id}`, { token: ADMIN_TOKEN })).status).toBe(204);
    const gone = await h.call('GET', path);
    expect(gone.status).toBe(410);
    expect(gone.text).toMatch(/no longer in use/);
    expect((await post(h, path, good)).status).toBe(410);
    expect((await h.call('GET', '/intake/frm_nothing_here')).status).toBe(404);
    const listed = await h.call('GET', '/api/v1/forms', { token: ADMIN_TOKEN });
    expect(listed.body.forms.filter((f: { sourceId: string }) => f.sourceId === src.id)).toEqual([expect.objectContaining({ id: form.id, removedAt: expect.any(String) })]);
    expect(h.reported).toEqual([]);
  });

  test('the per-address limit refuses a burst with Retry-After, and says in words how long to wait and what to do then', async () => {
    let now = december();
    const h = await harness(backend, { clock: () => now, env: { EQUITY_DESK_INTAKE_RATE_LIMIT: '3' } });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await post(h, `/intake/${form.id}`, { ...good, requesterOrg: '' })).status);
    expect(statuses).toEqual([400, 400, 400, 429, 429]);
    const refused = await post(h, `/intake/${form.id}`, good);
    expect(refused.headers.get('retry-after')).toBe('20');
    expect(refused.text).toContain('Too many forms were sent from your network in the last minute. Wait 20 seconds, then go back and send yours again.');
    now = new Date(now.getTime() + 19_500);
    expect((await post(h, `/intake/${form.id}`, good)).text).toContain('Wait 1 second, then go back');
  });

  test('the form offers the dropdowns the sheet sent, and takes a value only they hold', async () => {
    const h = await harness(backend, { clock: december });
    const src = await h.source();
    const form = await openForm(h, src.id);
    const sent = await h.call('POST', '/api/v1/lists', { token: src.token, body: { lists: { category: ['Housing policy', 'Budget equity tool'], requesterType: ['County', 'Tribal government'] } } });
    expect(sent.status).toBe(200);
    const page = await h.call('GET', `/intake/${form.id}`);
    expect(page.text).toContain('<option>Housing policy</option>');
    expect(page.text).not.toContain('<option>Language access</option>');
    const stored = await post(h, `/intake/${form.id}`, { ...good, category: 'Housing policy' });
    expect(stored.status).toBe(303);
    expect((await rowsOf(h, src.id)).map((r) => r.values.category)).toEqual(['Housing policy']);
    const refused = await post(h, `/intake/${form.id}`, { ...good, category: 'Language access' });
    expect(refused.status).toBe(400);
    expect((await h.call('POST', '/api/v1/lists', { token: ADMIN_TOKEN, body: { lists: {} } })).status).toBe(403);
    expect((await h.call('POST', '/api/v1/lists', { token: src.token, body: { lists: { category: ['x'.repeat(300)] } } })).status).toBe(400);
  });

  test('only an admin opens forms, and only for a registered source', async () => {
    const h = await harness(backend);
    const src = await h.source();
    expect((await h.call('POST', '/api/v1/forms', { token: src.token, body: { sourceId: src.id } })).status).toBe(403);
    const unknown = await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: 'src_nope' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/src_nope is not a registered source/);
  });
});

describe.each(backends)('feedback survey on $name', (backend) => {
  test('a fulfilled request gets a link; the answer reaches the row, the outbox and the metrics; it can be changed for 14 days', async () => {
    let now = december();
    const h = await harness(backend, { clock: () => now });
    const src = await h.source();
    await h.call('POST', '/api/v1/sync', {
      token: src.token,
      body: { table: 'requests', rows: [
        { rowId: 'done', values: { requestId: 'TA-2026-0004', receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'Fulfilled', fulfilledOn: '2026-11-01' } },
        { rowId: 'open', values: { requestId: 'TA-2026-0005', receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'In progress' } },
        { rowId: 'closed', values: { requestId: 'TA-2026-0006', receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'Closed' } },
      ] },
    });
    const notYet = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'open' } });
    expect(notYet.status).toBe(409);
    // Closed without a fulfillment day ("Closed - no response") delivered nothing to give feedback on (decision 007).
    const closed = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'closed' } });
    expect(closed.status).toBe(409);
    expect(closed.body.error.message).toBe('row "closed" is not fulfilled yet: set its status to Fulfilled (or its Fulfilled date) and sync first');
    expect((await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'nope' } })).status).toBe(404);
    const other = await h.source('Another');
    expect((await h.call('POST', '/api/v1/feedback-links', { token: other.token, body: { table: 'requests', rowId: 'done' } })).status).toBe(404);

    const link = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'done' } });
    expect(link.status).toBe(201);
    const path = new URL(link.body.url).pathname;
    expect(path).toMatch(/^\/feedback\/eqd_[A-Za-z0-9_-]{43}$/);
    const metrics = async () => (await h.call('GET', '/api/v1/metrics', { token: ADMIN_TOKEN })).body;
    expect((await metrics()).survey).toEqual({ requestsAsked: 1, requestsAnswered: 0, actionPlanAdopted: 0, responseRatePercent: 0 });

    const page = await h.call('GET', path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('TA-2026-0004');
    const wrong = await post(h, path, { satisfaction: '9', outcome: 'Nope' });
    expect(wrong.status).toBe(400);
    expect(wrong.text).toMatch(/id="satisfaction-error">Satisfaction must be a whole number from 1 to 5/);
    expect(wrong.text).toMatch(/id="outcome-error">Choose one of the listed options for &quot;Outcome so far&quot;/);

    const longComment = await post(h, path, { satisfaction: '4', comment: `${'y'.repeat(2_500)} THE END` });
    expect(longComment.status).toBe(400);
    expect(longComment.text).toMatch(/id="comment-error">Your comment is longer than 2,000 characters; shorten it/);
    expect(longComment.text).toContain('THE END</textarea>');
    expect(longComment.text).not.toMatch(/maxlength=/);
    const huge = await post(h, path, { satisfaction: '4', comment: 'x'.repeat(MAX_FORM_BODY_BYTES) });
    expect(huge.status).toBe(413);
    expect(huge.text).toContain('Go back, shorten your comment and send it again');
    const answered = await post(h, path, { satisfaction: '4', outcome: 'Action plan adopted', actionPlanAdopted: 'yes', comment: 'Clear and practical.' });
    expect(answered.status).toBe(200);
    expect(answered.text).toMatch(/change it on this page until December 16, 2026\./);
    const row = await h.store.storedRow(src.id, 'requests', 'done');
    expect(row).toMatchObject({ satisfaction: 4, outcome: 'Action plan adopted', feedbackComment: 'Clear and practical.', status: 'Fulfilled' });
    const m = await metrics();
    expect(m.satisfaction).toMatchObject({ responses: 1, average: 4 });
    expect(m.survey).toEqual({ requestsAsked: 1, requestsAnswered: 1, actionPlanAdopted: 1, responseRatePercent: 100 });
    const outbox = await h.call('GET', '/api/v1/outbox?table=requests', { token: src.token });
    expect(outbox.body.items).toEqual([expect.objectContaining({ rowId: 'done', kind: 'fields', fields: ['outcome', 'satisfaction', 'feedbackComment', 'actionPlanAdopted'], values: expect.objectContaining({ satisfaction: 4, actionPlanAdopted: true }) })]);

    now = new Date(now.getTime() + 10 * 86_400_000);
    const changed = await post(h, path, { satisfaction: '5', outcome: 'Action plan adopted', actionPlanAdopted: 'yes', comment: 'Even better on reflection.' });
    expect(changed.status).toBe(200);
    expect(await h.store.storedRow(src.id, 'requests', 'done')).toMatchObject({ satisfaction: 5, feedbackComment: 'Even better on reflection.' });

    now = new Date(now.getTime() + 5 * 86_400_000);
    const late = await post(h, path, { satisfaction: '1' });
    expect(late.status).toBe(410);
    // A requester who answered is told the answer is kept, and when it was last changed, not only that the link expired.
    const kept = 'We have your answer, as last changed on December 12, 2026. It can no longer be changed: an answer may be changed for 14 days after it is first given. Thank you for your time.';
    expect(late.text).toContain(kept);
    const reopened = await h.call('GET', path);
    expect(reopened.status).toBe(410);
    expect(reopened.text).toContain(kept);
    expect(await h.store.storedRow(src.id, 'requests', 'done')).toMatchObject({ satisfaction: 5 });
    expect((await h.call('GET', '/feedback/eqd_' + 'A'.repeat(43))).status).toBe(404);
    expect(h.reported).toEqual([]);
  });

  test('an answer the store fails to write leaves nothing of it, and the requester is asked to send it again, not shown a 500', async () => {
    let fail = false;
    // The batch that writes the answer into the request's row fails once it has written all it writes.
    const store = await backend.open({ beforeCommit: (batch) => {
      if (fail && batch.upserts.length > 0) throw new Error('injected failure');
    } });
    const h = await plainHarness(backend, { clock: december, reuse: store });
    const src = await h.source();
    await h.call('POST', '/api/v1/sync', {
      token: src.token,
      body: { table: 'requests', rows: [{ rowId: 'done', values: { requestId: 'TA-2026-0004', receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'Fulfilled', fulfilledOn: '2026-11-01', satisfaction: 5 } }] },
    });
    const link = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'done' } });
    const path = new URL(link.body.url).pathname;
    const answer = { satisfaction: '4', outcome: 'Action plan adopted', actionPlanAdopted: 'yes' };

    fail = true;
    const failed = await post(h, path, answer);
    expect(failed.status).toBe(503);
    expect(failed.headers.get('retry-after')).toBe('5');
    expect(failed.text).toContain(FEEDBACK_NOT_SAVED);
    // The fault is still reported for the operator; the requester's page says only what to do.
    expect(h.reported).toEqual([expect.objectContaining({ message: 'injected failure' })]);
    expect(await h.store.storedRow(src.id, 'requests', 'done')).toMatchObject({ satisfaction: 5 });
    expect(await h.store.surveyHolds(src.id, 'requests')).toEqual([]);
    expect(await h.store.outbox(src.id, 'requests')).toEqual([]);
    expect(await h.store.surveyCounts({ sourceIds: [src.id] })).toEqual({ requestsAsked: 1, requestsAnswered: 0, actionPlanAdopted: 0 });

    fail = false;
    const sent = await post(h, path, answer);
    expect(sent.status).toBe(200);
    expect(sent.text).toMatch(/change it on this page until/);
    // Sent again as it was (a double click): answered once, queued once.
    expect((await post(h, path, answer)).status).toBe(200);
    expect(await h.store.outbox(src.id, 'requests')).toHaveLength(1);
    expect(await h.store.storedRow(src.id, 'requests', 'done')).toMatchObject({ satisfaction: 4 });
  });

  test("a file source's office gets a link by the Request ID it sees; one number on two requests names both; one not there says to import", async () => {
    const h = await harness(backend, { clock: december });
    const made = await h.call('POST', '/api/v1/sources', { token: ADMIN_TOKEN, body: { name: 'Commission TA log', kind: 'file' } });
    const src = made.body as { id: string; token: string };
    const form = await openForm(h, src.id);
    // The web form numbers a request TA-2026-0001, and the office types a phoned-in request under the same number.
    await post(h, `/intake/${form.id}`, good);
    await h.call('POST', '/api/v1/sync', {
      token: src.token,
      body: { table: 'requests', rows: [
        { rowId: 'Requests:TA-2026-0183', values: { requestId: 'TA-2026-0183', receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'Fulfilled', fulfilledOn: '2026-11-01' } },
        { rowId: 'Requests:TA-2026-0001', values: { requestId: 'TA-2026-0001', receivedOn: '2026-10-02', requesterOrg: 'Dept. of Parks', status: 'Fulfilled', fulfilledOn: '2026-11-02' } },
      ] },
    });
    const ask = (rowId: string) => h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId } });

    const byNumber = await ask(' TA-2026-0183 ');
    expect(byNumber.status, byNumber.text).toBe(201);
    const link = await h.store.feedbackLink(digestToken(new URL(byNumber.body.url).pathname.split('/').pop()!));
    expect(link?.rowId).toBe('Requests:TA-2026-0183');
    expect((await ask('Requests:TA-2026-0183')).status).toBe(201);

    const two = await ask('TA-2026-0001');
    expect(two.status).toBe(409);
    expect(two.body.error.code).toBe('ambiguous');
    const web = (await rowsOf(h, src.id)).find((r) => r.rowId.startsWith('web-'))!;
    expect(two.body.error.message).toBe(`"TA-2026-0001" is the Request ID of 2 requests: Requests:TA-2026-0001 (Dept. of Parks, received 2026-10-02), ${web.rowId} (Harbor County Health, received 2026-12-02); send the row id of the one you mean, or give one of them another number`);

    const missing = await ask('TA-2026-0999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toBe('no request "TA-2026-0999" (by Request ID or row id) among this source\'s requests; import the workbook that holds it first');
    const sheet = await h.source('Sheet log');
    const fromSheet = await h.call('POST', '/api/v1/feedback-links', { token: sheet.token, body: { table: 'requests', rowId: 'TA-2026-0999' } });
    expect(fromSheet.body.error.message).toMatch(/; sync the sheet first$/);
  });
});
