// The dashboard says how many rows of each source were rejected, whatever their day, as the master's Summary does:
// a committee member reading only the dashboard learns which rows no figure includes.
import { expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { dashboardPage } from '../../../sync/dashboard/dashboard-page';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import type { Rejection } from '../../../sync/store/row-store';
import { AS_OF, MILESTONES, REQUESTS, ROADMAP, WORKPLAN } from '../metrics/demand-rows';

it('gives Rows per source a Rejected column and the Summary\'s sentence per source, for rows rejected long before the changes window', () => {
  const m = aggregateMetrics({ requests: REQUESTS, workplan: WORKPLAN, milestones: MILESTONES, roadmap: ROADMAP }, { asOf: AS_OF, rules: DEFAULT_RULES });
  const at = new Date('2023-01-05T10:00:00Z');
  const bad = (rowId: string, sheetRow: number): Rejection => ({ sourceId: 's1', sourceName: 'City of Oakridge', table: 'requests', rowId, sheet: 'Requests', sheetRow, errors: [{ field: 'receivedOn', message: 'Received: not a date' }], at });
  const rejections = [bad('Requests:TA-90', 9), bad('Requests:TA-91', 10)];
  const html = dashboardPage({ metrics: m, charts: [], sources: [], form: {}, paths: { dashboard: '/dashboard', workbook: '/x.xlsx' }, changes: '', rejections });
  const table = /<caption><span>Rows per source<\/span><\/caption>[\s\S]*?<\/table>/.exec(html)![0];
  expect(table).toMatch(/<th[^>]*>Rejected<\/th>/);
  const oakridge = /<tr>(?:(?!<\/tr>)[\s\S])*City of Oakridge[\s\S]*?<\/tr>/.exec(table)![0].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim();
  expect(oakridge.split(' ').at(-1)).toBe('2');
  const requests = m.sources.find((s) => s.id === 's1')!.requests;
  expect(html).toContain(`City of Oakridge: 2 of ${requests + 2} requests rejected.`);
});
