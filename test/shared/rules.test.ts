// The rules read back from a workbook's Lists sheet: defaults, an edited sheet, and a half-edited one.
import { describe, expect, it } from 'vitest';
import { checkedLists } from '../../addon/core/send-lists';
import { DEFAULT_LISTS_GRID, DEFAULT_READ_OPTIONS, DEFAULT_RULES, LIST_ROWS, TABLES, validateRow, workplanStatus, SETTINGS, approximateLookup, columnLetter, columnNumber, listPlacement, listRange, readRules, settingRef, type ListKey } from '../../shared';

const copy = () => DEFAULT_LISTS_GRID.map((r) => [...r]);

/** Writes a block's values (and paired values) from its first row, growing the grid as needed. */
function setBlock(grid: unknown[][], key: ListKey, values: readonly unknown[], paired: readonly unknown[] = []) {
  const p = listPlacement(key);
  const height = Math.max(grid.length, values.length + 1);
  while (grid.length < height) grid.push(new Array(grid[0].length).fill(''));
  for (let r = 1; r < grid.length; r++) {
    grid[r][p.column - 1] = values[r - 1] ?? '';
    if (p.pairedColumn) grid[r][p.pairedColumn - 1] = paired[r - 1] ?? '';
  }
}

describe('readRules', () => {
  it('reads the defaults from the default Lists grid', () => {
    const r = readRules(DEFAULT_LISTS_GRID);
    expect(r.slaDays).toEqual(new Map([['low', 30], ['medium', 14], ['high', 7], ['urgent', 3]]));
    expect(r.impact.get('state agency')).toBe(3);
    expect(r.impact.get('special district')).toBe(1);
    expect(r.urgency).toEqual([[-100000, 3], [8, 2], [31, 1]]);
    expect(r.suggestedPriority).toEqual([[0, 'Low'], [2, 'Medium'], [4, 'High'], [6, 'Urgent']]);
    expect(r.ageBuckets.map(([b]) => b)).toEqual([0, 8, 31, 91]);
    expect(r.settings).toEqual(Object.fromEntries(Object.entries(SETTINGS).map(([k, s]) => [k, s.value])));
    expect(r.lists.requestStatus).toContain('Waiting on requester');
    expect(r.capacity.get('m. okafor')).toBe(15);
    expect(DEFAULT_RULES).toEqual(r);
  });

  it('keeps what it can of a half-edited Lists sheet', () => {
    const grid = copy();
    // A new priority whose SLA days are not filled in yet; an impact typed as a word that says no number.
    setBlock(grid, 'priority', ['Low', 'Medium', 'High', 'Urgent', 'Critical'], [30, 14, 7, 3, '']);
    const types = DEFAULT_LISTS_GRID.slice(1).map((r) => r[listPlacement('requesterType').column - 1]).filter((v) => v !== '');
    setBlock(grid, 'requesterType', types, [3, 3, 'high', 2, 3, 1, 2, 1]);
    // An urgency row whose bound is text, a blank row in the middle of the age buckets, bounds out of order.
    setBlock(grid, 'urgency', [-100000, 'soon', 31, 8], [3, 5, 1, 2]);
    setBlock(grid, 'ageBucket', [0, 8, '', 31, 91], ['0-7 days', '8-30 days', '', '31-90 days', '']);
    // Settings: one value typed as a word that says no number, one as numeric text, one label re-cased with a stray space.
    const s = listPlacement('setting');
    grid[1][s.pairedColumn! - 1] = 'soon';
    grid[3][s.pairedColumn! - 1] = '0.2';
    grid[4][s.column - 1] = '  MILESTONE due-this-week window (days) ';
    grid[4][s.pairedColumn! - 1] = 10;
    // A new assignee without a capacity yet.
    setBlock(grid, 'assignee', ['A. Rivera', 'J. Chen', 'New Person'], [20, 20, '']);

    const r = readRules(grid);
    expect(r.lists.priority).toEqual(['Low', 'Medium', 'High', 'Urgent', 'Critical']);
    // A blank reads as 0, as VLOOKUP reads a blank cell: the formulas and the rules agree.
    expect(r.slaDays.get('critical')).toBe(0);
    expect(r.slaDays.get('urgent')).toBe(3);
    expect(r.impact.has('city')).toBe(false);
    expect(r.impact.get('county')).toBe(2);
    expect(r.urgency).toEqual([[-100000, 3], [8, 2], [31, 1]]);
    expect(r.ageBuckets).toEqual([[0, '0-7 days'], [8, '8-30 days'], [31, '31-90 days']]);
    expect(r.settings.dueSoonDays).toBe(SETTINGS.dueSoonDays.value);
    expect(r.settings.atRiskMargin).toBe(0.2);
    // Settings are read by position (the cells formulas use), whatever their label says.
    expect(r.settings.dueThisWeekDays).toBe(10);
    expect(r.settings.followUpDays).toBe(SETTINGS.followUpDays.value);
    expect(r.lists.assignee).toEqual(['A. Rivera', 'J. Chen', 'New Person']);
    expect([...r.capacity.keys()]).toEqual(['a. rivera', 'j. chen']);
  });

  // Found by the formula property test: VLOOKUP takes the first of two equal keys and does not trim.
  it('looks keys up as VLOOKUP does: first of duplicates, case-folded, spaces kept', () => {
    const grid = copy();
    setBlock(grid, 'requesterType', ['City', 'Regional body ', 'CITY'], [2, 3, 1]);
    const r = readRules(grid);
    expect(r.impact.get('city')).toBe(2);
    expect(r.impact.get('regional body ')).toBe(3);
    expect(r.impact.has('regional body')).toBe(false);
  });

  it('gives a list added after a workbook was made its default values, keeping the lists the workbook has', () => {
    const contact = listPlacement('contactPreference');
    const older = copy().map((row) => row.slice(0, contact.column - 1));
    setBlock(older, 'priority', ['Low', 'High']);
    const r = readRules(older);
    expect(r.lists.contactPreference).toEqual(['Email', 'Phone', 'Meeting']);
    expect(r.lists.priority).toEqual(['Low', 'High']);
    expect(r.missingLists).toEqual(['contactPreference']);
    expect(readRules().missingLists).toEqual([]);
  });

  it('knows a list added after a workbook was made though a note typed to the right of the Lists sheet widens it', () => {
    const contact = listPlacement('contactPreference');
    const older = copy().map((row) => [...row.slice(0, contact.column - 1), '', '', '']);
    older[3][contact.column + 1] = 'Ask Dana before changing the SLA days';
    const r = readRules(older);
    expect(r.missingLists).toEqual(['contactPreference']);
    expect(r.lists.contactPreference).toEqual(['Email', 'Phone', 'Meeting']);
  });

  it('never takes a cell showing a formula error for a choice, a key, a label or a setting: it is skipped with a warning at its cell, the rest kept', () => {
    const grid = copy();
    // Lists filled by formulas from another sheet, some of which failed.
    setBlock(grid, 'requesterType', ['City', '#N/A', 'County'], [2, 3, '#REF!']);
    setBlock(grid, 'priority', ['Low', 'Medium', 'High', 'Urgent'], [30, 14, '#DIV/0!', 3]);
    setBlock(grid, 'suggestedPriority', [0, 2, 4, '#VALUE!'], ['Low', 'Medium', '#NAME?', 'Urgent']);
    setBlock(grid, 'assignee', ['A. Rivera', '#N/A'], [20, 20]);
    const s = listPlacement('setting');
    grid[1][s.pairedColumn! - 1] = '#REF!';
    const r = readRules(grid);
    expect(r.lists.requesterType).toEqual(['City', 'County']);
    expect(r.lists.assignee).toEqual(['A. Rivera']);
    expect(r.lists.suggestedPriority).toEqual(['0', '2', '4']);
    expect([...r.impact]).toEqual([['city', 2]]);
    expect([...r.slaDays]).toEqual([['low', 30], ['medium', 14], ['urgent', 3]]);
    expect(r.suggestedPriority).toEqual([[0, 'Low'], [2, 'Medium']]);
    expect([...r.capacity]).toEqual([['a. rivera', 20]]);
    expect(r.settings.dueSoonDays).toBe(SETTINGS.dueSoonDays.value);
    expect(JSON.stringify([...r.impact, ...r.slaDays, ...r.capacity, r.suggestedPriority, r.lists])).not.toMatch(/#N\/A|#REF!|#DIV\/0!|#VALUE!|#NAME\?/);
    const at = (key: ListKey, paired: boolean, row: number) => {
      const p = listPlacement(key);
      return { sheet: 'Lists', row, column: columnLetter(paired ? p.pairedColumn! : p.column) };
    };
    expect(r.issues.map((i) => ({ sheet: i.sheet, row: i.row, column: i.column }))).toEqual([
      at('requesterType', false, 3), at('requesterType', true, 4), at('priority', true, 4), at('suggestedPriority', false, 5), at('suggestedPriority', true, 4),
      at('setting', true, 2), at('assignee', false, 3),
    ].sort((a, b) => columnNumber(a.column) - columnNumber(b.column) || a.row - b.row));
    expect(r.issues.every((i) => i.severity === 'warning' && i.code === 'error_value')).toBe(true);
    expect(r.issues.find((i) => i.row === 4 && i.column === at('priority', true, 4).column)?.message).toBe(`SLA days for "High": the cell shows #DIV/0!, a formula's error; skipped`);
    expect(r.issues.find((i) => i.row === 2 && i.column === at('setting', true, 2).column)?.message).toBe(`${SETTINGS.dueSoonDays.label}: the cell shows #REF!, a formula's error; the default ${SETTINGS.dueSoonDays.value} is used`);
  });

  it('reads figures typed in words in the unit their cell counts, each said at its cell, with the number to type where formulas read it', () => {
    const grid = copy();
    setBlock(grid, 'priority', ['Low', 'Medium', 'High', 'Urgent'], ['a month', 'two weeks', '10 business days', 'three']);
    setBlock(grid, 'assignee', ['A. Rivera', 'J. Chen'], ['twenty hours', '15 hrs/week']);
    const types = DEFAULT_LISTS_GRID.slice(1).map((r) => r[listPlacement('requesterType').column - 1]).filter((v) => v !== '');
    setBlock(grid, 'requesterType', types, ['three', 3, 2, 2, 3, 1, 2, 1]);
    const s = listPlacement('setting');
    grid[1][s.pairedColumn! - 1] = 'five days';
    grid[2][s.pairedColumn! - 1] = 'soon';
    grid[3][s.pairedColumn! - 1] = '15%';
    grid[8][s.pairedColumn! - 1] = 'October';
    const r = readRules(grid);
    // "a month" is 28 to 31 days: not read, and said as before.
    expect(r.slaDays).toEqual(new Map([['medium', 14], ['high', 14], ['urgent', 3]]));
    expect(r.capacity).toEqual(new Map([['a. rivera', 20], ['j. chen', 15]]));
    expect(r.impact.get('state agency')).toBe(3);
    expect(r.settings.dueSoonDays).toBe(5);
    expect(r.settings.followUpDays).toBe(SETTINGS.followUpDays.value);
    expect(r.settings.atRiskMargin).toBeCloseTo(0.15, 10);
    expect(r.settings.fiscalYearStartMonth).toBe(10);
    const p = listPlacement('priority');
    const at = (row: number, column: number) => r.issues.find((i) => i.row === row && i.column === columnLetter(column));
    expect(at(2, p.pairedColumn!)).toMatchObject({ code: 'not_a_number', message: 'SLA days for "Low": "a month" is not a number, so "Low" has none (the sheet\'s formulas read it so too); type a number' });
    expect(at(3, p.pairedColumn!)).toEqual({
      code: 'number_in_words', field: '', severity: 'warning', sheet: 'Lists', row: 3, column: columnLetter(p.pairedColumn!),
      message: 'SLA days for "Medium": read "two weeks" as 14 days; the sheet\'s own formulas read only a number, so type 14 in its place (the add-on\'s sync writes it)',
    });
    expect(at(4, p.pairedColumn!)?.message).toBe('SLA days for "High": read "10 business days" as 14 days; the sheet\'s own formulas read only a number, so type 14 in its place (the add-on\'s sync writes it)');
    // Capacity and the fiscal year's month are read by no formula: nothing to type.
    expect(at(2, listPlacement('assignee').pairedColumn!)?.message).toBe('Weekly capacity (hours) for "A. Rivera": read "twenty hours" as 20 hours');
    expect(at(9, s.pairedColumn!)?.message).toBe(`${SETTINGS.fiscalYearStartMonth.label}: read "October" as October`);
    expect(at(2, s.pairedColumn!)?.message).toBe(`${SETTINGS.dueSoonDays.label}: read "five days" as 5 days; the sheet's own formulas read only a number, so type 5 in its place (the add-on's sync writes it)`);
    expect(at(3, s.pairedColumn!)?.message).toBe(`${SETTINGS.followUpDays.label}: "soon" is not a number; the default ${SETTINGS.followUpDays.value} is used`);
    expect(r.numbersInWords).toContainEqual({ row: 3, column: p.pairedColumn!, text: 'two weeks', value: 14, inFormulas: true });
    expect(r.numbersInWords).toContainEqual({ row: 2, column: listPlacement('assignee').pairedColumn!, text: 'twenty hours', value: 20, inFormulas: false });
    expect(r.numbersInWords.map((w) => w.text).sort()).toEqual(['10 business days', '15 hrs/week', '15%', 'October', 'five days', 'three', 'three', 'twenty hours', 'two weeks'].sort());
  });

  it('reads a band\'s lower bound typed in words ("eight days"), or says the band is not read; the number is written back where formulas look it up', () => {
    const grid = copy();
    setBlock(grid, 'ageBucket', [0, 'eight days', 'a month', 91], ['0-7 days', '8-30 days', '31-90 days', 'Over 90 days']);
    setBlock(grid, 'suggestedPriority', [0, 'two', 4, 6], ['Low', 'Medium', 'High', 'Urgent']);
    const r = readRules(grid);
    expect(r.ageBuckets).toEqual([[0, '0-7 days'], [8, '8-30 days'], [91, 'Over 90 days']]);
    expect(r.suggestedPriority).toEqual([[0, 'Low'], [2, 'Medium'], [4, 'High'], [6, 'Urgent']]);
    const age = listPlacement('ageBucket').column;
    const score = listPlacement('suggestedPriority').column;
    const at = (row: number, column: number) => r.issues.find((i) => i.row === row && i.column === columnLetter(column));
    expect(at(3, age)).toEqual({
      code: 'number_in_words', field: '', severity: 'warning', sheet: 'Lists', row: 3, column: columnLetter(age),
      message: 'Days open (from) for "8-30 days": read "eight days" as 8 days; the sheet\'s own formulas read only a number, so type 8 in its place (the add-on\'s sync writes it)',
    });
    expect(at(4, age)).toMatchObject({ code: 'not_a_number', message: 'Days open (from) for "31-90 days": "a month" is not a number, so the band "31-90 days" is not read; type a number' });
    expect(at(3, score)?.message).toBe('Score (from) for "Medium": read "two" as 2; the sheet\'s own formulas read only a number, so type 2 in its place (the add-on\'s sync writes it)');
    expect(r.numbersInWords).toEqual(expect.arrayContaining([
      { row: 3, column: age, text: 'eight days', value: 8, inFormulas: true },
      { row: 3, column: score, text: 'two', value: 2, inFormulas: true },
    ]));
  });

  it('says words where a number belongs that it cannot read (an SLA of "a month"): the formulas read none there, and the warning at the cell says so', () => {
    const grid = copy();
    setBlock(grid, 'priority', ['Low', 'Medium', 'High', 'Urgent'], [30, 14, '3 business days', 3]);
    const s = listPlacement('setting');
    grid[1][s.pairedColumn! - 1] = 'soon';
    const r = readRules(grid);
    expect(r.slaDays.has('high')).toBe(false);
    expect(r.settings.dueSoonDays).toBe(SETTINGS.dueSoonDays.value);
    const p = listPlacement('priority');
    expect(r.issues).toEqual([
      { code: 'not_a_number', field: '', severity: 'warning', sheet: 'Lists', row: 2, column: columnLetter(s.pairedColumn!), message: `${SETTINGS.dueSoonDays.label}: "soon" is not a number; the default ${SETTINGS.dueSoonDays.value} is used` },
      { code: 'not_a_number', field: '', severity: 'warning', sheet: 'Lists', row: 4, column: columnLetter(p.pairedColumn!), message: 'SLA days for "High": "3 business days" is not a number, so "High" has none (the sheet\'s formulas read it so too); type a number' },
    ].sort((a, b) => columnNumber(a.column) - columnNumber(b.column)));
    expect(r.numbersInWords).toEqual([]);
  });

  it('reads text spelled as an error as the text it is where the host told it from one (textsLikeErrors: Excel\'s valueTypes)', () => {
    const grid = copy();
    setBlock(grid, 'assignee', ['A. Rivera', '#N/A', '#REF!'], [20, 15, 10]);
    const column = listPlacement('assignee').column - 1;
    const r = readRules(grid, undefined, new Set([`2:${column}`]));
    expect(r.lists.assignee).toEqual(['A. Rivera', '#N/A']);
    expect(r.capacity.get('#n/a')).toBe(15);
    expect(r.issues.map((i) => [i.row, i.column])).toEqual([[4, columnLetter(column + 1)]]);
  });

  it('reads "Loading..." typed as a label, choice or key as the text it is: with the formulas, where its cell holds none; without them (import, the custom functions, triage), always', () => {
    const grid = copy();
    setBlock(grid, 'ageBucket', [0, 8, 31, 91], ['0-7 days', 'Loading...', '31-90 days', 'Over 90 days']);
    setBlock(grid, 'suggestedPriority', [0, 2, 4, 6], ['Low', 'Medium', 'Loading...', 'Urgent']);
    setBlock(grid, 'assignee', ['A. Rivera', 'Loading...'], [20, 15]);
    const noFormulas = grid.map((line) => line.map(() => ''));
    for (const r of [readRules(grid, noFormulas), readRules(grid)]) {
      expect(r.ageBuckets).toEqual([[0, '0-7 days'], [8, 'Loading...'], [31, '31-90 days'], [91, 'Over 90 days']]);
      expect(r.suggestedPriority).toEqual([[0, 'Low'], [2, 'Medium'], [4, 'Loading...'], [6, 'Urgent']]);
      expect(r.lists.assignee).toEqual(['A. Rivera', 'Loading...']);
      expect(r.capacity.get('loading...')).toBe(15);
      expect(r.issues).toEqual([]);
    }
    // Still loading its formula's data: the label is not read, and said so at its cell, never dropped silently.
    const age = listPlacement('ageBucket');
    const loading = noFormulas.map((line) => [...line]);
    loading[2][age.pairedColumn! - 1] = '=IMPORTRANGE("https://docs.google.com/spreadsheets/d/abc", "Ages!B3")';
    const r = readRules(grid, loading);
    expect(r.ageBuckets).toEqual([[0, '0-7 days'], [31, '31-90 days'], [91, 'Over 90 days']]);
    expect(r.issues.map((i) => [i.row, i.column, i.code])).toEqual([[3, columnLetter(age.pairedColumn!), 'still_loading']]);
  });

  it("checks cells against a sheet's own lists only where the sheet is laid out as the templates': a Lists sheet of one list of its own in column A is not read as requester types", () => {
    const added = copy();
    setBlock(added, 'requesterType', [...DEFAULT_RULES.lists.requesterType, 'Regional council']);
    expect(readRules(added).ownLists?.requesterType).toContain('Regional council');
    expect(readRules(added).ownLists?.priority).toEqual(DEFAULT_RULES.lists.priority);
    const ownSheet = [['Priority'], ['Low'], ['Medium'], ['High'], ['Urgent']];
    expect(readRules(ownSheet).lists.requesterType).toEqual(['Low', 'Medium', 'High', 'Urgent']);
    expect(readRules(ownSheet).ownLists).toBeUndefined();
    // A block whose header stands elsewhere gives the default list, whatever its column holds.
    const renamed = copy();
    setBlock(renamed, 'category', ['Notes of our own']);
    renamed[0][listPlacement('category').column - 1] = 'Requester type';
    expect(readRules(renamed).ownLists?.category).toEqual(DEFAULT_RULES.lists.category);
  });

  it('checks a status the office took out of its dropdown as still one of its list, since the status formulas read it; a priority or category taken out is not', () => {
    const edited = copy();
    setBlock(edited, 'workplanStatus', ['Not started', 'in progress', 'Completed', 'Cancelled']);
    setBlock(edited, 'priority', ['Low', 'Medium', 'High', 'Critical']);
    const own = readRules(edited).ownLists!;
    expect(own.workplanStatus).toEqual(['Not started', 'in progress', 'Completed', 'Cancelled', 'On hold']);
    expect(own.priority).toEqual(['Low', 'Medium', 'High', 'Critical']);
    // The dropdowns offer the sheet's own list alone.
    expect(readRules(edited).lists.workplanStatus).toEqual(['Not started', 'in progress', 'Completed', 'Cancelled']);
  });

  it("checks the values the web form writes into a request (Web form, Reactive) as still of the office's lists, which may name them otherwise, so a web-form request it triages is not rejected", () => {
    const edited = copy();
    setBlock(edited, 'channel', ['Email', 'Online form', 'Phone']);
    setBlock(edited, 'origin', ['Responsive', 'Proactive']);
    const own = readRules(edited).ownLists!;
    expect(own.channel).toEqual(['Email', 'Online form', 'Phone', 'Web form']);
    expect(own.origin).toEqual(['Responsive', 'Proactive', 'Reactive']);
    // The dropdowns offer the sheet's own list alone.
    expect(readRules(edited).lists.origin).toEqual(['Responsive', 'Proactive']);
  });

  it("reads a Lists value pasted with spaces around it (\"Completed \") as the value the status formulas name, so a typed \"completed\" counts as Complete in the service as in the sheet, and says so at the Lists cell", () => {
    const pasted = copy();
    setBlock(pasted, 'workplanStatus', ['Not started', 'In progress', 'Completed ', ' On hold']);
    const rules = readRules(pasted);
    const task = { task: 'Racial-equity workshops for senior and executive staff', startOn: '2026-02-01', endOn: '2026-08-31', status: 'completed' };
    // Import checks cells against ownLists, the add-on's sync and the service against the lists it sends, the sidebar offers `lists`.
    for (const lists of [rules.ownLists!, checkedLists(rules), rules.lists]) {
      const read = validateRow(TABLES.workplan, task, { ...DEFAULT_READ_OPTIONS, lists });
      expect(read.values.status).toBe('Completed');
      expect(workplanStatus({ status: read.values.status, startOn: read.values.startOn, endOn: read.values.endOn, percentComplete: null }, rules, '2026-12-06')).toBe('Complete');
    }
    expect(rules.lists.workplanStatus).toEqual(['Not started', 'In progress', 'Completed', 'On hold']);
    const at = columnLetter(listPlacement('workplanStatus').column);
    expect(rules.issues.map((i) => [`${i.column}${i.row}`, i.severity, i.message])).toEqual([
      [`${at}4`, 'warning', 'Work-plan status: "Completed " has a space before or after it; read as "Completed"; the formulas compare a value picked from the dropdown with its spaces, so remove them'],
      [`${at}5`, 'warning', 'Work-plan status: " On hold" has a space before or after it; read as "On hold"; the formulas compare a value picked from the dropdown with its spaces, so remove them'],
    ]);
  });

  it('falls back to the defaults when there is no Lists sheet to speak of', () => {
    const r = readRules([]);
    expect(r.settings).toEqual(DEFAULT_RULES.settings);
    expect(r.lists.priority).toEqual([]);
    expect(r.urgency).toEqual([]);
  });
});

describe('Lists references used by formulas', () => {
  it('point at the cells readRules reads', () => {
    const p = listPlacement('priority');
    const [, first, last, rows] = /^Lists!\$([A-Z]+)\$2:\$([A-Z]+)\$(\d+)$/.exec(listRange('priority', true))!;
    expect([columnNumber(first), columnNumber(last), Number(rows)]).toEqual([p.column, p.pairedColumn, LIST_ROWS + 1]);
    expect(DEFAULT_LISTS_GRID[0][p.column - 1]).toBe('Priority');
    for (const key of Object.keys(SETTINGS) as (keyof typeof SETTINGS)[]) {
      const [, letters, row] = /^Lists!\$([A-Z]+)\$(\d+)$/.exec(settingRef(key))!;
      const line = DEFAULT_LISTS_GRID[Number(row) - 1];
      expect([line[columnNumber(letters) - 2], line[columnNumber(letters) - 1]], key).toEqual([SETTINGS[key].label, SETTINGS[key].value]);
    }
  });
});

describe('approximateLookup', () => {
  it('behaves like VLOOKUP(..., TRUE) on sorted lower bounds', () => {
    const t: [number, string][] = [[0, 'a'], [8, 'b'], [31, 'c']];
    expect([-1, 0, 7, 8, 30.5, 31, 1e9].map((x) => approximateLookup(t, x))).toEqual([undefined, 'a', 'a', 'b', 'b', 'c', 'c']);
  });
});
