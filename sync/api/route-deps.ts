// What every HTTP sub-app in `routes/` is built from. It lives apart from app.ts so the routes need not
// import the app that mounts them (that import was a cycle).
import type { Hono } from 'hono';
import type { Config } from '../config';
import type { ChangesPeriod } from '../changes/changes-report';
import type { ChangesReport } from '../changes/changes-schema';
import type { MetricsOptions } from '../metrics/aggregate-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { ReportDeps } from '../metrics/report-query';
import type { RowStore } from '../store/row-store';
import type { AuthDeps } from './auth';
import type { PrepareSync } from './sync-batch';

/** Any Hono app, whatever its own Env: sub-apps built elsewhere are mounted as they are. */
export type SubApp = Hono<any, any, any>;

export interface RouteDeps {
  store: RowStore;
  config: Config;
  clock: () => Date;
  auth: AuthDeps;
  /** Where a sync body is parsed, validated and hashed (see `AppDeps.prepareSync`). */
  prepareSync?: PrepareSync;
}

/** What the read-only routes (metrics, master workbook, dashboard, changes) are built from: they share one cache of each report. */
export interface ReadRouteDeps extends ReportDeps {
  metrics: (opts: MetricsOptions) => Promise<DemandMetrics>;
  changes: (period: ChangesPeriod) => Promise<ChangesReport>;
}
