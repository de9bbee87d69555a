// The read-only routes for reviewers and admins, as the service mounts them:
// `createApp({ store, config, readRoutes: readRoutes({ store, clock }) })`.
import { cachedMetrics } from '../../metrics/metrics-cache';
import type { ReportDeps } from '../../metrics/report-query';
import { changesRoutes } from './changes-routes';
import { reportRoutes } from './report-routes';
import { dashboardRoutes } from './dashboard-routes';
import { exportRoutes } from './export-routes';
import { metricsRoutes } from './metrics-routes';

/** The metrics route and the dashboard share one cache of computed metrics. */
export function readRoutes(deps: ReportDeps) {
  const read = { ...deps, metrics: cachedMetrics(deps.store) };
  return [metricsRoutes(read), exportRoutes(read), dashboardRoutes(read), changesRoutes(read), reportRoutes(read)];
}
