// Reads the store (every table's current rows, page by page) into the pure aggregation.
import type { RowStore } from '../store/row-store';
import { MetricsAccumulator, type MetricsOptions } from './aggregate-metrics';
import type { DemandMetrics } from './metrics-schema';

export type MetricsStore = Pick<RowStore, 'rows' | 'listSources'>;

export async function computeMetrics(store: MetricsStore, opts: MetricsOptions): Promise<DemandMetrics> {
  const acc = new MetricsAccumulator(opts);
  const filter = opts.sourceIds ? { sourceIds: opts.sourceIds } : {};
  for (const s of await store.listSources()) acc.source(s.id, s.name);
  for (const table of ['requests', 'workplan', 'milestones', 'roadmap'] as const) {
    for await (const row of store.rows(table, filter)) acc.add(table, row);
  }
  return acc.finish();
}
