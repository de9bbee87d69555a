// The master as of a past day from SQLite reads the requests' history on the export's thread (historyOnThisThread),
// not through the store's reading thread, and reads the same history as the store's own `upsertDays`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES, TABLES } from '../../../shared/index';
import { historyOnThisThread } from '../../../sync/master/data-sheet-thread';
import { writeMasterWorkbook, type MasterStore } from '../../../sync/master/master-workbook';
import { openStore } from '../../../sync/store/open-store';
import type { RowStore, UpsertDay } from '../../../sync/store/row-store';

const PAST = '2026-03-31';
const TODAY = '2026-06-30';
let dir: string;
let store: RowStore;
let sources: string[];

const request = (i: number, status: string) => ({
  rowId: `R${i}`, hash: `${i}:${status}`,
  values: { requestId: `TA-${i}`, receivedOn: '2026-01-05', requesterOrg: `Org ${i}`, requesterType: 'City', priority: 'Medium', status },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-past-history-'));
  store = await openStore({ dataDir: dir });
  sources = [(await store.createPrincipal({ kind: 'source', name: 'Intake' })).principal.id, (await store.createPrincipal({ kind: 'source', name: 'City office' })).principal.id];
  const sync = (sourceId: string, day: string, upserts: ReturnType<typeof request>[]) =>
    store.applyBatch({ sourceId, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${day}T08:00:00Z`) });
  // Over more rows than are read between turns of the event loop: R0 to R1199 open, a third declined in February
  // and reopened in May, after the past day; a tenth closed in May.
  const all = Array.from({ length: 1200 }, (_, i) => i);
  for (const [n, s] of sources.entries()) {
    const mine = all.filter((i) => i % 2 === n);
    await sync(s, '2026-01-05', mine.map((i) => request(i, 'New')));
    await sync(s, '2026-02-10', mine.filter((i) => i % 3 === 0).map((i) => request(i, 'Declined')));
    await sync(s, '2026-05-04', mine.filter((i) => i % 3 === 0).map((i) => request(i, 'In progress')));
    await sync(s, '2026-05-20', mine.filter((i) => i % 10 === 1).map((i) => request(i, 'Closed')));
  }
}, 60_000);

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const read = async (history: AsyncIterable<UpsertDay>) => {
  const days: UpsertDay[] = [];
  for await (const d of history) days.push(d);
  return days;
};

describe('the history a past-day master reads', () => {
  const fields = TABLES.requests.lifecycleFields!;

  test.each<[string, () => { sourceIds?: string[]; changedAfter?: string }, number]>([
    ['every request', () => ({}), 1200 + 2 * 400 + 120],
    // The 480 requests changed in May (400 reopened, 120 closed, 40 both) with every version of each.
    ['the requests changed after the day', () => ({ changedAfter: PAST }), 480 + 400 + 400 + 120],
    ['one source', () => ({ sourceIds: [sources[1]], changedAfter: PAST }), 280 + 200 + 200 + 120],
    ['no source', () => ({ sourceIds: [] }), 0],
  ])('is the store\'s own, read on the calling thread: %s', async (_, asked, versions) => {
    const here = await read(historyOnThisThread(store.threadReads!).upsertDays('requests', fields, asked()));
    expect(here).toEqual(await read(store.upsertDays('requests', fields, asked())));
    expect(here).toHaveLength(versions);
  }, 60_000);

  test('is not read through the store\'s reading thread, and the workbook counts the same', async () => {
    const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
    const opts = { asOf: PAST, today: TODAY, rules: DEFAULT_RULES };
    const viaStore = await writeMasterWorkbook({ ...store, threadReads: undefined }, opts, discard());
    const streamed: MasterStore = {
      ...store,
      upsertDays: () => {
        throw new Error('the history was read through the store');
      },
    };
    const metrics = await writeMasterWorkbook(streamed, opts, discard());
    expect(metrics).toEqual(viaStore);
    // As of the day, a third were declined: they count as declined, not open.
    expect(metrics.backlog.open).toBe(1200 - 400);
  }, 180_000);
});
