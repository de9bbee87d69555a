// `GET /api/v1/report?year=`: the annual progress report as a page to read or print (the CLI also writes it
// as a PDF). Mounted behind the reviewer-or-admin guard, and opened by link like the dashboard.
import { Hono } from 'hono';
import { DEFAULT_RULES, isoFromUtcDate } from '../../../shared/index';
import { isErrorType } from '../../../shared/typed-error';
import { ReportQueryError } from '../../metrics/report-query';
import { annualReport } from '../../report/annual-report';
import { reportHtml } from '../../report/report-html';
import { reportAsOf, reportYear } from '../../report/report-year';
import { ApiError } from '../api-error';
import { PAGE_HEADERS, REPORT_PATH } from '../browser-paths';
import type { ReadRouteDeps } from '../route-deps';

export function reportRoutes(deps: ReadRouteDeps): Hono {
  return new Hono().get(REPORT_PATH, async (c) => {
    const now = deps.clock();
    let year;
    try {
      year = reportYear(c.req.query('year'), isoFromUtcDate(now));
    } catch (e) {
      if (isErrorType(e, ReportQueryError)) throw new ApiError(400, 'invalid_query', e.message);
      throw e;
    }
    const report = await annualReport(deps.store, { year, asOf: reportAsOf(year, now), today: isoFromUtcDate(now), rules: deps.rules ?? DEFAULT_RULES });
    return c.html(reportHtml(report), 200, PAGE_HEADERS);
  });
}
