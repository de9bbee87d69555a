// Builds the master workbook from the store in one pass over the rows: the data sheets stream while the
// metrics gather from the same rows, then Summary (still the first tab), the charts and the breakdowns
// from the finished metrics.
import type { Writable } from 'node:stream';
import type { TableName } from '../../shared/index';
import type { LaterSheet, SheetPlan, WorkbookPlan } from '../../shared/workbook-plan';
import { demandCharts } from '../charts/demand-charts';
import { MetricsAccumulator, type MetricsOptions } from '../metrics/aggregate-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { RowStore, StoredRow } from '../store/row-store';
import { writeWorkbook, type WriteOptions } from '../workbook/write-workbook';
import { dataSheetThread } from './data-sheet-thread';
import { streamingMasterPlan, type MasterReport } from './master-plan';

export type MasterStore = Pick<RowStore, 'rows' | 'threadReads' | 'listSources' | 'rejections' | 'warnings'>;

export interface MasterBuild {
  plan: WorkbookPlan<SheetPlan | LaterSheet>;
  /** The metrics the Summary shows; settles once the plan's data sheets have been written. */
  metrics: () => Promise<DemandMetrics>;
}

/** How the workbook is laid out, beyond the report's options: a test sets a small sheet to show a table continuing. */
export interface MasterLayout { rowsPerSheet?: number }

export async function buildMasterPlan(store: MasterStore, opts: MetricsOptions, layout: MasterLayout = {}): Promise<MasterBuild> {
  const acc = new MetricsAccumulator(opts);
  const filter = opts.sourceIds ? { sourceIds: opts.sourceIds } : {};
  const sources = (await store.listSources()).map((s) => ({ id: s.id, name: s.name }));
  for (const s of sources) acc.source(s.id, s.name);
  // Where the store lets another thread read its rows, the data sheets and the metrics are made there.
  const thread = store.threadReads && dataSheetThread(store.threadReads, opts, sources);
  const rejections = await store.rejections(filter);
  const warnings = await store.warnings(filter);
  // The Roadmap tab is left out when no source has one, and tabs are fixed before any row is read.
  let withRoadmap = false;
  if (thread) withRoadmap = await thread.any('roadmap');
  else {
    for await (const _ of store.rows('roadmap', filter)) {
      withRoadmap = true;
      break;
    }
  }
  async function* rows<T extends TableName>(table: T): AsyncGenerator<StoredRow<T>> {
    for await (const row of store.rows(table, filter)) {
      acc.add(table, row);
      yield row;
    }
  }
  let report: Promise<MasterReport> | undefined;
  const finish = () => (report ??= (async () => {
    const metrics = thread ? await thread.metrics() : acc.finish();
    // Loaded on first use: ECharts is a large share of the process's memory, spared while the rows stream.
    const { renderPng } = await import('../charts/render-chart');
    return { metrics, charts: demandCharts(metrics).map((spec) => ({ spec, png: renderPng(spec) })) };
  })());
  const plan = streamingMasterPlan({ rows: thread ? (table) => thread.rows(table) : rows, rejections, warnings, rules: opts.rules, asOf: opts.asOf, from: opts.from, to: opts.to, withRoadmap, report: finish, rowsPerSheet: layout.rowsPerSheet });
  return { plan, metrics: async () => (await finish()).metrics };
}

/** Streams the master workbook to `out`; resolves with the metrics its Summary shows. */
export async function writeMasterWorkbook(store: MasterStore, opts: MetricsOptions, out: Writable, layout: MasterLayout = {}, write: WriteOptions = {}): Promise<DemandMetrics> {
  const { plan, metrics } = await buildMasterPlan(store, opts, layout);
  await writeWorkbook(plan, out, write);
  return metrics();
}

export const masterFileName = (asOf: string) => `equity-desk-master-${asOf}.xlsx`;
