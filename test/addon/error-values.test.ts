// A formula's error in a synced sheet (a lookup showing #N/A, a reference broken to #REF!), on both hosts, as each
// hands it to the add-on: the text of the error (Excel's `values`, whose `valueTypes` says Error; Sheets' getValues).
// Neither stores that text as a value: a required field's error rejects its row with the reason at its cell, an
// optional field is kept blank with a warning on the Data quality sheet, and a row holding nothing but an error
// (a lookup dragged below the data) is no row.
import { describe, expect, test } from 'vitest';
import { AS_OF, connectedAddon, templateGrid } from './bundle-harness';
import { useSyncService } from '../fixtures/use-sync-service';
import { seedExcelSheet } from './sync-host-calls';
import { connectedExcel, requestsColumn as col } from './excel/connected-excel';
import { columnLetter } from '../../shared/lists';
import { sampleRows } from '../../templates/samples';

const service = useSyncService();

const typed = sampleRows('requests', 3, { asOf: AS_OF, seed: 17 });
const grid = templateGrid('requests', typed);
/** The cells showing errors: sheet row and field, the error, and the formula behind it. */
const ERRORS = [
  { row: 2, field: 'requesterOrg', error: '#N/A', formula: '=VLOOKUP(A2,Lists!A:B,2,FALSE)' },
  { row: 3, field: 'dueOn', error: '#REF!', formula: '=#REF!+30' },
  { row: 6, field: 'requesterType', error: '#N/A', formula: '=VLOOKUP(C6,Lists!A:B,2,FALSE)' },
] as const;

/** What both hosts must have made of the sheet, once synced. */
async function expectErrorsRead(sourceName: string, source: { id: string }, summary: string) {
  // Three rows sent: the line holding nothing but a dragged-down lookup's error is none.
  expect(summary).toMatch(/^Requests: 3 sent, 2 saved, .*1 need fixing/m);
  const stored = (await service.storedRows('requests', source.id)).filter((r) => !r.deleted);
  expect(stored.map((r) => r.values.requestId).sort()).toEqual([typed[1].requestId, typed[2].requestId].sort());
  expect(stored.find((r) => r.values.requestId === typed[1].requestId)?.values.dueOn).toBeNull();
  expect(JSON.stringify(stored)).not.toMatch(/#N\/A|#REF!/);
  const rejected = await service.invoke<{ errors: { field: string; message: string }[] }[]>('rejections', source.id);
  expect(rejected.map((r) => r.errors.map((e) => [e.field, e.message]))).toEqual([[['requesterOrg', expect.stringMatching(/shows #N\/A, a formula's error, where a value is required/)]]]);
  const quality = await service.invoke<unknown[][]>('dataQualitySheet');
  expect(quality.filter((line) => line[0] === sourceName && line[1] === 'Warning' && String(line[6]).includes('#REF!')).map((line) => line.slice(2, 5))).toEqual([['Requests', 3, `Requests!${columnLetter(col('dueOn'))}3`]]);
}

describe('a cell showing a formula error', () => {
  test('in Google Sheets: never stored as its text; a required one rejects its row, an optional one is blank with a warning', async () => {
    const name = 'Lookup errors (Sheets)';
    const { addon, source } = await connectedAddon(service, name);
    const sheet = addon.fakes.seedSheet('Requests', grid);
    for (const e of ERRORS) {
      const a1 = `${columnLetter(col(e.field))}${e.row}`;
      addon.fakes.seedSheet('Requests', [[e.formula]], { row: e.row, column: col(e.field) });
      addon.fakes.setFormulaResults('Requests', a1, [[e.error]]);
    }
    addon.call('syncNowFromMenu');
    expect(addon.fakes.ui.alerts).toEqual([]);
    await expectErrorsRead(name, source, addon.fakes.toasts.at(-1)?.message ?? '');
    expect(sheet.peek(2, col('requesterOrg'))?.note).toMatch(/#N\/A/);
  });

  test('in Excel: the same, from values that Excel gives as the error\'s text', async () => {
    const name = 'Lookup errors (Excel)';
    const connected = await connectedExcel(service, name);
    seedExcelSheet(connected.excel, 'Requests', grid, 'requests');
    const sheet = connected.excel.sheet('Requests')!;
    for (const e of ERRORS) sheet.showError(e.row, col(e.field), e.error, e.formula);
    await expectErrorsRead(name, connected.source, await connected.sync());
    expect(sheet.peek(2, col('requesterOrg'))?.note).toMatch(/#N\/A/);
  });

  test('in Excel, text typed as "#N/A" (valueTypes says String) is the text it is: stored as typed, while a real error beside it is still one', async () => {
    const name = 'Typed #N/A (Excel)';
    const connected = await connectedExcel(service, name);
    seedExcelSheet(connected.excel, 'Requests', grid, 'requests');
    const sheet = connected.excel.sheet('Requests')!;
    // Typed under the text format (or after an apostrophe): Excel keeps it as text.
    Object.assign(sheet.cell(2, col('requesterOrg')), { value: '#N/A', numberFormat: '@' });
    Object.assign(sheet.cell(3, col('notes')), { value: '#REF!', numberFormat: '@' });
    sheet.showError(4, col('dueOn'), '#REF!', '=#REF!+30');
    expect(await connected.sync()).toMatch(/^Requests: 3 sent, 3 saved/m);
    const stored = (await service.storedRows('requests', connected.source.id)).filter((r) => !r.deleted);
    const byId = (id: unknown) => stored.find((r) => r.values.requestId === id)?.values;
    expect(byId(typed[0].requestId)?.requesterOrg).toBe('#N/A');
    expect(byId(typed[1].requestId)?.notes).toBe('#REF!');
    expect(byId(typed[2].requestId)?.dueOn).toBeNull();
    expect(await service.invoke<unknown[]>('rejections', connected.source.id)).toEqual([]);
    const quality = await service.invoke<unknown[][]>('dataQualitySheet');
    expect(quality.filter((line) => line[0] === name).map((line) => line.slice(2, 5))).toEqual([['Requests', 4, `Requests!${columnLetter(col('dueOn'))}4`]]);
    expect(sheet.peek(2, col('requesterOrg'))?.note ?? '').toBe('');
  });

  test('in Excel, text typed as "#N/A" in a plan\'s Goal is that text on the rows below that leave Goal blank (same as above)', async () => {
    const name = 'Typed #N/A carried down (Excel)';
    const connected = await connectedExcel(service, name);
    seedExcelSheet(connected.excel, 'Work plan', [['Goal', 'Task', 'Status'], ['#N/A', 'Host a forum', 'In progress'], [null, 'Train staff', 'Completed']]);
    Object.assign(connected.excel.sheet('Work plan')!.cell(2, 1), { value: '#N/A', numberFormat: '@' });
    expect(await connected.sync()).toMatch(/Work plan: 2 sent, 2 saved/);
    const stored = (await service.storedRows('workplan', connected.source.id)).filter((r) => !r.deleted);
    expect(stored.map((r) => [r.values.task, r.values.goal]).sort()).toEqual([['Host a forum', '#N/A'], ['Train staff', '#N/A']]);
    expect(await service.invoke<unknown[]>('rejections', connected.source.id)).toEqual([]);
  });
});
