// The read-only routes for reviewers and admins, as the service mounts them:
// `createApp({ store, config, readRoutes: readRoutes({ store, clock }) })`.
import { exportApp } from '../master/export-app';
import { metricsApp } from '../metrics/metrics-app';
import type { ReportDeps } from '../metrics/report-query';
import { dashboardApp } from './dashboard-app';

export const readRoutes = (deps: ReportDeps) => [metricsApp(deps), exportApp(deps), dashboardApp(deps)];
