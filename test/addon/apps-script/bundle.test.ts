// The built Code.js as Apps Script runs it: a plain script whose top-level functions are the entry points,
// a menu that AuthMode.NONE can build, setup from the template plans that never touches existing data, and
// custom functions that fill whole columns with the same answers as the shared rules.
import vm from 'node:vm';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ENTRY_POINTS, paramsOf } from '../../../addon/apps-script/entry-points';
import { computeDerived } from '../../../shared/layout';
import { listPlacement, listRange, type ListKey } from '../../../shared/lists';
import { DEFAULT_RULES, readRules, type Rules } from '../../../shared/rules';
import { TABLES, sheetColumns, type TableName } from '../../../shared/tables';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { buildTemplatePlan, templateContent } from '../../../templates/build-template';
import type { FakeDataValidation } from '../../fakes/apps-script/rules';
import type { FakeRange } from '../../fakes/apps-script/range';
import { assertAppsScriptShape } from '../../support/apps-script-runtime';
import { zonedInstant } from '../../fakes/apps-script/zoned-time';
import { FakeClock } from '../../fakes/apps-script/clock';
import type { LoadedBundle } from '../../support/apps-script-runtime';
import { AS_OF, SERVICE_URL, TIME_ZONE, builtAddon, dateCell, loadAddon, sampleTable } from '../bundle-harness';

let code: string;
beforeAll(async () => {
  ({ code } = await builtAddon());
});

describe('the bundle', () => {
  test('is a plain script with one top-level function per entry point, and nothing Node-only', async () => {
    assertAppsScriptShape(code);
    const addon = await loadAddon();
    // EquityDesk holds the bundle; TextEncoder is the polyfill Apps Script lacks.
    expect(addon.functionNames().filter((n) => n !== 'EquityDesk' && n !== 'TextEncoder').sort()).toEqual(ENTRY_POINTS.map((e) => e.name).sort());
    for (const entry of ENTRY_POINTS) expect(code).toContain(`function ${entry.name}(${paramsOf(entry).join(', ')}) {`);
  });

  test('is under 300 KB, since Apps Script loads all of Code.js on every execution', () => {
    expect(Buffer.byteLength(code, 'utf8')).toBeLessThan(300 * 1024);
    // No zod: the service's answers and a row's values are checked with shapes generated from the schemas at build
    // time, worded as zod's English messages word them, in no other language.
    expect(code).not.toContain('_zod');
    expect(code).toContain('Invalid input: expected');
    expect(code).not.toMatch(/Eingabe|Entrada inv/);
    // …and only the string patterns they use: zod's list of them (uuid, sha512, emoji, …) is not shipped.
    expect(code).not.toContain('sha512_base64url');
    // A template is set up with its own content: the CLI's sample-row generator (`template --sample`) is not shipped.
    expect(code).not.toContain('"sampleRows"');
    // The add-on checks the service's answers (a custom check's own words come with its shape); the request schemas the
    // service validates (and documents) stay out, and so do the answers' descriptions, which only /openapi.json reads.
    expect(code).toContain('values must be an object of field name');
    expect(code).not.toContain('Rows removed from the sheet: kept as tombstones.');
    expect(code).not.toContain('Rows whose content hash matched what is stored.');
    // A sheet's Excel tables, which only the Excel host has, are read by the Excel add-in alone.
    expect(code).not.toContain('below the Excel table');
    // A custom function's docs are in its JSDoc, once: the bundle itself needs only the functions' names.
    expect(code.split('First day received; blank for no limit.')).toHaveLength(2);
    expect(code.split('One SLA state per row.')).toHaveLength(2);
    // A text the code uses in many places (a warning's code, a column's name) is written once and read from there.
    expect(code.split('"blank_kept"')).toHaveLength(2);
    expect(code.split('"receivedOn"')).toHaveLength(2);
    // …and so is a property's name the code reads or sets with a dot (`row.receivedOn`, `column.header`).
    expect(code).not.toMatch(/\.(?:receivedOn|header|length)\b/);
  });

  test('names its own functions in a stack trace, as the execution log shows it', async () => {
    const addon = await loadAddon();
    // Without an editor, getUi throws: from inside the menu builder, which the trace must name.
    let stack = '';
    try {
      addon.callAs({ ui: false }, 'onOpen', { authMode: 'NONE' });
    } catch (e) {
      stack = String((e as Error).stack);
    }
    expect(stack).toMatch(/\bat buildMenu\b/);
    // A handler is named by its key in the handlers object, with no name call of its own.
    expect(vm.runInContext('EquityDesk.handlers.onOpen.name', addon.context)).toBe('onOpen');
    // The add-on's own exported functions keep their names; the shared ones go by their short names, which is
    // what keeps Code.js under its budget.
    expect(code).toContain('"describeError"');
    expect(code).not.toContain('"parseDateText"');
  });

  test('keeps each custom function\'s JSDoc, with @customfunction, right above it', async () => {
    const { manifest } = await builtAddon();
    for (const entry of ENTRY_POINTS.filter((e) => e.kind === 'custom')) {
      const doc = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\nfunction ${entry.name}\\(`).exec(code)?.[1] ?? '';
      expect(doc).toContain('@customfunction');
      for (const p of paramsOf(entry)) expect(doc).toMatch(new RegExp(`@param \\{[^}]+\\} ${p} `));
    }
    expect(JSON.parse(manifest)).toMatchObject({ runtimeVersion: 'V8' });
    expect(JSON.parse(manifest).oauthScopes.join(' ')).not.toMatch(/auth\/drive|auth\/spreadsheets"|auth\/spreadsheets$/);
  });
});

describe('menu', () => {
  test('onOpen in AuthMode.NONE only builds the add-on menu, every item wired to a defined function', async () => {
    const addon = await loadAddon();
    addon.callAs({ authMode: 'NONE' }, 'onOpen', { authMode: 'NONE' });
    const [menu] = addon.fakes.ui.menus;
    expect(menu.addon).toBe(true);
    const captions = menu.entries.map((e) => (e.kind === 'item' ? e.caption : e.kind === 'submenu' ? e.menu.caption : '-'));
    expect(captions).toEqual(['Set up from template', 'Open triage sidebar', 'Sync now', 'Refresh custom functions', 'Settings']);
    const setup = menu.entries[0].kind === 'submenu' ? menu.entries[0].menu.entries.map((e) => (e.kind === 'item' ? e.caption : '')) : [];
    expect(setup).toEqual(['TA intake (requests log)', 'Work plan', 'Milestones', 'Roadmap']);
    expect(addon.missingMenuHandlers()).toEqual([]);
    expect(addon.fakes.rangeIo()).toEqual({ reads: 0, writes: 0 });
  });

  test('the settings item opens the sidebar on its settings view', async () => {
    const addon = await loadAddon();
    addon.call('openSettings');
    const [shown] = addon.fakes.ui.shown;
    expect(shown).toMatchObject({ kind: 'sidebar', title: 'Equity Desk' });
    expect(shown.content).toContain('data-view="settings"');
  });
});

describe('set up from template', () => {
  test('on an empty spreadsheet builds the data sheet, Lists and Dashboard from the template plan', async () => {
    const addon = await loadAddon();
    addon.call('setupTaIntake');
    const { fakes } = addon;
    expect(fakes.spreadsheet.sheetList.map((s) => s.name)).toEqual(['Sheet1', 'Lists', 'Requests', 'Dashboard']);
    const plan = buildTemplatePlan('ta-intake', { asOf: AS_OF });
    const data = plan.sheets.find((s) => s.name === 'Requests')!;
    const values = fakes.readSheet('Requests');
    expect(values[0]).toEqual([...data.columns.map((c) => c.header), 'Sync ID']);
    expect(values[0].slice(0, -1)).toEqual(sheetColumns(TABLES.requests).map((c) => c.header));
    // Derived columns are native formulas, the same the xlsx template writes.
    const formulas = fakes.readSheet('Requests', { pick: 'formula' });
    const planRow = [...(data.rows as Iterable<unknown[]>)][0];
    const slaAt = TABLES.requests.columns.length + TABLES.requests.derived.findIndex((d) => d.name === 'slaState');
    expect(formulas[1][slaAt]).toBe(`=${(planRow[slaAt] as { formula: string }).formula}`);
    // Dropdowns point into Lists; the header row is frozen.
    const categoryAt = TABLES.requests.columns.findIndex((c) => c.name === 'category') + 1;
    const rule = fakes.sheet('Requests').peek(5, categoryAt)?.validation as FakeDataValidation;
    const source = rule.spec.args[0] as FakeRange;
    expect(`${source.sheet.name}!${source.getA1Notation()}`).toBe(listRange('category').replace(/\$/g, ''));
    expect(fakes.sheet('Requests').frozenRows).toBe(1);
    expect(fakes.sheet('Requests').conditionalRules.length).toBeGreaterThan(0);
    expect(fakes.readSheet('Lists')[0][0]).toBe('Requester type');
    expect(fakes.readSheet('Dashboard', { pick: 'formula' }).flat().filter((f) => String(f).startsWith('=')).length).toBeGreaterThan(10);
    expect(fakes.toasts.at(-1)?.message).toMatch(/added Lists, Requests, Dashboard/);
  });

  test.each(['en', 'es'])('into an empty sheet protected from the person but its cells: the template is written, the sheet settings Sheets refuses (widths, frozen header, tab color, colors, filter) are named, and nothing fails (locale %s)', async (locale) => {
    const addon = await loadAddon();
    const { fakes } = addon;
    fakes.env.locale = locale;
    const requests = fakes.spreadsheet.addSheet('Requests', 1);
    requests.protectSheetFromScript(['A1:AZ1000']);
    addon.call('setupTaIntake');
    expect(fakes.ui.alerts).toEqual([]);
    expect(fakes.readSheet('Requests')[0][0]).toBe(TABLES.requests.columns[0].header);
    expect([requests.columnWidths.size, requests.conditionalRules.length, requests.frozenRows, requests.tabColor, requests.filter === null]).toEqual([0, 0, 0, null, true]);
    expect(fakes.toasts.at(-1)?.message).toContain("added Lists, Requests, Dashboard. Requests is protected from you, so its column widths, frozen headers, tab color, status colors and filter buttons were not set; ask the sheet's owner to let you edit it, then set up again.");
  });

  test('into a sheet whose protection only warns, or that the person may edit: every setting is set and nothing is said of protection', async () => {
    for (const protection of [{ warningOnly: true }, { editable: true }]) {
      const addon = await loadAddon();
      const { fakes } = addon;
      const requests = fakes.spreadsheet.addSheet('Requests', 1);
      requests.protectSheetFromScript([], protection);
      addon.call('setupTaIntake');
      expect(fakes.ui.alerts).toEqual([]);
      expect([requests.frozenRows, requests.tabColor, requests.filter === null]).toEqual([1, '#2E75B6', false]);
      expect(fakes.toasts.at(-1)?.message).not.toContain('protected');
    }
  });

  test('hides the Dashboard\'s helper columns, as the template file does', async () => {
    const addon = await loadAddon();
    addon.call('setupTaIntake');
    const dashboard = buildTemplatePlan('ta-intake', { asOf: AS_OF }).sheets.find((s) => s.name === 'Dashboard')!;
    const helpers = dashboard.columns.flatMap((c, i) => (c.hidden ? [i + 1] : []));
    expect(helpers.length).toBeGreaterThan(0);
    expect([...addon.fakes.sheet('Dashboard').hiddenColumns].sort((a, b) => a - b)).toEqual(helpers);
  });

  test('writes Work plan, Roadmap and Milestones with the template file\'s own rows, which Code.js does not carry', async () => {
    const addon = await loadAddon();
    addon.call('setupWorkplan');
    addon.call('setupRoadmap');
    for (const [template, sheet, field] of [['workplan', 'Work plan', 'task'], ['roadmap', 'Roadmap', 'action']] as const) {
      const rows = templateContent(template, AS_OF);
      const texts = rows.map((r) => r[field]);
      // Read at set-up from TemplateContent.html: Apps Script loads every script file on every execution.
      for (const text of texts) expect(code).not.toContain(String(text));
      const at = TABLES[template].columns.findIndex((c) => c.name === field);
      expect(addon.fakes.readSheet(sheet).slice(1, rows.length + 1).map((line) => line[at])).toEqual(texts);
    }
    // The milestones are dated from the day of set-up: written for one day, moved to this one.
    const clock = new FakeClock().freeze(zonedInstant(TIME_ZONE, 2027, 2, 28));
    const dated = await loadAddon({ clock });
    dated.call('setupMilestones');
    const milestones = templateContent('milestones', '2027-02-28');
    for (const row of milestones) expect(code).not.toContain(String(row.milestone));
    const [name, date, endOn] = (['milestone', 'date', 'endOn'] as const).map((f) => TABLES.milestones.columns.findIndex((c) => c.name === f));
    const sheet = dated.fakes.readSheet('Milestones').slice(1, milestones.length + 1);
    expect(sheet.map((line) => [line[name], line[date], line[endOn] || null])).toEqual(milestones.map((r) => [r.milestone, dateCell(String(r.date)), r.endOn ? dateCell(String(r.endOn)) : null]));
    // Text HTML would read otherwise (an ampersand) and text beyond ASCII (an en dash) comes back as written.
    const lead = TABLES.workplan.columns.findIndex((c) => c.name === 'lead');
    expect(addon.fakes.readSheet('Work plan')[1][lead]).toBe('Office of Diversity & Equity');
    expect(addon.fakes.readSheet('Work plan').flat()).toContain('Equitable City–Community Partnership');
  });

  test('gives Work plan the column widths the template file has, its text columns narrowed to print one page wide', async () => {
    const addon = await loadAddon();
    addon.call('setupWorkplan');
    const file = await new ExcelJS.Workbook().xlsx.load((await writeWorkbookToBuffer(buildTemplatePlan('workplan', { asOf: AS_OF }))) as unknown as ExcelJS.Buffer);
    const widths = file.getWorksheet('Work plan')!.columns.map((c) => c.width!);
    const planned = buildTemplatePlan('workplan', { asOf: AS_OF }).sheets.find((s) => s.name === 'Work plan')!.columns.map((c) => c.width);
    expect(widths).not.toEqual(planned);
    // Sheets' pixels for a width in characters, as the Sheets port converts it.
    const sheet = addon.fakes.sheet('Work plan');
    expect(widths.map((_, i) => sheet.columnWidths.get(i + 1))).toEqual(widths.map((w) => Math.round(w * 7 + 12)));
  });

  test('gives the Lists sheet\'s rows the template file\'s even height, so each list beside a wrapped setting reads evenly spaced', async () => {
    const addon = await loadAddon();
    addon.call('setupTaIntake');
    const file = await new ExcelJS.Workbook().xlsx.load((await writeWorkbookToBuffer(buildTemplatePlan('ta-intake', { asOf: AS_OF }))) as unknown as ExcelJS.Buffer);
    const heights: number[] = [];
    file.getWorksheet('Lists')!.eachRow((row, n) => void (n > 1 && heights.push(row.height)));
    expect(heights[0]).toBeGreaterThan(15);
    // Sheets' pixels for the file's points, as the Sheets port converts them; the header row keeps its own.
    const sheet = addon.fakes.sheet('Lists');
    expect(heights.map((_, i) => sheet.getRowHeight(i + 2))).toEqual(heights.map((points) => Math.round((points * 96) / 72)));
    expect(sheet.getRowHeight(1)).toBe(21);
  });

  test('on a spreadsheet with data leaves every existing sheet and cell as it was', async () => {
    const addon = await loadAddon({ sheets: ['Notes'] });
    const { fakes } = addon;
    const { grid } = sampleTable('workplan', 5);
    fakes.seedSheet('Notes', [['Keep me'], ['=1+1']]);
    fakes.seedSheet('Work plan', grid);
    fakes.seedSheet('Dashboard', [['Our own dashboard']]);
    const before = ['Notes', 'Work plan', 'Dashboard'].map((s) => [fakes.readSheet(s), fakes.readSheet(s, { pick: 'formula' })]);
    addon.call('setupWorkplan');
    expect(['Notes', 'Work plan', 'Dashboard'].map((s) => [fakes.readSheet(s), fakes.readSheet(s, { pick: 'formula' })])).toEqual(before);
    expect(fakes.spreadsheet.sheetList.map((s) => s.name)).toEqual(['Notes', 'Work plan', 'Dashboard', 'Lists']);
    expect(fakes.toasts.at(-1)?.message).toMatch(/^Set up Work plan: added Lists. Work plan and Dashboard were already there, kept as they are.$/);

    // A second template reuses Lists and names its dashboard after its sheet.
    addon.call('setupMilestones');
    expect(fakes.spreadsheet.sheetList.map((s) => s.name)).toEqual(['Notes', 'Work plan', 'Dashboard', 'Lists', 'Milestones', 'Milestones dashboard']);
    expect(fakes.readSheet('Milestones')[1][3]).not.toBe('');
  });
});

describe('custom functions', () => {
  const column = (grid: unknown[][], table: TableName, field: string) => {
    const i = TABLES[table].columns.findIndex((c) => c.name === field);
    return grid.slice(1).map((r) => [r[i]]);
  };
  const asOf = dateCell(AS_OF);

  test('fill a whole column in one call, agreeing with the shared rules row by row', async () => {
    const addon = await loadAddon();
    const expectColumn = (table: TableName, n: number, call: (grid: unknown[][]) => unknown, outputs: string[], typedFor = (r: Record<string, unknown>) => r) => {
      const { typed, grid } = sampleTable(table, n, 11);
      const got = call(grid) as unknown[][];
      const want = typed.map((r) => outputs.map((o) => computeDerived(TABLES[table], typedFor(r) as never, DEFAULT_RULES, AS_OF)[o] ?? ''));
      expect(got).toEqual(want);
    };
    expectColumn('workplan', 400, (g) => addon.call('EQ_WORKPLAN_STATUS', column(g, 'workplan', 'status'), column(g, 'workplan', 'startOn'), column(g, 'workplan', 'endOn'), column(g, 'workplan', 'percentComplete'), asOf), ['derivedStatus']);
    expectColumn('requests', 1000, (g) => addon.call('EQ_SLA', ...['receivedOn', 'priority', 'status', 'dueOn', 'fulfilledOn'].map((f) => column(g, 'requests', f)), asOf), ['slaState']);
    expectColumn('requests', 1000, (g) => addon.call('EQ_PRIORITY', column(g, 'requests', 'requesterType'), column(g, 'requests', 'dueOn'), column(g, 'requests', 'receivedOn')), ['suggestedPriority', 'priorityReason']);
    expectColumn('roadmap', 200, (g) => addon.call('EQ_MILESTONE_STATUS', column(g, 'roadmap', 'targetOn'), '', column(g, 'roadmap', 'status'), asOf), ['derivedStatus']);
    // Milestones that span days are judged by their end date, as the template's formula judges them.
    expectColumn('milestones', 200, (g) => addon.call('EQ_MILESTONE_STATUS', column(g, 'milestones', 'date'), column(g, 'milestones', 'endOn'), column(g, 'milestones', 'status'), asOf), ['derivedStatus']);
  });

  test("follow the spreadsheet's own Lists sheet, as its native formulas do", async () => {
    const addon = await loadAddon();
    addon.call('setupTaIntake');
    // The office shortened every SLA to 2 days and made 'City' the highest-impact requester.
    const lists = addon.fakes.readSheet('Lists').map((r) => [...r]);
    const set = (key: ListKey, match: (label: unknown) => boolean, value: unknown) => {
      const p = listPlacement(key);
      for (const r of lists.slice(1)) if (r[p.column - 1] !== '' && match(r[p.column - 1])) r[p.pairedColumn! - 1] = value;
    };
    set('priority', () => true, 2);
    set('requesterType', (label) => label === 'City', 9);
    addon.fakes.seedSheet('Lists', lists);
    const edited = readRules(lists);
    const { typed, grid } = sampleTable('requests', 600, 3);
    const call = (name: string, fields: string[], ...rest: unknown[]) =>
      addon.callAs<unknown[][]>({ authMode: 'CUSTOM_FUNCTION' }, name, ...fields.map((f) => column(grid, 'requests', f)), ...rest);
    const want = (rules: Rules, outputs: string[]) => typed.map((r) => outputs.map((o) => computeDerived(TABLES.requests, r, rules, AS_OF)[o] ?? ''));
    const sla = call('EQ_SLA', ['receivedOn', 'priority', 'status', 'dueOn', 'fulfilledOn'], asOf);
    const priority = call('EQ_PRIORITY', ['requesterType', 'dueOn', 'receivedOn']);
    expect(sla).toEqual(want(edited, ['slaState']));
    expect(priority).toEqual(want(edited, ['suggestedPriority', 'priorityReason']));
    // The edit matters: the default rules answer differently on these rows.
    expect(sla).not.toEqual(want(DEFAULT_RULES, ['slaState']));
    expect(priority).not.toEqual(want(DEFAULT_RULES, ['suggestedPriority', 'priorityReason']));
  });

  test('answer a 10,000-row column in one call, well inside the 30 s a custom function gets', async () => {
    const addon = await loadAddon();
    const { grid } = sampleTable('requests', 10_000, 4);
    const started = performance.now();
    const got = addon.callAs<unknown[][]>({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_SLA', ...['receivedOn', 'priority', 'status', 'dueOn', 'fulfilledOn'].map((f) => column(grid, 'requests', f)), asOf);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(got).toHaveLength(10_000);
    expect(new Set(got.map(([v]) => v))).toEqual(new Set(['On time', 'Due soon', 'Overdue', 'Met', 'Missed', '']));
  });

  test('broadcast single values, answer blank rows with blanks, and report bad arguments as text', async () => {
    const addon = await loadAddon();
    const statuses = [['In progress'], [''], ['Completed']];
    const got = addon.call('EQ_WORKPLAN_STATUS', statuses, dateCell('2026-01-01'), dateCell('2026-12-31'), 0.5, asOf);
    expect(got).toEqual([['On track'], ['On track'], ['Complete']]);
    expect(addon.call('EQ_WORKPLAN_STATUS', [[''], ['']], [[''], ['']], [[''], ['']], [[''], ['']])).toEqual([[''], ['']]);
    const mismatch = addon.call<unknown[][]>('EQ_SLA', [[dateCell('2026-03-01')], [dateCell('2026-03-02')]], [['High'], ['Low'], ['Low']], 'New', '', '', asOf);
    expect(mismatch).toHaveLength(1);
    expect(String(mismatch[0][0])).toMatch(/^EQ_SLA: priority has 3 rows but another range has 2/);
    expect(String(mismatch[0][0])).not.toContain('#');
    const badDate = addon.call<unknown[][]>('EQ_MILESTONE_STATUS', dateCell('2026-03-20'), '', 'In progress', 'next Tuesday');
    expect(String(badDate[0][0])).toMatch(/^EQ_MILESTONE_STATUS: asOf: next Tuesday is not a date/);
    // A milestone running through March is still Upcoming mid-month: its end date counts, as in the sheet's formula.
    expect(addon.call('EQ_MILESTONE_STATUS', dateCell('2026-03-01'), dateCell('2026-03-31'), 'In progress', dateCell('2026-03-16'))).toEqual([['Upcoming']]);
    // So does the end of a range typed in the date cell, as import reads it: not Missed on the 16th.
    expect(addon.call('EQ_MILESTONE_STATUS', '3/15-17/2026', '', 'In progress', dateCell('2026-03-16'))).toEqual([['Due this week']]);
  });

  test('EQ_PRIORITY reads "State agencies" as the sync reads it, State agency (impact 3), not an unknown type', async () => {
    const addon = await loadAddon();
    const got = addon.call<string[][]>('EQ_PRIORITY', [['State agencies'], ['state agency']], '', '');
    expect(got.map(([, reason]) => reason)).toEqual([expect.stringMatching(/^State agency \(impact 3\)/), expect.stringMatching(/^State agency \(impact 3\)/)]);
  });

  test("over a roadmap's whole columns, its title rows answer blank and its Timeline heading is the header row", async () => {
    const addon = await loadAddon();
    const got = addon.call('EQ_MILESTONE_STATUS', [['Racial equity roadmap'], [''], ['Timeline'], [dateCell('2026-03-18')]], '', [[''], ['Updated monthly'], ['Status'], ['In progress']], dateCell('2026-03-16'));
    expect(got).toEqual([[''], [''], ['Derived status'], ['Due this week']]);
  });

  test("read dates and today in the spreadsheet's time zone, not the script's (a New York sheet, a Los Angeles script)", async () => {
    const addon = await loadAddon();
    expect(addon.fakes.globals.Session.getScriptTimeZone()).toBe('America/Los_Angeles');
    addon.fakes.spreadsheet.setSpreadsheetTimeZone('America/New_York');
    // Sheets hands a custom function each date cell as midnight in the spreadsheet's zone: 21:00 the
    // evening before, in Los Angeles.
    const ny = (iso: string) => dateCell(iso, 'America/New_York');
    const call = <T>(name: string, ...args: unknown[]) => addon.callAs<T>({ authMode: 'CUSTOM_FUNCTION' }, name, ...args);

    // Noon on March 16 in both zones: each date cell means its own calendar day.
    addon.fakes.clock.freeze(zonedInstant('America/New_York', 2026, 3, 16, 12, 0));
    expect(call('EQ_MILESTONE_STATUS', ny('2026-03-16'), 'In progress')).toEqual([['Due this week']]);
    expect(call('EQ_MILESTONE_STATUS', [[ny('2026-03-15')], [ny('2026-03-16')]], 'In progress', ny('2026-03-16'))).toEqual([['Missed'], ['Due this week']]);
    expect(call('EQ_PRIORITY', 'City', ny('2026-03-20'))).toEqual([[expect.any(String), expect.stringMatching(/deadline in 4 days/)]]);
    expect(call('EQ_PRIORITY', 'City', ny('2026-03-20'), ny('2026-03-10'))).toEqual([[expect.any(String), expect.stringMatching(/deadline in 10 days/)]]);
    const work = call<unknown[][]>('EQ_WORKPLAN_STATUS', 'In progress', ny('2026-03-16'), ny('2026-03-16'), 0.5);
    expect(work).toEqual([[computeDerived(TABLES.workplan, { status: 'In progress', startOn: '2026-03-16', endOn: '2026-03-16', percentComplete: 0.5 } as never, DEFAULT_RULES, '2026-03-16').derivedStatus]]);

    // 00:30 on March 16 in New York is still March 15 in Los Angeles: TODAY() in the sheet says the 16th.
    addon.fakes.clock.freeze(zonedInstant('America/New_York', 2026, 3, 16, 0, 30));
    expect(call('EQ_MILESTONE_STATUS', '2026-03-15', 'In progress')).toEqual([['Missed']]);
    expect(call('EQ_PRIORITY', 'City', '2026-03-20')).toEqual([[expect.any(String), expect.stringMatching(/deadline in 4 days/)]]);
  });

  test('"Refresh custom functions" re-enters every formula that calls one, and only those', async () => {
    const addon = await loadAddon();
    const { fakes } = addon;
    fakes.seedSheet('Requests', [
      ['Received', 'Priority', 'SLA', 'Total'],
      [dateCell('2026-03-01'), 'High', '=EQ_SLA(A2:A3, B2:B3, "New", "", "")', '=SUM(1, 2)'],
      [dateCell('2026-03-02'), 'Low', '', '=sum(EQ_DEMAND("City", "", "", ""))'],
    ]);
    fakes.seedSheet('Plan', [['=EQ_WORKPLAN_STATUS(A1:A9, B1:B9, C1:C9, D1:D9)'], ['=eq_workplan_status(A1, B1, C1, D1)'], ['=MY_EQ_SLA(1)']]);
    const before = { requests: fakes.readSheet('Requests', { pick: 'formula' }), plan: fakes.readSheet('Plan', { pick: 'formula' }) };
    fakes.resetCounts();
    addon.call('refreshCustomFunctions');
    expect(fakes.toasts.at(-1)?.message).toMatch(/Recalculated 4 cells with Equity Desk functions/);
    // Cleared, flushed, written back: the same formulas, one range per run of cells in a column.
    expect(fakes.count('Range.clearContent')).toBe(3);
    expect(fakes.count('SpreadsheetApp.flush')).toBe(1);
    expect(fakes.count('Range.setFormulas')).toBe(3);
    expect({ requests: fakes.readSheet('Requests', { pick: 'formula' }), plan: fakes.readSheet('Plan', { pick: 'formula' }) }).toEqual(before);
    expect(fakes.readSheet('Requests')[1][1]).toBe('High');

    const empty = await loadAddon();
    empty.call('refreshCustomFunctions');
    expect(empty.fakes.toasts.at(-1)?.message).toMatch(/No Equity Desk functions/);
    expect(empty.fakes.rangeIo().writes).toBe(0);
  });

  test('run in AuthMode.CUSTOM_FUNCTION without touching a cell', async () => {
    const addon = await loadAddon();
    const got = addon.callAs({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_PRIORITY', 'City', dateCell('2026-03-20'), dateCell('2026-03-16'));
    expect(got).toEqual([[expect.any(String), expect.stringMatching(/^City \(impact \d\) x deadline in 4 days/)]]);
    expect(addon.fakes.rangeIo()).toEqual({ reads: 0, writes: 0 });
  });
});

describe('allowed service URLs (urlFetchWhitelist)', () => {
  const ALLOWED = ['https://equity-desk.county.gov/', 'https://*.cities.example.org/equity'];

  test('come from the build setting into the manifest, and Settings accepts only https URLs under them', async () => {
    const built = await builtAddon(ALLOWED);
    expect(JSON.parse(built.manifest).urlFetchWhitelist).toEqual(ALLOWED);
    const addon = await loadAddon({ serviceUrls: ALLOWED });
    const save = (serviceUrl: string) => addon.call<{ failed?: boolean; message?: string; serviceUrl?: string }>('sidebarSaveSettings', { serviceUrl });

    expect(save('https://equity-desk.county.gov/')).toMatchObject({ serviceUrl: 'https://equity-desk.county.gov', allowedServiceUrls: ALLOWED });
    expect(save('https://oakland.cities.example.org/equity')).toMatchObject({ serviceUrl: 'https://oakland.cities.example.org/equity' });
    expect(save('http://equity-desk.county.gov')).toMatchObject({ failed: true, message: expect.stringMatching(/must start with https:\/\//) });
    expect(save('https://equity-desk.county.gov.evil.example/')).toMatchObject({ failed: true, message: expect.stringMatching(/may only connect to https:\/\/equity-desk\.county\.gov\/.*not under it/) });
    expect(save('https://oakland.cities.example.org/equityx')).toMatchObject({ failed: true, message: expect.stringMatching(/not under it/) });
    expect(save('equity desk')).toMatchObject({ failed: true, message: expect.stringMatching(/is not a service URL/) });
    // A refused URL leaves the saved one as it was.
    expect(addon.call<{ serviceUrl: string }>('sidebarSettings').serviceUrl).toBe('https://oakland.cities.example.org/equity');
  });

  test('a build without the setting has no allowlist (test deployments) but still refuses http', async () => {
    const built = await builtAddon([]);
    expect(JSON.parse(built.manifest)).not.toHaveProperty('urlFetchWhitelist');
    const addon = await loadAddon({ serviceUrls: [] });
    expect(addon.call('sidebarSaveSettings', { serviceUrl: 'https://anywhere.example.net' })).toMatchObject({ serviceUrl: 'https://anywhere.example.net', allowedServiceUrls: [] });
    expect(addon.call('sidebarSaveSettings', { serviceUrl: 'http://anywhere.example.net' })).toMatchObject({ failed: true });
  });

  test('the build refuses a prefix Google would refuse in the manifest, saying why', async () => {
    const { buildAppsScript } = await import('../../../scripts/build.mjs');
    await expect(buildAppsScript({ outDir: '/nonexistent-never-written', serviceUrls: ['http://desk.example.gov/'] })).rejects.toThrow(/must start with https:\/\//);
    await expect(buildAppsScript({ outDir: '/nonexistent-never-written', serviceUrls: ['https://localhost/'] })).rejects.toThrow(/full host name/);
  });
});

describe('saving from the triage sidebar', () => {
  const at = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field) + 1;
  async function sheetWithOneRequest() {
    const addon = await loadAddon();
    addon.call('setupTaIntake');
    const line: unknown[] = TABLES.requests.columns.map(() => '');
    Object.assign(line, {
      [at('requestId') - 1]: 'R-7',
      [at('receivedOn') - 1]: dateCell('2026-03-02'),
      [at('requesterOrg') - 1]: 'City of Fresno',
      [at('requesterType') - 1]: 'County',
      [at('status') - 1]: 'New',
      // A deadline with a time of day: 5 pm on March 20 in the spreadsheet's zone.
      [at('dueOn') - 1]: new Date(zonedInstant(TIME_ZONE, 2026, 3, 20, 17, 0)),
    });
    addon.fakes.seedSheet('Requests', [line], { row: 2, column: 1 });
    // The queue lists the request's line; selecting it brings the whole request, its form's values among them.
    const listed = addon.call<{ items: { sheet: string; key: string; row: number }[] }>('sidebarTriage').items.find((i) => i.row === 2)!;
    const item = addon.call<{ sheet: string; key: string; row: number; values: Record<string, string> }>('sidebarSelect', listed);
    return { addon, fakes: addon.fakes, item };
  }
  const save = (addon: LoadedBundle, item: { sheet: string; key: string; row: number; values: Record<string, string> }, values: Record<string, string>) =>
    addon.call<{ ok: boolean; errors?: { field: string; message: string }[]; conflict?: { item: { values: Record<string, string> } } }>('sidebarSave', {
      sheet: item.sheet,
      key: item.key,
      row: item.row,
      values,
      read: Object.fromEntries(Object.keys(values).map((f) => [f, item.values[f]])),
    });

  test('writes only the changed cells: the cells between keep their values, and a date-time keeps its time', async () => {
    const { addon, fakes, item } = await sheetWithOneRequest();
    const before = fakes.readSheet('Requests')[1];
    fakes.resetCounts();
    expect(save(addon, item, { requesterType: 'City', followUpOn: '2026-04-15' })).toMatchObject({ ok: true });
    expect(fakes.count('Range.setValues')).toBe(2);
    const after = fakes.readSheet('Requests')[1];
    expect(after[at('requesterType') - 1]).toBe('City');
    expect(after[at('followUpOn') - 1]).toEqual(dateCell('2026-04-15'));
    expect((after[at('dueOn') - 1] as Date).getTime()).toBe(zonedInstant(TIME_ZONE, 2026, 3, 20, 17, 0));
    const untouched = (line: unknown[]) => line.filter((_, i) => i + 1 !== at('requesterType') && i + 1 !== at('followUpOn'));
    expect(untouched(after)).toEqual(untouched(before));
  });

  test("a field a colleague changed since the sidebar read it is not overwritten: the person is told, then chooses", async () => {
    const { addon, fakes, item } = await sheetWithOneRequest();
    // While the sidebar showed the request, a colleague set its priority and its assignee in the sheet.
    fakes.seedSheet('Requests', [['Low']], { row: 2, column: at('priority') });
    fakes.seedSheet('Requests', [['J. Chen']], { row: 2, column: at('assignee') });
    const first = save(addon, item, { priority: 'High', status: 'Triaged' });
    expect(first).toMatchObject({ ok: false, errors: [{ field: 'priority', message: expect.stringMatching(/^Changed by someone else since you opened this request: it now says "Low".*Save again/) }] });
    expect(fakes.readSheet('Requests')[1][at('priority') - 1]).toBe('Low');
    expect(fakes.readSheet('Requests')[1][at('status') - 1]).toBe('New');
    expect(first.conflict?.item.values).toMatchObject({ priority: 'Low', assignee: 'J. Chen' });

    // Saving again from what is there now keeps the person's choice; the colleague's assignee stays.
    expect(save(addon, first.conflict!.item as never, { priority: 'High', status: 'Triaged' })).toMatchObject({ ok: true });
    const row = fakes.readSheet('Requests')[1];
    expect([row[at('priority') - 1], row[at('status') - 1], row[at('assignee') - 1]]).toEqual(['High', 'Triaged', 'J. Chen']);
  });
});

describe('triage over a log per fiscal year', () => {
  const at = (field: string) => TABLES.requests.columns.findIndex((c) => c.name === field);
  const line = (values: Record<string, unknown>) => {
    const cells: unknown[] = TABLES.requests.columns.map(() => '');
    for (const [field, v] of Object.entries(values)) cells[at(field)] = v;
    return cells;
  };
  const headers = TABLES.requests.columns.map((c) => c.header);

  test("the queue holds the archive's and this year's open requests; choosing one selects its row on its own sheet, whichever sheet is active", async () => {
    const addon = await loadAddon();
    addon.fakes.seedSheet('TA Log FY26', [headers, line({ requestId: 'TA-25-002', receivedOn: dateCell('2025-11-03'), requesterOrg: 'Kings County', status: 'New' })]);
    addon.fakes.seedSheet('TA Log FY27', [headers, line({ requestId: 'TA-26-006', receivedOn: dateCell('2026-03-02'), requesterOrg: 'City of Fresno', status: 'Fulfilled', fulfilledOn: dateCell('2026-03-20') }), line({ requestId: 'TA-26-002', receivedOn: dateCell('2026-03-02'), requesterOrg: 'City of Fresno', status: 'New' })]);
    const view = addon.call<{ sheets: string[]; items: { sheet: string; key: string; row: number; requestId: string }[] }>('sidebarTriage');
    expect(view.sheets).toEqual(['TA Log FY26', 'TA Log FY27']);
    expect(view.items.map((i) => [i.sheet, i.requestId])).toEqual([['TA Log FY26', 'TA-25-002'], ['TA Log FY27', 'TA-26-002']]);

    const fy27 = view.items[1];
    addon.call('sidebarSelect', { sheet: fy27.sheet, key: fy27.key, row: fy27.row });
    const selected = addon.fakes.spreadsheet.activeRange!;
    expect([selected.sheet.name, selected.rect.row]).toEqual(['TA Log FY27', 3]);

    // The feedback link looks in every log: this one is there, only not synced yet.
    addon.call('sidebarSaveSettings', { serviceUrl: SERVICE_URL, sourceToken: 'token-0123456789abcdef' });
    expect(addon.call<{ message?: string }>('sidebarFeedbackLink', 'TA-26-006').message).toBe('Request TA-26-006 has not been synced yet: choose Sync now, then ask for its link again.');
    expect(addon.call<{ message?: string }>('sidebarFeedbackLink', 'TA-26-099').message).toBe('There is no request "TA-26-099" in TA Log FY26, TA Log FY27.');
    // An ID on two rows (a copy pasted into the archive): which request the link is for cannot be told, so neither is given.
    addon.fakes.seedSheet('TA Log FY26', [line({ requestId: 'TA-26-006', receivedOn: dateCell('2026-03-02'), requesterOrg: 'City of Fresno', status: 'New' })], { row: 3, column: 1 });
    expect(addon.call<{ message?: string }>('sidebarFeedbackLink', 'ta-26-006 ').message).toBe('Request ID TA-26-006 is on 2 rows: TA Log FY26 row 3 and TA Log FY27 row 2. Give each request its own Request ID (or delete the repeated row), choose Sync now, then ask for the link again.');
  });
});
