// `GET /api/v1/metrics` and `GET /api/v1/export/master.xlsx` through the service: behind the reviewer-or-admin
// guard, filters checked, the same document as the pure aggregation of the same rows.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { demandMetricsSchema } from '../../../sync/metrics/metrics-schema';
import { reportFlags } from '../../../sync/cli/commands/report-flags';
import { reportService, type ReportService } from '../dashboard/report-service';
import { AS_OF } from '../metrics/demand-rows';

let svc: ReportService;
beforeAll(async () => (svc = await reportService()));
afterAll(async () => svc?.close());

describe('GET /api/v1/metrics', () => {
  it('needs a reviewer or admin token', async () => {
    expect((await svc.get('/api/v1/metrics', null)).status).toBe(401);
    expect((await svc.get('/api/v1/metrics', svc.sourceToken)).status).toBe(403);
    expect((await svc.get('/api/v1/metrics')).status).toBe(200);
  });

  it('returns the schema-valid document, with the figures history gives', async () => {
    const body = demandMetricsSchema.parse(await (await svc.get('/api/v1/metrics')).json());
    expect(body.asOf).toBe(AS_OF);
    expect(body.demand.total).toBe(7);
    // Synced from history: R1 fulfilled on 25 Jan (15 days), not on the 12 Jan its cell was later edited to;
    // s2/R1, whose cell has no date, on the day its fulfillment was synced (14 Apr, 30 days). R3's only
    // version, synced on 29 Jun, carried its date (21 Apr), so every fulfillment comes from history.
    expect(body.fulfillment).toEqual({ fulfilled: 4, fromHistory: 4, fromRow: 0, medianDays: 17.5, p90Days: 27, daysGuessed: 0, dateNotRecorded: 0 });
    const pure = aggregateMetrics(svc.seeded.rows, { asOf: AS_OF, rules: DEFAULT_RULES });
    expect(body.rba).toEqual(pure.rba);
    expect(body.capacity).toEqual(pure.capacity);
  });

  it('filters by date received and by source', async () => {
    const q2 = await (await svc.get('/api/v1/metrics?from=2024-04-01&to=2024-06-30')).json();
    expect(q2.demand.total).toBe(3);
    expect(q2.filters).toEqual({ from: '2024-04-01', to: '2024-06-30', sourceIds: null });
    const s2 = await (await svc.get(`/api/v1/metrics?source=${svc.seeded.ids.s2}`)).json();
    expect(s2.sources.map((s: { name: string }) => s.name)).toEqual(['Equity Commission']);
    expect(s2.demand.total).toBe(1);
  });

  it('describes its date filter as it counts: demand by the day received, fulfillment by the day fulfilled, in /openapi.json and the CLI flags alike', async () => {
    const doc = await (await svc.get('/openapi.json', null)).json();
    const described = (name: string) => doc.paths['/api/v1/metrics'].get.parameters.find((p: { name: string }) => p.name === name).description as string;
    for (const text of [described('from'), described('to'), reportFlags.from.help, reportFlags.to.help]) expect(text).toMatch(/received.*; fulfillment figures count the requests fulfilled/);
  });

  it('refuses bad filters with a 400 naming the problem', async () => {
    for (const [query, message] of [['from=2024-13-01', /from must be a date/], ['from=2024-06-01&to=2024-01-01', /after/], ['source=nope', /unknown source "nope"/]] as const) {
      const res = await svc.get(`/api/v1/metrics?${query}`);
      expect(res.status, query).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe('invalid_query');
      expect(body.error.message).toMatch(message);
    }
  });
});

describe('GET /api/v1/export/master.xlsx', () => {
  it('streams the master workbook as a download', async () => {
    expect((await svc.get('/api/v1/export/master.xlsx', null)).status).toBe(401);
    const res = await svc.get(`/api/v1/export/master.xlsx?source=${svc.seeded.ids.s1}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/spreadsheetml/);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="equity-desk-master-${AS_OF}.xlsx"`);
    const book = await new ExcelJS.Workbook().xlsx.load(await res.arrayBuffer());
    const requests = book.getWorksheet('Requests')!;
    // Source s1 only: its six requests under the header.
    expect(requests.rowCount).toBe(7);
    expect(requests.getCell('A2').value).toBe('City of Oakridge');
  });

  it('refuses bad filters before streaming anything', async () => {
    const res = await svc.get('/api/v1/export/master.xlsx?to=yesterday');
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid_query');
  });
});
