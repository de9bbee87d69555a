// A request whose Received or Fulfilled day was typed as a year ("2026", "FY 2026") keeps its row with a day guessed
// inside it: it counts in "how much", and stays out of the figures counted in days, which say how many they left out.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { ingestBatch, type IngestRow } from '../../../sync/ingest/ingest-batch';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { openStore } from '../../../sync/store/open-store';
import { masterPlan } from '../../../sync/master/master-plan';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { rbaSectionNotes, rbaSections } from '../../../sync/metrics/headline-figures';
import { metricsReport } from '../../../sync/metrics/metrics-report';
import { demandMetricsSchema } from '../../../sync/metrics/metrics-schema';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import type { PlanCell, SheetPlan } from '../../../shared/workbook-plan';

const request = (rowId: string, values: Record<string, unknown>, guessedDays?: string[]): MetricsRow<'requests'> => ({
  sourceId: 's1', sourceName: 'City TA log', rowId, ...(guessedDays ? { guessedDays } : {}),
  values: { requestId: rowId, requesterOrg: 'County Health', requesterType: 'County', category: 'Training & workshops', priority: 'Medium', status: 'New', ...values },
});

// Medium's target is 14 days. Three requests dated to the day: 10, 14 and 30 days to fulfill (two met, one missed).
const DATED = [
  request('R1', { receivedOn: '2026-03-02', status: 'Fulfilled', fulfilledOn: '2026-03-12' }),
  request('R2', { receivedOn: '2026-04-01', status: 'Fulfilled', fulfilledOn: '2026-04-15' }),
  request('R3', { receivedOn: '2026-05-01', status: 'Fulfilled', fulfilledOn: '2026-05-31' }),
];
const GUESSED = [
  // "2026" typed as Received: read as January 1, so 270 days to fulfill, and missed.
  request('Y1', { receivedOn: '2026-01-01', status: 'Fulfilled', fulfilledOn: '2026-09-28' }, ['receivedOn']),
  // "FY 2026" typed as Fulfilled: read as the fiscal year's first day the row allows.
  request('Y2', { receivedOn: '2026-06-01', status: 'Fulfilled', fulfilledOn: '2026-06-01' }, ['fulfilledOn']),
  // Open, received "2026": its age is not known; due on a typed day, so its SLA state still is.
  request('Y3', { receivedOn: '2026-01-01', status: 'In progress', dueOn: '2026-12-31' }, ['receivedOn']),
  // Open, received "2026", no due day: its SLA clock starts on a guessed day.
  request('Y4', { receivedOn: '2026-01-01', status: 'Assigned' }, ['receivedOn']),
];
const opts = { asOf: '2026-10-01', rules: DEFAULT_RULES };

describe('requests with a day guessed inside a year', () => {
  const dated = aggregateMetrics({ requests: DATED }, opts);
  const m = aggregateMetrics({ requests: [...DATED, ...GUESSED] }, opts);

  it('are left out of the days to fulfill and the SLA, which say how many', () => {
    expect(m.fulfillment).toMatchObject({ fulfilled: 5, medianDays: dated.fulfillment.medianDays, p90Days: dated.fulfillment.p90Days, daysGuessed: 2 });
    expect(m.sla).toEqual({ met: 2, missed: 1, compliancePercent: 66.7, daysGuessed: 3 });
    expect(m.backlog).toMatchObject({ open: 2, onTime: 1, overdue: 0 });
    const howWell = (id: string) => m.rba.howWell.find((x) => x.id === id)!;
    expect([howWell('medianDays').value, howWell('p90Days').value, howWell('onTimePercent').value]).toEqual([14, dated.fulfillment.p90Days, 66.7]);
    // No quarter's trend carries them either.
    expect(howWell('medianDays').trend.map((q) => q.value)).toEqual(dated.rba.howWell.find((x) => x.id === 'medianDays')!.trend.map((q) => q.value).concat(Array(m.rba.quarters.length - dated.rba.quarters.length).fill(null)));
    expect(demandMetricsSchema.parse(m)).toEqual(m);
  });

  it('still count in how much was done', () => {
    expect(m.demand.total).toBe(7);
    expect(m.rba.howMuch.find((x) => x.id === 'requestsReceived')!.value).toBe(7);
    expect(m.rba.howMuch.find((x) => x.id === 'requestsFulfilled')!.value).toBe(5);
  });

  it('are an age group of their own in the backlog, so the groups still add up to the open requests', () => {
    expect(m.backlog.byAgeBucket.find((b) => b.key === 'Received day not known')?.count).toBe(2);
    expect(m.backlog.byAgeBucket.reduce((a, b) => a + b.count, 0)).toBe(m.backlog.open);
  });

  it('are said under the "How well" figures on every surface (Summary, dashboard, text report) and on the Fulfillment sheet', () => {
    const howWell = rbaSections(m).find((s) => s.measures.some((x) => x.id === 'medianDays'))!;
    const notes = rbaSectionNotes(howWell, m);
    expect(notes).toEqual(['Left out of these figures: 2 fulfilled requests from the days to fulfill and 3 requests from the SLA, because a Received or Fulfilled day was typed as a year, fiscal year or quarter (see Data quality).']);
    expect(rbaSectionNotes(rbaSections(dated).find((s) => s.title === howWell.title)!, dated)).toEqual([]);
    expect(metricsReport(m)).toContain(notes[0]);
    const plan = masterPlan({ metrics: m, rows: () => [], rejections: [], rules: DEFAULT_RULES, charts: [] });
    const text = (name: string) => ((plan.sheets.find((s) => s.name === name) as SheetPlan).rows as PlanCell[][]).flat().join(' ');
    expect(text('Summary')).toContain('2 fulfilled requests from the days to fulfill');
    expect(text('Fulfillment')).toContain('2 fulfilled requests from the days to fulfill');
  });
});

describe('a year typed as Received, synced and read back', () => {
  it('is marked by its stored warning, and the metrics read from the store leave it out of the days', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'equity-desk-guessed-'));
    const store = await openStore({ dataDir: dir });
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'City TA log' });
      const row = (rowId: string, receivedOn: string, fulfilledOn: string): IngestRow => ({
        rowId, cells: { requestId: rowId, receivedOn, requesterOrg: 'County Health', requesterType: 'County', category: 'Other', priority: 'Medium', status: 'Fulfilled', fulfilledOn },
      });
      const rows = [row('R1', '3/2/2026', '3/12/2026'), row('R2', '2026', '9/28/2026'), row('R3', 'FY 2026', '3/22/2026')];
      await ingestBatch(store, { sourceId: principal.id, table: 'requests', rows, at: new Date('2026-10-01T12:00:00Z') });
      const m = await computeMetrics(store, opts);
      expect(m.fulfillment).toMatchObject({ fulfilled: 3, medianDays: 10, p90Days: 10, daysGuessed: 2 });
      expect(m.sla).toMatchObject({ met: 1, missed: 0, daysGuessed: 2 });
      // Typed to the day since: counted again.
      await ingestBatch(store, { sourceId: principal.id, table: 'requests', rows: [row('R2', '9/1/2026', '9/28/2026')], at: new Date('2026-10-02T12:00:00Z') });
      expect((await computeMetrics(store, opts)).fulfillment).toMatchObject({ medianDays: 18.5, daysGuessed: 1 });
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
