// `GET /api/v1/metrics?from=&to=&source=`: the demand metrics as JSON. Mounted by the service behind the
// reviewer-or-admin guard; the route itself only reads.
import { isErrorType } from '../../../shared/typed-error';
import { Hono, type Context } from 'hono';
import { ApiError } from '../api-error';
import type { MetricsOptions } from '../../metrics/aggregate-metrics';
import { ReportQueryError, resolveReport, type ReportDeps } from '../../metrics/report-query';
import type { ReadRouteDeps } from '../route-deps';

export const METRICS_PATH = '/api/v1/metrics';

/** The report filters of a request, or a 400 `invalid_query` the service's error handler renders. */
export async function requestReport(c: Context, deps: ReportDeps): Promise<MetricsOptions> {
  try {
    return await resolveReport({ from: c.req.query('from'), to: c.req.query('to'), source: c.req.queries('source') }, deps);
  } catch (e) {
    if (isErrorType(e, ReportQueryError)) throw new ApiError(400, 'invalid_query', e.message);
    throw e;
  }
}

export function metricsRoutes(deps: ReadRouteDeps): Hono {
  return new Hono().get(METRICS_PATH, async (c) => c.json(await deps.metrics(await requestReport(c, deps))));
}
