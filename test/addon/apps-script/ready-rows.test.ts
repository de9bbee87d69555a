// Rows typed below a set-up sheet's ready rows, as the built bundle syncs them over the Apps Script fakes:
// they get the template's own status formulas, dropdowns and colors, down to SPARE_ROWS below the last
// one, in whole-block writes; a status a person typed over its formula is kept.
import { describe, expect, test } from 'vitest';
import { columnLetter } from '../../../shared/lists';
import { TABLES } from '../../../shared/tables';
import { buildTemplatePlan } from '../../../templates/build-template';
import { SPARE_ROWS } from '../../../templates/data-sheet';
import type { FakeConditionalFormatRule } from '../../fakes/apps-script/rules';
import type { FakeRange } from '../../fakes/apps-script/range';
import { useSyncService } from '../../fixtures/use-sync-service';
import { AS_OF, connectedAddon, hostCells, sampleTable } from '../bundle-harness';

const service = useSyncService();

/** The built add-on, connected to the service, with the TA intake template set up. */
async function setUp(name: string) {
  const { addon } = await connectedAddon(service, name);
  addon.call('setupTaIntake');
  const { fakes } = addon;
  const sync = () => {
    addon.call('syncNowFromMenu');
    expect(fakes.ui.alerts).toEqual([]);
    return fakes.toasts.at(-1)?.message ?? '';
  };
  return { fakes, sync };
}

/** The data sheet's last column: Sync ID, after the inputs and the derived columns. */
const LAST = columnLetter(TABLES.requests.columns.length + TABLES.requests.derived.length + 1);
const inputAt = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
const derivedAt = (field: string) => TABLES.requests.columns.length + TABLES.requests.derived.findIndex((d) => d.name === field) + 1;

/** The formula the xlsx template writes on a row of its data sheet, with `=`. */
function templateFormula(row: number, field: string): string {
  const data = buildTemplatePlan('ta-intake', { asOf: AS_OF, sample: row - 1 }).sheets.find((s) => s.name === 'Requests')!;
  const line = [...(data.rows as Iterable<unknown[]>)][row - 2];
  return `=${(line[derivedAt(field) - 1] as { formula: string }).formula}`;
}

describe('rows typed below the ready rows of a set-up sheet', () => {
  test('whose status cells are protected from the person syncing get the other formulas; the sync finishes and names the cells it could not write, and why', async () => {
    const { fakes, sync } = await setUp('Protected statuses');
    const [typed] = sampleTable('requests', 1, 5).typed;
    fakes.seedSheet('Requests', [hostCells('requests', typed)], { row: 40, column: 1 });
    const sla = columnLetter(derivedAt('slaState'));
    fakes.sheet('Requests').protectFromScript(`${sla}40:${sla}41`);
    const summary = sync();
    const formula = (row: number, field: string) => fakes.readSheet('Requests', { range: `A${row}:${LAST}${row}`, pick: 'formula' })[0][derivedAt(field) - 1];
    expect(formula(40, 'daysOpen')).toBe(templateFormula(40, 'daysOpen'));
    expect(formula(42, 'slaState')).toBe(templateFormula(42, 'slaState'));
    expect(formula(40, 'slaState')).toBe('');
    expect(summary).toContain(`2 cells not written (Requests!${sla}40; Requests!${sla}41): the cells are protected from you; ask the sheet's owner`);
  });

  test('whose dropdown cells are protected from the person syncing get the dropdowns around them; the sync finishes and names the cells left without one, and why', async () => {
    const { fakes, sync } = await setUp('Protected dropdowns');
    const [typed] = sampleTable('requests', 1, 5).typed;
    fakes.seedSheet('Requests', [hostCells('requests', typed)], { row: 40, column: 1 });
    const category = columnLetter(inputAt('category'));
    const sheet = fakes.sheet('Requests');
    sheet.protectFromScript(`${category}40:${category}41`);
    const summary = sync();
    expect(sheet.peek(42, inputAt('category'))?.validation).toBeTruthy();
    expect(sheet.peek(39, inputAt('category'))?.validation).toBeTruthy();
    expect(summary).toContain(`2 cells not given their dropdowns (Requests!${category}40; Requests!${category}41): the cells are protected from you; ask the sheet's owner`);
  });

  test.each(['en', 'es'])('on a sheet protected from the person syncing but its cells, whose color rules Sheets will not change, get their formulas and dropdowns; the sync finishes and names the cells left without status colors (locale %s)', async (locale) => {
    const { fakes, sync } = await setUp('Protected colors');
    fakes.env.locale = locale;
    const [typed] = sampleTable('requests', 1, 5).typed;
    fakes.seedSheet('Requests', [hostCells('requests', typed)], { row: 40, column: 1 });
    const sheet = fakes.sheet('Requests');
    const rules = sheet.conditionalRules.length;
    sheet.protectSheetFromScript(['A1:AZ1000']);
    const summary = sync();
    const formula = (row: number, field: string) => fakes.readSheet('Requests', { range: `A${row}:${LAST}${row}`, pick: 'formula' })[0][derivedAt(field) - 1];
    expect(formula(40, 'slaState')).toBe(templateFormula(40, 'slaState'));
    expect(sheet.peek(42, inputAt('category'))?.validation).toBeTruthy();
    expect(sheet.conditionalRules.length).toBe(rules);
    expect(summary).toMatch(/cells not given their status colors \(Requests!\w+2; .*\): the cells are protected from you; ask the sheet's owner/);
  });

  test('a request typed on row 40 of a set-up sheet gets its SLA formula and dropdowns at the next sync, and a sync after that writes nothing', async () => {
    const { fakes, sync } = await setUp('Row 40');
    const [typed] = sampleTable('requests', 1, 5).typed;
    fakes.seedSheet('Requests', [hostCells('requests', typed)], { row: 40, column: 1 });
    const formula = (row: number, field: string) => fakes.readSheet('Requests', { range: `A${row}:${LAST}${row}`, pick: 'formula' })[0][derivedAt(field) - 1];
    expect(formula(40, 'slaState')).toBe('');

    const last = 40 + SPARE_ROWS;
    expect(sync()).toMatch(new RegExp(`ready down to row ${last}\\b`));
    for (const field of ['slaState', 'daysOpen', 'suggestedPriority']) expect(formula(40, field)).toBe(templateFormula(40, field));
    // The empty rows between, and SPARE_ROWS below, are ready for the next request too.
    expect(formula(33, 'slaState')).toBe(templateFormula(33, 'slaState'));
    expect(formula(last, 'slaState')).toBe(templateFormula(last, 'slaState'));
    expect(formula(last + 1, 'slaState')).toBe('');

    const sheet = fakes.sheet('Requests');
    const category = inputAt('category');
    for (const row of [40, last]) expect(sheet.peek(row, category)?.validation).toBeTruthy();
    expect(sheet.peek(last + 1, category)?.validation ?? null).toBeNull();
    // One rule per status text, now reaching the last ready row (stretched, not added beside the template's).
    const overdue = (sheet.conditionalRules as FakeConditionalFormatRule[]).filter(
      (r) => r.spec.args[0] === 'Overdue' && (r.spec.ranges as unknown as FakeRange[]).some((g) => g.rect.column === derivedAt('slaState')),
    );
    expect(overdue).toHaveLength(1);
    const [range] = overdue[0].spec.ranges as unknown as FakeRange[];
    expect(range.rect.row + range.rect.numRows - 1).toBe(last);

    fakes.resetCounts();
    expect(sync()).not.toMatch(/ready down to/);
    expect(fakes.hostCalls().writes).toBe(0);
  });

  test('a status typed over its formula is kept as typed and reported, and the blank ones beside it are filled', async () => {
    const { fakes, sync } = await setUp('Typed status');
    const [first, second] = sampleTable('requests', 2, 9).typed;
    fakes.seedSheet('Requests', [hostCells('requests', first), hostCells('requests', second)], { row: 40, column: 1 });
    fakes.seedSheet('Requests', [['Met']], { row: 41, column: derivedAt('slaState') });

    expect(sync()).toContain(`1 status cell holds a typed value instead of the formula (Requests!${columnLetter(derivedAt('slaState'))}41 (SLA); kept`);
    const cells = fakes.readSheet('Requests', { range: `A41:${LAST}41`, pick: 'formula' })[0];
    expect(cells[derivedAt('slaState') - 1]).toBe('');
    expect(fakes.readSheet('Requests', { range: `A41:${LAST}41` })[0][derivedAt('slaState') - 1]).toBe('Met');
    expect(cells[derivedAt('daysOpen') - 1]).toBe(templateFormula(41, 'daysOpen'));
  });
});

test('a 10,000-row sheet still syncs with one read of its cells, formulas with values, and a handful of writes', async () => {
  const { fakes, sync } = await setUp('Big and typed');
  const { grid } = sampleTable('requests', 10_000, 23);
  // Typed under the set-up header: the first SPARE_ROWS rows have the template's formulas, the rest none.
  fakes.seedSheet('Requests', grid.slice(1), { row: 2, column: 1 });

  fakes.resetCounts();
  const last = 10_001 + SPARE_ROWS;
  expect(sync()).toMatch(new RegExp(`ready down to row ${last.toLocaleString('en-US')}\\b`));
  // Sheet1 (empty), Lists (its rules) and Requests, each read once, the table's and the Lists' formulas with their
  // values (a formula still loading waits; the same text typed is a value); then the status cells about to get
  // formulas, read again just before the write (a status typed meanwhile stays).
  expect(fakes.count('Range.getValues')).toBe(4);
  expect(fakes.count('Range.getFormulas')).toBe(3);
  expect(fakes.count('Sheet.getDataRange')).toBe(3);
  // The table's dates' formats with its read (a typed `Aug 2027` is a month); then the Sync IDs and the formulas:
  // the rows that need them are one block, so no formats around them are read.
  expect(fakes.count('Range.getNumberFormats')).toBe(1);
  expect(fakes.count('Range.setValues')).toBe(2);
  const lists = TABLES.requests.columns.filter((c) => c.list).length;
  expect(fakes.count('Range.setDataValidation')).toBe(lists);
  expect(fakes.count('Sheet.setConditionalFormatRules')).toBe(1);
  const formulas = fakes.readSheet('Requests', { pick: 'formula' });
  expect(formulas).toHaveLength(last);
  expect(formulas[last - 1][derivedAt('slaState') - 1]).toBe(templateFormula(last, 'slaState'));
}, 120_000);
