// `GET /api/v1/changes` through the service: behind the reviewer-or-admin guard, the period checked, the
// document the schema describes, and the last meeting as the default start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { changesReportSchema } from '../../../sync/changes/changes-schema';
import { reportService, type ReportService } from '../dashboard/report-service';

let svc: ReportService;
let withMeetings: ReportService;
beforeAll(async () => {
  svc = await reportService();
  withMeetings = await reportService({ meetings: ['2024-01-01', '2024-02-01'] });
});
afterAll(async () => {
  await svc?.close();
  await withMeetings?.close();
});

describe('GET /api/v1/changes', () => {
  it('needs a reviewer or admin token', async () => {
    expect((await svc.get('/api/v1/changes?since=2024-01-01', null)).status).toBe(401);
    expect((await svc.get('/api/v1/changes?since=2024-01-01', svc.sourceToken)).status).toBe(403);
    expect((await svc.get('/api/v1/changes?since=2024-01-01')).status).toBe(200);
  });

  it('answers the period from history: R1 fulfilled on the day its Fulfilled status was synced', async () => {
    const body = changesReportSchema.parse(await (await svc.get('/api/v1/changes?since=2024-01-01&until=2024-01-31')).json());
    expect([body.since, body.until]).toEqual(['2024-01-01', '2024-01-31']);
    expect(body.requests.fulfilled.map((r) => [r.rowId, r.on])).toEqual([['R1', '2024-01-25']]);
    const february = changesReportSchema.parse(await (await svc.get('/api/v1/changes?since=2024-02-01&until=2024-02-29')).json());
    expect(february.requests.fulfilled.map((r) => r.rowId)).not.toContain('R1');
  });

  it('refuses a missing start when no meeting days are set, and dates that are not days, with 400', async () => {
    for (const query of ['', '?since=2024-02-30', '?since=2024-03-01&until=2024-02-01', '?since=yesterday']) {
      const reply = await svc.get(`/api/v1/changes${query}`);
      expect(reply.status, query).toBe(400);
      expect((await reply.json()).error.code).toBe('invalid_query');
    }
    expect((await (await svc.get('/api/v1/changes')).json()).error.message).toContain('EQUITY_DESK_MEETINGS');
  });

  it('starts at the last meeting before the end day when the meeting days are set', async () => {
    const body = changesReportSchema.parse(await (await withMeetings.get('/api/v1/changes?until=2024-03-15')).json());
    expect(body.since).toBe('2024-02-01');
    const onMeetingDay = changesReportSchema.parse(await (await withMeetings.get('/api/v1/changes?until=2024-02-01')).json());
    expect(onMeetingDay.since).toBe('2024-01-01');
  });
});
