// Rejected cells on a protected sheet, as the Excel add-in syncs against the real service: Excel's Protect Sheet
// refuses any fill and any note unless its options allow them, and the sync finishes and says which cells it
// could not mark and why, instead of failing at its last step.
import { expect, test } from 'vitest';
import { FLAG_COLOUR, NOTE_PREFIX } from '../../../addon/core/annotations';
import { columnLetter } from '../../../shared/lists';
import { TABLES } from '../../../shared/tables';
import { useSyncService } from '../../fixtures/use-sync-service';
import { seedExcelSheet } from '../sync-host-calls';
import { connectedExcel, requestsColumn as col } from './connected-excel';

const service = useSyncService();

const row = (values: Record<string, unknown>) => TABLES.requests.columns.map((c) => values[c.name] ?? '');
const grid = [
  TABLES.requests.columns.map((c) => c.header),
  row({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', status: 'Bogus' }),
  row({ requestId: 'R-2', receivedOn: '2026-03-02', requesterOrg: 'Alameda County', requesterType: 'County', status: 'New', contactEmail: 'not-an-email' }),
];

test.each([
  { how: "its options left as Protect Sheet leaves them: neither cell is marked, and both are named", allows: {}, marked: [] as string[], named: ['status', 'contactEmail'] },
  { how: 'fills allowed but not notes: both cells are filled, and named as their notes are missing', allows: { formatCells: true }, marked: ['status', 'contactEmail'], named: ['status', 'contactEmail'] },
  { how: 'fills and notes allowed: both cells are marked, the locked one too, and none is named', allows: { formatCells: true, editObjects: true }, marked: ['status', 'contactEmail'], named: [] as string[] },
])('rejected cells on a protected sheet, $how; the sync finishes', async ({ allows, marked, named }) => {
  const connected = await connectedExcel(service, `Protected marks (Excel) ${JSON.stringify(allows)}`);
  seedExcelSheet(connected.excel, 'Requests', grid, 'requests');
  const sheet = connected.excel.sheet('Requests')!;
  const email = columnLetter(col('contactEmail'));
  sheet.protectLocked(`${email}1:${email}3`, allows);
  const summary = await connected.sync();
  expect(summary).toMatch(/2 need fixing/);
  const at = { status: [2, col('status')], contactEmail: [3, col('contactEmail')] } as const;
  for (const field of ['status', 'contactEmail'] as const) {
    const cell = sheet.peek(at[field][0], at[field][1]);
    expect(cell?.fill === FLAG_COLOUR, field).toBe(marked.includes(field));
  }
  const refs = named.map((field) => `Requests!${columnLetter(at[field as keyof typeof at][1])}${at[field as keyof typeof at][0]}`);
  if (refs.length) expect(summary).toContain(`${refs.length} cells not marked (${refs.join('; ')}): the cells are protected from you; ask the sheet's owner`);
  else expect(summary).not.toMatch(/not marked/);
  if (allows.editObjects) expect(sheet.peek(3, col('contactEmail'))?.note.startsWith(NOTE_PREFIX)).toBe(true);
}, 60_000);

test.each([
  { how: 'allowing formatting cells: the status colors are set', allows: { formatCells: true } },
  { how: 'as Protect Sheet leaves it, refusing every conditional format too: the cells left without status colors are named', allows: {} },
])('a protected sheet, whose dropdowns Excel will not change, still gets the status formulas of its unlocked cells; the sync finishes and names the cells left without a dropdown; $how', async ({ allows }) => {
  const connected = await connectedExcel(service, `Protected dropdowns (Excel) ${JSON.stringify(allows)}`);
  const headers = [...TABLES.requests.columns.map((c) => c.header), ...TABLES.requests.derived.map((d) => d.header)];
  seedExcelSheet(connected.excel, 'Requests', [headers, row({ requestId: 'R-1', receivedOn: '2026-03-01', requesterOrg: 'City of Oakland', requesterType: 'City', status: 'New' })], 'requests');
  const sheet = connected.excel.sheet('Requests')!;
  const first = TABLES.requests.columns.length + 1;
  const colorsBefore = sheet.conditionals.length;
  sheet.protectLocked('A1:A1', allows);
  const summary = await connected.sync();
  expect(summary).toMatch(/ready down to row/);
  expect(String(sheet.peek(2, first)?.formula ?? '')).toMatch(/^=/);
  expect(summary).toMatch(/cells not given their dropdowns \(Requests!\w+2; .*\): the cells are protected from you; ask the sheet's owner/);
  // Office.js documents nothing of a protected sheet's page setup: the fake refuses its print area, as the sync must survive.
  expect(sheet.page.printArea).toBeUndefined();
  expect(summary).toContain("the print area of Requests not moved to end at row 2: the sheet's page setup is protected from you, so it prints as before; ask the sheet's owner");
  if (allows.formatCells) {
    expect(sheet.conditionals.length).toBeGreaterThan(colorsBefore);
    expect(summary).not.toMatch(/status colors/);
  } else {
    expect(sheet.conditionals.length).toBe(colorsBefore);
    expect(summary).toMatch(/cells not given their status colors \(Requests!\w+2; .*\): the cells are protected from you; ask the sheet's owner/);
  }
}, 60_000);
