// Figures as of a past day from a real store on both databases: the days a request was fulfilled and closed come
// from its history, so requests received in December 2025 and fulfilled or closed in 2026 were open on Dec 31, 2025
// in the metrics, `metrics --as-of` and the 2025 annual report alike.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, isoFromUtcDate } from '../../../shared/index';
import { shortDay, spelledDay } from '../../../shared/cells/dates';
import { runCli } from '../../../sync/cli/main';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { demandMetricsSchema, type DemandMetrics } from '../../../sync/metrics/metrics-schema';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends, type Backend } from '../../support/store-backends';

const backends = storeBackends('as_of_history');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-as-of-'));
});
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  await rm(dir, { recursive: true, force: true });
});

const YEAR_END = '2025-12-31';
const TODAY = '2026-12-06';

const request = (rowId: string, v: Record<string, unknown>) => ({
  requestId: rowId, requesterOrg: `Org of ${rowId}`, requesterType: 'City', requesterRole: null, contactName: null, contactEmail: null,
  channel: 'Email', origin: 'Reactive', category: 'Training & workshops', frameworkArea: null, description: null, priority: 'Medium', status: 'New',
  assignee: 'J. Chen', dueOn: null, followUpOn: null, estimatedHours: null, hoursSpent: null, fulfilledOn: null, outcome: null,
  satisfaction: null, notes: null, ...v,
});

/** The office's syncs, each a version of some rows on its day. */
const SYNCS: { at: string; rows: [string, Record<string, unknown>][] }[] = [
  { at: '2025-12-12', rows: [
    ['nov', request('nov', { receivedOn: '2025-11-20', status: 'In progress' })],
    ['dec-a', request('dec-a', { receivedOn: '2025-12-03', priority: 'High', status: 'In progress', estimatedHours: 12 })],
    ['dec-b', request('dec-b', { receivedOn: '2025-12-10', status: 'Assigned' })],
    ['dec-c', request('dec-c', { receivedOn: '2025-12-11', status: 'Triaged' })],
  ] },
  { at: '2025-12-16', rows: [['nov', request('nov', { receivedOn: '2025-11-20', status: 'Fulfilled', hoursSpent: 6 })]] },
  { at: '2026-01-20', rows: [['dec-a', request('dec-a', { receivedOn: '2025-12-03', priority: 'High', status: 'Fulfilled', estimatedHours: 12, hoursSpent: 10, satisfaction: 5 })]] },
  { at: '2026-03-01', rows: [['dec-b', request('dec-b', { receivedOn: '2025-12-10', status: 'Closed' })]] },
  // Declined only in February: on Dec 31 it was still waiting, open.
  { at: '2026-02-02', rows: [['dec-c', request('dec-c', { receivedOn: '2025-12-11', status: 'Declined' })]] },
  // Later someone back-dates dec-a's fulfillment into December: history keeps the day it was first seen done.
  { at: '2026-11-30', rows: [
    ['dec-a', request('dec-a', { receivedOn: '2025-12-03', priority: 'High', status: 'Fulfilled', estimatedHours: 12, hoursSpent: 10, satisfaction: 5, fulfilledOn: '2025-12-20' })],
    ['jan', request('jan', { receivedOn: '2026-01-05', status: 'In progress' })],
  ] },
];

async function seed(store: RowStore): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Racial Equity Commission', sourceKind: 'file' });
  for (const sync of SYNCS) {
    const upserts = sync.rows.map(([rowId, values]) => ({ rowId, hash: JSON.stringify(values), values }));
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(`${sync.at}T15:00:00Z`) });
  }
  const item = { itemId: '1.1', goal: 'Normalize', phase: null, task: 'Host a community leaders forum', lead: 'ODE', startOn: '2026-02-01', endOn: '2026-02-28', target: null, actual: null, percentComplete: 1, status: 'Completed', partnership: true, notes: null };
  await store.applyBatch({ sourceId: principal.id, table: 'workplan', upserts: [{ rowId: 'w1', hash: 'w1', values: item }], deletes: [], full: false, rejected: [], at: new Date(`${TODAY}T09:00:00Z`) });
}

async function cli(b: Backend, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const where = 'dataDir' in b.location ? ['--data', b.location.dataDir] : [];
  const env: Record<string, string> = 'dataDir' in b.location ? {} : { DATABASE_URL: b.location.databaseUrl, DATABASE_SCHEMA: b.location.schema };
  const code = await runCli([...args, ...where], { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

const quarter = (m: DemandMetrics, id: string, q: string) => m.rba.howMuch.find((x) => x.id === id)!.trend.find((t) => t.quarter === q)?.value;
const whole = (m: DemandMetrics, id: string) => m.rba.howMuch.find((x) => x.id === id)!.value;

describe.each(backends)('figures as of Dec 31, 2025 from history ($name)', (backend) => {
  beforeAll(async () => {
    const store = await backend.open();
    await seed(store);
    await store.close();
  }, 60_000);

  it('computeMetrics: open then what history shows fulfilled or closed later, even with a back-dated cell', async () => {
    const store = await backend.open();
    try {
      const m = await computeMetrics(store, { asOf: YEAR_END, today: TODAY, rules: DEFAULT_RULES });
      expect(m.demand.total).toBe(4);
      expect(m.fulfillment).toMatchObject({ fulfilled: 1, fromHistory: 1 });
      expect([whole(m, 'requestsFulfilled'), quarter(m, 'requestsFulfilled', '2025-Q4')]).toEqual([1, 1]);
      expect([whole(m, 'taHours'), quarter(m, 'taHours', '2025-Q4')]).toEqual([6, 6]);
      expect(m.backlog).toMatchObject({ open: 3, overdue: 3 });
      expect(m.capacity.openRequests).toBe(3);
      expect(m.satisfaction.responses).toBe(0);
      expect(m.statusesRecordedOn).toBe(TODAY);
    } finally {
      await store.close();
    }
  });

  it('metrics --json --as-of: the same figures, and the plans\' statuses as recorded today', async () => {
    const r = await cli(backend, ['metrics', '--json', '--as-of', YEAR_END]);
    expect(r.code).toBe(0);
    const m = demandMetricsSchema.parse(JSON.parse(r.stdout));
    expect([m.demand.total, m.fulfillment.fulfilled, m.backlog.open, m.capacity.openRequests]).toEqual([4, 1, 3, 3]);
    expect(m.statusesRecordedOn).toBe(isoFromUtcDate(new Date()));
    const text = await cli(backend, ['metrics', '--as-of', YEAR_END]);
    expect(text.stdout).toContain(`Work-plan and milestone statuses are as recorded on ${shortDay(isoFromUtcDate(new Date()))}`);
  });

  it('report --year 2025: the year agrees with its fourth quarter, three requests open at the year end, the work plan as recorded', async () => {
    const out = join(dir, `report-2025-${backend.name}.html`);
    const r = await cli(backend, ['report', '--year', '2025', '--out', out]);
    expect(r.code).toBe(0);
    const text = (await readFile(out, 'utf8')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/Requests fulfilled 1 1\b/);
    expect(text).toContain('3 open requests are');
    expect(text).toContain(`as recorded on ${spelledDay(isoFromUtcDate(new Date()))}`);
    expect(text).not.toMatch(/overdue as of December 31, 2025/);
  });

  it('export --as-of: the Requests sheet lists the requests as they stood that day, as its Summary counts them', async () => {
    const out = join(dir, `master-${backend.name}.xlsx`);
    expect((await cli(backend, ['export', '--out', out, '--as-of', YEAR_END])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.getWorksheet('Requests')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows = Array.from({ length: sheet.rowCount - 1 }, (_, i) => (sheet.getRow(i + 2).values as unknown[]).slice(1));
    const at = (name: string) => header.indexOf(name);
    const byId = Object.fromEntries(rows.map((r) => [r[at('Request ID')], [r[at('Status')], r[at('Fulfilled')] ?? null, r[at('SLA')] ?? null]]));
    // nov's sheet gives no fulfilled day, so its row has no SLA state, as its source sheet's formula has none.
    expect(byId).toEqual({ nov: ['Fulfilled', null, null], 'dec-a': ['Open then', null, 'Overdue'], 'dec-b': ['Open then', null, 'Overdue'], 'dec-c': ['Open then', null, 'Overdue'] });
  });
});
