// An office's first import of an old log: its requests already Fulfilled with no Fulfilled date count as done on a day
// not known (decision 025), in no "Requests fulfilled". Every surface the committee reads that figure on says, beside
// it, how many were fulfilled with no date recorded, so the counts add up: metrics (text and JSON, the API), the master
// workbook's Summary, the dashboard and the annual report. Said only when there are some.
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { createApp } from '../../../sync/api/app';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { loadConfig } from '../../../sync/config';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { DATE_NOT_RECORDED_LABEL } from '../../../sync/metrics/headline-figures';
import { metricsReport } from '../../../sync/metrics/metrics-report';
import { demandMetricsSchema } from '../../../sync/metrics/metrics-schema';
import { storeBackends } from '../../support/store-backends';
import { request, seedVersions as seed } from './status-history';

const backends = storeBackends('date_not_recorded');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const TODAY = '2026-06-30';

/**
 * The first import, Jun 1: three Fulfilled with no date (one received in 2025), one dated, one Closed, one open. One of
 * the three is Closed since, after its follow-up: still fulfilled on a day not known, not closed without it.
 */
const FIRST_IMPORT = {
  '2026-06-01': {
    a: { status: 'Fulfilled' }, b: { status: 'Fulfilled' }, old: { status: 'Fulfilled', receivedOn: '2025-11-03' },
    dated: { status: 'Fulfilled', fulfilledOn: '2026-04-10' }, dropped: { status: 'Closed' }, open: { status: 'In progress' },
  },
  '2026-06-10': { b: { status: 'Closed', outcome: 'Training delivered' } },
};

const LEAD = `${DATE_NOT_RECORDED_LABEL}: 3.`;

describe('the figure in the metrics', () => {
  it('counts the requests marked Fulfilled with no fulfillment day, of those received in the period', () => {
    const row = (rowId: string, v: Record<string, unknown>, firstDoneOn: string | null = null) => ({ sourceId: 's', sourceName: 'Log', rowId, values: request(rowId, v), firstDoneOn });
    const rows = [
      row('undated', { status: 'Fulfilled' }),
      row('undated-2025', { status: 'Fulfilled', receivedOn: '2025-12-01' }),
      row('no-received', { status: 'fulfilled', receivedOn: null }),
      row('dated', { status: 'Fulfilled' }, '2026-04-01'),
      row('own-date', { status: 'Fulfilled', fulfilledOn: '2026-04-02' }),
      // Closed alone says nothing was delivered, dated or not.
      row('closed', { status: 'Closed' }),
      row('open', { status: 'In progress' }),
    ];
    const all = aggregateMetrics({ requests: rows }, { asOf: TODAY, rules: DEFAULT_RULES });
    expect(all.fulfillment).toMatchObject({ fulfilled: 2, dateNotRecorded: 3 });
    expect(demandMetricsSchema.parse(all)).toEqual(all);
    const year = aggregateMetrics({ requests: rows }, { asOf: TODAY, rules: DEFAULT_RULES, from: '2026-01-01', to: '2026-12-31' });
    expect(year.fulfillment).toMatchObject({ fulfilled: 2, dateNotRecorded: 1 });
  });
});

describe.each(backends)('a first import of requests fulfilled with no date, read on every surface ($name)', (backend) => {
  async function service(days: Parameters<typeof seed>[1]) {
    const store = await backend.fresh().open();
    onTestFinished(() => store.close());
    await seed(store, days);
    const clock = () => new Date(`${TODAY}T12:00:00Z`);
    const app = createApp({ store, config: loadConfig({}, { data: 'unused' }), clock, readRoutes: readRoutes({ store, clock }) });
    const { token } = await store.createPrincipal({ kind: 'reviewer', name: 'Committee' });
    const get = async (path: string) => {
      const res = await app.request(path, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status, path).toBe(200);
      return res;
    };
    return { get };
  }

  /** A sheet's cells, row by row (a blank row empty): the Summary unless another is named. */
  async function summary(res: Response, name = 'Summary') {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await res.arrayBuffer());
    const rows: unknown[][] = [];
    book.getWorksheet(name)!.eachRow({ includeEmpty: true }, (r, n) => (rows[n] = (r.values as unknown[]).slice(1)));
    return Array.from(rows, (r) => r ?? []);
  }

  it('says how many beside "Requests fulfilled": API, text report, Summary, dashboard and annual report', async () => {
    const { get } = await service(FIRST_IMPORT);
    const m = demandMetricsSchema.parse(await (await get('/api/v1/metrics')).json());
    expect(m.fulfillment).toMatchObject({ fulfilled: 1, dateNotRecorded: 3 });

    // The text report: under the "How much" table, before the next section.
    const text = metricsReport(m);
    const howMuch = text.slice(text.indexOf('How much did we do?'), text.indexOf('How well did we do it?'));
    expect(howMuch).toContain(`  ${LEAD} Already marked Fulfilled, with no Fulfilled date, when Equity Desk first read them`);

    // The Summary: a figure the reader can read as a number, under the section's measures, with its explanation.
    const rows = await summary(await get('/api/v1/export/master.xlsx'));
    const at = rows.findIndex((r) => r[0] === DATE_NOT_RECORDED_LABEL);
    expect(rows[at]?.[1]).toBe(3);
    const fulfilled = rows.findIndex((r) => r[0] === 'Requests fulfilled');
    const nextSection = rows.findIndex((r) => r[0] === 'How well did we do it?');
    expect(fulfilled).toBeGreaterThan(0);
    expect(at).toBeGreaterThan(fulfilled);
    expect(at).toBeLessThan(nextSection);
    expect(rows.slice(at + 1, nextSection).map((r) => r[0]).join(' ')).toContain('Already marked Fulfilled, with no Fulfilled date');
    // The Fulfillment sheet, whose quarters hold none of them, says it under its table, beside the Quarter column that
    // prints again on every page (a line there would be cut off after a few words).
    const quarters = await summary(await get('/api/v1/export/master.xlsx'), 'Fulfillment');
    const noteAt = quarters.findIndex((r) => String(r[1] ?? '').startsWith(LEAD));
    expect(quarters.slice(noteAt).map((r) => r[1]).join(' ')).toContain(`${LEAD} Already marked Fulfilled`);
    expect(quarters.slice(noteAt).every((r) => r[0] === undefined || r[0] === null)).toBe(true);

    // The dashboard and the report: the figure in bold, under the "How much" table.
    const dashboard = await (await get('/dashboard')).text();
    const strong = `<strong>${LEAD}</strong> Already marked Fulfilled`;
    expect(dashboard.slice(dashboard.indexOf('How much did we do?'), dashboard.indexOf('How well did we do it?'))).toContain(strong);
    // The annual report for 2026: two of the three were received in it; said in the measures and in Fulfillment.
    const report = await (await get('/api/v1/report?year=2026')).text();
    const yearLead = `<strong>${DATE_NOT_RECORDED_LABEL}: 2.</strong> Requests received in the period and already marked Fulfilled`;
    expect(report.slice(report.indexOf('How much did we do?'), report.indexOf('How well did we do it?'))).toContain(yearLead);
    const chapter = report.slice(report.indexOf('id="fulfillment"'));
    expect(chapter.slice(0, chapter.indexOf('</section>'))).toContain(yearLead);
  }, 60_000);

  it('says nothing when every fulfillment has its day', async () => {
    const { get } = await service({ '2026-06-01': { dated: { status: 'Fulfilled', fulfilledOn: '2026-04-10' }, open: { status: 'In progress' } } });
    const m = demandMetricsSchema.parse(await (await get('/api/v1/metrics')).json());
    expect(m.fulfillment).toMatchObject({ fulfilled: 1, dateNotRecorded: 0 });
    expect(metricsReport(m)).not.toContain(DATE_NOT_RECORDED_LABEL);
    expect((await summary(await get('/api/v1/export/master.xlsx'))).some((r) => r[0] === DATE_NOT_RECORDED_LABEL)).toBe(false);
    expect(await (await get('/dashboard')).text()).not.toContain(DATE_NOT_RECORDED_LABEL);
    expect(await (await get('/api/v1/report?year=2026')).text()).not.toContain(DATE_NOT_RECORDED_LABEL);
  }, 60_000);
});
