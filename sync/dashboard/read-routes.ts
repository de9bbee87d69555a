// The read-only routes for reviewers and admins, as the service mounts them:
// `createApp({ store, config, readRoutes: readRoutes({ store, clock }) })`.
import { exportApp } from '../master/export-app';
import { metricsApp } from '../metrics/metrics-app';
import { cachedMetrics } from '../metrics/metrics-cache';
import type { ReportDeps } from '../metrics/report-query';
import { dashboardApp } from './dashboard-app';

/** The metrics route and the dashboard share one cache of computed metrics. */
export function readRoutes(deps: ReportDeps) {
  const metrics = cachedMetrics(deps.store);
  return [metricsApp(deps, metrics), exportApp(deps), dashboardApp(deps, metrics)];
}
