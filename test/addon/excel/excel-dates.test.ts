// Numbers in date-formatted cells as Excel shows them: a phone number pasted into Due shows ####, and must cost
// that cell its note, not the workbook its sync; a day of early 1900 is the day Excel shows.
import { expect, test } from 'vitest';
import { createExcelAddin } from '../../../addon/excel/excel-addin';
import type { OfficeHost } from '../../../addon/excel/host-services';
import type { HttpPort, HttpRequest } from '../../../addon/port/host-ports';
import { SETTING_KEYS } from '../../../addon/core/settings';
import { TABLES } from '../../../shared/tables';
import { validateRow } from '../../../shared/validate-row';
import type { SyncRequest } from '../../../shared/wire/sync-wire';
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { documentSettingsOver, storageOver } from '../../fakes/excel/office-settings';

const HEADERS = ['Request ID', 'Received', 'Requesting organization', 'Requester type', 'Priority', 'Status', 'Due'];
const DUE = HEADERS.indexOf('Due') + 1;

function workbook(dues: readonly number[]) {
  const excel = new FakeExcel(['Sheet1']);
  excel.seed('Requests', []);
  const sheet = excel.sheet('Requests')!;
  HEADERS.forEach((h, c) => (sheet.cell(1, c + 1).value = h));
  dues.forEach((due, i) => {
    const row = [`TA-${i + 1}`, 46200, 'City of Fresno', 'City', '', 'New', due];
    row.forEach((v, c) => {
      const cell = sheet.cell(i + 2, c + 1);
      cell.value = v;
      if (c === 1 || c === DUE - 1) cell.numberFormat = 'm/d/yyyy';
    });
  });
  const posts: SyncRequest[] = [];
  const http: HttpPort = {
    fetch: async (req: HttpRequest) => {
      if (req.method === 'GET') return { status: 200, body: JSON.stringify({ table: 'requests', rows: [], items: [] }), headers: {} };
      if (!req.url.endsWith('/api/v1/sync')) return { status: 200, body: JSON.stringify({ ok: true }), headers: {} };
      const body = JSON.parse(req.body!) as SyncRequest;
      posts.push(body);
      // The service's own check of each row's cells, as a real sync meets it.
      const rejected = body.rows.map((r) => ({ rowId: r.rowId, errors: validateRow(TABLES.requests, r.values).errors })).filter((r) => r.errors.length > 0);
      return { status: 200, body: JSON.stringify({ accepted: body.rows.length - rejected.length, unchanged: 0, deleted: 0, rejected, warnings: [] }), headers: {} };
    },
    fetchAll: async () => [],
    sleep: async () => undefined,
  };
  const office: OfficeHost = { context: { requirements: excel.requirements, document: { settings: documentSettingsOver(new Map<string, unknown>([[SETTING_KEYS.serviceUrl, 'https://desk.example.gov']])) } } };
  const addin = createExcelAddin({ office, run: excel.run, http, storage: storageOver(new Map([[SETTING_KEYS.token, 'source-token-0123456789abcdef']])), today: () => '2026-07-01' });
  return { addin, sheet, posts };
}

test('a Due Excel cannot show as a date (a phone number, a year past 9999, a negative day) is that cell\'s note; the other rows triage and sync', async () => {
  const { addin, sheet, posts } = workbook([5551234567, 3_000_000, -5, 46300]);
  const queue = await addin.bridge.triage();
  expect((await addin.bridge.select(queue.items.find((i) => i.requestId === 'TA-4')!)).values.dueOn).toBe('2026-10-05');

  await addin.bridge.sync();
  const sent = posts.flatMap((p) => p.rows);
  expect(sent.find((r) => r.values.requestId === 'TA-4')?.values.dueOn).toBe('2026-10-05');
  for (const [row, shown] of [[2, '5551234567'], [3, '3000000'], [4, '-5']] as const) {
    const note = sheet.peek(row, DUE)?.note ?? '';
    expect(note).toContain(`Due: ${shown} is not a date`);
    expect(note).toContain('####');
  }
  expect(JSON.stringify(sent)).not.toMatch(/1899|\+0101/);
});

test('a day of early 1900 is the day Excel shows, counting its February 29, 1900, a day that never was', async () => {
  const { addin, sheet, posts } = workbook([1, 59, 60, 61]);
  await addin.bridge.sync();
  const dueOf = (id: string) => posts.flatMap((p) => p.rows).find((r) => r.values.requestId === id)?.values.dueOn ?? null;
  expect([dueOf('TA-1'), dueOf('TA-2'), dueOf('TA-4')]).toEqual(['1900-01-01', '1900-02-28', '1900-03-01']);
  expect(sheet.peek(4, DUE)?.note).toContain('2/29/1900');
});
