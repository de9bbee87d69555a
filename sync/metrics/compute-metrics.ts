// Reads the store (every table's current rows, page by page) into the pure aggregation.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { TABLE_NAMES } from '../../shared/index';
import type { RowStore } from '../store/row-store';
import { MetricsAccumulator, type MetricsOptions } from './aggregate-metrics';
import type { DemandMetrics } from './metrics-schema';
import { withRequestsThen } from './as-of-day';

const YIELD_EVERY = 2000;

export type MetricsStore = Pick<RowStore, 'rows' | 'upsertDays' | 'listSources' | 'surveyCounts'>;

export async function computeMetrics(store: MetricsStore, asked: MetricsOptions): Promise<DemandMetrics> {
  // Only figures as of a past day read history.
  const opts = await withRequestsThen(store, asked);
  const acc = new MetricsAccumulator(opts);
  const filter = opts.sourceIds ? { sourceIds: opts.sourceIds } : {};
  for (const s of await store.listSources()) acc.source(s.id, s.name);
  acc.survey(await store.surveyCounts(filter));
  let read = 0;
  for (const table of TABLE_NAMES) {
    for await (const row of store.rows(table, filter)) {
      acc.add(table, row);
      // SQLite hands rows over without waiting: a turn of the event loop now and then lets syncs and
      // other requests in while 200,000 rows are read.
      if (++read % YIELD_EVERY === 0) await nextTurn();
    }
  }
  return acc.finish();
}
