// The read-only routes for reviewers and admins, as the service mounts them:
// `createApp({ store, config, readRoutes: readRoutes({ store, clock }) })`.
import { changesReport, type ChangesPeriod } from '../../changes/changes-report';
import type { MetricsOptions } from '../../metrics/aggregate-metrics';
import { computeMetrics } from '../../metrics/compute-metrics';
import { cachedByDataVersion } from '../../store/data-version-cache';
import type { ReportDeps } from '../../metrics/report-query';
import { changesRoutes } from './changes-routes';
import { reportRoutes } from './report-routes';
import { dashboardRoutes } from './dashboard-routes';
import { exportRoutes } from './export-routes';
import { metricsRoutes } from './metrics-routes';

/** The routes share one cache of computed metrics and one of changes reports. */
export function readRoutes(deps: ReportDeps) {
  const read = {
    ...deps,
    metrics: cachedByDataVersion(deps.store, (opts: MetricsOptions) => computeMetrics(deps.store, opts)),
    changes: cachedByDataVersion(deps.store, (period: ChangesPeriod) => changesReport(deps.store, period)),
  };
  return [metricsRoutes(read), exportRoutes(read), dashboardRoutes(read), changesRoutes(read), reportRoutes(read)];
}
