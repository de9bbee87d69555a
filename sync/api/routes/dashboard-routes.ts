// `GET /dashboard`: the committee dashboard, read-only, mounted by the service behind the reviewer-or-admin guard.
//
// Access from a browser: a committee member follows a link carrying `?access_token=<reviewer token>`; the
// guard trades it for an HttpOnly cookie and redirects to the clean address (see `browserGuard`), so the
// page never holds the token and its form and download link work by the cookie. The page sends
// `Referrer-Policy: no-referrer`, `Cache-Control: no-store`, and a CSP that allows no outside resources and no
// script but the page's own one, by its digest (`PAGE_HEADERS`).
import { Hono } from 'hono';
import { demandChartPairs } from '../../charts/demand-charts';
import { DASHBOARD_PATH, EXPORT_PATH, PAGE_HEADERS } from '../browser-paths';
import { isErrorType } from '../../../shared/typed-error';
import { ReportQueryError, reportOptions, resolveReport } from '../../metrics/report-query';
import type { ReadRouteDeps } from '../route-deps';
import { dashboardPage, FILTER_WORDS } from '../../dashboard/dashboard-page';
import { changesSection } from '../../dashboard/changes-section';
import { LongTexts } from '../../dashboard/long-texts';
import { DASHBOARD_CHART_WIDTHS } from '../../dashboard/dashboard-style';
import { resolveChangesPeriod } from '../../changes/changes-period';
import { DEFAULT_RULES } from '../../../shared/index';

export { DASHBOARD_PATH } from '../browser-paths';


/**
 * The changes since `since` (the last meeting when blank) from the sources the dashboard shows; a bad day is
 * said in the section, which then shows the default period.
 */
async function changesPart(since: string | undefined, sourceIds: string[] | undefined, keep: Record<string, string | undefined>, long: LongTexts, deps: ReadRouteDeps): Promise<{ html: string; error?: string }> {
  const periodDeps = { clock: deps.clock, rules: deps.rules ?? DEFAULT_RULES, meetings: deps.meetings ?? [] };
  let error: string | undefined;
  let period;
  try {
    period = resolveChangesPeriod({ since }, periodDeps, 'lookback');
  } catch (e) {
    if (!isErrorType(e, ReportQueryError)) throw e;
    error = `Not applied: ${e.inWords(FILTER_WORDS)}.`;
    period = resolveChangesPeriod({}, periodDeps, 'lookback');
  }
  const report = await deps.changes({ since: period.since, until: period.until, rules: period.rules, sourceIds });
  return { html: changesSection({ report, sinceFrom: period.sinceFrom, form: { since }, error, keep, action: DASHBOARD_PATH, long }), error };
}

export function dashboardRoutes(deps: ReadRouteDeps): Hono {
  return new Hono().get(DASHBOARD_PATH, async (c) => {
    const form = { from: c.req.query('from'), to: c.req.query('to'), source: c.req.query('source') };
    let error: string | undefined;
    let opts;
    try {
      opts = await resolveReport({ from: form.from, to: form.to, source: form.source ? [form.source] : [] }, deps);
    } catch (e) {
      if (!isErrorType(e, ReportQueryError)) throw e;
      // A bad filter still shows the page, with the reason and the form to fix it.
      error = `Filters not applied: ${e.inWords(FILTER_WORDS)}.`;
      opts = reportOptions({}, deps);
    }
    const metrics = await deps.metrics(opts);
    // One page, one Long texts section: the changes' lines and the tables clip into it alike.
    const long = new LongTexts();
    const changes = await changesPart(c.req.query('since'), opts.sourceIds, { ...form, since: undefined }, long, deps);
    const sources = (await deps.store.listSources()).map((s) => ({ id: s.id, name: s.name })).sort((a, b) => a.name.localeCompare(b.name));
    const rejections = await deps.store.rejections(opts.sourceIds ? { sourceIds: opts.sourceIds } : undefined);
    const html = dashboardPage({
      metrics, charts: demandChartPairs(metrics, DASHBOARD_CHART_WIDTHS), sources, form, error, changes: changes.html, rejections, long,
      paths: { dashboard: DASHBOARD_PATH, workbook: EXPORT_PATH },
    });
    return c.html(html, error || changes.error ? 400 : 200, PAGE_HEADERS);
  });
}
