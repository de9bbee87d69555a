// `GET /api/v1/changes?since=&until=`: what changed in the period (since the last meeting by default), as
// JSON. Mounted behind the reviewer-or-admin guard; the route itself only reads.
import { Hono } from 'hono';
import { DEFAULT_RULES } from '../../../shared/index';
import { isErrorType } from '../../../shared/typed-error';
import { resolveChangesPeriod } from '../../changes/changes-period';
import { ReportQueryError } from '../../metrics/report-query';
import { ApiError } from '../api-error';
import type { ReadRouteDeps } from '../route-deps';

export const CHANGES_PATH = '/api/v1/changes';

export function changesRoutes(deps: ReadRouteDeps): Hono {
  return new Hono().get(CHANGES_PATH, async (c) => {
    let period;
    try {
      period = resolveChangesPeriod({ since: c.req.query('since'), until: c.req.query('until') }, { clock: deps.clock, rules: deps.rules ?? DEFAULT_RULES, meetings: deps.meetings ?? [] }, 'require');
    } catch (e) {
      if (isErrorType(e, ReportQueryError)) throw new ApiError(400, 'invalid_query', e.message);
      throw e;
    }
    return c.json(await deps.changes(period));
  });
}
