// A request whose Received day is after today (2206 typed for 2026, already warned as a far date) has no SLA state
// until it comes in, on every surface: the sync's metrics, the master workbook's SLA cell and Backlog sheet, as the
// sheet's own formula and EQ_SLA leave it blank (formulas.property.test.ts), on both databases.
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { masterInMemory } from '../../support/master-in-memory';
import { storeBackends } from '../../support/store-backends';
import { ADMIN_TOKEN, harness } from './api-harness';

const backends = storeBackends('api_received_future');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const december = () => new Date('2026-12-02T15:00:00Z');

// The state commission's program (source-plans.md): TA on request to agencies and local governments.
const request = (rowId: string, receivedOn: string, extra: Record<string, unknown> = {}) => ({
  rowId, values: { requestId: rowId, receivedOn, requesterOrg: 'Department of Finance', requesterType: 'State agency', requesterRole: 'Budget staff', category: 'Budget equity tool', priority: 'Medium', status: 'Triaged', ...extra },
});

describe.each(backends)('a request received after today on $name', (backend) => {
  test('is in no SLA state in the metrics and the master workbook, but still in the backlog, warned as a far date', async () => {
    const store = await backend.open();
    const h = await harness(backend, { reuse: store, clock: december, readRoutes: readRoutes({ store, clock: december }) });
    const src = await h.source('Commission TA log');
    const sync = await h.call('POST', '/api/v1/sync', {
      token: src.token,
      body: { table: 'requests', rows: [
        request('TA-2026-0101', '2026-11-30'),
        request('TA-2026-0102', '2026-12-01', { requesterOrg: 'Legislative Analyst', requesterType: 'Legislative office' }),
        // Typed 2206 for 2026, with a due day agreed for this month: still not received, so not yet judged.
        request('TA-2026-0103', '2206-11-30', { requesterOrg: 'City of Riverside', requesterType: 'City', dueOn: '2026-12-20' }),
      ] },
    });
    expect([sync.status, sync.body.accepted], sync.text).toEqual([200, 3]);
    expect(sync.text).toContain('2206-11-30 looks like a typo (year 2206)');

    const metrics = (await h.call('GET', '/api/v1/metrics', { token: ADMIN_TOKEN })).body;
    expect(metrics.backlog).toMatchObject({ open: 3, onTime: 2, dueSoon: 0, overdue: 0 });
    expect(metrics.backlog.byAgeBucket).toContainEqual({ key: 'Received date in the future', count: 1 });

    // The writer behind GET /api/v1/export/master.xlsx, read back.
    const { book } = await masterInMemory(store, { asOf: '2026-12-02', rules: DEFAULT_RULES });
    const requests = book.getWorksheet('Requests')!;
    const headers = requests.getRow(1).values as unknown[];
    const sla = (id: string) => {
      let shown: unknown;
      requests.eachRow((row) => {
        if (row.getCell(headers.indexOf('Request ID')).value === id) shown = row.getCell(headers.indexOf('SLA')).value;
      });
      return shown;
    };
    const cached = (v: unknown) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v);
    expect(cached(sla('TA-2026-0101'))).toBe('On time');
    expect(cached(sla('TA-2026-0103')) ?? '').toBe('');
    const backlog = book.getWorksheet('Backlog')!;
    const groups: Record<string, unknown> = {};
    backlog.eachRow((row) => {
      if (row.getCell(1).value === 'SLA') groups[String(row.getCell(2).value)] = row.getCell(3).value;
    });
    expect(groups).toMatchObject({ 'On time': 2, 'No SLA': 1 });
    expect(h.reported).toEqual([]);
  });
});
