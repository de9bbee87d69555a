// Builds the master workbook from the store: metrics first (one pass over history and rows), then the
// charts, then the plan whose data sheets read the rows again as they are written.
import type { Writable } from 'node:stream';
import { demandCharts } from '../charts/demand-charts';
import { renderPng } from '../charts/render-chart';
import type { MetricsOptions } from '../metrics/aggregate-metrics';
import { computeMetrics } from '../metrics/compute-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { RowStore } from '../store/row-store';
import { writeWorkbook } from '../workbook/write-workbook';
import { masterPlan } from './master-plan';

export type MasterStore = Pick<RowStore, 'rows' | 'changes' | 'listSources' | 'rejections'>;

export async function buildMasterPlan(store: MasterStore, opts: MetricsOptions) {
  const metrics = await computeMetrics(store, opts);
  const filter = opts.sourceIds ? { sourceIds: opts.sourceIds } : {};
  const charts = demandCharts(metrics).map((spec) => ({ spec, png: renderPng(spec) }));
  const rejections = await store.rejections(filter);
  const plan = masterPlan({ metrics, rows: (table) => store.rows(table, filter), rejections, rules: opts.rules, charts });
  return { plan, metrics };
}

/** Streams the master workbook to `out`; resolves with the metrics its Summary shows. */
export async function writeMasterWorkbook(store: MasterStore, opts: MetricsOptions, out: Writable): Promise<DemandMetrics> {
  const { plan, metrics } = await buildMasterPlan(store, opts);
  await writeWorkbook(plan, out);
  return metrics;
}

export const masterFileName = (asOf: string) => `equity-desk-master-${asOf}.xlsx`;
