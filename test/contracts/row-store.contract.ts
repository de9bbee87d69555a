// The behaviour every RowStore shares (SQLite, PostgreSQL): each implementation's test file calls runRowStoreContract.
import { isErrorType } from '../../shared/typed-error';
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { afterEach, describe, expect, test } from 'vitest';
import { isoFromUtcDate } from '../../shared/cells/dates';
import type { TableName } from '../../shared/tables';
import type { Batch, IncomingRow, RowStore } from '../../sync/store/row-store';
import { sheetWarningRows } from '../../sync/ingest/sheet-warnings';
import { StoreError } from '../../sync/store/store-error';
import { ingestBatch } from '../../sync/ingest/ingest-batch';
import { issueFeedbackLink, linkState, recordFeedback } from '../../sync/intake/feedback';
import { statusHistoryQuery, type FeedbackAnswer } from '../../sync/store/intake-store';
import type { StoreDatabase } from '../../sync/store/schema';
import type { Compilable, Kysely } from 'kysely';

export interface StoreOpenOptions {
  /** The same place opens the same stored data again (a restart); omitted, a fresh empty store. */
  place?: string;
  pageSize?: number;
  beforeCommit?: (batch: Batch) => void;
}
export type OpenStoreForTest = (opts?: StoreOpenOptions) => Promise<RowStore>;
export interface StoreProbe {
  /** Every byte the backend keeps for `place`, as text, to prove what is (not) stored at rest. */
  storedText(place: string): Promise<string>;
  /** Runs SQL on the data kept for `place`, while no store has it open (to wind a migration back). */
  execute(place: string, statements: string[]): Promise<void>;
  /** How the database would run `query` on the data kept for `place`, as its planner says it (index scans preferred). */
  queryPlan(place: string, query: (db: Kysely<StoreDatabase>) => Compilable): Promise<string>;
}

const T0 = new Date('2025-03-01T09:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);
const hashOf = (values: Record<string, unknown>) => createHash('sha256').update(JSON.stringify(values)).digest('hex');
const row = (rowId: string, values: Record<string, unknown>): IncomingRow => ({ rowId, hash: hashOf(values), values });
/** A row of some 30,000 characters at `sheetRow` (its number plus 2 by default): 300 of them pass 8 MB. */
const bigRow = (i: number, status = 'New', sheetRow = i + 2) =>
  ({ ...row(`b${String(i).padStart(3, '0')}`, { requestId: `TA-${i}`, status, notes: `${i} `.padEnd(30_000, 'context of the ask ') }), sheetRow });
const bigRows = (n: number) => Array.from({ length: n }, (_, i) => bigRow(i));
const rowsOf = (n: number, status = 'New') => Array.from({ length: n }, (_, i) => row(`r${String(i).padStart(4, '0')}`, { requestId: `TA-${i}`, status }));

const FULFILLED = {
  requestId: 'TA-26-001', receivedOn: '2026-02-02', requesterOrg: 'Department of Finance', requesterType: 'State agency',
  status: 'Fulfilled', fulfilledOn: '2026-03-01', outcome: 'Training delivered', satisfaction: 5,
};
const ANSWER: FeedbackAnswer = { satisfaction: 4, outcome: 'Action plan adopted', actionPlanAdopted: true, comment: null };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

async function expectStoreError(promise: Promise<unknown>, code: string): Promise<void> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(isErrorType(error, StoreError), `expected StoreError ${code}, got ${String(error)}`).toBe(true);
  expect((error as { code: string }).code).toBe(code);
}

export function runRowStoreContract(name: string, open: OpenStoreForTest, probe?: StoreProbe): void {
  describe(`${name} honours the row store contract`, () => {
    const opened: RowStore[] = [];
    const fresh = async (opts?: StoreOpenOptions) => {
      const store = await open(opts);
      opened.push(store);
      return store;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((s) => s.close()));
    });

    async function withSource(opts?: StoreOpenOptions) {
      const store = await fresh(opts);
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'google-sheets' });
      const apply = (b: Partial<Batch>) =>
        store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: [], deletes: [], full: false, rejected: [], at: T0, ...b });
      return { store, source: principal, apply };
    }

    /** Everything observable about one table, to prove a failed batch left no trace. */
    async function snapshot(store: RowStore, table: TableName = 'requests') {
      return {
        rows: await collect(store.rows(table, { includeDeleted: true })),
        changes: await collect(store.changes(table)),
        rejections: await store.rejections(),
        syncs: await store.lastSyncs(),
        log: await store.rejectionLog({ since: new Date(0), until: new Date('9999-12-31T00:00:00Z') }),
      };
    }

    describe('job turns (instances sharing one database)', () => {
      test('of two stores on one database claiming at once, exactly one gets the job; a lease keeps others out until it ends', async () => {
        const place = `turns${Date.now() % 100_000}`;
        const [a, b] = [await fresh({ place }), await fresh({ place })];
        const claims = await Promise.all([a.claimJob('publish', 'a', { now: at(0), leaseMs: 60_000 }), b.claimJob('publish', 'b', { now: at(0), leaseMs: 60_000 })]);
        expect(claims.filter(Boolean)).toHaveLength(1);
        const [winner, loser] = claims[0] ? [a, b] : [b, a];
        const [won, lost] = claims[0] ? ['a', 'b'] : ['b', 'a'];
        expect(await loser.jobState('publish')).toMatchObject({ heldBy: won });
        expect(await loser.claimJob('publish', lost, { now: at(0.5), leaseMs: 60_000 })).toBe(false);
        expect(await loser.renewJob('publish', lost, at(5))).toBe(false);
        expect(await winner.renewJob('publish', won, at(3))).toBe(true);
        // Past the renewed lease, a crashed holder's turn is over.
        expect(await loser.claimJob('publish', lost, { now: at(2), leaseMs: 60_000 })).toBe(false);
        expect(await loser.claimJob('publish', lost, { now: at(3), leaseMs: 60_000 })).toBe(true);
        await loser.finishJob('publish', lost, { at: at(4), completed: true });
        expect(await winner.jobState('publish')).toEqual({ heldBy: null, completedAt: at(4), completedBy: lost });
      });

      test('a claim can require that no turn completed after a time', async () => {
        const store = await fresh();
        expect(await store.claimJob('publish', 'a', { now: at(0), leaseMs: 60_000, completedBefore: at(-10) })).toBe(true);
        await store.finishJob('publish', 'a', { at: at(1), completed: true });
        expect(await store.claimJob('publish', 'b', { now: at(2), leaseMs: 60_000, completedBefore: at(0) })).toBe(false);
        expect(await store.claimJob('publish', 'b', { now: at(2), leaseMs: 60_000, completedBefore: at(1) })).toBe(true);
        // A turn that did not complete its work leaves the last completion as it was.
        await store.finishJob('publish', 'b', { at: at(3), completed: false });
        expect(await store.jobState('publish')).toEqual({ heldBy: null, completedAt: at(1), completedBy: 'a' });
        // Jobs are independent.
        expect(await store.claimJob('other', 'c', { now: at(2), leaseMs: 60_000 })).toBe(true);
      });
    });

    describe('principals and tokens', () => {
      test('each kind authenticates with its own token; a wrong or empty token does not', async () => {
        const store = await fresh();
        const made = await Promise.all(
          (['admin', 'source', 'reviewer'] as const).map((kind) =>
            store.createPrincipal({ kind, name: `A ${kind}`, ...(kind === 'source' ? { sourceKind: 'excel' as const } : {}) }),
          ),
        );
        for (const { principal, token } of made) {
          expect(await store.authenticate(token)).toEqual(principal);
          expect(await store.getPrincipal(principal.id)).toEqual(principal);
        }
        expect(made[1].principal).toMatchObject({ kind: 'source', name: 'A source', sourceKind: 'excel' });
        expect(new Set(made.map((m) => m.token)).size).toBe(3);
        expect(await store.authenticate(`${made[0].token}x`)).toBeNull();
        expect(await store.authenticate(made[0].token.slice(0, -1))).toBeNull();
        expect(await store.authenticate('')).toBeNull();
        expect(await store.getPrincipal('no-such-id')).toBeNull();
      });

      test('issueToken adds a token and keeps the earlier ones valid', async () => {
        const store = await fresh();
        const { principal, token } = await store.createPrincipal({ kind: 'reviewer', name: 'Committee' });
        const second = await store.issueToken(principal.id);
        expect(second).not.toBe(token);
        expect(await store.authenticate(second)).toEqual(principal);
        expect(await store.authenticate(token)).toEqual(principal);
        await expectStoreError(store.issueToken('no-such-id'), 'unknown-principal');
      });

      test('ensureAdminToken registers a known admin token once', async () => {
        const store = await fresh();
        const first = await store.ensureAdminToken('known-admin-token-0123456789');
        const again = await store.ensureAdminToken('known-admin-token-0123456789');
        expect(first.kind).toBe('admin');
        expect(again).toEqual(first);
        expect(await store.authenticate('known-admin-token-0123456789')).toEqual(first);
        const { token } = await store.createPrincipal({ kind: 'source', name: 'S' });
        await expectStoreError(store.ensureAdminToken(token), 'invalid-token');
        await expectStoreError(store.ensureAdminToken('  '), 'invalid-token');
      });

      test('a changed admin token retires the earlier ones, the generated one included', async () => {
        const store = await fresh();
        const { token: generated } = await store.createPrincipal({ kind: 'admin', name: 'Administrator' });
        const first = await store.ensureAdminToken('first-admin-token-0123456789');
        expect(await store.authenticate(generated)).toBeNull();
        const second = await store.ensureAdminToken('second-admin-token-0123456789');
        expect(second.id).toBe(first.id);
        expect(await store.authenticate('first-admin-token-0123456789')).toBeNull();
        expect(await store.authenticate('second-admin-token-0123456789')).toEqual(second);
        const { token: source } = await store.createPrincipal({ kind: 'source', name: 'Untouched' });
        await store.ensureAdminToken('second-admin-token-0123456789');
        expect(await store.authenticate(source)).not.toBeNull();
        expect(await store.listPrincipals('admin')).toHaveLength(1);
      });

      test('revoking deletes every token of one principal at once; its name stays listed as revoked', async () => {
        const store = await fresh();
        const { principal, token } = await store.createPrincipal({ kind: 'source', name: 'Revoked', sourceKind: 'excel' });
        const second = await store.issueToken(principal.id);
        const { token: other } = await store.createPrincipal({ kind: 'source', name: 'Other' });
        const revoked = await store.revokePrincipal(principal.id);
        expect(revoked).toMatchObject({ id: principal.id, name: 'Revoked', revokedAt: expect.any(String) });
        expect(await store.authenticate(token)).toBeNull();
        expect(await store.authenticate(second)).toBeNull();
        expect(await store.authenticate(other)).not.toBeNull();
        const listed = await store.describePrincipals('source');
        expect(listed.map((p) => [p.name, p.revokedAt !== null]).sort()).toEqual([['Other', false], ['Revoked', true]]);
        expect(JSON.stringify(listed)).not.toContain(other);
        expect((await store.revokePrincipal(principal.id)).revokedAt).toBe(revoked.revokedAt);
        await expectStoreError(store.revokePrincipal('no-such-id'), 'unknown-principal');
      });

      test('rotating replaces every token with one new one and lifts a revocation', async () => {
        const store = await fresh();
        const { principal, token } = await store.createPrincipal({ kind: 'reviewer', name: 'Committee' });
        const extra = await store.issueToken(principal.id);
        const rotated = await store.rotateToken(principal.id);
        expect(await store.authenticate(token)).toBeNull();
        expect(await store.authenticate(extra)).toBeNull();
        expect(await store.authenticate(rotated)).toEqual(principal);
        await store.revokePrincipal(principal.id);
        const back = await store.rotateToken(principal.id);
        expect(await store.authenticate(back)).toEqual(principal);
        expect((await store.describePrincipals('reviewer'))[0].revokedAt).toBeNull();
        await expectStoreError(store.rotateToken('no-such-id'), 'unknown-principal');
      });

      test.runIf(probe !== undefined)('keeps only sha256 digests of tokens at rest', async () => {
        const place = `tokens${Date.now() % 100_000}`;
        const store = await fresh({ place });
        const { token } = await store.createPrincipal({ kind: 'source', name: 'S' });
        const other = await store.issueToken((await store.listSources())[0].id);
        await store.ensureAdminToken('plain-admin-secret-9876543210');
        const text = await probe!.storedText(place);
        for (const secret of [token, other, 'plain-admin-secret-9876543210']) {
          expect(text).not.toContain(secret);
          expect(text).toContain(createHash('sha256').update(secret).digest('hex'));
        }
      });

      test('isEmpty and listSources see sources only', async () => {
        const store = await fresh();
        expect(await store.isEmpty()).toBe(true);
        await store.ensureAdminToken('admin-token-for-empty-check-01');
        await store.createPrincipal({ kind: 'reviewer', name: 'R' });
        expect(await store.isEmpty()).toBe(true);
        expect(await store.listSources()).toEqual([]);
        const a = await store.createPrincipal({ kind: 'source', name: 'City A', sourceKind: 'excel' });
        const b = await store.createPrincipal({ kind: 'source', name: 'City B' });
        expect(await store.isEmpty()).toBe(false);
        expect((await store.listSources()).map((p) => p.id).sort()).toEqual([a.principal.id, b.principal.id].sort());
      });
    });

    describe('applyBatch', () => {
      test('stores new rows and is idempotent: the same batch again changes nothing', async () => {
        const { store, source, apply } = await withSource();
        const upserts = rowsOf(5);
        expect(await apply({ upserts })).toEqual({ accepted: 5, unchanged: 0, deleted: 0 });
        expect(await apply({ upserts, at: at(1) })).toEqual({ accepted: 0, unchanged: 5, deleted: 0 });
        // Each with its own ID as stored, by which an add-on knows a row pasted back moved and edited (decision 002).
        expect(await store.syncState(source.id, 'requests')).toEqual(upserts.map((r) => ({ rowId: r.rowId, hash: r.hash, ownId: r.values.requestId })));
        const stored = await collect(store.rows('requests'));
        expect(stored.map((r) => [r.rowId, r.values, r.sourceName, r.deleted])).toEqual(
          upserts.map((r) => [r.rowId, r.values, 'County TA log', false]),
        );
        expect(stored.every((r) => r.updatedAt.getTime() === T0.getTime())).toBe(true);
        expect(await collect(store.changes('requests'))).toHaveLength(5);
      });

      test('a changed row is updated and its new version appended to history', async () => {
        const { store, apply } = await withSource();
        await apply({ upserts: rowsOf(3) });
        const changed = { ...row('r0001', { requestId: 'TA-1', status: 'Fulfilled' }), raw: { Status: 'fulfilled ', 'Request #': 'TA-1' } };
        expect(await apply({ upserts: [rowsOf(3)[0], changed, rowsOf(3)[2]], at: at(5) })).toEqual({ accepted: 1, unchanged: 2, deleted: 0 });
        const history = (await collect(store.changes('requests'))).filter((c) => c.rowId === 'r0001');
        expect(history.map((c) => [c.op, c.values?.status, c.at.getTime(), c.raw])).toEqual([
          ['upsert', 'New', T0.getTime(), undefined],
          ['upsert', 'Fulfilled', at(5).getTime(), changed.raw],
        ]);
        const current = (await collect(store.rows('requests'))).find((r) => r.rowId === 'r0001');
        expect(current).toMatchObject({ hash: changed.hash, values: changed.values, updatedAt: at(5) });
      });

      test('deletes tombstone live rows, never remove them, and count only real tombstones', async () => {
        const { store, source, apply } = await withSource();
        const upserts = rowsOf(3);
        await apply({ upserts });
        expect(await apply({ deletes: ['r0000', 'nope'], at: at(2) })).toEqual({ accepted: 0, unchanged: 0, deleted: 1 });
        expect(await apply({ deletes: ['r0000'], at: at(3) })).toEqual({ accepted: 0, unchanged: 0, deleted: 0 });
        expect((await store.syncState(source.id, 'requests')).map((r) => r.rowId)).toEqual(['r0001', 'r0002']);
        expect((await collect(store.rows('requests'))).map((r) => r.rowId)).toEqual(['r0001', 'r0002']);
        const all = await collect(store.rows('requests', { includeDeleted: true }));
        expect(all.find((r) => r.rowId === 'r0000')).toMatchObject({ deleted: true, values: upserts[0].values });
        const last = (await collect(store.changes('requests'))).at(-1);
        expect(last).toMatchObject({ rowId: 'r0000', op: 'delete', values: null, at: at(2) });
      });

      test('upsertDays gives each upsert of history in its order, with the UTC day it was recorded and only the fields asked', async () => {
        const { store, apply } = await withSource();
        await apply({ upserts: [row('a', { requestId: 'TA-1', status: 'New' }), row('b', { requestId: 'TA-2', status: 'Declined \u0000 \u201cas asked\u201d \ud83d\ude00', notes: 'x' })], at: new Date('2025-03-01T23:59:59.999Z') });
        await apply({ upserts: [row('a', { requestId: 'TA-1', status: 'Fulfilled', fulfilledOn: '2025-03-01' })], deletes: ['b'], at: new Date('2025-03-02T00:00:00.000Z') });
        const fields = ['status', 'fulfilledOn'];
        const expected = (await collect(store.changes('requests')))
          .filter((c) => c.op === 'upsert')
          .map((c) => ({ sourceId: c.sourceId, rowId: c.rowId, day: isoFromUtcDate(c.at), values: { status: c.values!.status, fulfilledOn: c.values!.fulfilledOn ?? null } }));
        expect(expected.map((v) => [v.rowId, v.day])).toEqual([['a', '2025-03-01'], ['b', '2025-03-01'], ['a', '2025-03-02']]);
        expect(await collect(store.upsertDays('requests', fields))).toEqual(expected);
        expect(await collect(store.upsertDays('requests', fields, { sourceIds: [] }))).toEqual([]);
        expect(await collect(store.upsertDays('requests', fields, { sourceIds: ['no-such-source'] }))).toEqual([]);
      });

      test('upsertDays changedAfter a day gives every upsert of the rows changed after it, and none of the others', async () => {
        const { store, apply } = await withSource();
        const day = (iso: string) => new Date(`${iso}T12:00:00.000Z`);
        await apply({ upserts: [row('edited', { status: 'New' }), row('kept', { status: 'Closed' }), row('removed', { status: 'New' })], at: day('2025-03-01') });
        await apply({ upserts: [row('edited', { status: 'Fulfilled' })], at: day('2025-03-02') });
        await apply({ upserts: [row('edited', { status: 'In progress' })], deletes: ['removed'], at: new Date('2025-03-03T00:00:00.000Z') });
        const read = async (changedAfter: string) => (await collect(store.upsertDays('requests', ['status'], { changedAfter }))).map((v) => [v.rowId, v.day, v.values.status]);
        expect(await read('2025-03-02')).toEqual([['edited', '2025-03-01', 'New'], ['removed', '2025-03-01', 'New'], ['edited', '2025-03-02', 'Fulfilled'], ['edited', '2025-03-03', 'In progress']]);
        expect(await read('2025-03-03')).toEqual([]);
        expect(await read('2025-02-28')).toHaveLength(5);
      });

      test('a full sync tombstones live rows missing from it, but not rejected ones', async () => {
        const { store, source, apply } = await withSource();
        await apply({ upserts: rowsOf(4) });
        const result = await apply({
          full: true,
          upserts: [rowsOf(4)[0]],
          rejected: [{ rowId: 'r0001', sheet: 'Requests', sheetRow: 3, errors: [{ field: 'dueOn', message: 'not a date' }] }],
          at: at(1),
        });
        expect(result).toEqual({ accepted: 0, unchanged: 1, deleted: 2 });
        expect((await store.syncState(source.id, 'requests')).map((r) => r.rowId)).toEqual(['r0000', 'r0001']);
        const deleted = (await collect(store.rows('requests', { includeDeleted: true }))).filter((r) => r.deleted);
        expect(deleted.map((r) => r.rowId)).toEqual(['r0002', 'r0003']);
      });

      test('a full sync spares a row still waiting in the outbox for the sheet, until the sheet has it', async () => {
        const { store, source, apply } = await withSource();
        const [typed, web] = rowsOf(2);
        // A web-form request: queued for the sheet, then stored; the sheet has never held it.
        await store.queueForSheet({ sourceId: source.id, table: 'requests', rowId: web.rowId, fields: null, at: T0 });
        await apply({ upserts: [typed, web] });
        expect(await apply({ full: true, upserts: [typed], at: at(1) })).toEqual({ accepted: 0, unchanged: 1, deleted: 0 });
        expect((await collect(store.rows('requests'))).map((r) => r.rowId)).toEqual([typed.rowId, web.rowId]);
        // Once the sheet has written it, a full sync without it means the sheet removed it.
        const [item] = await store.outbox(source.id, 'requests');
        await store.acknowledge(source.id, 'requests', [item.id], at(2));
        expect(await apply({ full: true, upserts: [typed], at: at(3) })).toEqual({ accepted: 0, unchanged: 1, deleted: 1 });
      });

      test("a row its sheet shows without some fields takes the hash of what the sheet shows, only while it has the hash it was stored with", async () => {
        const { store, source, apply } = await withSource();
        const [web] = rowsOf(1);
        await apply({ upserts: [web] });
        const stored = (await store.syncState(source.id, 'requests'))[0].hash;
        // Changed since (another hash stored): left as it is.
        await store.rehashAsShown(source.id, 'requests', [{ rowId: web.rowId, from: `${stored}-before`, to: 'shown' }]);
        expect((await store.syncState(source.id, 'requests')).map((r) => r.hash)).toEqual([stored]);
        await store.rehashAsShown(source.id, 'requests', [{ rowId: web.rowId, from: stored, to: 'shown' }]);
        expect((await store.syncState(source.id, 'requests')).map((r) => r.hash)).toEqual(['shown']);
      });

      test('a survey answer is held with what the sheet showed before it, until a batch that commits lets it go', async () => {
        let failNext = false;
        const { store, source, apply } = await withSource({
          beforeCommit: () => {
            if (failNext) throw new Error('injected failure');
          },
        });
        const hold = (answer: Record<string, unknown>, sheet: Record<string, unknown>, minutes: number) =>
          store.holdSurveyAnswer({ sourceId: source.id, table: 'requests', rowId: 'r1', answer, sheet, at: at(minutes) });
        await hold({ satisfaction: 4, outcome: 'Action plan adopted' }, { satisfaction: 5, outcome: null }, 0);
        // Changed before the sheet took the first in: what the sheet shows is what it held before the first, or the first.
        await hold({ satisfaction: 3 }, { satisfaction: 4 }, 1);
        // An answer the sheet already shows needs no hold.
        await hold({ feedbackComment: 'Clear' }, { feedbackComment: 'Clear' }, 1);
        const held = [
          { rowId: 'r1', field: 'outcome', answer: 'Action plan adopted', sheet: null },
          { rowId: 'r1', field: 'satisfaction', answer: 3, sheet: 5, earlier: [4] },
        ];
        expect(await store.surveyHolds(source.id, 'requests')).toEqual(held);
        expect(await store.surveyHolds(source.id, 'workplan')).toEqual([]);

        const settling: Partial<Batch> = { upserts: [row('r1', { satisfaction: 3 })], settledHolds: [{ rowId: 'r1', field: 'satisfaction', answerJson: '3' }, { rowId: 'r1', field: 'outcome', answerJson: '"Training delivered"' }], at: at(2) };
        failNext = true;
        await expect(apply(settling)).rejects.toThrow('injected failure');
        expect(await store.surveyHolds(source.id, 'requests')).toEqual(held);
        failNext = false;
        // Only a hold of the answer the batch saw goes: the outcome's answer is another.
        expect(await apply(settling)).toEqual({ accepted: 1, unchanged: 0, deleted: 0 });
        expect(await store.surveyHolds(source.id, 'requests')).toEqual([held[0]]);

        // Changed after the sheet may have taken it in: the earlier answer is kept with the hold, even when the new
        // one is what the sheet held before the first; once let go, an answer the sheet shows needs no hold.
        await hold({ feedbackComment: 'Clear' }, { feedbackComment: null }, 3);
        await hold({ feedbackComment: null }, { feedbackComment: 'Clear' }, 4);
        expect(await store.surveyHolds(source.id, 'requests')).toEqual([{ rowId: 'r1', field: 'feedbackComment', answer: null, sheet: null, earlier: ['Clear'] }, held[0]]);
      });

      /** A fulfilled request in a store of its own, with an open survey link for it. */
      async function surveyed(opts?: StoreOpenOptions) {
        const { store, source } = await withSource(opts);
        await ingestBatch(store, { sourceId: source.id, table: 'requests', rows: [{ rowId: 'r1', cells: FULFILLED }], at: T0 });
        const issued = await issueFeedbackLink(store, { sourceId: source.id, table: 'requests', ref: 'r1', at: at(1) });
        if (!('token' in issued)) throw new Error(`no link: ${issued.kind}`);
        const link = async () => {
          const state = await linkState(store, issued.token, at(2));
          if (state.kind !== 'open') throw new Error(`link ${state.kind}`);
          return state.link;
        };
        const answer = async (a: FeedbackAnswer, minutes: number) => recordFeedback(store, await link(), a, at(minutes));
        const trace = async () => ({ link: await link(), holds: await store.surveyHolds(source.id, 'requests'), outbox: await store.outbox(source.id, 'requests'), ...(await snapshot(store)) });
        return { store, source, answer, trace };
      }

      test('a survey answer, its hold, the row\'s new version and its item for the sheet commit together or not at all', async () => {
        let failNext = false;
        const { answer, trace } = await surveyed({
          beforeCommit: () => {
            if (failNext) throw new Error('injected failure');
          },
        });
        const before = await trace();
        failNext = true;
        await expect(answer(ANSWER, 3)).rejects.toThrow('injected failure');
        // Nothing of it: not the link's answer, nor a hold with no item for the sheet, nor a version.
        expect(await trace()).toEqual(before);
        expect(before.link.answer).toBeNull();
        failNext = false;
        await answer(ANSWER, 4);
        const after = await trace();
        expect(after.link.answer).toEqual(ANSWER);
        expect(after.holds.map((h) => [h.field, h.answer, h.sheet])).toEqual([['actionPlanAdopted', true, null], ['outcome', 'Action plan adopted', 'Training delivered'], ['satisfaction', 4, 5]]);
        expect(after.outbox.map((i) => [i.rowId, i.values.satisfaction])).toEqual([['r1', 4]]);
        expect(after.rows.map((r) => r.values.satisfaction)).toEqual([4]);
      });

      test('the same survey answer sent twice (a double click, a page re-sent) writes nothing the second time', async () => {
        const { answer, trace } = await surveyed();
        await answer(ANSWER, 3);
        const once = await trace();
        await answer({ ...ANSWER }, 5);
        expect(await trace()).toEqual(once);
        expect(once.outbox).toHaveLength(1);
        // A changed answer is another answer: written, and queued again.
        await answer({ ...ANSWER, satisfaction: 3 }, 6);
        const changed = await trace();
        expect([changed.link.answeredAt, changed.link.changedAt]).toEqual([at(3), at(6)]);
        expect(changed.outbox.map((i) => i.values.satisfaction)).toEqual([3, 3]);
      });

      test("the sync state names a row by its own ID as last stored, and a row without one by nothing", async () => {
        const { store, source, apply } = await withSource();
        await apply({ upserts: [row('a', { requestId: 'TA-2024-031', status: 'New' }), row('b', { status: 'New' })] });
        await apply({ upserts: [row('a', { requestId: 'TA-2024-032', status: 'New' })], at: at(1) });
        expect((await store.syncState(source.id, 'requests')).map((r) => [r.rowId, r.ownId])).toEqual([['a', 'TA-2024-032'], ['b', undefined]]);
      });

      test('the sync state reads the own ID of a row whose other values hold a NUL or a lone surrogate, and IDs typed as numbers or with quotes (a fuzz counterexample)', async () => {
        const { store, source, apply } = await withSource();
        await apply({
          upserts: [
            row('a', { requestId: ' TA-"7" ', notes: 'pasted \u0000 from a PDF', description: 'half a pair \ud800 here' }),
            row('b', { requestId: 12, notes: '"requestId":"not this"' }),
            row('c', { requestId: '', notes: 'no ID' }),
          ],
        });
        expect((await store.syncState(source.id, 'requests')).map((r) => [r.rowId, r.ownId])).toEqual([['a', 'TA-"7"'], ['b', '12'], ['c', undefined]]);
      });

      test('the sync state still answers for a row stored with half a surrogate pair in its own ID (sync let one through before it refused them): the row is listed', async () => {
        const { store, source, apply } = await withSource();
        const stored = [row('a', { requestId: 'id\udbff', status: 'New' }), row('b', { requestId: 'TA-8', status: 'New' })];
        await apply({ upserts: stored });
        const state = await store.syncState(source.id, 'requests');
        expect(state.map((r) => [r.rowId, r.hash])).toEqual(stored.map((r) => [r.rowId, r.hash]));
        expect(state[1].ownId).toBe('TA-8');
      });

      test('a tombstoned row that comes back is revived, even with the same content', async () => {
        const { store, source, apply } = await withSource();
        const [first] = rowsOf(1);
        await apply({ upserts: [first] });
        await apply({ deletes: [first.rowId], at: at(1) });
        expect(await apply({ upserts: [first], at: at(2) })).toEqual({ accepted: 1, unchanged: 0, deleted: 0 });
        expect(await store.syncState(source.id, 'requests')).toEqual([{ rowId: first.rowId, hash: first.hash, ownId: first.values.requestId }]);
        expect((await collect(store.changes('requests'))).map((c) => c.op)).toEqual(['upsert', 'delete', 'upsert']);
      });

      test('rejections are recorded over the last good version, replaced, and cleared', async () => {
        const { store, source, apply } = await withSource();
        const good = rowsOf(4);
        await apply({ upserts: good });
        const reject = (rowId: string, message: string, sheetRow: number) => ({ rowId, sheet: 'Requests', sheetRow, errors: [{ field: 'dueOn', column: 'Due on', message }] });
        await apply({ rejected: [reject('r0000', 'first', 2), reject('r0001', 'x', 3), reject('r0002', 'x', 4), reject('r0003', 'x', 5), reject('new', 'x', 9)], at: at(1) });
        await apply({ rejected: [reject('r0000', 'second', 7)], at: at(2) });
        const rejections = await store.rejections();
        expect(rejections).toHaveLength(5);
        expect(rejections.find((r) => r.rowId === 'r0000')).toEqual({
          sourceId: source.id,
          sourceName: 'County TA log',
          table: 'requests',
          rowId: 'r0000',
          sheet: 'Requests',
          sheetRow: 7,
          errors: [{ field: 'dueOn', column: 'Due on', message: 'second' }],
          at: at(2),
        });
        expect((await collect(store.rows('requests'))).map((r) => r.values)).toEqual(good.map((r) => r.values));

        const fixed = row('r0000', { requestId: 'TA-0', status: 'Triaged' });
        await apply({ upserts: [fixed, good[1]], deletes: ['r0002'], at: at(3) });
        expect((await store.rejections()).map((r) => r.rowId).sort()).toEqual(['new', 'r0003']);
        await apply({ full: true, upserts: [fixed, good[1]], at: at(4) });
        expect(await store.rejections()).toEqual([]);
      });

      test('a sheet that could not be read is kept per sheet until a batch reads it, apart from the rows and the rejection log', async () => {
        const { store, apply } = await withSource();
        const why = (message: string) => [{ field: 'milestone', message }];
        await apply({ table: 'milestones', upserts: rowsOf(2), unreadable: [{ sheet: '2024 Timeline', headerRow: 3, errors: why('no column for Milestone') }, { sheet: '2025 Timeline', errors: why('no header') }] });
        const sheets = async () => (await store.rejections()).filter((r) => r.unreadable).map((r) => [r.table, r.sheet, r.sheetRow, r.rowId, r.errors[0].message]);
        expect(await sheets()).toEqual([['milestones', '2024 Timeline', 3, '', 'no column for Milestone'], ['milestones', '2025 Timeline', undefined, '', 'no header']]);
        expect((await store.rejections()).filter((r) => !r.unreadable)).toEqual([]);

        // Replaced by a later problem of the same sheet, cleared by a read of it; another table's batch and a partial batch leave it.
        await apply({ table: 'milestones', unreadable: [{ sheet: '2024 Timeline', headerRow: 4, errors: why('still no Milestone') }], at: at(1) });
        await apply({ table: 'requests', readSheets: ['2025 Timeline'], upserts: rowsOf(1), at: at(2) });
        await apply({ table: 'milestones', readSheets: ['2025 Timeline'], at: at(3) });
        expect(await sheets()).toEqual([['milestones', '2024 Timeline', 4, '', 'still no Milestone']]);
        await apply({ table: 'milestones', full: true, upserts: rowsOf(2), at: at(4) });
        expect(await sheets()).toEqual([]);
        expect(await collect(store.rows('milestones'))).toHaveLength(2);
        expect(await store.rejectionLog({ since: new Date(0), until: at(10) })).toEqual([]);
      });

      test('rejections narrow to one table, and to the sheets that could not be read', async () => {
        const { store, apply } = await withSource();
        const why = (message: string) => [{ field: 'milestone', message }];
        await apply({ table: 'milestones', rejected: [{ rowId: 'bad', errors: why('no milestone') }], unreadable: [{ sheet: '2024 Timeline', errors: why('no header') }] });
        await apply({ unreadable: [{ sheet: 'TA log', errors: why('no header') }] });
        const shown = (rs: { table: string; rowId: string; sheet?: string }[]) => rs.map((r) => [r.table, r.rowId, r.sheet]);
        expect(shown(await store.rejections({ table: 'milestones' }))).toEqual([['milestones', '', '2024 Timeline'], ['milestones', 'bad', undefined]]);
        expect(shown(await store.rejections({ table: 'milestones', unreadable: true }))).toEqual([['milestones', '', '2024 Timeline']]);
        expect(shown(await store.rejections({ unreadable: true }))).toEqual([['milestones', '', '2024 Timeline'], ['requests', '', 'TA log']]);
      });

      test.runIf(probe !== undefined)("0021 gives warnings and rejections their row's own ID though the row's values hold a NUL or half a surrogate pair", async () => {
        const place = `own_ids${Date.now() % 100_000}`;
        const { store, apply } = await withSource({ place });
        await apply({
          upserts: ['a', 'b'].map((id, i) => row(id, { requestId: `TA-${7 + i}`, notes: 'pasted \u0000 from a PDF', description: 'half a pair \ud800 here' })),
          warned: [{ rowId: 'a', sheet: 'Requests', sheetRow: 3, errors: [{ field: 'notes', message: 'kept' }] }],
        });
        await apply({ upserts: [], rejected: [{ rowId: 'b', sheet: 'Requests', sheetRow: 4, errors: [{ field: 'receivedOn', message: 'not a date' }] }], at: at(1) });
        await store.close();
        await probe!.execute(place, [
          ...['rejections', 'row_warnings', 'rejection_log'].map((t) => `alter table ${t} drop column own_id`),
          "delete from schema_migrations where name = '0021-rejected-row-ids'",
        ]);
        const migrated = await fresh({ place });
        expect((await migrated.warnings()).map((w) => [w.rowId, w.ownId])).toEqual([['a', 'TA-7']]);
        expect((await migrated.rejections()).map((r) => [r.rowId, r.ownId])).toEqual([['b', 'TA-8']]);
      });

      test.runIf(probe !== undefined)('sheets that could not be read, held with the rejections before 0010-sheet-problems, keep their problems after it', async () => {
        const place = `sheets${Date.now() % 100_000}`;
        const { store, source, apply } = await withSource({ place });
        await apply({ table: 'milestones', upserts: rowsOf(2), rejected: [{ rowId: 'bad', sheet: 'Milestones', sheetRow: 5, errors: [{ field: 'date', message: 'TBD' }] }] });
        await store.close();
        // As 0001-0009 stored them: under a row id of a control character, 'sheet:' and the sheet's name.
        const held = (sheet: string, headerRow: string, message: string, minute: number) => {
          const name = sheet.replaceAll("'", "''");
          return `insert into rejections (table_name, source_id, row_id, sheet, sheet_row, errors_json, at) values ('milestones', '${source.id}', '\u0001sheet:${name}', '${name}', ${headerRow}, '[{"field":"","message":"${message}"}]', '${at(minute).toISOString()}')`;
        };
        await probe!.execute(place, [
          'drop table sheet_problems',
          "delete from schema_migrations where name = '0010-sheet-problems'",
          held('2024 Timeline', '3', 'no column for Milestone; headers seen: What, When', 1),
          held("Kim's sheet", 'null', 'no header', 2),
        ]);

        const migrated = await fresh({ place });
        const shown = (rs: { table: string; rowId: string; sheet?: string; sheetRow?: number; errors: { message: string }[]; at: Date; unreadable?: true }[]) =>
          rs.map((r) => [r.table, r.rowId, r.sheet, r.sheetRow, r.errors[0].message, r.at.getTime(), r.unreadable]);
        expect(shown(await migrated.rejections())).toEqual([
          ['milestones', '', '2024 Timeline', 3, 'no column for Milestone; headers seen: What, When', at(1).getTime(), true],
          ['milestones', '', "Kim's sheet", undefined, 'no header', at(2).getTime(), true],
          ['milestones', 'bad', 'Milestones', 5, 'TBD', T0.getTime(), undefined],
        ]);
        // Now held as sheets: a read of one clears it, and a full batch the rest; the rejected row stays until a full batch too.
        await migrated.applyBatch({ sourceId: source.id, table: 'milestones', upserts: [], deletes: [], full: false, rejected: [], readSheets: ['2024 Timeline'], at: at(3) });
        expect((await migrated.rejections()).map((r) => r.sheet)).toEqual(["Kim's sheet", 'Milestones']);
        await migrated.applyBatch({ sourceId: source.id, table: 'milestones', upserts: rowsOf(2), deletes: [], full: true, rejected: [], at: at(4) });
        expect(await migrated.rejections()).toEqual([]);
      });

      test('a batch warned on every one of its rows keeps each warning, with its own place', async () => {
        const { store, apply } = await withSource();
        const rows = rowsOf(301);
        const warned = rows.map((r, i) => ({ rowId: r.rowId, sheet: 'TA log', sheetRow: i + 2, errors: [{ field: 'fulfilledOn', message: `blank at ${i + 2}` }] }));
        await apply({ upserts: rows, warned });
        const kept = await store.warnings();
        expect(kept).toHaveLength(301);
        expect(new Set(kept.map((w) => `${w.rowId} ${w.sheetRow} ${w.errors[0].message}`))).toEqual(new Set(warned.map((w) => `${w.rowId} ${w.sheetRow} ${w.errors[0].message}`)));
      });

      test('warnings are kept per row as its latest batch sent them: replaced for the rows a batch names, all of them by a full batch', async () => {
        const { store, source, apply } = await withSource();
        const good = rowsOf(3);
        const warn = (rowId: string, message: string, sheetRow?: number) => ({
          rowId, ...(sheetRow === undefined ? {} : { sheet: 'TA log', sheetRow }), errors: [{ field: 'dueOn', column: 'G', header: 'Needed by', message }],
        });
        await apply({ upserts: good, warned: [warn('r0000', 'TBD', 2), warn('r0001', 'unit dropped', 3), warn('api-row', 'from the API')] });
        const first = await store.warnings();
        expect(first.map((w) => [w.rowId, w.errors[0].message])).toEqual([['api-row', 'from the API'], ['r0000', 'TBD'], ['r0001', 'unit dropped']]);
        expect(first[1]).toEqual({
          sourceId: source.id, sourceName: 'County TA log', table: 'requests', rowId: 'r0000', sheet: 'TA log', sheetRow: 2,
          errors: [{ field: 'dueOn', column: 'G', header: 'Needed by', message: 'TBD' }], at: at(0),
        });
        expect(first[0]).not.toHaveProperty('sheet');
        // A partial batch replaces the warnings of the rows it names only: r0000 fixed, r0002 warned, r0001 kept.
        await apply({ upserts: [good[0], good[2]], warned: [warn('r0002', 'new', 4)], at: at(1) });
        expect((await store.warnings()).map((w) => w.rowId)).toEqual(['api-row', 'r0001', 'r0002']);
        await apply({ full: true, upserts: good, warned: [warn('r0001', 'again', 3)], at: at(2) });
        expect((await store.warnings()).map((w) => [w.rowId, w.errors[0].message])).toEqual([['r0001', 'again']]);
        expect(await store.warnings({ sourceIds: [] })).toEqual([]);
        // Another table's warnings are its own: asked by table, each table answers with its rows alone.
        await apply({ table: 'workplan', upserts: rowsOf(1), warned: [warn('r0000', 'no end date', 2)], at: at(3) });
        expect((await store.warnings({ table: 'requests' })).map((w) => [w.table, w.rowId])).toEqual([['requests', 'r0001']]);
        expect((await store.warnings({ sourceIds: [source.id], table: 'workplan' })).map((w) => [w.table, w.rowId, w.errors[0].message])).toEqual([['workplan', 'r0000', 'no end date']]);
        expect(await store.warnings({ table: 'milestones' })).toEqual([]);
      });

      test('a row whose day its warning says was guessed (a year typed as Received) is read back with that field marked, until its warnings are replaced', async () => {
        const { store, apply } = await withSource();
        const good = rowsOf(3);
        const guessed = { field: 'receivedOn', column: 'B', header: 'Received', message: 'Received: "2026" names the whole year; used its first day, 2026-01-01', dayGuessed: true as const };
        await apply({ upserts: good, warned: [
          { rowId: 'r0000', sheet: 'TA log', sheetRow: 2, errors: [{ field: 'dueOn', message: 'TBD' }, guessed] },
          // A message that quotes the mark is no mark.
          { rowId: 'r0001', sheet: 'TA log', sheetRow: 3, errors: [{ field: 'dueOn', message: 'read "dayGuessed":true as text' }] },
          // A sheet's own warning that quotes the mark's name is no row's.
          { rowId: 'TA log@1', sheet: 'TA log', sheetRow: 1, errors: [{ field: 'notes', message: 'column "dayGuessed" ignored' }] },
        ] });
        const marks = async () => Object.fromEntries((await collect(store.rows('requests'))).map((r) => [r.rowId, r.guessedDays ?? []]));
        expect(await marks()).toEqual({ r0000: ['receivedOn'], r0001: [], r0002: [] });
        expect((await store.warnings()).find((w) => w.rowId === 'r0000')?.errors[1]).toEqual(guessed);
        // Typed as a day since: the row's warnings go, and its mark with them.
        await apply({ upserts: [good[0]], warned: [], at: at(1) });
        expect(await marks()).toEqual({ r0000: [], r0001: [], r0002: [] });
      });

      test("a sheet's own warnings are replaced by the next batch that reads that sheet, and kept by batches that do not", async () => {
        const { store, apply } = await withSource();
        const good = rowsOf(2);
        const rowWarning = { rowId: 'r0000', sheet: 'TA log', sheetRow: 2, errors: [{ field: 'dueOn', column: 'G', header: 'Needed by', message: 'TBD' }] };
        const ignored = { row: 1, column: 'D', header: 'Budget code', message: 'column "Budget code" is not part of Requests; ignored' };
        const pageHeader = { row: 9, message: 'this row repeats the header (a page break in a pasted document?); skipped' };
        const held = async () => (await store.warnings()).map((w) => [w.rowId, w.sheetRow, w.errors.map((e) => e.message)]).sort();
        await apply({ upserts: good, readSheets: ['TA log', 'Notes'], warned: [rowWarning, ...sheetWarningRows('TA log', [ignored, pageHeader]), ...sheetWarningRows('Notes', [ignored])] });
        expect(await held()).toEqual([
          ['Notes@1', 1, [ignored.message]], ['TA log@1', 1, [ignored.message]], ['TA log@9', 9, [pageHeader.message]], ['r0000', 2, ['TBD']],
        ]);
        // A batch that does not read the sheet keeps its warnings.
        await apply({ upserts: [good[1]], at: at(1) });
        expect(await held()).toHaveLength(4);
        // The column removed: the sheet read again replaces its own warnings; the other sheet's, and the row's, stay.
        await apply({ upserts: [], readSheets: ['TA log'], warned: sheetWarningRows('TA log', [pageHeader]), at: at(2) });
        expect(await held()).toEqual([['Notes@1', 1, [ignored.message]], ['TA log@9', 9, [pageHeader.message]], ['r0000', 2, ['TBD']]]);
        await apply({ upserts: [], readSheets: ['TA log'], at: at(3) });
        expect(await held()).toEqual([['Notes@1', 1, [ignored.message]], ['r0000', 2, ['TBD']]]);
      });

      test('dataVersion moves with every write and only then', async () => {
        const { store, apply } = await withSource();
        const versions = [await store.dataVersion()];
        const next = async (label: string, write: () => Promise<unknown>, moves = true) => {
          await write();
          const v = await store.dataVersion();
          expect({ label, moved: v !== versions.at(-1) }).toEqual({ label, moved: moves });
          versions.push(v);
        };
        const reject = (rowId: string) => ({ rowId, errors: [{ field: 'dueOn', message: 'x' }] });
        await next('rows', () => apply({ upserts: rowsOf(3), at: at(1) }));
        await next('the same rows again', () => apply({ upserts: rowsOf(3), at: at(2) }), false);
        await next('a tombstone', () => apply({ deletes: ['r0001'], at: at(3) }));
        await next('a rejection alone', () => apply({ rejected: [reject('bad')], at: at(4) }));
        await next('the rejection replaced', () => apply({ rejected: [reject('bad')], at: at(5) }));
        await next('a rejection cleared by a full sync, nothing else written', () => apply({ full: true, upserts: [rowsOf(3)[0], rowsOf(3)[2]], at: at(6) }));
        const unreadable = [{ sheet: 'TA log', errors: [{ field: 'requestId', message: 'no column for Request ID' }] }];
        await next('a sheet that could not be read', () => apply({ unreadable, at: at(7) }));
        await next('its problem replaced', () => apply({ unreadable, at: at(8) }));
        await next('its problem cleared by a read of the sheet', () => apply({ readSheets: ['TA log'], at: at(9) }));
        // Warnings reach the Data quality sheet: a batch that changes only them changes what reports show.
        const ignored = sheetWarningRows('TA log', [{ row: 1, column: 'D', header: 'Budget code', message: 'column "Budget code" is not part of Requests; ignored' }]);
        await next("a sheet's own warning alone", () => apply({ readSheets: ['TA log'], warned: ignored, at: at(10) }));
        await next("the sheet's warning gone", () => apply({ readSheets: ['TA log'], at: at(11) }));
        await next("a row's warning alone, the row unchanged", () => apply({ upserts: [rowsOf(3)[0]], warned: [{ rowId: 'r0000', errors: [{ field: 'dueOn', message: 'TBD' }] }], at: at(12) }));
        await next('a reviewer added', () => store.createPrincipal({ kind: 'reviewer', name: 'Committee' }));
        await next('nothing', async () => undefined, false);
      });

      test('a failure inside the transaction leaves the store exactly as it was', async () => {
        let failNext = false;
        const { store, apply } = await withSource({
          beforeCommit: () => {
            if (failNext) throw new Error('injected failure');
          },
        });
        await apply({ upserts: rowsOf(6) });
        await apply({ rejected: [{ rowId: 'r0005', errors: [{ field: 'status', message: 'unknown status' }] }], at: at(1) });
        const before = await snapshot(store);
        const risky: Partial<Batch> = {
          full: true,
          upserts: [row('r0000', { status: 'Closed' }), rowsOf(6)[1], row('r0099', { status: 'New' })],
          deletes: ['r0002'],
          rejected: [{ rowId: 'r0003', errors: [{ field: 'dueOn', message: 'bad' }] }],
          at: at(2),
        };
        failNext = true;
        await expect(apply(risky)).rejects.toThrow('injected failure');
        expect(await snapshot(store)).toEqual(before);
        failNext = false;
        expect(await apply(risky)).toEqual({ accepted: 2, unchanged: 1, deleted: 3 });
      });

      test('values that cannot be serialised fail the whole batch', async () => {
        const { store, apply } = await withSource();
        await apply({ upserts: rowsOf(2) });
        const before = await snapshot(store);
        const poisoned = [...rowsOf(50, 'Triaged'), { rowId: 'bad', hash: 'h', values: { hours: 10n } }];
        await expect(apply({ upserts: poisoned, deletes: ['r0001'], at: at(1) })).rejects.toThrow();
        expect(await snapshot(store)).toEqual(before);
      });

      test('contradictory batches and non-sources are refused before anything is written', async () => {
        const { store, apply } = await withSource();
        await expectStoreError(apply({ upserts: [...rowsOf(2), rowsOf(2)[0]] }), 'invalid-batch');
        await expectStoreError(apply({ upserts: rowsOf(1), rejected: [{ rowId: 'r0000', errors: [] }] }), 'invalid-batch');
        await expectStoreError(apply({ upserts: rowsOf(1), deletes: ['r0000'] }), 'invalid-batch');
        const reviewer = await store.createPrincipal({ kind: 'reviewer', name: 'R' });
        const base = { table: 'requests' as const, upserts: rowsOf(1), deletes: [], full: false, rejected: [], at: T0 };
        await expectStoreError(store.applyBatch({ ...base, sourceId: reviewer.principal.id }), 'unknown-source');
        await expectStoreError(store.applyBatch({ ...base, sourceId: 'no-such-source' }), 'unknown-source');
        expect(await snapshot(store)).toEqual({ rows: [], changes: [], rejections: [], syncs: [], log: [] });
      });

      test('two sources and two tables with the same rowIds never collide', async () => {
        const { store, source: a, apply: applyA } = await withSource();
        const { principal: b } = await store.createPrincipal({ kind: 'source', name: 'City B', sourceKind: 'excel' });
        const applyB = (x: Partial<Batch>) =>
          store.applyBatch({ sourceId: b.id, table: 'requests', upserts: [], deletes: [], full: false, rejected: [], at: T0, ...x });
        await applyA({ upserts: rowsOf(3, 'New') });
        await applyA({ table: 'workplan', upserts: rowsOf(3, 'Plan') });
        expect(await applyB({ upserts: rowsOf(3, 'Closed') })).toEqual({ accepted: 3, unchanged: 0, deleted: 0 });
        expect(await applyB({ full: true, upserts: [], at: at(1) })).toEqual({ accepted: 0, unchanged: 0, deleted: 3 });
        expect((await store.syncState(a.id, 'requests')).length).toBe(3);
        expect((await store.syncState(a.id, 'workplan')).length).toBe(3);
        const aRows = await collect(store.rows('requests', { sourceIds: [a.id] }));
        expect(aRows.map((r) => r.values.status)).toEqual(['New', 'New', 'New']);
        const bRows = await collect(store.rows('requests', { sourceIds: [b.id], includeDeleted: true }));
        expect(bRows.map((r) => [r.values.status, r.deleted, r.sourceName])).toEqual(Array(3).fill(['Closed', true, 'City B']));
        expect(await collect(store.rows('requests', { sourceIds: [] }))).toEqual([]);
        expect((await collect(store.changes('workplan', { sourceIds: [a.id] }))).length).toBe(3);
        expect(await collect(store.changes('workplan', { sourceIds: [b.id] }))).toEqual([]);
      });

      test('concurrent batches from two sources all land', async () => {
        const store = await fresh();
        const sources = await Promise.all(['North', 'South'].map((n) => store.createPrincipal({ kind: 'source', name: n })));
        const rows = rowsOf(1200);
        const batches = sources.flatMap(({ principal }) =>
          [0, 400, 800].map((start) =>
            store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: rows.slice(start, start + 400), deletes: [], full: false, rejected: [], at: T0 }),
          ),
        );
        const results = await Promise.all(batches);
        expect(results.reduce((n, r) => n + r.accepted, 0)).toBe(2400);
        for (const { principal } of sources) expect((await store.syncState(principal.id, 'requests')).length).toBe(1200);
      });

      test('the same batch sent twice at once (a client retry) is applied once', async () => {
        const { store, apply } = await withSource();
        const upserts = rowsOf(500);
        const results = await Promise.all([apply({ upserts }), apply({ upserts })]);
        expect(results.map((r) => r.accepted).sort()).toEqual([0, 500]);
        expect(results.map((r) => r.unchanged).sort()).toEqual([0, 500]);
        expect(await collect(store.changes('requests'))).toHaveLength(500);
      });

      test('a batch of over 8 MB of values answers and stores as a small one: sent again, changed in part, moved, full, failed', async () => {
        let fail = false;
        const { store, apply } = await withSource({
          beforeCommit: () => {
            if (fail) throw new Error('injected failure');
          },
        });
        const sheet = bigRows(300);
        expect(await apply({ upserts: sheet })).toEqual({ accepted: 300, unchanged: 0, deleted: 0 });
        expect(await apply({ upserts: sheet, at: at(1) })).toEqual({ accepted: 0, unchanged: 300, deleted: 0 });
        // Rows 0-9 changed, 10-14 moved down the sheet, 298-299 gone, one new row, one rejected.
        const next = [
          ...sheet.slice(0, 10).map((r, i) => bigRow(i, 'Closed', r.sheetRow)),
          ...sheet.slice(10, 15).map((r) => ({ ...r, sheetRow: r.sheetRow + 1000 })),
          ...sheet.slice(15, 298),
          bigRow(300, 'New', 400),
        ];
        const batch: Partial<Batch> = { full: true, upserts: next, rejected: [{ rowId: 'bad', errors: [{ field: 'dueOn', message: 'not a date' }] }], at: at(2) };
        const before = await snapshot(store);
        fail = true;
        await expect(apply(batch)).rejects.toThrow('injected failure');
        expect(await snapshot(store)).toEqual(before);
        fail = false;
        expect(await apply(batch)).toEqual({ accepted: 11, unchanged: 288, deleted: 2 });
        expect(await apply({ ...batch, at: at(3) })).toEqual({ accepted: 0, unchanged: 299, deleted: 0 });
        const rows = await collect(store.rows('requests'));
        const ids = (from: number, to: number) => sheet.slice(from, to).map((r) => r.rowId);
        expect(rows.map((r) => r.rowId)).toEqual([...ids(0, 10), ...ids(15, 298), 'b300', ...ids(10, 15)]);
        expect(rows.filter((r) => r.values.status === 'Closed').map((r) => r.rowId)).toEqual(sheet.slice(0, 10).map((r) => r.rowId));
        expect((await collect(store.changes('requests'))).length).toBe(300 + 11 + 2);
        expect((await store.rejections()).map((r) => r.rowId)).toEqual(['bad']);
      });

      test('the same batch of over 8 MB sent twice at once is applied once', async () => {
        const { store, apply } = await withSource();
        const upserts = bigRows(300);
        const results = await Promise.all([apply({ upserts }), apply({ upserts })]);
        expect(results.map((r) => r.accepted).sort()).toEqual([0, 300]);
        expect(await collect(store.changes('requests'))).toHaveLength(300);
      });

      test('of batches sent at once, each that fails leaves nothing behind and the others land', async () => {
        const { store, source, apply } = await withSource({
          beforeCommit: (batch) => {
            if (batch.upserts.some((r) => r.rowId === 'poison')) throw new Error('injected failure');
          },
        });
        // The row deleted is stored before, so the batches may land in any order (PostgreSQL takes them as they come).
        await apply({ upserts: [row('r0099', { requestId: 'TA-99' })] });
        const outcomes = await Promise.allSettled([
          apply({ upserts: rowsOf(3), at: at(1) }),
          apply({ upserts: [row('poison', { requestId: 'TA-P' }), row('r0101', { requestId: 'TA-101' })], at: at(2) }),
          apply({ upserts: [row('r0100', { requestId: 'TA-100' })], at: at(3) }),
          apply({ upserts: [row('r0102', { requestId: 'TA-102' }), row('r0102', { requestId: 'TA-102' })], at: at(4) }),
          apply({ deletes: ['r0099'], at: at(5) }),
        ]);
        expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled']);
        expect((await store.syncState(source.id, 'requests')).map((r) => r.rowId).sort()).toEqual(['r0000', 'r0001', 'r0002', 'r0100']);
        expect((await collect(store.changes('requests'))).map((c) => `${c.rowId}:${c.op}`).sort()).toEqual(['r0000:upsert', 'r0001:upsert', 'r0002:upsert', 'r0099:delete', 'r0099:upsert', 'r0100:upsert']);
        expect((await store.lastSyncs()).map((s) => s.at)).toEqual([at(5)]);
      });
    });

    describe('status links', () => {
      test("a status link is kept by its token's digest and reads every version of its request that held values, before the link too, through a removal, and no other row's", async () => {
        const { store, source, apply } = await withSource();
        const other = await store.createPrincipal({ kind: 'source', name: 'Other office', sourceKind: 'excel' });
        await apply({ upserts: [row('r1', { requestId: 'TA-1', status: 'New' })] });
        await store.createStatusLink({ tokenHash: 'digest-of-the-token', sourceId: source.id, rowId: 'r1', at: at(1) });
        await apply({ upserts: [row('r1', { requestId: 'TA-1', status: 'Triaged' }), row('r2', { requestId: 'TA-2', status: 'Assigned' })], at: at(2) });
        await store.applyBatch({ sourceId: other.principal.id, table: 'requests', upserts: [row('r1', { requestId: 'X-1', status: 'Declined' })], deletes: [], full: false, rejected: [], at: at(3) });
        await apply({ table: 'milestones', upserts: [row('r1', { milestone: 'Kickoff', date: '2025-03-01' })], at: at(3) });
        await apply({ upserts: [row('r1', { requestId: 'TA-1', status: 'In progress', notes: 'call back' })], at: at(4) });
        await apply({ deletes: ['r1'], at: at(5) });

        expect(await store.statusLink('digest-of-the-token')).toEqual({ sourceId: source.id, rowId: 'r1', createdAt: at(1), revokedAt: null });
        expect(await store.statusLink('another-digest')).toBeNull();
        const kept = [
          { at: T0, status: 'New', requestId: 'TA-1' },
          { at: at(2), status: 'Triaged', requestId: 'TA-1' },
          { at: at(4), status: 'In progress', requestId: 'TA-1' },
        ];
        expect(await store.statusVersions(source.id, 'r1')).toEqual(kept);
        // Put back in the sheet: its versions before the removal are still its own. A late retry, dated before the
        // versions written ahead of it, takes its place by its batch's time.
        await apply({ upserts: [row('r1', { requestId: 'TA-1', status: 'Fulfilled' })], at: at(7) });
        await apply({ upserts: [row('r1', { requestId: 'TA-1', status: 'In progress', notes: 'resent' })], at: at(6) });
        expect(await store.statusVersions(source.id, 'r1')).toEqual([
          ...kept,
          { at: at(6), status: 'In progress', requestId: 'TA-1' },
          { at: at(7), status: 'Fulfilled', requestId: 'TA-1' },
        ]);
        expect(await store.statusVersions(source.id, 'never-sent')).toEqual([]);
      });

      test.runIf(probe !== undefined)("a status page follows its request's versions back by primary key, not by walking other requests' history", async () => {
        const place = `status${Date.now() % 100_000}`;
        const store = await fresh({ place });
        const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'google-sheets' });
        for (let minutes = 0; minutes < 3; minutes++) {
          await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: rowsOf(50, minutes ? `Triaged ${minutes}` : 'New'), deletes: [], full: false, rejected: [], at: at(minutes) });
        }
        const plan = await probe!.queryPlan(place, (db) => statusHistoryQuery(db, principal.id, 'r0007'));
        // SQLite: "SEARCH r USING PRIMARY KEY (table_name=? AND source_id=? AND row_id=?)", then "SEARCH h USING
        // INTEGER PRIMARY KEY (rowid=?)" for the current version and for each one before it.
        // PostgreSQL: "Index Scan using sheet_rows_pk … (row_id = 'r0007'::text)", then "Index Scan using row_history_pkey".
        expect(plan).toMatch(/PRIMARY KEY \(table_name=\? AND source_id=\? AND row_id=\?\)|sheet_rows_pk[^]*row_id = 'r0007'/);
        expect(plan.match(/INTEGER PRIMARY KEY \(rowid=\?\)|Index Scan using row_history_pkey/g)).toHaveLength(2);
        // No scan of the history, nor any index of it by time or otherwise.
        expect(plan).not.toMatch(/Seq Scan|SCAN (h|row_history)\b|row_history_by/);
        expect(await store.statusVersions(principal.id, 'r0007')).toEqual(
          ['New', 'Triaged 1', 'Triaged 2'].map((status, minutes) => ({ at: at(minutes), status, requestId: 'TA-7' })),
        );
      });

      test.runIf(probe !== undefined)("a database kept before status pages follows every request's versions after 0026 gives its history the pointers", async () => {
        const place = `pointers${Date.now() % 100_000}`;
        const { store, source, apply } = await withSource({ place });
        const other = await store.createPrincipal({ kind: 'source', name: 'Other office', sourceKind: 'excel' });
        const statuses = ['New', 'Triaged', 'Assigned', 'In progress', 'Fulfilled'];
        for (const [minutes, status] of statuses.entries()) {
          await apply({ upserts: rowsOf(30, status).filter((_, i) => i % (minutes + 1) === 0), at: at(minutes) });
          await store.applyBatch({ sourceId: other.principal.id, table: 'requests', upserts: rowsOf(5, `${status} elsewhere`), deletes: [], full: false, rejected: [], at: at(minutes) });
        }
        await apply({ deletes: ['r0000'], at: at(10) });
        await apply({ upserts: [row('r0000', { requestId: 'TA-0', status: 'Reopened' })], at: at(11) });
        await store.close();
        await probe!.execute(place, ['alter table row_history drop column previous_seq', "delete from schema_migrations where name = '0026-row-history-previous-version'"]);

        const migrated = await fresh({ place });
        const versionsOf = (i: number) => [
          ...statuses.flatMap((status, minutes) => (i % (minutes + 1) === 0 ? [{ at: at(minutes), status, requestId: `TA-${i}` }] : [])),
          ...(i === 0 ? [{ at: at(11), status: 'Reopened', requestId: 'TA-0' }] : []),
        ];
        for (const i of [0, 1, 2, 6, 12, 29]) expect(await migrated.statusVersions(source.id, `r${String(i).padStart(4, '0')}`)).toEqual(versionsOf(i));
        expect((await migrated.statusVersions(other.principal.id, 'r0003')).map((v) => v.status)).toEqual(statuses.map((s) => `${s} elsewhere`));
        // Written from then on with each new version.
        await migrated.applyBatch({ sourceId: source.id, table: 'requests', upserts: [row('r0006', { requestId: 'TA-6', status: 'Closed' })], deletes: [], full: false, rejected: [], at: at(12) });
        expect(await migrated.statusVersions(source.id, 'r0006')).toEqual([...versionsOf(6), { at: at(12), status: 'Closed', requestId: 'TA-6' }]);
      });

      test("a request's newest feedback link is the one its status page offers; a request sent none has none", async () => {
        const { store, source } = await withSource();
        await ingestBatch(store, { sourceId: source.id, table: 'requests', rows: [{ rowId: 'r1', cells: FULFILLED }, { rowId: 'r2', cells: { ...FULFILLED, requestId: 'TA-26-002' } }], at: T0 });
        const issued = [];
        for (const [rowId, minutes] of [['r1', 1], ['r1', 3], ['r2', 5]] as const) {
          const link = await issueFeedbackLink(store, { sourceId: source.id, table: 'requests', ref: rowId, at: at(minutes) });
          if (!('token' in link)) throw new Error(`no link: ${link.kind}`);
          issued.push(createHash('sha256').update(link.token).digest('hex'));
        }
        expect(await store.newestFeedbackLink(source.id, 'requests', 'r1')).toMatchObject({ tokenHash: issued[1], rowId: 'r1', createdAt: at(3) });
        expect(await store.newestFeedbackLink(source.id, 'requests', 'r3')).toBeNull();
      });

      test("turning a request's links off ends every status and feedback link it was sent then, and no other request's, its rows or its history; a link asked for after works", async () => {
        const { store, source } = await withSource();
        const other = await store.createPrincipal({ kind: 'source', name: 'Other office', sourceKind: 'excel' });
        const requests = [{ rowId: 'r1', cells: FULFILLED }, { rowId: 'r2', cells: { ...FULFILLED, requestId: 'TA-26-002' } }];
        await ingestBatch(store, { sourceId: source.id, table: 'requests', rows: requests, at: T0 });
        await ingestBatch(store, { sourceId: other.principal.id, table: 'requests', rows: [{ rowId: 'r1', cells: FULFILLED }], at: T0 });
        const survey = async (sourceId: string, rowId: string, minutes: number) => {
          const link = await issueFeedbackLink(store, { sourceId, table: 'requests', ref: rowId, at: at(minutes) });
          if (!('token' in link)) throw new Error(`no link: ${link.kind}`);
          return createHash('sha256').update(link.token).digest('hex');
        };
        const answered = await survey(source.id, 'r1', 1);
        await recordFeedback(store, (await store.feedbackLink(answered))!, ANSWER, at(2));
        const unanswered = await survey(source.id, 'r1', 3);
        const [otherRow, otherSource] = [await survey(source.id, 'r2', 3), await survey(other.principal.id, 'r1', 3)];
        for (const [hash, sourceId, rowId] of [['status-1', source.id, 'r1'], ['status-2', source.id, 'r1'], ['status-r2', source.id, 'r2'], ['status-other', other.principal.id, 'r1']]) {
          await store.createStatusLink({ tokenHash: hash, sourceId, rowId, at: at(3) });
        }
        const before = { row: await store.storedRow(source.id, 'requests', 'r1'), versions: await store.statusVersions(source.id, 'r1'), changes: await collect(store.changes('requests')), counts: await store.surveyCounts() };

        expect(await store.revokeRequesterLinks({ sourceId: source.id, rowId: 'r1', at: at(10) })).toEqual({ status: 2, feedback: 2 });
        for (const hash of ['status-1', 'status-2']) expect(await store.statusLink(hash)).toMatchObject({ rowId: 'r1', revokedAt: at(10) });
        for (const hash of [answered, unanswered]) expect(await store.feedbackLink(hash)).toMatchObject({ rowId: 'r1', revokedAt: at(10) });
        // The answer given stays with its link, in the request's row and in the figures.
        expect((await store.feedbackLink(answered))?.answer).toEqual(ANSWER);
        for (const hash of ['status-r2', 'status-other']) expect((await store.statusLink(hash))?.revokedAt).toBeNull();
        for (const hash of [otherRow, otherSource]) expect((await store.feedbackLink(hash))?.revokedAt).toBeNull();
        expect(await store.storedRow(source.id, 'requests', 'r1')).toEqual(before.row);
        expect(await store.statusVersions(source.id, 'r1')).toEqual(before.versions);
        expect(await collect(store.changes('requests'))).toEqual(before.changes);
        expect(await store.surveyCounts()).toEqual(before.counts);
        // A status page offers no survey turned off; the request's other source's holds its own.
        expect(await store.newestFeedbackLink(source.id, 'requests', 'r1')).toBeNull();
        expect(await store.newestFeedbackLink(other.principal.id, 'requests', 'r1')).toMatchObject({ tokenHash: otherSource });

        // Turned off once: again it turns off nothing more and keeps the day it was first turned off.
        expect(await store.revokeRequesterLinks({ sourceId: source.id, rowId: 'r1', at: at(20) })).toEqual({ status: 0, feedback: 0 });
        expect((await store.statusLink('status-1'))?.revokedAt).toEqual(at(10));
        const renewed = await survey(source.id, 'r1', 30);
        await store.createStatusLink({ tokenHash: 'status-3', sourceId: source.id, rowId: 'r1', at: at(30) });
        expect((await store.statusLink('status-3'))?.revokedAt).toBeNull();
        expect(await store.newestFeedbackLink(source.id, 'requests', 'r1')).toMatchObject({ tokenHash: renewed, revokedAt: null });
      });

      test("turning one link off ends that link alone, kept and marked, of the source's own links only; its request's other links, its row and its answer stay", async () => {
        const { store, source } = await withSource();
        const other = await store.createPrincipal({ kind: 'source', name: 'Other office', sourceKind: 'excel' });
        await ingestBatch(store, { sourceId: source.id, table: 'requests', rows: [{ rowId: 'r1', cells: FULFILLED }], at: T0 });
        await ingestBatch(store, { sourceId: other.principal.id, table: 'requests', rows: [{ rowId: 'r1', cells: FULFILLED }], at: T0 });
        const survey = async (sourceId: string, minutes: number) => {
          const link = await issueFeedbackLink(store, { sourceId, table: 'requests', ref: 'r1', at: at(minutes) });
          if (!('token' in link)) throw new Error(`no link: ${link.kind}`);
          return createHash('sha256').update(link.token).digest('hex');
        };
        const [answered, newer, othersSurvey] = [await survey(source.id, 1), await survey(source.id, 2), await survey(other.principal.id, 2)];
        await recordFeedback(store, (await store.feedbackLink(answered))!, ANSWER, at(3));
        for (const [hash, sourceId] of [['status-1', source.id], ['status-2', source.id], ['status-other', other.principal.id]]) {
          await store.createStatusLink({ tokenHash: hash, sourceId, rowId: 'r1', at: at(3) });
        }
        const before = { row: await store.storedRow(source.id, 'requests', 'r1'), versions: await store.statusVersions(source.id, 'r1'), counts: await store.surveyCounts() };

        expect(await store.revokeRequesterLink({ sourceId: source.id, tokenHash: 'status-1', at: at(10) })).toEqual({ rowId: 'r1', status: 1, feedback: 0 });
        expect(await store.statusLink('status-1')).toMatchObject({ rowId: 'r1', revokedAt: at(10) });
        expect((await store.statusLink('status-2'))?.revokedAt).toBeNull();
        for (const hash of [answered, newer]) expect((await store.feedbackLink(hash))?.revokedAt).toBeNull();

        expect(await store.revokeRequesterLink({ sourceId: source.id, tokenHash: newer, at: at(11) })).toEqual({ rowId: 'r1', status: 0, feedback: 1 });
        expect((await store.feedbackLink(newer))?.revokedAt).toEqual(at(11));
        // The status page offers the newest survey still on.
        expect(await store.newestFeedbackLink(source.id, 'requests', 'r1')).toMatchObject({ tokenHash: answered });
        expect(await store.revokeRequesterLink({ sourceId: source.id, tokenHash: answered, at: at(12) })).toEqual({ rowId: 'r1', status: 0, feedback: 1 });
        expect((await store.feedbackLink(answered))?.answer).toEqual(ANSWER);
        expect(await store.storedRow(source.id, 'requests', 'r1')).toEqual(before.row);
        expect(await store.statusVersions(source.id, 'r1')).toEqual(before.versions);
        expect(await store.surveyCounts()).toEqual(before.counts);

        // Again: nothing more, and the first time kept.
        expect(await store.revokeRequesterLink({ sourceId: source.id, tokenHash: 'status-1', at: at(20) })).toEqual({ rowId: 'r1', status: 0, feedback: 0 });
        expect((await store.statusLink('status-1'))?.revokedAt).toEqual(at(10));
        // Another source's link, or none: nothing is touched, and the answer does not say whether it exists.
        for (const hash of ['status-other', othersSurvey, 'no-such-digest']) expect(await store.revokeRequesterLink({ sourceId: source.id, tokenHash: hash, at: at(20) })).toBeNull();
        expect((await store.statusLink('status-other'))?.revokedAt).toBeNull();
        expect((await store.feedbackLink(othersSurvey))?.revokedAt).toBeNull();
      });
    });

    describe('first done day', () => {
      const day = (n: number) => at(n * 24 * 60);
      const firstDone = async (store: RowStore, table: TableName = 'requests') =>
        Object.fromEntries((await collect(store.rows(table, { includeDeleted: true }))).map((r) => [r.rowId, r.firstDoneOn]));

      test('a request keeps the day of the fulfillment that stood: the first of the versions since it was last shown open', async () => {
        const { store, apply } = await withSource();
        await apply({ upserts: [row('early', { status: 'New' }), row('late', { status: 'New' }), row('undated', { status: 'Triaged' }), row('open', { status: 'New' })] });
        expect(await firstDone(store)).toEqual({ early: null, late: null, undated: null, open: null });
        await apply({
          at: day(2),
          upserts: [
            // Synced after the fact: its own date. A date after the sync, or none: the day the sync was recorded.
            row('early', { status: 'Fulfilled', fulfilledOn: '2025-02-27' }),
            row('late', { status: 'Closed', fulfilledOn: '2025-03-10' }),
            row('undated', { status: 'fulfilled' }),
            row('open', { status: 'In progress', fulfilledOn: 'TBD' }),
          ],
        });
        expect(await firstDone(store)).toEqual({ early: '2025-02-27', late: '2025-03-03', undated: '2025-03-03', open: null });
        // An edited date or a deletion moves no first day; a reopening clears it; a date alone makes one.
        await apply({
          at: day(5),
          upserts: [row('early', { status: 'Fulfilled', fulfilledOn: '2025-01-15' }), row('late', { status: 'In progress' }), row('open', { status: 'New', fulfilledOn: '2025-03-05' })],
          deletes: ['undated'],
        });
        expect(await firstDone(store)).toEqual({ early: '2025-02-27', late: null, undated: '2025-03-03', open: '2025-03-05' });
        // Fulfilled again after the reopening: the fulfillment that stood. Revived: still its first day.
        await apply({ at: day(8), upserts: [row('late', { status: 'Closed', fulfilledOn: '2025-03-08' }), row('undated', { status: 'Closed', fulfilledOn: '2025-03-08' })] });
        expect(await firstDone(store)).toEqual({ early: '2025-02-27', late: '2025-03-08', undated: '2025-03-03', open: '2025-03-05' });
        // Closed or Declined after it was fulfilled ends it without reopening it: the day stands.
        await apply({ at: day(10), upserts: [row('early', { status: 'Closed' }), row('open', { status: 'Declined', fulfilledOn: null })] });
        expect(await firstDone(store)).toMatchObject({ early: '2025-02-27', open: '2025-03-05' });
        expect((await collect(store.rows('requests'))).find((r) => r.rowId === 'undated')).toMatchObject({ deleted: false, values: { status: 'Closed', fulfilledOn: '2025-03-08' } });
      });

      test('a request keeps the first day it was seen Closed since it was last open, apart from the day it was fulfilled', async () => {
        const { store, apply } = await withSource();
        const firstClosed = async () => Object.fromEntries((await collect(store.rows('requests', { includeDeleted: true }))).map((r) => [r.rowId, r.firstClosedOn]));
        // Seen open first: a request already done or ended when first seen has no day (below).
        await apply({ at: day(-1), upserts: [row('served', { status: 'New' }), row('dated', { status: 'New' })] });
        await apply({ upserts: [row('dropped', { status: 'New' }), row('served', { status: 'Fulfilled' }), row('dated', { status: 'Closed', fulfilledOn: '2025-02-20' }), row('open', { status: 'New' })] });
        expect(await firstClosed()).toEqual({ dropped: null, served: null, dated: '2025-03-01', open: null });
        await apply({ at: day(2), upserts: [row('dropped', { status: 'closed' }), row('served', { status: 'Closed' })] });
        expect(await firstClosed()).toEqual({ dropped: '2025-03-03', served: '2025-03-03', dated: '2025-03-01', open: null });
        expect(await firstDone(store)).toMatchObject({ dropped: null, served: '2025-03-01' });
        // Reopened: no closed day; deleted and revived still closed: the first day stays.
        await apply({ at: day(4), upserts: [row('dropped', { status: 'In progress' })], deletes: ['served'] });
        expect(await firstClosed()).toMatchObject({ dropped: null, served: '2025-03-03' });
        await apply({ at: day(6), upserts: [row('dropped', { status: 'Closed' }), row('served', { status: 'Closed', notes: 'again' })] });
        expect(await firstClosed()).toEqual({ dropped: '2025-03-07', served: '2025-03-03', dated: '2025-03-01', open: null });
        // Declined, then Closed without being reopened: ended since the decline.
        await apply({ at: day(8), upserts: [row('open', { status: 'Declined' })] });
        await apply({ at: day(9), upserts: [row('open', { status: 'Closed' })] });
        expect(await firstClosed()).toMatchObject({ open: '2025-03-09' });
      });

      test('a request already done or ended when the store first sees it, with no date, keeps no day: not the import\'s, nor a later edit\'s', async () => {
        const { store, apply } = await withSource();
        const days = async () => Object.fromEntries((await collect(store.rows('requests', { includeDeleted: true }))).map((r) => [r.rowId, [r.firstDoneOn, r.firstClosedOn]]));
        // A log kept for months, first imported: done or ended on days the store cannot know, or on its own date.
        await apply({ upserts: [row('served', { status: 'Fulfilled' }), row('dropped', { status: 'Closed' }), row('turned', { status: 'Declined' }),
          row('dated', { status: 'Fulfilled', fulfilledOn: '2025-02-20' }), row('open', { status: 'New' }), row('later', { status: 'Fulfilled' })] });
        expect(await days()).toEqual({ served: [null, null], dropped: [null, null], turned: [null, null], dated: ['2025-02-20', null], open: [null, null], later: [null, null] });
        // A note edited, then the row removed and put back, ended again differently: still no day, and no day of the edit.
        await apply({ at: day(2), upserts: [row('served', { status: 'Fulfilled', notes: 'Sent the deck' }), row('dropped', { status: 'Declined' }), row('open', { status: 'Fulfilled' })], deletes: ['turned'] });
        await apply({ at: day(3), upserts: [row('served', { status: 'Closed', notes: 'Sent the deck' }), row('turned', { status: 'Declined', notes: 'back' })] });
        // Fulfilled on a day not known, then closed: judged by its fulfillment, not as one closed without it.
        expect(await days()).toEqual({ served: [null, null], dropped: [null, null], turned: [null, null], dated: ['2025-02-20', null], open: ['2025-03-03', null], later: [null, null] });
        // The day fulfilled, typed: counted from then as any date. Reopened and done again: the day the store saw it.
        await apply({ at: day(4), upserts: [row('later', { status: 'Fulfilled', fulfilledOn: '2025-01-31' }), row('dropped', { status: 'In progress' })] });
        await apply({ at: day(5), upserts: [row('later', { status: 'Fulfilled', notes: 'date cleared' }), row('dropped', { status: 'Closed' })] });
        expect(await days()).toMatchObject({ later: ['2025-01-31', null], dropped: [null, '2025-03-06'] });
      });

      test('each row of a large batch gets its own first done day; other tables get none', async () => {
        const { store, apply } = await withSource();
        const fulfilledOn = (i: number) => `2025-02-${String(1 + (i % 28)).padStart(2, '0')}`;
        const ids = Array.from({ length: 150 }, (_, i) => i);
        // Sent out of key order, across several multi-row statements.
        await apply({ upserts: [...ids].reverse().map((i) => row(`r${i}`, i % 3 === 0 ? { status: 'Fulfilled', fulfilledOn: fulfilledOn(i) } : { status: 'New' })) });
        expect(await firstDone(store)).toEqual(Object.fromEntries(ids.map((i) => [`r${i}`, i % 3 === 0 ? fulfilledOn(i) : null])));
        await apply({ table: 'workplan', upserts: [row('w1', { status: 'Fulfilled', fulfilledOn: '2025-01-01' }), row('w2', { status: 'Completed' })] });
        expect(await firstDone(store, 'workplan')).toEqual({ w1: null, w2: null });
      });

      test.runIf(probe !== undefined)('a database from before first done days gets them from its history, in batch-time order', async () => {
        const place = `backfill${Date.now() % 100_000}`;
        const store = await open({ place });
        const { principal: a } = await store.createPrincipal({ kind: 'source', name: 'A' });
        const { principal: b } = await store.createPrincipal({ kind: 'source', name: 'B' });
        const apply = (sourceId: string, x: Partial<Batch>) =>
          store.applyBatch({ sourceId, table: 'requests', upserts: [], deletes: [], full: false, rejected: [], at: T0, ...x });
        // Enough history for several pages, some of them within one batch time.
        const bulk = Array.from({ length: 2500 }, (_, i) => `bulk${String(i).padStart(4, '0')}`);
        const bulkDate = (i: number) => `2025-02-${String(1 + (i % 28)).padStart(2, '0')}`;
        await apply(a.id, { upserts: [row('a', { status: 'New' }), row('b', { status: 'New' }), row('c', { status: 'Closed' }), row('open', { status: 'New' }), ...bulk.map((id) => row(id, { status: 'New' }))] });
        await apply(b.id, { upserts: [row('a', { status: 'New' })] });
        await apply(a.id, { table: 'workplan', upserts: [row('w', { status: 'Fulfilled', fulfilledOn: '2025-01-01' })] });
        await apply(a.id, { at: day(2), upserts: [row('a', { status: 'Fulfilled', fulfilledOn: '2025-02-20' }), row('b', { status: 'In progress', fulfilledOn: '2025-03-09' })] });
        await apply(a.id, { at: day(3), upserts: bulk.flatMap((id, i) => (i % 2 === 0 ? [row(id, { status: 'Fulfilled', fulfilledOn: bulkDate(i) })] : [])) });
        await apply(a.id, { at: day(4), upserts: [row('a', { status: 'Fulfilled', fulfilledOn: '2025-01-10' })], deletes: ['c'] });
        await apply(a.id, { at: day(6), upserts: [row('c', { status: 'New' })] });
        // Two syncs recorded out of order: history puts the one recorded on day 7 first.
        await apply(a.id, { at: day(9), upserts: [row('d', { status: 'Fulfilled' })] });
        await apply(a.id, { at: day(7), upserts: [row('d', { status: 'Fulfilled', fulfilledOn: '2025-03-05' })] });
        await store.close();

        await probe!.execute(place, ['alter table sheet_rows drop column first_done_on', "delete from schema_migrations where name = '0002-first-done-on'"]);
        const migrated = await fresh({ place });
        const byKey = async (table: TableName) =>
          Object.fromEntries((await collect(migrated.rows(table, { includeDeleted: true }))).map((r) => [`${r.sourceId === a.id ? 'A' : 'B'}/${r.rowId}`, r.firstDoneOn]));
        expect(await byKey('requests')).toEqual({
          'A/a': '2025-02-20', 'A/b': '2025-03-03', 'A/c': null, 'A/d': '2025-03-05', 'A/open': null, 'B/a': null,
          ...Object.fromEntries(bulk.map((id, i) => [`A/${id}`, i % 2 === 0 ? bulkDate(i) : null])),
        });
        expect(await byKey('workplan')).toEqual({ 'A/w': null });
        // Written from then on as before: kept once set, made when first shown.
        await migrated.applyBatch({ sourceId: a.id, table: 'requests', upserts: [row('a', { status: 'Closed', fulfilledOn: '2025-03-11' }), row('open', { status: 'Fulfilled' })], deletes: [], full: false, rejected: [], at: day(12) });
        expect(await byKey('requests')).toMatchObject({ 'A/a': '2025-02-20', 'A/open': '2025-03-13' });
      });
    });

    test.runIf(probe !== undefined)('a request closed without being fulfilled loses the first done day the rule before 0014 gave it', async () => {
      const place = `closedundone${Date.now() % 100_000}`;
      const { store, source, apply } = await withSource({ place });
      const day = (n: number) => at(n * 24 * 60);
      await apply({ at: day(-1), upserts: [row('closed', { status: 'New' }), row('served', { status: 'New' }), row('dated', { status: 'New' })] });
      await apply({ upserts: [row('closed', { status: 'Closed' }), row('served', { status: 'Fulfilled' }), row('dated', { status: 'Closed', fulfilledOn: '2025-02-20' })] });
      await apply({ at: day(2), upserts: [row('served', { status: 'Closed' })] });
      await store.close();
      await probe!.execute(place, ["update sheet_rows set first_done_on = '2025-03-01' where row_id = 'closed'", "delete from schema_migrations where name = '0014-first-done-on-fulfilled'"]);
      const migrated = await fresh({ place });
      const rows = (await collect(migrated.rows('requests'))).filter((r) => r.sourceId === source.id);
      expect(Object.fromEntries(rows.map((r) => [r.rowId, r.firstDoneOn]))).toEqual({ closed: null, served: '2025-03-01', dated: '2025-02-20' });
    });

    test.runIf(probe !== undefined)('a database from before first closed days gets them from its history', async () => {
      const place = `closedon${Date.now() % 100_000}`;
      const { store, source, apply } = await withSource({ place });
      const day = (n: number) => at(n * 24 * 60);
      // More history than one page of the backfill's read.
      const bulk = Array.from({ length: 2100 }, (_, i) => `bulk${String(i).padStart(4, '0')}`);
      await apply({ at: day(-1), upserts: [row('served', { status: 'New' })] });
      await apply({ upserts: [row('dropped', { status: 'New' }), row('served', { status: 'Fulfilled' }), row('open', { status: 'New' }), ...bulk.map((id) => row(id, { status: 'New' }))] });
      await apply({ at: day(2), upserts: [row('dropped', { status: 'Closed' }), row('served', { status: 'Closed' }), ...bulk.filter((_, i) => i % 2 === 0).map((id) => row(id, { status: 'Closed' }))] });
      await apply({ at: day(3), upserts: [row('dropped', { status: 'In progress' })] });
      await apply({ at: day(5), upserts: [row('dropped', { status: 'Closed' }), row('open', { status: 'Triaged' })] });
      await store.close();
      await probe!.execute(place, ['alter table sheet_rows drop column first_closed_on', "delete from schema_migrations where name = '0015-first-closed-on'"]);
      const migrated = await fresh({ place });
      const rows = (await collect(migrated.rows('requests'))).filter((r) => r.sourceId === source.id);
      expect(Object.fromEntries(rows.map((r) => [r.rowId, [r.firstDoneOn, r.firstClosedOn]]))).toEqual({
        dropped: [null, '2025-03-06'], served: ['2025-03-01', '2025-03-03'], open: [null, null],
        ...Object.fromEntries(bulk.map((id, i) => [id, [null, i % 2 === 0 ? '2025-03-03' : null]])),
      });
    });

    /** Closed days as a migration recomputes them from history, after `statements` wound the database back to before it. */
    const closedDaysMigrated = [
      {
        name: 'Declined ended a request gets the day it was first declined',
        history: [
          { upserts: [row('turned', { status: 'New' }), row('dropped', { status: 'New' }), row('open', { status: 'New' })] },
          { day: 2, upserts: [row('turned', { status: 'Declined' }), row('dropped', { status: 'Closed' })] },
          { day: 4, upserts: [row('turned', { status: 'Closed' })] },
        ],
        // As the rule before 0019 left them: a request first seen Closed on day 4, though Declined on day 2.
        statements: ["update sheet_rows set first_closed_on = '2025-03-05' where row_id = 'turned'", "delete from schema_migrations where name = '0019-first-closed-on-declined'"],
        expected: { turned: '2025-03-03', dropped: '2025-03-03', open: null },
      },
      {
        name: 'a reopened request lost its closed day gets the day of its last close',
        history: [
          { upserts: [row('reopened', { status: 'New' }), row('dropped', { status: 'New' }), row('open', { status: 'New' })] },
          { day: 2, upserts: [row('reopened', { status: 'Declined' }), row('dropped', { status: 'Closed' }), row('open', { status: 'Declined' })] },
          { day: 4, upserts: [row('reopened', { status: 'In progress' }), row('dropped', { status: 'Closed', notes: 'No reply' }), row('open', { status: 'Triaged' })] },
          { day: 6, upserts: [row('reopened', { status: 'Closed' })] },
        ],
        // As the rule before 0023 left them: each the day it was first declined or closed.
        statements: ["update sheet_rows set first_closed_on = '2025-03-03' where row_id in ('reopened', 'open')", "delete from schema_migrations where name = '0023-first-closed-on-final-close'"],
        expected: { reopened: '2025-03-07', dropped: '2025-03-03', open: null },
      },
    ];
    test.runIf(probe !== undefined)('a database from before 0024 dates a request fulfilled, reopened and fulfilled again by the fulfillment that stood', async () => {
      const place = `donestood${Date.now() % 100_000}`;
      const { store, source, apply } = await withSource({ place });
      const day = (n: number) => at(n * 24 * 60);
      await apply({ at: day(-1), upserts: [row('served', { status: 'New' })] });
      await apply({ upserts: [row('again', { status: 'New' }), row('served', { status: 'Fulfilled' }), row('reopened', { status: 'New' })] });
      await apply({ at: day(2), upserts: [row('again', { status: 'Fulfilled' }), row('served', { status: 'Closed' }), row('reopened', { status: 'Fulfilled' })] });
      await apply({ at: day(4), upserts: [row('again', { status: 'In progress' }), row('reopened', { status: 'Waiting on requester' })] });
      await apply({ at: day(6), upserts: [row('again', { status: 'Fulfilled' })] });
      await store.close();
      // As the rule before 0024 left them: each the day it was first fulfilled.
      await probe!.execute(place, ["update sheet_rows set first_done_on = '2025-03-03' where row_id in ('again', 'reopened')", "delete from schema_migrations where name = '0024-first-done-on-fulfillment-that-stood'"]);
      const migrated = await fresh({ place });
      const rows = (await collect(migrated.rows('requests'))).filter((r) => r.sourceId === source.id);
      expect(Object.fromEntries(rows.map((r) => [r.rowId, r.firstDoneOn]))).toEqual({ again: '2025-03-07', served: '2025-03-01', reopened: null });
    });

    test.runIf(probe !== undefined)('a database from before 0029 forgets the import\'s day of a request already done or ended when first stored, from its history', async () => {
      const place = `daysunknown${Date.now() % 100_000}`;
      const { store, source, apply } = await withSource({ place });
      const day = (n: number) => at(n * 24 * 60);
      // More history than one page of the backfill's read.
      const bulk = Array.from({ length: 2100 }, (_, i) => `bulk${String(i).padStart(4, '0')}`);
      await apply({ upserts: [row('served', { status: 'Fulfilled' }), row('dropped', { status: 'Closed' }), row('later', { status: 'Fulfilled' }), row('open', { status: 'New' }),
        ...bulk.map((id, i) => row(id, { status: i % 2 === 0 ? 'Fulfilled' : 'New' }))] });
      await apply({ at: day(2), upserts: [row('served', { status: 'Fulfilled', notes: 'edited' }), row('later', { status: 'Fulfilled', fulfilledOn: '2025-02-10' }), row('open', { status: 'Fulfilled' })] });
      await store.close();
      // As the rule before 0029 left them: the day of the first import, and of the first version of `later`.
      await probe!.execute(place, ['alter table sheet_rows drop column done_on_unknown', 'alter table sheet_rows drop column closed_on_unknown',
        "update sheet_rows set first_done_on = '2025-03-01' where row_id = 'later'", "delete from schema_migrations where name = '0029-days-unknown-before-first-seen'"]);
      const migrated = await fresh({ place });
      const rows = (await collect(migrated.rows('requests'))).filter((r) => r.sourceId === source.id);
      expect(Object.fromEntries(rows.map((r) => [r.rowId, [r.firstDoneOn, r.firstClosedOn]]))).toEqual({
        served: [null, null], dropped: [null, null], later: ['2025-02-10', null], open: ['2025-03-03', null],
        ...Object.fromEntries(bulk.map((id) => [id, [null, null]])),
      });
      // Written from then on by the same rule: an edit gives no day.
      await migrated.applyBatch({ sourceId: source.id, table: 'requests', upserts: [row('served', { status: 'Closed', notes: 'edited' }), row('dropped', { status: 'Closed', notes: 'x' })], deletes: [], full: false, rejected: [], at: day(4) });
      const after = (await collect(migrated.rows('requests'))).filter((r) => ['served', 'dropped'].includes(r.rowId));
      expect(Object.fromEntries(after.map((r) => [r.rowId, [r.firstDoneOn, r.firstClosedOn]]))).toEqual({ served: [null, null], dropped: [null, null] });
    });

    test.runIf(probe !== undefined).each(closedDaysMigrated)('a database from before $name, from its history', async ({ history, statements, expected }) => {
      const place = `closedon${Date.now() % 100_000}`;
      const { store, source, apply } = await withSource({ place });
      for (const { day, upserts } of history) await apply({ ...(day ? { at: at(day * 24 * 60) } : {}), upserts });
      await store.close();
      await probe!.execute(place, statements);
      const migrated = await fresh({ place });
      const rows = (await collect(migrated.rows('requests'))).filter((r) => r.sourceId === source.id);
      expect(Object.fromEntries(rows.map((r) => [r.rowId, r.firstClosedOn]))).toEqual(expected);
    });

    describe('rejection log and last syncs', () => {
      const bad = (rowId: string) => ({ rowId, sheet: 'Requests', sheetRow: 4, errors: [{ field: 'status', message: 'Status "Dunno" is not in the list' }] });
      const ever = { since: new Date(0), until: new Date('9999-12-31T00:00:00Z') };

      test('logs a row when it is first rejected and when it is accepted again, not each time it is sent', async () => {
        const { store, apply } = await withSource();
        await apply({ upserts: rowsOf(3) });
        await apply({ rejected: [bad('r0001'), bad('r0002')], at: at(1) });
        // Rejected again, still broken: nothing new to log.
        await apply({ rejected: [bad('r0001')], at: at(2) });
        // r0001 fixed (sent again unchanged from its last good version); r0002 deleted while rejected: neither fixed nor logged.
        await apply({ upserts: [rowsOf(3)[1]], deletes: ['r0002'], at: at(3) });
        const log = await store.rejectionLog(ever);
        expect(log.map((e) => [e.rowId, e.op, e.at.toISOString()])).toEqual([
          ['r0001', 'rejected', at(1).toISOString()],
          ['r0002', 'rejected', at(1).toISOString()],
          ['r0001', 'fixed', at(3).toISOString()],
        ]);
        expect(log.every((e) => e.table === 'requests')).toBe(true);
        // The period includes its start and excludes its end.
        expect((await store.rejectionLog({ since: at(1), until: at(3) })).map((e) => e.op)).toEqual(['rejected', 'rejected']);
        expect((await store.rejectionLog({ since: at(2), until: at(4) })).map((e) => e.op)).toEqual(['fixed']);
      });

      test('keeps where a row was: rejected, the place the batch gave; fixed, the place of the rejection it clears; none for a row sent with none', async () => {
        const { store, apply } = await withSource();
        await apply({ rejected: [{ ...bad('TA#12'), sheetRow: 12 }, { ...bad('web-1'), sheet: undefined, sheetRow: undefined }], at: at(1) });
        // Rejected again from elsewhere in the sheet: the place it was first logged at stays logged.
        await apply({ rejected: [{ ...bad('TA#12'), sheetRow: 9 }], at: at(2) });
        await apply({ upserts: [{ ...row('TA#12', { requestId: 'TA#12', status: 'New' }), sheetRow: 3 }, row('web-1', { status: 'New' })], at: at(3) });
        const log = await store.rejectionLog(ever);
        expect(log.map((e) => [e.op, e.rowId, e.sheet, e.sheetRow])).toEqual([
          ['rejected', 'TA#12', 'Requests', 12],
          ['rejected', 'web-1', undefined, undefined],
          ['fixed', 'TA#12', 'Requests', 9],
          ['fixed', 'web-1', undefined, undefined],
        ]);
        expect(log.filter((e) => e.rowId === 'web-1').every((e) => !('sheet' in e) && !('sheetRow' in e))).toBe(true);
      });

      test.runIf(probe !== undefined)('entries logged before 0013-rejection-log-places stay, with no place; later ones keep theirs', async () => {
        const place = `logplaces${Date.now() % 100_000}`;
        const { store, source, apply } = await withSource({ place });
        await apply({ rejected: [bad('r0001'), bad('r0003')], at: at(1) });
        await store.close();
        await probe!.execute(place, [
          'alter table rejection_log drop column sheet',
          'alter table rejection_log drop column sheet_row',
          "delete from schema_migrations where name = '0013-rejection-log-places'",
        ]);

        const migrated = await fresh({ place });
        await migrated.applyBatch({ sourceId: source.id, table: 'requests', upserts: [row('r0001', { status: 'New' })], deletes: [], full: false, rejected: [bad('r0002')], at: at(2) });
        const log = await migrated.rejectionLog(ever);
        expect(log.map((e) => [e.op, e.rowId, e.sheet, e.sheetRow, e.at.toISOString()])).toEqual([
          ['rejected', 'r0001', undefined, undefined, at(1).toISOString()],
          ['rejected', 'r0003', undefined, undefined, at(1).toISOString()],
          ['fixed', 'r0001', 'Requests', 4, at(2).toISOString()],
          ['rejected', 'r0002', 'Requests', 4, at(2).toISOString()],
        ]);
      });

      test("keeps a rejected row's own ID with its rejection, warnings and log entries; a fix, the ID of the rejection it clears; none for a blank ID", async () => {
        const { store, apply } = await withSource();
        const warning = { rowId: 'row-9', ownId: 'TA-9', sheet: 'Requests', sheetRow: 9, errors: [{ field: 'fulfilledOn', message: 'blank' }] };
        await apply({
          upserts: [row('row-9', { requestId: 'TA-9', status: 'Fulfilled' })],
          rejected: [{ ...bad('row-7f3a'), ownId: 'TA-2024-031', sheetRow: 14 }, bad('web-1')],
          warned: [warning],
          at: at(1),
        });
        expect((await store.rejections()).map((r) => [r.rowId, r.ownId, r.sheetRow])).toEqual([['row-7f3a', 'TA-2024-031', 14], ['web-1', undefined, 4]]);
        expect((await store.rejections()).find((r) => r.rowId === 'web-1')).not.toHaveProperty('ownId');
        expect((await store.warnings()).map((w) => [w.rowId, w.ownId])).toEqual([['row-9', 'TA-9']]);
        // Rejected again under a new ID: the rejection says the ID the sheet shows now; the log keeps when it started.
        await apply({ rejected: [{ ...bad('row-7f3a'), ownId: 'TA-2024-032', sheetRow: 14 }, bad('web-1')], at: at(2) });
        expect((await store.rejections()).map((r) => r.ownId)).toEqual(['TA-2024-032', undefined]);
        await apply({ upserts: [row('row-7f3a', { requestId: 'TA-2024-032', status: 'New' })], at: at(3) });
        const log = await store.rejectionLog(ever);
        expect(log.map((e) => [e.op, e.rowId, e.ownId])).toEqual([
          ['rejected', 'row-7f3a', 'TA-2024-031'],
          ['rejected', 'web-1', undefined],
          ['fixed', 'row-7f3a', 'TA-2024-032'],
        ]);
      });

      test.runIf(probe !== undefined)('rejections, warnings and log entries kept before 0021-rejected-row-ids take the ID of their row as last stored; a row never stored keeps none', async () => {
        const place = `ownids${Date.now() % 100_000}`;
        const { store, source, apply } = await withSource({ place });
        await apply({ upserts: [row('r0001', { requestId: 'TA-1', status: 'New' }), row('r0004', { requestId: 'TA-4', status: 'Fulfilled' })], at: at(0) });
        await apply({
          rejected: [bad('r0001'), { ...bad('r0003'), sheet: undefined, sheetRow: undefined }],
          warned: [{ rowId: 'r0004', sheet: 'Requests', sheetRow: 6, errors: [{ field: 'fulfilledOn', message: 'blank' }] }],
          at: at(1),
        });
        await store.close();
        await probe!.execute(place, [
          'alter table rejection_log drop column own_id',
          'alter table rejections drop column own_id',
          'alter table row_warnings drop column own_id',
          "delete from schema_migrations where name = '0021-rejected-row-ids'",
        ]);

        const migrated = await fresh({ place });
        expect((await migrated.rejectionLog(ever)).map((e) => [e.rowId, e.ownId])).toEqual([['r0001', 'TA-1'], ['r0003', undefined]]);
        expect((await migrated.rejections()).map((r) => [r.rowId, r.ownId])).toEqual([['r0001', 'TA-1'], ['r0003', undefined]]);
        expect((await migrated.warnings()).map((w) => [w.rowId, w.ownId])).toEqual([['r0004', 'TA-4']]);
        await migrated.applyBatch({ sourceId: source.id, table: 'requests', upserts: [row('r0001', { requestId: 'TA-1', status: 'New' })], deletes: [], full: false, rejected: [], at: at(2) });
        expect((await migrated.rejectionLog(ever)).map((e) => [e.op, e.rowId, e.ownId])).toContainEqual(['fixed', 'r0001', 'TA-1']);
      });

      test('keeps the last batch of each source and table, even one that changed nothing, and never moves it back', async () => {
        const { store, source, apply } = await withSource();
        expect(await store.lastSyncs()).toEqual([]);
        await apply({ upserts: rowsOf(2), at: at(1) });
        await apply({ upserts: rowsOf(2), at: at(5) });
        await apply({ upserts: rowsOf(2), at: at(3) });
        await apply({ table: 'milestones', at: at(2) });
        expect(await store.lastSyncs()).toEqual([
          { sourceId: source.id, table: 'milestones', at: at(2) },
          { sourceId: source.id, table: 'requests', at: at(5) },
        ]);
      });
    });

    describe('reading back', () => {
      test('rows() streams every row exactly once, ordered by source then row', async () => {
        const { store, source, apply } = await withSource({ pageSize: 7 });
        const { principal: other } = await store.createPrincipal({ kind: 'source', name: 'Other' });
        await apply({ upserts: rowsOf(40) });
        await apply({ deletes: ['r0003', 'r0010'], at: at(1) });
        await store.applyBatch({ sourceId: other.id, table: 'requests', upserts: rowsOf(9), deletes: [], full: false, rejected: [], at: T0 });
        const expected = [source.id, other.id]
          .sort()
          .flatMap((id) => (id === source.id ? rowsOf(40) : rowsOf(9)).map((r) => `${id}/${r.rowId}`));
        const all = await collect(store.rows('requests', { includeDeleted: true }));
        expect(all.map((r) => `${r.sourceId}/${r.rowId}`)).toEqual(expected);
        const live = await collect(store.rows('requests'));
        expect(live).toHaveLength(47);

        // One snapshot for the whole read: a batch written meanwhile neither waits for it nor shows up in it.
        const iterator = store.rows('requests')[Symbol.asyncIterator]();
        await iterator.next();
        await apply({ upserts: [row('zzz', { status: 'New' })], at: at(2) });
        let seen = 1;
        while (!(await iterator.next()).done) seen++;
        expect(seen).toBe(47);
        expect(await collect(store.rows('requests'))).toHaveLength(48);
      });

      test('rowCount() counts the rows rows() would stream, by table and sources, removed rows left out', async () => {
        const { store, apply } = await withSource({ pageSize: 7 });
        const { principal: other } = await store.createPrincipal({ kind: 'source', name: 'Other' });
        await apply({ upserts: rowsOf(40) });
        await apply({ deletes: ['r0003', 'r0010'], at: at(1) });
        await store.applyBatch({ sourceId: other.id, table: 'requests', upserts: rowsOf(9), deletes: [], full: false, rejected: [], at: T0 });
        expect(await store.rowCount('requests')).toBe((await collect(store.rows('requests'))).length);
        expect(await store.rowCount('requests')).toBe(47);
        expect(await store.rowCount('requests', { sourceIds: [other.id] })).toBe(9);
        expect(await store.rowCount('requests', { sourceIds: [] })).toBe(0);
        expect(await store.rowCount('workplan')).toBe(0);
        // Bounded: the count stops one past `upTo`, and is exact at or under it.
        expect(await store.rowCount('requests', { upTo: 10 })).toBe(11);
        expect(await store.rowCount('requests', { upTo: 47 })).toBe(47);
        expect(await store.rowCount('requests', { sourceIds: [other.id], upTo: 20 })).toBe(9);
      });

      test('rows() lists each source\'s rows in sheet order, unplaced rows last by rowId; a moved row moves without a new version', async () => {
        const { store, source, apply } = await withSource({ pageSize: 3 });
        const placed = (rowId: string, sheetRow: number | undefined, status = 'New'): IncomingRow => ({ ...row(rowId, { status }), ...(sheetRow === undefined ? {} : { sheetRow }) });
        await apply({ upserts: [placed('a', 10), placed('b', 3), placed('c', undefined), placed('d', 7), placed('bb', undefined)] });
        const order = async () => (await collect(store.rows('requests', { sourceIds: [source.id] }))).map((r) => r.rowId);
        expect(await order()).toEqual(['b', 'd', 'a', 'bb', 'c']);

        // a moves to the top unchanged, d changes at its place, b is sent without a place (keeps row 3), c gets one.
        expect(await apply({ upserts: [placed('a', 2), placed('d', 7, 'Closed'), placed('b', undefined), placed('c', 5)], at: at(1) })).toEqual({ accepted: 1, unchanged: 3, deleted: 0 });
        expect(await order()).toEqual(['a', 'b', 'c', 'd', 'bb']);
        expect((await collect(store.changes('requests'))).filter((c) => c.rowId === 'a')).toHaveLength(1);
        const state = await store.syncState(source.id, 'requests');
        expect(state.find((r) => r.rowId === 'a')?.sheetRow).toBe(2);
        expect(state.find((r) => r.rowId === 'bb')).not.toHaveProperty('sheetRow');

        // Moves alone name rows without their values; a full batch keeps the rows it moves.
        const history = (await collect(store.changes('requests'))).length;
        expect(await apply({ full: true, upserts: [placed('a', 2), placed('b', 3), placed('c', 5)], moves: [{ rowId: 'bb', sheetRow: 1 }, { rowId: 'd', sheetRow: 4 }], at: at(2) })).toEqual({ accepted: 0, unchanged: 3, deleted: 0 });
        expect(await order()).toEqual(['bb', 'a', 'b', 'd', 'c']);
        expect(await collect(store.changes('requests'))).toHaveLength(history);
      });

      test('leaving a read early releases it', async () => {
        const { store, apply } = await withSource({ pageSize: 3 });
        await apply({ upserts: rowsOf(10) });
        for (let i = 0; i < 15; i++) {
          for await (const change of store.changes('requests')) {
            expect(change.op).toBe('upsert');
            break;
          }
        }
        expect(await apply({ upserts: rowsOf(11), at: at(1) })).toEqual({ accepted: 1, unchanged: 10, deleted: 0 });
      });

      test('changes() is ordered by batch time, not by the order batches arrived', async () => {
        const { store, apply } = await withSource({ pageSize: 4 });
        await apply({ upserts: rowsOf(6, 'Late'), at: at(10) });
        await apply({ upserts: rowsOf(6, 'Early'), at: at(1) });
        await apply({ deletes: ['r0000'], at: at(20) });
        const changes = await collect(store.changes('requests'));
        expect(changes.map((c) => c.at.getTime())).toEqual([...Array(6).fill(at(1).getTime()), ...Array(6).fill(at(10).getTime()), at(20).getTime()]);
        expect(changes.slice(0, 6).map((c) => c.rowId)).toEqual(rowsOf(6).map((r) => r.rowId));
        expect(changes.every((c) => c.table === 'requests')).toBe(true);
      });

      test('restarting keeps principals, rows, history and rejections; migrations run once', async () => {
        const place = `restart${Date.now() % 100_000}`;
        const first = await open({ place });
        const { principal, token } = await first.createPrincipal({ kind: 'source', name: 'Persisted' });
        const sourceId = principal.id;
        await first.applyBatch({ sourceId, table: 'milestones', upserts: rowsOf(3), deletes: ['x'], full: false, rejected: [{ rowId: 'bad', errors: [{ field: 'date', message: 'TBD' }] }], at: T0 });
        await first.close();
        for (let i = 0; i < 2; i++) {
          const again = await fresh({ place });
          expect(await again.authenticate(token)).toEqual(principal);
          expect((await again.syncState(sourceId, 'milestones')).length).toBe(3);
          expect(await collect(again.changes('milestones'))).toHaveLength(3);
          expect((await again.rejections()).map((r) => r.rowId)).toEqual(['bad']);
          expect(await again.isEmpty()).toBe(false);
          await again.close();
        }
      });
    });

    test('matches a plain model of the rules over random batch sequences', async () => {
      const store = await fresh();
      const ids = ['a', 'b', 'c', 'd', 'e'];
      const action = fc.oneof(fc.constant('skip' as const), fc.constant('delete' as const), fc.constant('reject' as const), fc.integer({ min: 0, max: 2 }));
      const batchArb = fc.record({ actions: fc.array(action, { minLength: ids.length, maxLength: ids.length }), full: fc.boolean() });
      await fc.assert(
        fc.asyncProperty(fc.array(batchArb, { minLength: 1, maxLength: 6 }), async (sequence) => {
          const { principal } = await store.createPrincipal({ kind: 'source', name: 'Model' });
          const live = new Map<string, string>(); // rowId → hash of live rows
          const rejected = new Set<string>();
          for (const [step, { actions, full }] of sequence.entries()) {
            const batch: Batch = { sourceId: principal.id, table: 'roadmap', upserts: [], deletes: [], full, rejected: [], at: at(step) };
            const expected = { accepted: 0, unchanged: 0, deleted: 0 };
            const present = new Set<string>();
            ids.forEach((id, i) => {
              const a = actions[i];
              if (typeof a === 'number') {
                const r = row(id, { v: a });
                batch.upserts.push(r);
                present.add(id);
                if (live.get(id) === r.hash) expected.unchanged++;
                else expected.accepted++;
                live.set(id, r.hash);
                rejected.delete(id);
              } else if (a === 'reject') {
                batch.rejected.push({ rowId: id, errors: [{ field: 'v', message: `step ${step}` }] });
                present.add(id);
              } else if (a === 'delete') {
                batch.deletes.push(id);
                if (live.delete(id)) expected.deleted++;
                rejected.delete(id);
              }
            });
            if (full) {
              for (const id of [...live.keys()]) if (!present.has(id)) live.delete(id) && expected.deleted++;
              for (const id of [...rejected]) if (!present.has(id)) rejected.delete(id);
            }
            for (const r of batch.rejected) rejected.add(r.rowId);
            expect(await store.applyBatch(batch)).toEqual(expected);
          }
          const state = await store.syncState(principal.id, 'roadmap');
          expect(state).toEqual([...live].sort(([x], [y]) => (x < y ? -1 : 1)).map(([rowId, hash]) => ({ rowId, hash })));
          const stored = await store.rejections({ sourceIds: [principal.id] });
          expect(stored.map((r) => r.rowId).sort()).toEqual([...rejected].sort());
        }),
        { numRuns: 40 },
      );
    });
  });
}
