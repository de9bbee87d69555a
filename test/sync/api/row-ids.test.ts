// What a row id and a text value may hold, enforced the same on both databases: an id either comes back
// from /sync/state exactly as sent, or the batch is a 400 naming it; NUL in a value is a row error.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness, type Harness } from './api-harness';

const backends = storeBackends('api_row_ids');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const row = (rowId: string, action = `Action ${rowId.length}`) => ({ rowId, values: { action } });

describe.each(backends)('row ids and text on $name', (backend) => {
  let h: Harness;
  let token: string;
  const post = (body: unknown) => h.call('POST', '/api/v1/sync', { token, body });
  const state = async () => (await h.call('GET', '/api/v1/sync/state?table=roadmap', { token })).body.rows as { rowId: string; hash: string }[];

  beforeAll(async () => {
    h = await harness(backend, { env: { EQUITY_DESK_RATE_LIMIT: '100000' } });
    token = (await h.source()).token;
  });

  test.each([
    ['a NUL', 'a\u0000b', /rows\.1\.rowId: rowId "a\\u0000b" contains the control character U\+0000 at position 2/],
    ['a line feed', 'line\nbreak', /U\+000A at position 5/],
    ['a C1 control', 'x\u0085', /U\+0085/],
    ['a lone high surrogate', 'id\ud800', /not well-formed Unicode \(a lone surrogate U\+D800 at position 3\)/],
    ['a lone low surrogate', '\udc00id', /lone surrogate U\+DC00 at position 1/],
    ['513 characters', 'x'.repeat(513), /513 characters long; at most 512/],
  ])('a rowId with %s is a 400 naming it, and nothing of the batch is written', async (_what, id, message) => {
    const before = await state();
    const r = await post({ table: 'roadmap', rows: [row('fine-1'), row(id)] });
    expect(r.status, r.text).toBe(400);
    expect(r.body.error.code).toBe('invalid_body');
    expect(r.body.error.message).toMatch(message);
    expect(await state()).toEqual(before);
    expect(h.reported).toEqual([]);
  });

  test('the same ids in deleted are a 400 too (PostgreSQL used to answer 500 to a NUL there)', async () => {
    const r = await post({ table: 'roadmap', rows: [], deleted: ['ok', 'nul\u0000'] });
    expect([r.status, r.body.error.code]).toEqual([400, 'invalid_body']);
    expect(r.body.error.message).toMatch(/deleted\.1: rowId "nul\\u0000" contains the control character U\+0000/);
    expect(h.reported).toEqual([]);
  });

  test('two ids that differ only in a lone surrogate are refused, not merged into one row', async () => {
    const r = await post({ table: 'roadmap', rows: [row('twin\ud800'), row('twin\udbff')] });
    expect(r.status, r.text).toBe(400);
    expect(h.reported).toEqual([]);
  });

  test('every id the rule allows comes back exactly as sent, so a re-send is unchanged', async () => {
    const ids = ['plain', 'x'.repeat(512), 'emoji 😀 pair', 'Ünïcødé – dash', '\u200bzero-width', 'tab-free spaces  ', '中文标识', 'rtl \u05d0\u05d1'];
    const first = await post({ table: 'roadmap', rows: ids.map((id) => row(id)) });
    expect(first.status, first.text).toBe(200);
    expect(first.body.accepted).toBe(ids.length);
    const held = new Set((await state()).map((s) => s.rowId));
    for (const id of ids) expect(held.has(id), JSON.stringify(id)).toBe(true);
    const again = await post({ table: 'roadmap', rows: ids.map((id) => row(id)) });
    expect([again.body.accepted, again.body.unchanged]).toEqual([0, ids.length]);
  });

  test('a NUL in a text value rejects that row, naming the field; the rest of the batch is stored', async () => {
    const r = await post({ table: 'roadmap', rows: [row('nul-value', 'Map\u0000risk'), row('good-value')] });
    expect(r.status, r.text).toBe(200);
    expect(r.body.accepted).toBe(1);
    expect(r.body.rejected).toEqual([{ rowId: 'nul-value', errors: [{ field: 'action', message: expect.stringMatching(/NUL character \(U\+0000\) at position 4/) }] }]);
    const held = (await state()).map((s) => s.rowId);
    expect(held).toContain('good-value');
    expect(held).not.toContain('nul-value');
    expect(h.reported).toEqual([]);
  });

  test('an id holding a NUL names nothing stored: a form page, a form removed, a source revoked or rotated, a form for such a source, never a 500', async () => {
    const answers = [
      await h.call('GET', '/intake/frm_a%00b'),
      await h.call('DELETE', '/api/v1/forms/frm_a%00b', { token: ADMIN_TOKEN }),
      await h.call('POST', '/api/v1/sources/src%00/revoke', { token: ADMIN_TOKEN }),
      await h.call('POST', '/api/v1/sources/src%00/rotate', { token: ADMIN_TOKEN }),
      await h.call('POST', '/api/v1/reviewers/rev%00/revoke', { token: ADMIN_TOKEN }),
      await h.call('POST', '/api/v1/forms', { token: ADMIN_TOKEN, body: { sourceId: 'src\u0000' } }),
      await h.call('GET', '/intake/frm_a%00b/sent/web%00?status=x%00'),
      await h.call('GET', '/requests/x%00y'),
      await h.call('GET', '/feedback/x%00y'),
    ];
    expect(answers.map((r) => r.status)).toEqual([404, 404, 404, 404, 404, 400, 404, 404, 404]);
    expect(answers[0].text).toMatch(/<title>Form not found/);
    expect(answers[1].body.error.message).toBe('no open form frm_a\u0000b');
    expect(answers[5].body.error.message).toBe('sourceId: src\u0000 is not a registered source');
    expect(h.reported).toEqual([]);
  });

  test('a NUL in a source or reviewer name is a 400, not a 500', async () => {
    for (const path of ['/api/v1/sources', '/api/v1/reviewers']) {
      const r = await h.call('POST', path, { token: ADMIN_TOKEN, body: { name: 'City\u0000Hall' } });
      expect([r.status, r.body.error.code], r.text).toEqual([400, 'invalid_body']);
      expect(r.body.error.message).toMatch(/name contains a NUL/);
    }
    expect(h.reported).toEqual([]);
  });
});
