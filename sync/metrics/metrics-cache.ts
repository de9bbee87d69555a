// Demand metrics remembered per report until the stored data changes. Working them out reads every row
// (seconds for a large store: see the master bench); committee members open the dashboard and the metrics again and again
// between syncs, and each view would otherwise read every row again.
import type { RowStore } from '../store/row-store';
import type { MetricsOptions } from './aggregate-metrics';
import { computeMetrics, type MetricsStore } from './compute-metrics';
import type { DemandMetrics } from './metrics-schema';

/** The metrics of a report: computed, or remembered from an earlier request over the same data. */
export type MetricsSource = (opts: MetricsOptions) => Promise<DemandMetrics>;

/**
 * Keyed by the store's `dataVersion` and the report's options (date, filters, rules); the last `size`
 * reports are kept. Requests for a report still being computed share that computation. Callers must
 * not change the metrics they get: other requests read the same object.
 */
export function cachedMetrics(store: MetricsStore & Pick<RowStore, 'dataVersion'>, size = 16): MetricsSource {
  const reports = new Map<string, Promise<DemandMetrics>>();
  return async (opts) => {
    const key = `${await store.dataVersion()}\u0000${JSON.stringify(opts)}`;
    let report = reports.get(key);
    if (report) reports.delete(key);
    else {
      report = computeMetrics(store, opts);
      // A failed read is not remembered: the next request tries again.
      report.catch(() => reports.delete(key));
    }
    reports.set(key, report);
    for (const oldest of reports.keys()) {
      if (reports.size <= size) break;
      reports.delete(oldest);
    }
    return report;
  };
}
