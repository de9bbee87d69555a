// The requester's status link on both backends: the confirmation hands it out, the page shows where the request
// stands in the requester's words as the sheet moves it on, never what staff keep for themselves, and says so once
// the office removed the request.
import { afterAll, describe, expect, test } from 'vitest';
import { digestToken } from '../../../sync/store/tokens';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from './api-harness';

const backends = storeBackends('api_request_status');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const sent = {
  requesterOrg: 'Harbor County Health',
  requesterType: 'County',
  contactName: 'Dana Whitfield',
  contactEmail: 'dana@harbor.example.gov',
  category: 'Budget equity tool',
  description: 'We want to apply the budget equity tool\nto our FY27 budget.',
};

/** A request sent on a new form of a new source: its row id, its status link's path, and the confirmation as shown. */
async function filed(h: Harness) {
  const src = await h.source('Commission TA log');
  const form = (await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: src.id } })).body as { id: string };
  const post = await h.call('POST', `/intake/${form.id}`, { body: new URLSearchParams(sent).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' } });
  expect(post.status).toBe(303);
  const location = post.headers.get('location')!;
  const confirmation = await h.call('GET', location);
  const url = /<a class="status-link" href="([^"]+)">/.exec(confirmation.text)?.[1];
  expect(url, 'the confirmation gives the status link').toMatch(/^http:\/\/localhost\/requests\/eqd_[A-Za-z0-9_-]{43}$/);
  const rowId = new URL(location, 'http://localhost').pathname.split('/').pop()!;
  return { src, form, location, confirmation, rowId, path: new URL(url!).pathname };
}

describe.each(backends)('request status link on $name', (backend) => {
  test('the confirmation gives a private link, kept only as a digest, that a reload shows again', async () => {
    const h = await harness(backend, { clock: () => new Date('2026-12-02T15:00:00Z') });
    const { confirmation, location, path, src, rowId } = await filed(h);
    expect(confirmation.text).toContain('Keep this link to see where your request stands');
    expect(confirmation.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect((await h.call('GET', location)).text).toContain(path);
    const token = path.split('/').pop()!;
    expect(await h.store.statusLink(digestToken(token))).toMatchObject({ sourceId: src.id, rowId });
    expect(JSON.stringify(await backend.query('select * from status_links'))).not.toContain(token);
    // A confirmation shows no link but its own request's.
    const other = await filed(h);
    const mixed = await h.call('GET', `${location.split('?')[0]}?status=${other.path.split('/').pop()}`);
    expect(mixed.status).toBe(200);
    expect(mixed.text).not.toContain('/requests/');
  });

  test("the page shows the request as sent and its status in the requester's words, as the sheet moves it on, and nothing staff keep for themselves", async () => {
    let now = new Date('2026-12-02T15:00:00Z');
    const h = await harness(backend, { clock: () => now });
    const { path, src, rowId } = await filed(h);
    const first = await h.call('GET', path);
    expect(first.status).toBe(200);
    expect(first.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(first.headers.get('cache-control')).toBe('no-store');
    // Its address is its key: never compressed (page-compression.ts), so its size tells an outsider nothing.
    expect((await h.call('GET', path, { headers: { 'Accept-Encoding': 'gzip' } })).headers.get('content-encoding')).toBeNull();
    expect(first.text).toContain('<title>TA-2026-0001: Received</title>');
    expect(first.text).toContain('<p class="status-now">Received</p>');
    expect(first.text).toContain('Harbor County Health');
    expect(first.text).toContain('We want to apply the budget equity tool\nto our FY27 budget.');
    expect(first.text).toContain('<dt>Received</dt><dd><time datetime="2026-12-02">December 2, 2026</time></dd>');
    expect(first.text).toContain('Status last changed <time datetime="2026-12-02">');
    expect(first.text).not.toContain('Due date');
    // The form's footer speaks of answers sent; this page sends nothing, and is seen by whoever holds its link.
    expect(first.text).toContain('<footer>Equity Desk. Only someone with this link can see this page.</footer>');

    let row: Record<string, unknown> = (await h.store.storedRow(src.id, 'requests', rowId))!;
    const moved = async (day: string, values: Record<string, unknown>) => {
      now = new Date(`${day}T18:00:00Z`);
      row = { ...row, ...values };
      const r = await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId, values: row }] } });
      expect(r.body.accepted).toBe(1);
    };
    const staffOnly = { assignee: 'Jordan Reyes', notes: 'Budget office is slow to answer', estimatedHours: 12, hoursSpent: 7 };
    await moved('2026-12-04', { status: 'Waiting on requester', dueOn: '2027-01-15', ...staffOnly });
    await moved('2026-12-07', { status: 'Waiting on requester', priority: 'High', ...staffOnly });
    const waiting = await h.call('GET', path);
    expect(waiting.text).toContain('<p class="status-now">Waiting on you</p>');
    expect(waiting.text).toContain('We need more information from you: reply to the email you received or call us.');
    // The status changed on the 4th; the sync of the 7th changed other things only.
    expect(waiting.text).toContain('Status last changed <time datetime="2026-12-04">December 4, 2026</time>');
    expect(waiting.text).toContain('<dt>Due date</dt><dd><time datetime="2027-01-15">January 15, 2027</time></dd>');
    for (const hidden of ['Jordan Reyes', 'slow to answer', 'dana@harbor.example.gov', 'Dana Whitfield', 'High', '>12<', '>7<']) expect(waiting.text, hidden).not.toContain(hidden);

    for (const [status, words] of [['Triaged', 'Being reviewed'], ['Assigned', 'Assigned to our team'], ['In progress', 'In progress'], ['Fulfilled', 'Completed'], ['Closed', 'Closed'], ['Declined', 'Declined']]) {
      await moved('2026-12-10', { status });
      expect((await h.call('GET', path)).text, status).toContain(`<p class="status-now">${words}</p>`);
    }
    expect(h.reported).toEqual([]);
  });

  test("once the office sends the request's feedback survey, the status page offers it, and an answer given there is the emailed link's", async () => {
    const h = await harness(backend, { clock: () => new Date('2026-12-02T15:00:00Z') });
    const { path, src, rowId } = await filed(h);
    expect((await h.call('GET', path)).text).not.toContain('Tell us how we did');
    const none = await h.call('GET', `${path}/feedback`);
    expect(none.status).toBe(404);
    expect(none.text).toContain('There is no feedback survey for this request yet');
    expect((await h.call('GET', '/requests/eqd_' + 'A'.repeat(43) + '/feedback')).status).toBe(404);

    const row = (await h.store.storedRow(src.id, 'requests', rowId))!;
    await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId, values: { ...row, status: 'Fulfilled', fulfilledOn: '2026-12-02' } }] } });
    const emailed = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId } });
    expect(emailed.status).toBe(201);
    const offered = await h.call('GET', path);
    expect(offered.text).toContain(`<a href="${path}/feedback">Tell us how we did</a>`);
    const survey = await h.call('GET', `${path}/feedback`);
    expect(survey.status).toBe(200);
    expect(survey.headers.get('x-robots-tag')).toBe('noindex, nofollow');
    expect(survey.text).toContain(`action="${path}/feedback"`);
    expect(survey.text).toContain('TA-2026-0001');

    const answer = new URLSearchParams({ satisfaction: '5', outcome: 'Training delivered', comment: 'Found it from the status page.' }).toString();
    const sent = await h.call('POST', `${path}/feedback`, { body: answer, headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' } });
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('we have your answer');
    const link = await h.store.feedbackLink(digestToken(new URL(emailed.body.url).pathname.split('/').pop()!));
    expect(link?.answer).toEqual({ satisfaction: 5, outcome: 'Training delivered', actionPlanAdopted: null, comment: 'Found it from the status page.' });
    expect(await h.store.storedRow(src.id, 'requests', rowId)).toMatchObject({ satisfaction: 5, feedbackComment: 'Found it from the status page.' });
    expect((await h.call('GET', path)).text).toContain('See or change your feedback');
    expect(h.reported).toEqual([]);
  });

  test('a request the office removed says it is no longer tracked; a link never issued is not found', async () => {
    const h = await harness(backend, { clock: () => new Date('2026-12-02T15:00:00Z') });
    const { path, src, rowId } = await filed(h);
    await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [], deleted: [rowId] } });
    const removed = await h.call('GET', path);
    expect(removed.status).toBe(410);
    expect(removed.text).toContain('Request TA-2026-0001 is no longer tracked by the office');
    expect(removed.text).not.toContain('Harbor County Health');
    for (const guess of ['/requests/eqd_' + 'A'.repeat(43), '/requests/nothing', `/requests/${rowId}`]) {
      const r = await h.call('GET', guess);
      expect(r.status, guess).toBe(404);
      expect(r.text, guess).toContain('This request status link is not valid');
    }
  });

  test("a request staff typed in (a phone call) gets a status link from POST /api/v1/status-links, by row id or Request ID, for the source's own rows only; its page dates the last change from the request's whole history", async () => {
    let now = new Date('2026-11-02T18:00:00Z');
    const h = await harness(backend, { clock: () => now });
    const src = await h.source('Commission TA log');
    const phoned = { requestId: 'TA-2026-0040', receivedOn: '2026-11-02', requesterOrg: 'City of Eureka', channel: 'Phone', description: 'Help with a language access plan.', status: 'New' };
    const sync = (rows: { rowId: string; values: Record<string, unknown> }[]) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows } });
    expect((await sync([{ rowId: 'phone-1', values: phoned }, { rowId: 'twin-a', values: { ...phoned, requestId: 'TA-2026-0041' } }, { rowId: 'twin-b', values: { ...phoned, requestId: 'TA-2026-0041', requesterOrg: 'Humboldt County' } }])).body.accepted).toBe(3);
    now = new Date('2026-11-16T18:00:00Z');
    await sync([{ rowId: 'phone-1', values: { ...phoned, status: 'In progress', assignee: 'Jordan Reyes' } }]);
    now = new Date('2026-12-06T18:00:00Z');

    const ask = (body: unknown, token = src.token) => h.call('POST', '/api/v1/status-links', { token, body });
    const byId = await ask({ table: 'requests', rowId: 'TA-2026-0040' });
    expect(byId.status).toBe(201);
    expect(byId.body.url).toMatch(/^http:\/\/localhost\/requests\/eqd_[A-Za-z0-9_-]{43}$/);
    const page = await h.call('GET', new URL(byId.body.url).pathname);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<p class="status-now">In progress</p>');
    // It went In progress on the 16th, before the link was made: the page says so, not the day it was received.
    expect(page.text).toContain('Status last changed <time datetime="2026-11-16">November 16, 2026</time>');
    expect(page.text).not.toContain('Jordan Reyes');

    // Asked again (by its row id): another link, and the first one still works.
    const again = await ask({ table: 'requests', rowId: 'phone-1' });
    expect(again.status).toBe(201);
    expect(again.body.url).not.toBe(byId.body.url);
    for (const url of [byId.body.url, again.body.url]) expect((await h.call('GET', new URL(url).pathname)).status).toBe(200);
    expect(JSON.stringify(await backend.query('select * from status_links'))).not.toContain(new URL(again.body.url).pathname.split('/').pop());

    const unknown = await ask({ table: 'requests', rowId: 'TA-2026-0999' });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('no request "TA-2026-0999" (by Request ID or row id) among this source\'s requests; sync the sheet first');
    expect((await ask({ table: 'requests', rowId: 'phone-1' }, (await h.source('Another office')).token)).status).toBe(404);
    const workplan = await ask({ table: 'workplan', rowId: 'phone-1' });
    expect(workplan.status).toBe(400);
    expect(workplan.body.error.message).toBe('table: status links are for requests, not workplan');
    expect((await ask({ table: 'tickets', rowId: 'phone-1' })).status).toBe(400);
    const twins = await ask({ table: 'requests', rowId: 'TA-2026-0041' });
    expect(twins.status).toBe(409);
    expect(twins.body.error.message).toMatch(/^"TA-2026-0041" is the Request ID of 2 requests: twin-a \(City of Eureka, received 2026-11-02\), twin-b \(Humboldt County/);
    expect((await ask({ table: 'requests', rowId: 'phone-1' }, (await h.reviewer()).token)).status).toBe(403);
    expect((await h.call('POST', '/api/v1/status-links', { body: { table: 'requests', rowId: 'phone-1' } })).status).toBe(401);
    expect(h.reported).toEqual([]);
  });

  test("POST /api/v1/requester-links/revoke turns off every status and feedback link of one request, by Request ID or row id, for the source's own rows only; their pages say the office turned them off, and links asked for afterwards work", async () => {
    let now = new Date('2026-12-02T15:00:00Z');
    const h = await harness(backend, { clock: () => now });
    const { path: confirmed, location, src, rowId } = await filed(h);
    const sync = (rows: { rowId: string; values: Record<string, unknown> }[]) => h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows } });
    const done = { requestId: 'TA-2026-0050', receivedOn: '2026-11-02', requesterOrg: 'City of Eureka', channel: 'Phone', status: 'Fulfilled', fulfilledOn: '2026-12-01' };
    await sync([{ rowId: 'phone-1', values: done }, { rowId: 'phone-2', values: { ...done, requestId: 'TA-2026-0051', requesterOrg: 'Humboldt County' } }]);
    await sync([{ rowId, values: { ...(await h.store.storedRow(src.id, 'requests', rowId))!, status: 'Fulfilled', fulfilledOn: '2026-12-02' } }]);
    const ask = async (route: string, ref: string, token = src.token) => {
      const r = await h.call('POST', route, { token, body: { table: 'requests', rowId: ref } });
      expect(r.status, `${route} ${ref}`).toBe(201);
      return new URL(r.body.url as string).pathname;
    };
    const [status1, status2, survey1] = [await ask('/api/v1/status-links', 'TA-2026-0001'), await ask('/api/v1/status-links', rowId), await ask('/api/v1/feedback-links', 'TA-2026-0001')];
    const [otherStatus, otherSurvey] = [await ask('/api/v1/status-links', 'TA-2026-0051'), await ask('/api/v1/feedback-links', 'phone-2')];
    const form = (body: Record<string, string>) => ({ body: new URLSearchParams(body).toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: 'http://localhost' } });
    expect((await h.call('POST', survey1, form({ satisfaction: '4', comment: 'Sent before the link was turned off.' }))).status).toBe(200);
    const before = { row: await h.store.storedRow(src.id, 'requests', rowId), versions: await h.store.statusVersions(src.id, rowId), metrics: (await h.call('GET', '/api/v1/metrics', { token: ADMIN_TOKEN })).body };

    now = new Date('2026-12-03T15:00:00Z');
    const revoke = (ref: string, token = src.token, table = 'requests') => h.call('POST', '/api/v1/requester-links/revoke', { token, body: { table, rowId: ref } });
    const off = await revoke(' TA-2026-0001 ');
    expect(off.status).toBe(200);
    // The confirmation's link, the two asked for, and the survey.
    expect(off.body).toEqual({ statusLinks: 3, feedbackLinks: 1 });
    for (const turnedOff of [confirmed, status1, status2, `${status1}/feedback`, survey1]) {
      const page = await h.call('GET', turnedOff);
      expect(page.status, turnedOff).toBe(410);
      expect(page.headers.get('x-robots-tag'), turnedOff).toBe('noindex, nofollow');
      expect(page.text, turnedOff).toContain('<title>This link was turned off</title>');
      expect(page.text, turnedOff).toContain('The office turned this link off');
      expect(page.text, turnedOff).toContain('Contact the office that gave you this link: reply to the email it came in, or call or write to them as you did when you asked for help. Ask them for a new link');
      for (const hidden of ['TA-2026-0001', 'Harbor County Health', 'budget equity tool', 'Sent before']) expect(page.text, `${turnedOff} ${hidden}`).not.toContain(hidden);
    }
    expect((await h.call('GET', survey1)).text).toContain('An answer already sent through it has been kept.');
    // No answer is taken through a link turned off, at its address or the status page's.
    for (const post of [survey1, `${status1}/feedback`]) expect((await h.call('POST', post, form({ satisfaction: '1' }))).status, post).toBe(410);
    // The confirmation page no longer hands the link out.
    const confirmation = await h.call('GET', location);
    expect(confirmation.status).toBe(200);
    expect(confirmation.text).not.toContain('/requests/');

    // The request, its history and the figures are as they were; other requests' links work.
    expect(await h.store.storedRow(src.id, 'requests', rowId)).toEqual(before.row);
    expect(await h.store.statusVersions(src.id, rowId)).toEqual(before.versions);
    expect((await h.call('GET', '/api/v1/metrics', { token: ADMIN_TOKEN })).body).toEqual(before.metrics);
    for (const working of [otherStatus, otherSurvey]) expect((await h.call('GET', working)).status, working).toBe(200);

    // Asked again, by row id: nothing more to turn off. New links work; the new status page offers no survey turned off.
    expect((await revoke(rowId)).body).toEqual({ statusLinks: 0, feedbackLinks: 0 });
    const renewed = await ask('/api/v1/status-links', 'TA-2026-0001');
    const page = await h.call('GET', renewed);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<p class="status-now">Completed</p>');
    expect(page.text).not.toContain('Tell us how we did');
    const resurvey = await ask('/api/v1/feedback-links', rowId);
    expect((await h.call('GET', resurvey)).status).toBe(200);
    expect((await h.call('GET', renewed)).text).toContain(`<a href="${renewed}/feedback">Tell us how we did</a>`);

    // Answered as the link routes answer.
    const unknown = await revoke('TA-2026-0999');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe('no request "TA-2026-0999" (by Request ID or row id) among this source\'s requests; sync the sheet first');
    expect((await revoke('phone-2', (await h.source('Another office')).token)).status).toBe(404);
    expect((await h.call('GET', otherStatus)).status).toBe(200);
    await sync([{ rowId: 'twin', values: { ...done, requestId: 'TA-2026-0051' } }]);
    const twins = await revoke('TA-2026-0051');
    expect(twins.status).toBe(409);
    expect(twins.body.error.message).toMatch(/^"TA-2026-0051" is the Request ID of 2 requests: phone-2 \(Humboldt County/);
    expect((await revoke('phone-1', src.token, 'workplan')).status).toBe(400);
    expect((await h.call('POST', '/api/v1/requester-links/revoke', { token: src.token, body: { table: 'requests' } })).status).toBe(400);
    expect((await revoke('phone-1', (await h.reviewer()).token)).status).toBe(403);
    expect((await h.call('POST', '/api/v1/requester-links/revoke', { body: { table: 'requests', rowId: 'phone-1' } })).status).toBe(401);
    expect((await h.call('GET', otherSurvey)).status).toBe(200);
    expect(h.reported).toEqual([]);
  });

  test("POST /api/v1/requester-links/revoke-link turns off one link, named by its address or its token, of the source's own links only; the request's other links keep working", async () => {
    const h = await harness(backend, { clock: () => new Date('2026-12-02T15:00:00Z') });
    const { path: confirmed, location, src, rowId } = await filed(h);
    await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId, values: { ...(await h.store.storedRow(src.id, 'requests', rowId))!, status: 'Fulfilled', fulfilledOn: '2026-12-02' } }] } });
    const ask = async (route: string, token = src.token) => (await h.call('POST', route, { token, body: { table: 'requests', rowId: 'TA-2026-0001' } })).body.url as string;
    const [forwarded, kept, survey] = [await ask('/api/v1/status-links'), await ask('/api/v1/status-links'), await ask('/api/v1/feedback-links')];
    const path = (url: string) => new URL(url).pathname;
    const revoke = (link: unknown, token = src.token) => h.call('POST', '/api/v1/requester-links/revoke-link', { token, body: { link } });

    // The address as sent, copied with the brackets an email client puts around it.
    const off = await revoke(` <${forwarded}> `);
    expect(off.status).toBe(200);
    expect(off.body).toEqual({ statusLinks: 1, feedbackLinks: 0 });
    const page = await h.call('GET', path(forwarded));
    expect(page.status).toBe(410);
    expect(page.text).toContain('The office turned this link off');
    expect((await h.call('GET', `${path(forwarded)}/feedback`)).status).toBe(410);
    // The request's other links work: the confirmation's, the other status link, the survey.
    for (const working of [confirmed, path(kept), path(survey), `${path(kept)}/feedback`]) expect((await h.call('GET', working)).status, working).toBe(200);
    expect((await h.call('GET', location)).text).toContain(confirmed);

    // The survey by its token alone; then the confirmation's link by the confirmation's own address.
    expect((await revoke(path(survey).split('/').pop())).body).toEqual({ statusLinks: 0, feedbackLinks: 1 });
    expect((await h.call('GET', path(survey))).status).toBe(410);
    expect((await h.call('GET', path(kept))).text).not.toContain('Tell us how we did');
    expect((await revoke(`http://localhost${location}`)).body).toEqual({ statusLinks: 1, feedbackLinks: 0 });
    expect((await h.call('GET', confirmed)).status).toBe(410);
    expect((await h.call('GET', location)).text).not.toContain('/requests/');
    expect((await h.call('GET', path(kept))).status).toBe(200);
    // Again: nothing more to turn off.
    expect((await revoke(forwarded)).body).toEqual({ statusLinks: 0, feedbackLinks: 0 });

    // Another source's link is none of this source's; text that names no link is refused; roles as for the others.
    const other = await h.source('Another office');
    await h.call('POST', '/api/v1/sync', { token: other.token, body: { table: 'requests', rows: [{ rowId: 'p1', values: { requestId: 'TA-2026-0002', receivedOn: '2026-11-02', requesterOrg: 'City of Eureka' } }] } });
    const theirsLink = (await h.call('POST', '/api/v1/status-links', { token: other.token, body: { table: 'requests', rowId: 'p1' } })).body.url as string;
    const foreign = await revoke(theirsLink);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toMatch(/^link: no status or feedback link this source sent/);
    expect((await h.call('GET', path(theirsLink))).status).toBe(200);
    expect((await revoke(`http://localhost/requests/eqd_${'A'.repeat(43)}`)).status).toBe(404);
    for (const notALink of ['TA-2026-0001', 'https://localhost/dashboard', `ftp://localhost/requests/eqd_${'A'.repeat(43)}`, '', 7]) {
      const refused = await revoke(notALink);
      expect(refused.status, String(notALink)).toBe(400);
    }
    expect((await revoke(forwarded, (await h.reviewer()).token)).status).toBe(403);
    expect((await h.call('POST', '/api/v1/requester-links/revoke-link', { body: { link: forwarded } })).status).toBe(401);
    expect(h.reported).toEqual([]);
  });

  test('the feedback survey, whose address is its key too, is kept out of search engines', async () => {
    const h = await harness(backend);
    const src = await h.source();
    await h.call('POST', '/api/v1/sync', { token: src.token, body: { table: 'requests', rows: [{ rowId: 'done', values: { requestId: 'TA-2026-0004', receivedOn: '2026-10-01', requesterOrg: 'City of Lakeview', status: 'Fulfilled', fulfilledOn: '2026-11-01' } }] } });
    const link = await h.call('POST', '/api/v1/feedback-links', { token: src.token, body: { table: 'requests', rowId: 'done' } });
    const survey = await h.call('GET', new URL(link.body.url).pathname);
    expect(survey.status).toBe(200);
    expect(survey.headers.get('x-robots-tag')).toBe('noindex, nofollow');
  });
});

test('the status page, its survey, the status-link route and turning links off are described in /openapi.json', async () => {
  const h = await harness(backends[0]);
  const doc = (await h.call('GET', '/openapi.json')).body;
  expect(doc.paths['/requests/{token}'].get).toMatchObject({ operationId: 'getRequestStatus', security: [] });
  expect(doc.paths['/requests/{token}/feedback'].get).toMatchObject({ operationId: 'getRequestStatusSurvey', security: [] });
  expect(doc.paths['/api/v1/status-links'].post).toMatchObject({ operationId: 'createStatusLink', security: [{ bearer: [] }] });
  expect(doc.paths['/api/v1/requester-links/revoke'].post).toMatchObject({ operationId: 'revokeRequesterLinks', security: [{ bearer: [] }] });
  expect(Object.keys(doc.paths['/api/v1/requester-links/revoke'].post.responses).sort()).toEqual(expect.arrayContaining(['200', '404', '409']));
  expect(doc.paths['/api/v1/requester-links/revoke-link'].post).toMatchObject({ operationId: 'revokeRequesterLink', security: [{ bearer: [] }] });
  expect(Object.keys(doc.paths['/api/v1/requester-links/revoke-link'].post.responses)).toEqual(expect.arrayContaining(['200', '400', '404']));
});
