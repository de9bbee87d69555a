// Sheets as people keep them: renamed and reordered columns, a Timeline column, "same as above" blanks,
// extra columns, a title above the header, and sheets whose name says nothing.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, milestoneStatus, TABLES, detectTable, fieldColumn, formatCellIssue, locateTable, mapHeaders, readStacked, readTable, validateRows, DEFAULT_LISTS_GRID, DEFAULT_READ_OPTIONS, listPlacement, readRules, type CellInput } from '../../shared';
import { issueColumn, textFieldsOf } from '../../shared/read-table';
import { inSheetWords } from '../../shared/issues';
import { plannerExport } from '../fixtures/messy/planner-export';
import { stackedTables } from '../fixtures/messy/stacked-tables';

type Grid = CellInput[][];

/** A SCORE-style plan exported from a city's own sheet. */
const cityPlan: Grid = [
  ['Racial Equity Work Plan FY2025-26', null, null],
  [],
  ['#', 'Strategy', 'Stage', 'Action', 'Who', 'Timeline', '% done', 'Progress status', 'City partnership opportunity', 'Budget code', 'Derived status'],
  [1, 'Normalize', 'Year 1', 'Train all department heads', 'HR', 'Feb 2026 – Aug 2027', '25%', 'In progress', '☑', 'A-100', 'On track'],
  [2, null, '', 'TA on department action plans (60 hours)', 'ODE', '3/15-17/2024', 0.5, 'in progress', '☐', null, null],
  [null, null, null, null, null, null, null, null, null, null, 'Late start'],
  [3, 'Organize', 'Year 2', 'Complete 5 Turn-the-Curve plans', 'ODE', 'Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028', null, 'Not started', 'x', null, null],
  [4, '  ', null, 'Community forum', 'Mayor’s office', 'TBD', null, null, null, null, null],
];

describe('a SharePoint list exported to Excel', () => {
  const SYSTEM = ['Created', 'Created By', 'Modified', 'Modified By', 'Item Type', 'Path', 'Content Type', 'Attachments', 'Compliance Asset Id', 'Version'];
  const log = (received: boolean): Grid => [
    ['ID', 'Title', ...(received ? ['Date Received'] : []), 'Requesting Agency', 'Priority', ...SYSTEM],
    [1, 'REAP kickoff support', ...(received ? ['2026-09-03'] : []), 'Dept. of Transportation', '(2) Normal', '2026-09-01', 'Tran, Bao', '2026-09-10', 'Tran, Bao', 'Item', 'sites/REC/Lists/TA Requests', 'Item', false, null, '3.0'],
  ];

  it("says SharePoint's own columns once, reads the item's Title as its Description, and Created as Received only where no column names the day received", () => {
    const withDay = readTable(TABLES.requests, 'query', log(true), 0, DEFAULT_READ_OPTIONS);
    const ignored = withDay.issues.filter((i) => i.code === 'unknown_column');
    expect(ignored).toHaveLength(1);
    expect(ignored[0].message).toBe(`SharePoint's own columns (${SYSTEM.join(', ')}) are not part of Requests; ignored`);
    expect(withDay.map.matched.find((m) => m.header === 'Title')?.reads).toBe('Description');
    expect(validateRows(TABLES.requests, withDay.rows.map((r) => r.raw))[0].values).toMatchObject({ receivedOn: '2026-09-03', description: 'REAP kickoff support', priority: 'Medium' });

    const created = readTable(TABLES.requests, 'query', log(false), 0, DEFAULT_READ_OPTIONS);
    expect(created.map.matched.find((m) => m.header === 'Created')?.reads).toBe('Received');
    expect(validateRows(TABLES.requests, created.rows.map((r) => r.raw))[0].values.receivedOn).toBe('2026-09-01');
    const said = created.issues.filter((i) => i.code === 'unknown_column').map((i) => i.message);
    expect(said).toEqual([`SharePoint's own columns (${SYSTEM.filter((h) => h !== 'Created').join(', ')}) are not part of Requests; ignored`]);
    expect(created.issues.map((i) => i.message)).toContain('column "Created" read as Received: the day SharePoint\'s item was created, as no column names the day received');
  });

  it("reads no other header by SharePoint's column names, nor those columns as another field", () => {
    // A plan's "Item" is its task, yet "Item Type" is SharePoint's, and "Job title" is no Title.
    const plan = mapHeaders(TABLES.workplan, ['Item Type', 'Task Name', 'Created By', 'Modified']);
    expect(Object.fromEntries(plan.matched.map((m) => [m.header, m.reads]))).toEqual({ 'Task Name': 'Task' });
    expect(mapHeaders(TABLES.requests, ['Agency', 'Job title', 'Created by']).matched.map((m) => m.header)).toEqual(['Agency']);
  });
});

describe("a service desk's export whose Description is kept in Notes", () => {
  it("points a problem with the row's notes at the column they were written from, as the office has no Notes column", () => {
    const grid: Grid = [
      ['Number', 'Opened', 'Short description', 'Company', 'Description'],
      ['INC0003', '2026-03-02', 'Budget tool', 'City of Davis', 'bad\u0001text'],
    ];
    const read = readTable(TABLES.requests, 'incident', grid, 0, DEFAULT_READ_OPTIONS);
    expect(read.rows[0].raw.notes).toBe('bad\u0001text');
    expect(issueColumn(read, 'notes')).toEqual({ column: 'E', index: 4 });
  });
});

describe("Microsoft Planner's \"Export plan to Excel\"", () => {
  const grid = plannerExport.sheets[0].rows as Grid;

  it("reads the plan's columns as Planner means them and says Planner's own once, in one warning", () => {
    const located = locateTable('Tasks', grid)!;
    expect([located.table.name, located.headerIndex]).toEqual(['workplan', 4]);
    const read = readTable(located.table, 'Tasks', grid, located.headerIndex, DEFAULT_READ_OPTIONS);
    expect(Object.fromEntries(read.map.matched.map((m) => [m.header, m.reads]))).toEqual({
      'Task ID': 'Item ID', 'Task Name': 'Task', 'Bucket Name': 'Phase', Progress: 'Status', 'Assigned To': 'Lead', 'Start date': 'Start', 'Due date': 'End', Description: 'Notes',
    });
    const ignored = read.issues.filter((i) => i.code === 'unknown_column');
    expect(ignored.map((i) => [i.row, i.column, i.message])).toEqual([
      [5, 'G', "Microsoft Planner's own columns (Created By, Created Date, Is Recurring, Late, Completed By, Completed Checklist Items, Checklist Items) are not part of Work plan; ignored"],
    ]);
    // One warning per column, at its own header cell.
    expect(read.issues.filter((i) => i.code === 'export_column').map((i) => [i.column, i.message])).toEqual([
      ['E', 'Microsoft Planner\'s column "Priority" (but Medium, which Planner gives every task) kept in Notes, each value on a line of its own ("Priority: …"): Work plan has no column of its own for it'],
      ['M', 'Microsoft Planner\'s column "Completed Date" kept in Notes, each value on a line of its own ("Completed Date: …"): Work plan has no column of its own for it'],
      ['Q', 'Microsoft Planner\'s column "Labels" kept in Notes, each value on a line of its own ("Labels: …"): Work plan has no column of its own for it'],
    ]);
  });

  it.each(['Pacific/Kiritimati', 'Etc/GMT+12', 'America/Los_Angeles'])('puts in Notes the day a date cell shows in a plan kept at %s, the day its date columns are read as', (timeZone) => {
    // A host hands a date cell over as the instant of midnight in the spreadsheet's zone, which may be fourteen hours
    // from UTC's; the host's own day function reads it back.
    const isoFromDate = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(d);
    const midnight = (iso: string) => {
      const noon = new Date(`${iso}T12:00:00Z`);
      const shown = new Date(noon.toLocaleString('en-US', { timeZone }) + ' UTC');
      return new Date(Date.UTC(noon.getUTCFullYear(), noon.getUTCMonth(), noon.getUTCDate()) - (shown.getTime() - noon.getTime()));
    };
    expect(isoFromDate(midnight('2026-06-12'))).toBe('2026-06-12');
    const grid = (plannerExport.sheets[0].rows as Grid).map((line, r) => (r === 7 ? line.map((v, c) => (c === 9 ? midnight('2026-06-30') : c === 12 ? midnight('2026-06-12') : v)) : line));
    const options = { ...DEFAULT_READ_OPTIONS, isoFromDate };
    const read = readTable(TABLES.workplan, 'Tasks', grid, 4, options);
    const row = validateRows(TABLES.workplan, read.rows.map((r) => r.raw), options)[2].values;
    expect(row).toMatchObject({ endOn: '2026-06-30', notes: 'Five departments\nPriority: Urgent\nCompleted Date: 2026-06-12' });
  });

  it('puts in Notes the day of a date cell that holds a time, as a date column reads it: the day the cell shows, however late in it', () => {
    const grid = (plannerExport.sheets[0].rows as Grid).map((line, r) => (r === 7 ? line.map((v, c) => (c === 12 ? new Date('2026-06-12T18:30:00Z') : v)) : line));
    const read = readTable(TABLES.workplan, 'Tasks', grid, 4, DEFAULT_READ_OPTIONS);
    expect(read.rows[2].raw.notes).toBe('Five departments\nPriority: Urgent\nCompleted Date: 2026-06-12');
  });

  it('reads "Progress" as a percentage and "Created Date" as the timeline in a sheet that is not Planner\'s', () => {
    const own = mapHeaders(TABLES.workplan, ['Task', 'Progress', 'Description', 'Created Date']);
    expect(Object.fromEntries(own.matched.map((m) => [m.header, m.reads]))).toMatchObject({ Progress: '% complete' });
    expect(own.matched.find((m) => m.header === 'Description')?.reads).not.toBe('Notes');
  });
});

describe('mapHeaders', () => {
  it('names a header typed on two lines in one line, in the mapping and the warnings', () => {
    const grid: Grid = [
      ['Request\nID', 'Requesting\r\n organization', 'Date\nreceived', 'Budget\ncode'],
      ['TA-1', 'City of Riverside', '13/45/2026', 'A-1'],
    ];
    const read = readTable(TABLES.requests, 'Requests', grid, 0, DEFAULT_READ_OPTIONS);
    expect(read.map.matched.map((m) => m.header)).toEqual(['Request ID', 'Requesting organization', 'Date received']);
    const lines = read.issues.map(formatCellIssue);
    expect(lines).toContainEqual(expect.stringMatching(/^Requests!D1 \(Budget code\): column "Budget code" is not part/));
  });

  it('reads a header of two rows (Timeline merged over Start | End, the other headers merged down) by its lower row, so each end date is read', () => {
    // As the workbook reader gives merged cells: a merge down copies its header into the lower row, one across does not.
    const grid: Grid = [
      ['Goal', 'Task', 'Lead', 'Timeline', null, 'Status'],
      ['Goal', 'Task', 'Lead', 'Start', 'End', 'Status'],
      ['Normalize', 'Train department heads', 'HR', '1/15/2026', '3/1/2026', 'In progress'],
    ];
    const located = locateTable('Work plan', grid)!;
    expect(located.headerIndex).toBe(1);
    const read = readTable(located.table, 'Work plan', grid, located.headerIndex, DEFAULT_READ_OPTIONS);
    expect(read.rows.map((r) => [r.raw.startOn, r.raw.endOn])).toEqual([['1/15/2026', '3/1/2026']]);
  });

  it('says a column with no header that holds values in the rows is not read, once, at its header cell', () => {
    // Timeline merged over two columns with no row of Start | End below: the end dates sit under a blank header.
    const grid: Grid = [
      ['Goal', 'Task', 'Lead', 'Timeline', null, 'Status', null],
      ['Normalize', 'Train department heads', 'HR', '1/15/2026', '3/1/2026', 'In progress', null],
      ['Organize', 'Plans', 'ODE', '2/1/2026', '4/1/2026', 'Not started', null],
    ];
    const read = readTable(TABLES.workplan, 'Work plan', grid, 0, DEFAULT_READ_OPTIONS);
    expect(read.issues.filter((i) => i.column === 'E').map(formatCellIssue)).toEqual([`'Work plan'!E1: column E has no header and holds values on rows 2–3 ("3/1/2026" first); not read: give it a header to read it`]);
    expect(read.issues.filter((i) => i.column === 'G')).toEqual([]);
  });

  it('reads a header typed twice once: the second copy is not read as another field, and says which column is read', () => {
    const map = mapHeaders(TABLES.requests, ['Request ID', 'Organization', 'Request status (pick one)', 'Date received', 'Request status (pick one)']);
    expect(map.fields.get(2)).toBe('status');
    expect(map.fields.has(4)).toBe(false);
    expect(map.unknown).toEqual([{ index: 4, header: 'Request status (pick one)', reason: 'Status is read from column "Request status (pick one)"' }]);
  });

  it('maps renamed and reordered columns through aliases, and reports the rest', () => {
    const map = mapHeaders(TABLES.workplan, cityPlan[2]);
    expect(Object.fromEntries(map.fields)).toEqual({
      0: 'itemId', 1: 'goal', 2: 'phase', 3: 'task', 4: 'lead', 6: 'percentComplete', 7: 'status', 8: 'partnership',
    });
    expect(map.spans.get(5)).toEqual(['startOn', 'endOn']);
    expect([...map.derived.keys()]).toEqual([10]);
    expect(map.unknown).toEqual([{ index: 9, header: 'Budget code' }]);
    expect(map.missingRequired).toEqual([]);
  });

  it('ignores case, spacing and punctuation in headers, and takes the first of two columns for one field', () => {
    const map = mapHeaders(TABLES.requests, ['DATE RECEIVED', 'requesting-organization', 'e-mail', 'Email']);
    expect(Object.fromEntries(map.fields)).toEqual({ 0: 'receivedOn', 1: 'requesterOrg', 2: 'contactEmail' });
    expect(map.unknown).toEqual([{ index: 3, header: 'Email', reason: 'Contact email is read from column "e-mail"' }]);
  });

  it('reads headers in a document\'s own words: plurals, qualifiers, reordered words, and maps each column once', () => {
    const milestones = mapHeaders(TABLES.milestones, ['Month', 'Dates', 'Milestones', 'Opportunities for City Partnership', 'Lead Team']);
    expect(Object.fromEntries(milestones.fields)).toEqual({ 1: 'date', 2: 'milestone', 3: 'partnership', 4: 'team' });
    expect(milestones.unknown).toEqual([{ index: 0, header: 'Month' }]);
    const plan = mapHeaders(TABLES.workplan, ['SCORE Goal', 'GARE Stage', 'Tasks', 'Target date', 'Budget']);
    expect(Object.fromEntries(plan.fields)).toEqual({ 0: 'goal', 1: 'phase', 2: 'task', 3: 'endOn' });
    expect(plan.matched.map((m) => `${m.header}=${m.reads}`)).toEqual(['SCORE Goal=Goal', 'GARE Stage=Phase', 'Tasks=Task', 'Target date=End']);
    const roadmap = mapHeaders(TABLES.roadmap, ['Area of Focus', 'Early Actions / Additional Strategies', 'Action']);
    expect(Object.fromEntries(roadmap.fields)).toEqual({ 0: 'focusArea', 1: 'kind', 2: 'action' });
  });

  it('reads a plural made with -es after -us or -is as its singular: "Statuses" is Status, as a pasted plan heads it', () => {
    const gare = mapHeaders(TABLES.workplan, ['Stages', 'Items', 'Targets', 'Statuses']);
    expect(Object.fromEntries(gare.fields)).toEqual({ 0: 'phase', 1: 'task', 2: 'target', 3: 'status' });
    expect(gare.unknown).toEqual([]);
    expect(mapHeaders(TABLES.roadmap, ['Focuses', 'Actions', 'Statuses']).fields.get(2)).toBe('status');
  });

  it('leaves a header that names two fields equally unread, naming both', () => {
    const map = mapHeaders(TABLES.requests, ['Organization', 'Received', 'Type']);
    expect(map.fields.get(2)).toBeUndefined();
    expect(map.ties).toEqual([{ index: 2, header: 'Type', candidates: expect.arrayContaining(['Requester type', 'Category']) }]);
    expect(map.unknown).toEqual([]);
  });

  it('keeps an unrelated column unknown and never reads a "date" header as a number', () => {
    const map = mapHeaders(TABLES.workplan, ['Task', 'Budget code', 'Funding source', 'Target date']);
    expect(map.unknown.map((u) => u.header)).toEqual(['Budget code', 'Funding source']);
    expect(map.fields.get(3)).not.toBe('target');
  });

  it('lists missing required columns', () => {
    expect(mapHeaders(TABLES.requests, ['Organization', 'Status']).missingRequired).toEqual(['receivedOn']);
    expect(mapHeaders(TABLES.workplan, ['Timeline', 'Lead']).missingRequired).toEqual(['task']);
  });
});

describe('detectTable', () => {
  it('knows a table by its sheet name, in any case', () => {
    expect(detectTable('Requests', [])?.name).toBe('requests');
    expect(detectTable('work plan', [])?.name).toBe('workplan');
    expect(detectTable('ROADMAP', [])?.name).toBe('roadmap');
  });

  it('knows a table by its headers when the sheet name is unfamiliar', () => {
    expect(detectTable('Equity Plan FY25', cityPlan[2])?.name).toBe('workplan');
    expect(detectTable('TA log 2024', ['Ticket #', 'Date received', 'Agency', 'Type of TA', 'Priority', 'Status'])?.name).toBe('requests');
    expect(detectTable('Calendar', ['When', 'Event', 'Lead', 'City partnership opportunity'])?.name).toBe('milestones');
    expect(detectTable('Early actions', ['Focus area', 'Kind', 'Strategy', 'Lead', 'Status', 'Target date'])?.name).toBe('roadmap');
  });

  it('gives up on sheets that are not tables', () => {
    expect(detectTable('Notes', ['Thoughts', 'Ideas'])).toBeUndefined();
    expect(detectTable('Budget', ['Organization', 'Amount', 'Status'])).toBeUndefined();
    expect(detectTable('Empty', [])).toBeUndefined();
  });
});

describe('readTable', () => {
  it('names a bare number in a phase column by the word its header uses; a two-digit number (FY 26) is kept as typed', () => {
    const phases = (head: string, values: CellInput[]) =>
      validateRows(TABLES.workplan, readTable(TABLES.workplan, 'Plan', [[head, 'Task'], ...values.map((v) => [v, 'Task'])]).rows.map((r) => r.raw)).map((r) => r.values.phase);
    expect(phases('Year', [1, 2])).toEqual(['Year 1', 'Year 2']);
    expect(phases('Stages', [1, '2'])).toEqual(['Stage 1', 'Stage 2']);
    expect(phases('Phase', [1, 26])).toEqual(['Phase 1', '26']);
    expect(phases('Year', [25, 26])).toEqual(['25', '26']);
  });

  it("names a bare phase number by the sheet's own name for that phase, when the sheet gives it exactly one, saying so", () => {
    const plan = (lines: Grid) => {
      const read = readTable(TABLES.workplan, 'Plan', [['Phase', 'Task'], ...lines]);
      return { phases: validateRows(TABLES.workplan, read.rows.map((r) => r.raw)).map((r) => r.values.phase), issues: read.issues.filter((i) => i.code === 'phase_named') };
    };
    const headingWarnings = (lines: Grid) =>
      readTable(TABLES.workplan, 'Plan', [['Phase', 'Task'], ...lines]).issues.filter((i) => i.code === 'phase_named' || i.code === 'section_row').map((i) => [i.row, i.code, i.message]);
    // A heading over the rows, and a value in another row of the column, both name a phase.
    const headed = plan([['Phase 2: Organize'], [2, 'Map partners'], [null, 'Hold listening sessions'], [3, 'Adopt plan'], ['Phase 3 – Operationalize', 'Fund plan'], [1, 'Train staff']]);
    expect(headed.phases).toEqual(['Phase 2: Organize', 'Phase 2: Organize', 'Phase 3 – Operationalize', 'Phase 3 – Operationalize', 'Phase 1']);
    expect(headed.issues).toEqual([
      { code: 'phase_named', field: 'phase', sheet: 'Plan', row: 3, column: 'A', header: 'Phase', severity: 'warning', message: 'Phase: "2" on row 3 read as "Phase 2: Organize", the name this sheet gives phase 2' },
      { code: 'phase_named', field: 'phase', sheet: 'Plan', row: 5, column: 'A', header: 'Phase', severity: 'warning', message: 'Phase: "3" on row 5 read as "Phase 3 – Operationalize", the name this sheet gives phase 3' },
    ]);
    // Two names for one phase, or "Phase 21" beside a bare 2: the bare number stays as it was typed, a number.
    const two = plan([['Phase 2: Organize', 'Map partners'], ['Phase 2: Organise', 'Hold listening sessions'], [2, 'Adopt plan'], ['Phase 21: Review', 'Audit']]);
    expect(two.phases).toEqual(['Phase 2: Organize', 'Phase 2: Organise', 'Phase 2', 'Phase 21: Review']);
    expect(two.issues).toEqual([]);
    // "Phase 2" written out beside a bare 2 and the name: one group, not two.
    const mixed = plan([[2, 'Map partners'], ['Phase 2', 'Hold listening sessions'], ['Phase 2 - Organize', 'Adopt plan']]);
    expect(mixed.phases).toEqual(['Phase 2 - Organize', 'Phase 2 - Organize', 'Phase 2 - Organize']);
    expect(mixed.issues.map((i) => i.message)).toEqual([
      'Phase: "2" on row 2 read as "Phase 2 - Organize", the name this sheet gives phase 2',
      'Phase: "Phase 2" on row 3 read as "Phase 2 - Organize", the name this sheet gives phase 2',
    ]);
    // Phases past 9: a bare 10 beside the sheet's "Phase 10: Evaluate" is that phase, as 2 is; 26 stays a number unless named.
    expect(plan([['Phase 2026: Launch', 'Audit'], [2026, 'Report']]).phases).toEqual(['Phase 2026: Launch', '2026']);
    const long = plan([['Phase 10: Evaluate', 'Audit'], [10, 'Report'], ['10', 'Publish'], ['Phase 10', 'Close'], [26, 'Fund'], ['Phase 1: Learn', 'Train'], [1, 'Map']]);
    expect(long.phases).toEqual(['Phase 10: Evaluate', 'Phase 10: Evaluate', 'Phase 10: Evaluate', 'Phase 10: Evaluate', '26', 'Phase 1: Learn', 'Phase 1: Learn']);
    expect(long.issues.map((i) => i.message)).toEqual([
      'Phase: "10" on rows 3–4 read as "Phase 10: Evaluate", the name this sheet gives phase 10',
      'Phase: "Phase 10" on row 5 read as "Phase 10: Evaluate", the name this sheet gives phase 10',
      'Phase: "1" on row 8 read as "Phase 1: Learn", the name this sheet gives phase 1',
    ]);
    // One name typed with other marks (a hyphen, a colon, an en dash) is one phase: the first spelling, the others said.
    const marks = plan([['Phase 2 - Organize', 'Map partners'], ['Phase 2: Organize', 'Hold listening sessions'], ['Phase 2 – Organize', 'Adopt plan'], ['Phase 2: Organize', 'Fund plan'], [2, 'Train staff']]);
    expect(marks.phases).toEqual(Array(5).fill('Phase 2 - Organize'));
    expect(marks.issues.map((i) => [i.row, i.message])).toEqual([
      [3, 'Phase: "Phase 2: Organize" on rows 3 and 5 read as "Phase 2 - Organize", the name this sheet gives phase 2, as first written'],
      [4, 'Phase: "Phase 2 – Organize" on row 4 read as "Phase 2 - Organize", the name this sheet gives phase 2, as first written'],
      [6, 'Phase: "2" on row 6 read as "Phase 2 - Organize", the name this sheet gives phase 2'],
    ]);
    // A heading spelled another way names the rows below it by the first spelling too.
    const headed2 = plan([['Phase 2: Organize', 'Map partners'], ['Phase 2 - Organize'], [null, 'Adopt plan']]);
    expect(headed2.phases).toEqual(['Phase 2: Organize', 'Phase 2: Organize']);
    // The heading's own warning says the name it was read as: one warning on its row, not two.
    expect(headingWarnings([['Phase 2: Organize', 'Map partners'], ['Phase 2 - Organize'], [null, 'Adopt plan']])).toEqual([
      [3, 'section_row', 'this row is a heading ("Phase 2 - Organize"), not read as a row; the rows below take it as their Phase, written "Phase 2: Organize", the name this sheet gives phase 2, as first written'],
    ]);
    expect(headingWarnings([['Phase 1'], [null, 'Listen'], ['Phase 1: Learn', 'Map'], ['Phase 1', 'Train']])).toEqual([
      [2, 'section_row', 'this row is a heading ("Phase 1"), not read as a row; the rows below take it as their Phase, written "Phase 1: Learn", the name this sheet gives phase 1'],
      [5, 'phase_named', 'Phase: "Phase 1" on row 5 read as "Phase 1: Learn", the name this sheet gives phase 1'],
    ]);
    // Letters count as written, accents and all, and a hyphen inside a word is no space between two: only the
    // spaces and marks between words are set aside.
    const letters = plan([['Phase 2: Organización', 'Map partners'], ['Phase 2: Organizacin', 'Adopt plan'], ['Phase 3: Re-sign', 'Fund plan'], ['Phase 3: Resign', 'Train staff']]);
    expect(letters.phases).toEqual(['Phase 2: Organización', 'Phase 2: Organizacin', 'Phase 3: Re-sign', 'Phase 3: Resign']);
    expect(letters.issues).toEqual([]);
    const accents = plan([['Phase 2 - Organización', 'Map partners'], ['Phase 2: ORGANIZACIÓN', 'Adopt plan'], ['Phase 3 - Re-sign', 'Fund plan'], ['Phase 3: Re sign', 'Train staff']]);
    expect(accents.phases).toEqual(['Phase 2 - Organización', 'Phase 2 - Organización', 'Phase 3 - Re-sign', 'Phase 3 - Re-sign']);
    // Phase 1's name and phase 10's alike but for the marks between their digits are two phases, each kept.
    const digits = plan([['Phase 1 - 0-90 days', 'Listen'], ['Phase 10: 90 Days', 'Review'], ['Phase 1 - 0-90 days', 'Map']]);
    expect(digits.phases).toEqual(['Phase 1 - 0-90 days', 'Phase 10: 90 Days', 'Phase 1 - 0-90 days']);
    expect(digits.issues).toEqual([]);
    // An apostrophe is no mark between words: "Children's" and "Childrens" are one name, the first spelling.
    const apostrophes = plan([["Phase 2: Children's Services", 'Map partners'], ['Phase 2: Childrens Services', 'Adopt plan'], ['Phase 2: Children’s services', 'Fund plan'], [2, 'Train staff']]);
    expect(apostrophes.phases).toEqual(Array(4).fill("Phase 2: Children's Services"));
    expect(apostrophes.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'A', 'Phase: "Phase 2: Childrens Services" on row 3 read as "Phase 2: Children\'s Services", the name this sheet gives phase 2, as first written'],
      [4, 'A', 'Phase: "Phase 2: Children’s services" on row 4 read as "Phase 2: Children\'s Services", the name this sheet gives phase 2, as first written'],
      [5, 'A', 'Phase: "2" on row 5 read as "Phase 2: Children\'s Services", the name this sheet gives phase 2'],
    ]);
    // A decimal phase is its own, no name for the whole number.
    expect(plan([['Phase 2.5: Pilot', 'Test'], [2, 'Map partners']]).phases).toEqual(['Phase 2.5: Pilot', 'Phase 2']);
    // Under a Year header, as "Year 1" is named.
    const years = readTable(TABLES.workplan, 'Plan', [['Year', 'Task'], ['YEAR 1: LEARN'], [1, 'Map partners'], [1, 'Train staff']]);
    expect(validateRows(TABLES.workplan, years.rows.map((r) => r.raw)).map((r) => r.values.phase)).toEqual(['Year 1: Learn', 'Year 1: Learn']);
    expect(years.issues.filter((i) => i.code === 'phase_named').map((i) => i.message)).toEqual(['Year: "1" on rows 3–4 read as "Year 1: Learn", the name this sheet gives year 1']);
  });

  const read = readTable(TABLES.workplan, 'Plan', cityPlan);

  // Found by this test: the title row was taken for the header, so every row of the plan was lost.
  it('finds the header below a title, keeps sheet row numbers and skips blank rows', () => {
    expect(read.headerRow).toBe(3);
    expect(read.rows.map((r) => r.row)).toEqual([4, 5, 7, 8]);
  });

  it('skips a row whose only cells are unticked checkboxes, as Insert › Checkbox leaves them down a whole column, and keeps one ticked', () => {
    const grid: Grid = [
      ['Task', '% complete', 'City partnership opportunity', 'Notes'],
      ['Listening sessions', 0.5, true, null],
      [null, false, false, null],
      [null, null, false, 'Budget code A-100'],
      [null, null, true, null],
      [null, null, false, null],
    ];
    const rows = readTable(TABLES.workplan, 'Plan', grid).rows;
    expect(rows.map((r) => r.row)).toEqual([2, 4, 5]);
    // What is kept is read as before: a row with a note or a ticked box and no task is still told it needs one.
    expect(validateRows(TABLES.workplan, rows.map((r) => r.raw)).map((r) => r.errors.map((e) => e.message))).toEqual([[], ['Task is required'], ['Task is required']]);
  });

  it('fills blank goal and phase cells from the row above', () => {
    expect(read.rows.map((r) => [r.raw.goal, r.raw.phase])).toEqual([
      ['Normalize', 'Year 1'], ['Normalize', 'Year 1'], ['Organize', 'Year 2'], ['Organize', 'Year 2'],
    ]);
    // Columns without fill-down keep their blanks.
    expect(read.rows[1].raw.itemId).toBe(2);
    expect(read.rows[3].raw.percentComplete).toBeNull();
  });

  it('splits a Timeline column into start and end', () => {
    expect(read.rows.map((r) => [r.raw.startOn, r.raw.endOn])).toEqual([
      ['2026-02-01', '2027-08-31'], ['2024-03-15', '2024-03-17'], ['2027-01-01', '2028-03-31'], ['TBD', undefined],
    ]);
  });

  it('warns about unknown headers and about two ranges merged into one', () => {
    expect(read.issues.map((i) => [i.code, i.severity, i.row, i.column])).toEqual([
      ['unknown_column', 'warning', 3, 'J'],
      ['date_range', 'warning', 7, 'F'],
    ]);
    expect(read.issues[0].message).toContain('Budget code');
    expect(read.issues[1].message).toContain('2 date ranges');
  });

  it('turns into typed rows with validateRows, nothing dropped', () => {
    const results = validateRows(TABLES.workplan, read.rows.map((r) => r.raw));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, true]);
    expect(results[0].values).toMatchObject({ itemId: '1', goal: 'Normalize', startOn: '2026-02-01', endOn: '2027-08-31', percentComplete: 0.25, status: 'In progress', partnership: true });
    expect(results[1].values).toMatchObject({ percentComplete: 0.5, status: 'In progress', partnership: false });
    expect(results[3].values).toMatchObject({ startOn: null, endOn: null, lead: 'Mayor’s office' });
    expect(results[3].warnings.map((w) => w.code)).toEqual(['date_tbd']);
  });

  it('says what rows are taken as when the sheet has no Status column, once, at its header row', () => {
    const calendar = readTable(TABLES.milestones, 'Calendar', [['Milestones', 'Date'], ['Kickoff', '2026-02-03']]);
    expect(calendar.issues.filter((i) => i.code === 'column_absent')).toEqual([
      { code: 'column_absent', field: '', sheet: 'Calendar', row: 1, severity: 'warning', message: 'no Status column: milestones are taken as not done, so one whose date has passed reads "Missed"' },
    ]);
    expect(readTable(TABLES.milestones, 'Calendar', [['Milestones', 'Date', 'Status'], ['Kickoff', '2026-02-03', 'Done']]).issues).toEqual([]);
    // A side-by-side roadmap's own Status columns are its status.
    const roadmap = readTable(TABLES.roadmap, 'Roadmap', [['Focus Area', 'Early Actions', 'Status'], ['Capacity', 'Staff training', 'Completed']]);
    expect(roadmap.issues.map((i) => i.code)).not.toContain('column_absent');
  });

  it('says once, at the header row, how fulfilled requests are dated in a log with no Fulfilled column, and not on each fulfilled row', () => {
    const log = readTable(TABLES.requests, 'TA Log FY24', [['Request #', 'Date Received', 'Agency', 'Status'], ['TA-1', '2024-01-08', 'City of Fresno', 'Fulfilled'], ['TA-2', '2024-01-22', 'Kern County', 'Fulfilled']]);
    expect(log.issues.filter((i) => i.code === 'column_absent')).toEqual([
      { code: 'column_absent', field: '', sheet: 'TA Log FY24', row: 1, severity: 'warning', message: 'no Fulfilled column: fulfilled requests count as done on the day the service first saw them, so their days to fulfill and SLA run to that day (those already done when it first read them, on a day not known, count in neither); add a Fulfilled column to record the day' },
    ]);
    expect(validateRows(TABLES.requests, log.rows.map((row) => row.raw)).flatMap((r) => r.warnings)).toEqual([]);
  });

  it('reads a Timeline of "Ongoing since March 2026" as a start with no end', () => {
    const r = readTable(TABLES.workplan, 'Plan', [['Task', 'Timeline'], ['Pilot', 'Ongoing since March 2026']]);
    expect(r.rows[0].raw).toMatchObject({ startOn: '2026-03-01' });
    expect(r.rows[0].raw.endOn).toBeUndefined();
  });

  it('says a reversed Timeline about its one cell, not against a Start column the sheet does not have', () => {
    const r = readTable(TABLES.workplan, 'Plan', [['Task', 'Timeline'], ['Pilot', 'Dec 2027 – Jun 2026']]);
    const [result] = validateRows(TABLES.workplan, r.rows.map((row) => row.raw));
    expect(result.errors).toEqual([{ code: 'end_before_start', field: 'startOn', severity: 'error', message: 'Start: ends (2026-06-30) before it starts (2027-12-01); check the order or the years' }]);
    expect(inSheetWords(result.errors[0].message, 'Start', 'Timeline')).toBe('Timeline: ends (2026-06-30) before it starts (2027-12-01); check the order or the years');
  });

  it('prefers explicit Start and End columns over a Timeline', () => {
    const r = readTable(TABLES.workplan, 'Plan', [['Task', 'Start', 'Timeline'], ['Pilot', '2025-01-06', 'Jan 2025 – Jun 2025']]);
    expect(r.rows[0].raw).toMatchObject({ startOn: '2025-01-06', endOn: '2025-06-30' });
  });

  it('reports a missing required column as one error first, naming what it looked for and the headers seen, and reads no row', () => {
    const r = readTable(TABLES.requests, 'Requests', [['Organization', 'Status', 'Budget code'], ['City of Fresno', 'New', 'A1'], ['County', 'New', 'B2']]);
    expect(r.issues[0]).toMatchObject({ code: 'missing_column', severity: 'error', field: 'receivedOn', row: 1, header: 'Received' });
    expect(r.issues[0].message).toContain('"Date received"');
    expect(r.issues[0].message).toContain('the headers are "Organization", "Status", "Budget code"');
    expect(r.issues.filter((i) => i.severity === 'error')).toHaveLength(1);
    expect(r.rows).toEqual([]);
  });

  it('places a field at its column, or at the Timeline that fills it', () => {
    expect(fieldColumn(read.map, 'task')).toEqual({ column: 'D', index: 3 });
    expect(fieldColumn(read.map, 'endOn')).toEqual({ column: 'F', index: 5 });
    expect(fieldColumn(read.map, 'notes')).toEqual({});
  });

  it('reads a roadmap laid out side by side as one item per filled cell, each with its column\'s kind and its own cell', () => {
    const grid: Grid = [
      ['Focus Area', 'Early Actions', 'Additional Strategies'],
      ['Organizational capacity', 'Staff training program on equity', 'Equity audit of the organization'],
      [null, null, 'Report roadmap progress in the annual report'],
    ];
    const r = readTable(TABLES.roadmap, 'Roadmap', grid);
    expect(r.rows.map(({ row, item, at, raw }) => [row, item, at, raw.focusArea, raw.kind, raw.action])).toEqual([
      [2, 1, { action: 1 }, 'Organizational capacity', 'Early action', 'Staff training program on equity'],
      [2, 2, { action: 2 }, 'Organizational capacity', 'Additional strategy', 'Equity audit of the organization'],
      [3, 2, { action: 2 }, 'Organizational capacity', 'Additional strategy', 'Report roadmap progress in the annual report'],
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['column_absent']);
    expect(fieldColumn(r.map, 'action', r.rows[1].at)).toEqual({ column: 'C', index: 2 });
  });

  it("gives each side-by-side item the columns after it as its own (its Status), and every item the columns before the first", () => {
    const grid: Grid = [
      ['Focus Area', 'Early Actions', 'Status', 'Additional Strategies', 'Status'],
      ['Tools', 'Centralized DEI resources', 'Completed', 'Self-assessment tool', 'Not started'],
      [null, null, null, null, 'In progress'],
    ];
    const r = readTable(TABLES.roadmap, 'Roadmap', grid);
    expect(r.rows.map(({ row, item, at, raw }) => [row, item, at, raw.focusArea, raw.action, raw.status])).toEqual([
      [2, 1, { action: 1, status: 2 }, 'Tools', 'Centralized DEI resources', 'Completed'],
      [2, 2, { action: 3, status: 4 }, 'Tools', 'Self-assessment tool', 'Not started'],
      // A status with no action beside it is a row to report (its action is required), not one to drop.
      [3, 2, { action: 3, status: 4 }, 'Tools', null, 'In progress'],
    ]);
    expect(r.map.matched.map((m) => m.reads)).toEqual(['Focus area', 'Action (Early action)', 'Status', 'Action (Additional strategy)', 'Status']);
    expect(r.map.unknown).toEqual([]);
  });

  it('gives a column after the last side-by-side column to every item when no other item has columns of its own', () => {
    const grid: Grid = [['Focus Area', 'Early Actions', 'Additional Strategies', 'Lead'], ['Tools', 'Centralized DEI resources', 'Self-assessment tool', 'ODE']];
    const r = readTable(TABLES.roadmap, 'Roadmap', grid);
    expect(r.rows.map((x) => [x.raw.action, x.raw.lead])).toEqual([['Centralized DEI resources', 'ODE'], ['Self-assessment tool', 'ODE']]);
  });

  it('gives one "Early Actions" column its kind, but reads it as plain actions when a Kind column says each row\'s', () => {
    const alone = readTable(TABLES.roadmap, 'Roadmap', [['Focus Area', 'Early Actions', 'Status'], ['Tools', 'Centralized DEI resources', 'Completed']]);
    expect(alone.rows.map((x) => [x.item, x.raw.kind, x.raw.action])).toEqual([[undefined, 'Early action', 'Centralized DEI resources']]);
    const withKind = readTable(TABLES.roadmap, 'Roadmap', [['Focus Area', 'Type', 'Early Actions'], ['Tools', 'Additional Strategies', 'Self-assessment tool']]);
    expect(withKind.rows.map((x) => [x.item, x.at, x.raw.kind, x.raw.action])).toEqual([[undefined, undefined, 'Additional Strategies', 'Self-assessment tool']]);
  });

  it('gives rows with a blank Lead the lead a line above the table names, said once at that line with the rows it went to; a row\'s own lead wins', () => {
    const grid: Grid = [
      ['Citywide Racial Equity Work Plan'],
      ['Lead: Office of Diversity & Equity unless noted'],
      ['Phases', 'Tasks', 'Owner'],
      [1, 'Host a community leaders forum', null],
      [null, 'Conduct the Citywide Racial Equity Study', 'Planning Department'],
    ];
    const r = readTable(TABLES.workplan, 'Work plan', grid);
    expect(r.rows.map((x) => x.raw.lead)).toEqual(['Office of Diversity & Equity', 'Planning Department']);
    expect(r.issues.filter((i) => i.code === 'named_above')).toEqual([{
      code: 'named_above', field: 'lead', header: '', sheet: 'Work plan', row: 2, column: 'A', severity: 'warning',
      message: 'Owner (column C) is blank on row 4: took "Office of Diversity & Equity" from this line above the table ("Lead: Office of Diversity & Equity unless noted")',
    }]);
    // A plan's many rows: one warning, their sheet rows in runs, around a heading and a row with its own lead.
    const many = readTable(TABLES.workplan, 'Work plan', [
      ['', 'Lead:', 'Office of Diversity & Equity'],
      ['Phases', 'Tasks', 'Owner'],
      ...Array.from({ length: 6 }, (_, i) => [1, `Task ${i + 1}`, null]),
      ['Phase 2'],
      [2, 'Ordinance', 'City Attorney'],
      ...Array.from({ length: 3 }, (_, i) => [2, `Report ${i + 1}`, null]),
    ]);
    expect(many.issues.filter((i) => i.code === 'named_above').map((i) => [i.row, i.column, i.message])).toEqual([
      [1, 'B', 'Owner (column C) is blank on rows 3–8 and 11–13: took "Office of Diversity & Equity" from this line above the table ("Lead: Office of Diversity & Equity")'],
    ]);
    // With no Lead column, every row takes it, said once at the line.
    const noColumn = readTable(TABLES.workplan, 'Work plan', grid.map((line) => line.slice(0, 2)));
    expect(noColumn.rows.map((x) => x.raw.lead)).toEqual(['Office of Diversity & Equity', 'Office of Diversity & Equity']);
    // At the line's own cell, with no header: it is in no column of the table.
    expect(noColumn.issues.filter((i) => i.code === 'named_above').map((i) => [i.row, i.column, i.header, i.message])).toEqual([[2, 'A', '', 'no Lead column: every row takes "Office of Diversity & Equity" from this line above the table']]);
    // Side by side, each item of a sheet row takes it; the row is said once.
    const roadmap = readTable(TABLES.roadmap, 'Roadmap', [['Lead: Member services'], ['Focus Area', 'Early Actions', 'Additional Strategies', 'Lead'], ['Tools', 'Resources page', 'Self-assessment tool', null]]);
    expect(roadmap.rows.map((x) => x.raw.lead)).toEqual(['Member services', 'Member services']);
    expect(roadmap.issues.filter((i) => i.code === 'named_above').map((i) => [i.row, i.column, i.message])).toEqual([[1, 'A', 'Lead (column D) is blank on row 3: took "Member services" from this line above the table ("Lead: Member services")']]);
  });

  it('says so when the lines above name two leads, and gives neither to the rows', () => {
    const r = readTable(TABLES.workplan, 'Work plan', [['Lead: Planning Department'], ['Lead: Parks and Recreation'], ['Phases', 'Tasks', 'Owner'], [1, 'Host a community leaders forum', null]]);
    expect(r.rows.map((x) => x.raw.lead)).toEqual([null]);
    expect(r.issues.filter((i) => i.code === 'named_above').map((i) => [i.row, i.field, i.message])).toEqual([[2, 'lead',
      'the lines above the table name different leads ("Planning Department" on row 1, "Parks and Recreation" on row 2): neither is given to rows that leave Lead blank']]);
  });

  it('reads a header that could name two dropdown columns by its values, saying so, and else says why it is not read', () => {
    const byValues = readTable(TABLES.requests, 'Requests', [['Date', 'Organization', 'Type'], ['3/2/2026', 'City of Sacramento', 'City'], ['3/9/2026', 'Yolo County', 'County']]);
    expect(byValues.rows.map((x) => x.raw.requesterType)).toEqual(['City', 'County']);
    expect(byValues.issues.filter((i) => i.code === 'header_by_values' || i.code === 'header_tie')).toEqual([{
      code: 'header_by_values', field: '', sheet: 'Requests', row: 1, column: 'C', header: 'Type', severity: 'warning',
      message: 'column "Type" read as Requester type by its values: 2 of its 2 values fit the Requester type list, 0 the Category list (rename it "Requester type" to say so)',
    }]);
    const mixed = readTable(TABLES.requests, 'Requests', [['Date', 'Organization', 'Type'], ['3/2/2026', 'City of Sacramento', 'City'], ['3/9/2026', 'Yolo County', 'Training']]);
    expect(mixed.rows.map((x) => [x.raw.requesterType, x.raw.category])).toEqual([[undefined, undefined], [undefined, undefined]]);
    expect(mixed.issues.filter((i) => i.code === 'header_tie').map((i) => i.message)).toEqual([
      'column "Type" could be Requester type or Category; not read, as its values do not say which: 1 of its 2 values fit the Requester type list, 1 the Category list (rename it "Requester type" or "Category")',
    ]);
  });

  it("keeps a Google Form's \"Other:\" answers as Other with the words in Notes; an office whose Lists have no Other rejects them", () => {
    const grid: Grid = [
      ['Timestamp', 'Name of your organization', 'What type of organization are you?', 'What kind of help do you need?'],
      [new Date('2026-11-02T08:30:00Z'), 'Hewlett Foundation', 'Nonprofit foundation', 'Help with a grant application'],
      [new Date('2026-11-03T08:30:00Z'), 'Yolo County', 'County', 'Language access'],
      [new Date('2026-11-04T08:30:00Z'), 'Delta Stewardship Council', 'State agency', 'Data & evaluation'],
    ];
    const read = readTable(TABLES.requests, 'Form Responses 1', grid, 0, DEFAULT_READ_OPTIONS);
    const rows = validateRows(TABLES.requests, read.rows.map((r) => r.raw), DEFAULT_READ_OPTIONS);
    expect(rows.map((r) => [r.ok, r.values.requesterType, r.values.category, r.values.notes])).toEqual([
      [true, 'Other', 'Other', 'Requester type: Nonprofit foundation\nCategory: Help with a grant application'],
      [true, 'County', 'Language access', null],
      [true, 'State agency', 'Data & evaluation', null],
    ]);
    const lists = DEFAULT_LISTS_GRID.map((line) => [...line]);
    const column = listPlacement('requesterType').column - 1;
    const other = lists.findIndex((line) => line[column] === 'Other');
    lists[other][column] = null;
    const office = readRules(lists).lists;
    expect(office.requesterType).not.toContain('Other');
    const rejected = validateRows(TABLES.requests, readTable(TABLES.requests, 'Form Responses 1', grid, 0, { lists: office }).rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, lists: office });
    expect(rejected.map((r) => [r.ok, r.errors.map((e) => e.code)])).toEqual([[false, ['not_in_list']], [true, []], [true, []]]);
  });

  it('reads a header that could name a dropdown or free text ("Status Update": Status or Notes) by its values, never dropping the column', () => {
    const statuses = readTable(TABLES.workplan, 'Work plan', [['Task', 'Status Update'], ['Train all staff', 'In progress – 60% done'], ['Adopt a tool', 'Completed'], ['Hire an analyst', null]]);
    expect(statuses.rows.map((x) => [x.raw.status, x.raw.notes])).toEqual([['In progress – 60% done', undefined], ['Completed', undefined], [null, undefined]]);
    expect(statuses.issues.filter((i) => i.code === 'header_by_values' || i.code === 'header_tie').map((i) => [i.column, i.message])).toEqual([
      ['B', 'column "Status Update" read as Status by its values: 2 of its 2 values fit the Status list (rename it "Status" to say so)'],
    ]);
    const narrative = readTable(TABLES.workplan, 'Work plan', [['Task', 'Status Update'], ['Train all staff', 'Met with HR on 3/5; sessions set for April'], ['Adopt a tool', 'Completed']]);
    expect(narrative.rows.map((x) => [x.raw.status, x.raw.notes])).toEqual([[undefined, 'Met with HR on 3/5; sessions set for April'], [undefined, 'Completed']]);
    expect(narrative.issues.filter((i) => i.code === 'header_by_values' || i.code === 'header_tie').map((i) => i.message)).toEqual([
      'column "Status Update" read as Notes by its values: 1 of its 2 values fit the Status list (rename it "Notes" to say so)',
    ]);
  });

  it('settles a tied header by the values of its rows alone, not by the header a pasted document repeats on each page', () => {
    const paged = readTable(TABLES.requests, 'Requests', [
      ['Date', 'Organization', 'Type'], ['3/2/2026', 'City of Sacramento', 'City'],
      ['Date', 'Organization', 'Type'], ['3/9/2026', 'Yolo County', 'County'],
      ['Date', 'Organization', 'Type'], ['3/12/2026', 'Sacramento Area COG', 'Joint powers authority'],
    ]);
    expect(paged.rows.map((x) => x.raw.requesterType)).toEqual(['City', 'County', 'Joint powers authority']);
    expect(paged.issues.find((i) => i.code === 'header_by_values')?.message).toContain('2 of its 3 values fit the Requester type list, 0 the Category list');
  });

  it('skips a status legend pasted into a plan, in its own capitals and plurals, with one warning naming its row, cells and list', () => {
    const grid: Grid = [
      ['Phase', 'Goal', 'Task', 'Status'],
      [1, 'Alignment', 'Host a forum', 'In progress'],
      ['Completed', 'In progress', 'Not started'],
      [null, 'Completed', 'In Progress', 'Not Started'],
      [null, null, 'Complete', 'On Hold'],
      ['Status legend: Completed · In progress · Not started'],
      [null, null, 'Completed  In Progress  Not Started'],
      ['Key:', 'Done', 'Ongoing', 'Planned'],
      [2, 'Learning', 'Integrate findings', 'Not started'],
    ];
    const r = readTable(TABLES.workplan, 'Plan', grid);
    // Two choices with one in the Status column may be a task named by a status word: kept, said so.
    expect(r.rows.map((x) => x.row)).toEqual([2, 5, 9]);
    // Typed in the Phase column, it would have been a heading naming the phase of the rows below.
    expect(r.rows[2].raw.phase).toBe('Phase 2');
    expect(r.issues.filter((i) => i.code === 'legend_row').map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'A', 'this row lists Status values ("Completed", "In progress", "Not started") and nothing else: a legend pasted with the table; skipped'],
      [4, 'B', 'this row lists Status values ("Completed", "In Progress", "Not Started") and nothing else: a legend pasted with the table; skipped'],
      [5, 'C', 'this row holds only Status values ("Complete", "On Hold"): read as a row, as "On Hold" is under "Status" (if it is a legend pasted with the table, delete it)'],
      [6, 'A', 'this row lists Status values ("Completed", "In progress", "Not started") and nothing else: a legend pasted with the table; skipped'],
      [7, 'C', 'this row lists Status values ("Completed", "In Progress", "Not Started") and nothing else: a legend pasted with the table; skipped'],
      [8, 'A', 'this row lists Status values ("Done", "Ongoing", "Planned") and nothing else: a legend pasted with the table; skipped'],
    ]);
    expect(r.issues.filter((i) => i.row! > 2 && i.row! < 9).map((i) => i.code)).toEqual(Array(6).fill('legend_row'));
    // Statuses each in a Status column are a row's values (items with no action, reported), not a legend.
    const roadmap = readTable(TABLES.roadmap, 'Roadmap', [['Focus Area', 'Early Actions', 'Status', 'Additional Strategies', 'Status'], ['Tools', 'Resources page', 'Completed', 'Audit', 'Not started'], [null, null, 'Completed', null, 'In progress']]);
    expect(roadmap.rows.map((x) => [x.row, x.raw.status])).toEqual([[2, 'Completed'], [2, 'Not started'], [3, 'Completed'], [3, 'In progress']]);
    expect(roadmap.issues.map((i) => i.code)).not.toContain('legend_row');
    // A task beside the choices, or one choice twice, is no legend.
    const rows = readTable(TABLES.workplan, 'Plan', [['Task', 'Status', 'Notes'], ['Completed', 'Completed', 'In progress'], ['Not started', 'In progress', 'Completed']]);
    expect(rows.rows.map((x) => x.row)).toEqual([2]);
  });

  it("keeps a task named by a status word beside its status or timeline, or a goal and a status alone: two choices, one where a row holds a value of its own kind, are a row (said so), not a legend", () => {
    const plan: Grid = [['Phase', 'Goal', 'Task', 'Status'], [1, 'Alignment', 'Host a forum', 'In progress']];
    const r = readTable(TABLES.workplan, 'Plan', [...plan, [null, null, 'Planning', 'Completed'], [null, 'Planning', null, 'In progress'], [null, 'Completed', 'In Progress', 'Not Started'], [null, 'Completed', 'In progress']]);
    expect(r.rows.map((x) => [x.row, x.raw.goal, x.raw.task, x.raw.status])).toEqual([
      [2, 'Alignment', 'Host a forum', 'In progress'], [3, 'Alignment', 'Planning', 'Completed'], [4, 'Planning', null, 'In progress'],
    ]);
    expect(r.issues.filter((i) => i.code === 'legend_row').map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'C', 'this row holds only Status values ("Planning", "Completed"): read as a row, as "Completed" is under "Status" (if it is a legend pasted with the table, delete it)'],
      [4, 'B', 'this row holds only Status values ("Planning", "In progress"): read as a row, as "In progress" is under "Status" (if it is a legend pasted with the table, delete it)'],
      [5, 'B', 'this row lists Status values ("Completed", "In Progress", "Not Started") and nothing else: a legend pasted with the table; skipped'],
      [6, 'B', 'this row lists Status values ("Completed", "In progress") and nothing else: a legend pasted with the table; skipped'],
    ]);
    // With no Status column, a timeline typed as a status word ("Ongoing") is a timeline: the row is kept.
    const timeline = readTable(TABLES.workplan, 'Plan', [['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Feb 2026 – Aug 2027'], [null, null, 'Planning', 'Ongoing']]);
    expect(timeline.rows.map((x) => [x.row, x.raw.task])).toEqual([[2, 'Host a forum'], [3, 'Planning']]);
    expect(timeline.issues.filter((i) => i.code === 'legend_row').map((i) => [i.row, i.column])).toEqual([[3, 'C']]);
    const requests = readTable(TABLES.requests, 'Requests', [['Received', 'Organization', 'Description', 'Priority', 'Status'], [null, null, 'Urgent', 'High', null]]);
    expect(requests.rows.map((x) => [x.row, x.raw.description, x.raw.priority])).toEqual([[2, 'Urgent', 'High']]);
  });

  it("keeps a row of status words a legend would not spell so (a goal 'Planning', a task 'Ongoing' or 'Done; ongoing'), said so, and still skips the legends", () => {
    const plan: Grid = [['Phase', 'Goal', 'Task', 'Status'], [1, 'Alignment', 'Host a forum', 'In progress']];
    const r = readTable(TABLES.workplan, 'Plan', [
      ...plan, [null, 'Planning', 'Ongoing', 'Completed'], [null, null, 'Done; ongoing'], [null, 'Completed', 'In Progress', 'Not Started'], ['Status legend: Completed · In progress · Not started'],
      [null, 'Done', 'Ongoing'], [null, null, null, 'Done; ongoing'], [null, null, null, 'Completed · In progress'],
    ]);
    expect(r.rows.map((x) => [x.row, x.raw.goal, x.raw.task, x.raw.status ?? null])).toEqual([
      [2, 'Alignment', 'Host a forum', 'In progress'], [3, 'Planning', 'Ongoing', 'Completed'], [4, 'Planning', 'Done; ongoing', null], [7, 'Done', 'Ongoing', null], [8, 'Done', null, 'Done; ongoing'],
    ]);
    expect(r.issues.filter((i) => i.code === 'legend_row').map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'B', 'this row holds only Status values ("Planning", "Ongoing", "Completed"): read as a row, as "Planning" under "Goal" is not how a legend names Not started (if it is a legend pasted with the table, delete it)'],
      [4, 'C', 'this row holds only Status values ("Done", "ongoing"): read as a row, as "Done" under "Task" is not how a legend names Completed (if it is a legend pasted with the table, delete it)'],
      [5, 'B', 'this row lists Status values ("Completed", "In Progress", "Not Started") and nothing else: a legend pasted with the table; skipped'],
      [6, 'A', 'this row lists Status values ("Completed", "In progress", "Not started") and nothing else: a legend pasted with the table; skipped'],
      [7, 'B', 'this row holds only Status values ("Done", "Ongoing"): read as a row, as "Done" under "Goal" is not how a legend names Completed (if it is a legend pasted with the table, delete it)'],
      [8, 'D', 'this row holds only Status values ("Done", "ongoing"): read as a row, as "Done" under "Status" is not how a legend names Completed (if it is a legend pasted with the table, delete it)'],
      [9, 'D', 'this row lists Status values ("Completed", "In progress") and nothing else: a legend pasted with the table; skipped'],
    ]);
  });

  it("reads each of a table's choice lists once per read, for its legends and its choices in place alike", () => {
    const reads: string[] = [];
    const lists = new Proxy(DEFAULT_READ_OPTIONS.lists, { get: (all, key: string) => (reads.push(key), all[key]) });
    readTable(TABLES.workplan, 'Plan', [['Phase', 'Goal', 'Task', 'Status'], [1, 'Alignment', 'Host a forum', 'In progress']], 0, { lists });
    expect(reads.filter((k) => k === 'workplanStatus')).toHaveLength(1);
  });

  it('keeps a request whose cells are words that also name columns, when one is a choice in its own column ("Email" under Channel)', () => {
    const header = ['Received', 'Organization', 'Requester type', 'Channel', 'Description', 'Status'];
    const r = readTable(TABLES.requests, 'Requests', [header, [null, 'Agency', null, 'Email', null, 'Completed'], [null, null, null, 'Email', null, 'Fulfilled'], [null, 'Requester', null, 'Contact', null, 'Notes']]);
    expect(r.rows.map((x) => [x.row, x.raw.requesterOrg, x.raw.channel, x.raw.status])).toEqual([[2, 'Agency', 'Email', 'Completed'], [3, null, 'Email', 'Fulfilled']]);
    expect(r.issues.filter((i) => i.code === 'repeated_header').map((i) => [i.row, i.column])).toEqual([[4, 'B']]);
  });

  it('points each line it sets aside (a repeated header or title, a heading, a note) at its first cell, as Data quality shows a cell', () => {
    const grid: Grid = [
      ['Citywide Work Plan'], ['Phase', 'Goal', 'Task', 'Status'], [1, 'Alignment', 'Host a forum', 'In progress'], ['Phase', 'Goal', 'Task', 'Status'],
      [null, 'Citywide Work Plan'], ['Phase 2: Organize'], [2, 'Learning', 'Integrate findings', 'Not started'], [null, null, 'Notes: funding from the general fund'],
    ];
    const r = readTable(TABLES.workplan, 'Plan', grid);
    expect(r.rows.map((x) => x.row)).toEqual([3, 7]);
    expect(r.issues.filter((i) => i.code !== 'phase_named').map((i) => [i.code, i.row, i.column])).toEqual([
      ['repeated_header', 4, 'A'], ['repeated_header', 5, 'B'], ['section_row', 6, 'A'], ['note_row', 8, 'C'],
    ]);
  });

  it("sets aside an office's totals rows (a label over its figures' columns), and keeps a row whose name only opens with such a word", () => {
    const header = ['Ticket #', 'Received', 'Organization', 'Requester type', 'Est. hours', 'Hours', 'Rating'];
    const grid: Grid = [
      ['TA Log FY27'], header,
      ['TA-26-001', '2026-07-02', 'Dept. of Public Health', 'State agency', 20, 12, 4],
      ['TA-26-002', '2026-07-08', 'City of Fresno', 'City', 6, 5, 5],
      ['TOTAL', null, null, null, 26, 17, null],
      ['Average rating', null, null, null, null, null, 4.5],
      ['Subtotal:', null, null, null, '26', null, null],
      ['Total rewards survey', '2026-08-01', null, null, 8, null, null],
      ['Prepared by: A. Rivera, updated 11/30/2026'],
    ];
    const r = readTable(TABLES.requests, 'TA Log FY27', grid);
    expect(r.rows.map((x) => [x.row, x.raw.requestId])).toEqual([[3, 'TA-26-001'], [4, 'TA-26-002'], [8, 'Total rewards survey']]);
    expect(r.issues.filter((i) => i.code === 'totals_row').map((i) => [i.row, i.column, i.message])).toEqual([
      [5, 'A', 'this row is a totals row ("TOTAL"), not a request; not read as a row'],
      [6, 'A', 'this row is a totals row ("Average rating"), not a request; not read as a row'],
      [7, 'A', 'this row is a totals row ("Subtotal:"), not a request; not read as a row'],
    ]);
  });

  it('reads an empty sheet as no rows', () => {
    expect(readTable(TABLES.roadmap, 'Roadmap', []).rows).toEqual([]);
    expect(readTable(TABLES.roadmap, 'Roadmap', [[null], ['']]).rows).toEqual([]);
  });
});

describe('textFieldsOf', () => {
  it('names a field holding text typed as "#N/A" on its own row and on the rows below that leave it blank (same as above), and not an error cell carried down', () => {
    const grid: Grid = [['Goal', 'Task', 'Status'], ['#N/A', 'Host a forum', 'In progress'], [null, 'Train staff', 'Completed'], ['#REF!', 'Audit', 'Not started'], [null, 'Report', 'Not started']];
    const read = readTable(TABLES.workplan, 'Plan', grid);
    const columnOf = (field: string) => fieldColumn(read.map, field).index! + 1;
    // Row 2's goal is typed text, row 4's a formula's error: the host names only the first (0-based row:column).
    expect(read.rows.map((r) => textFieldsOf(r, new Set(['1:0']), columnOf))).toEqual([['goal'], ['goal'], undefined, undefined]);
  });
});

describe('readTable, with another table stacked below', () => {
  const grid = stackedTables.sheets[0].rows as Grid;
  const read = readTable(TABLES.workplan, 'Sheet1', grid, 0);

  it('ends the table before the next header, which it names', () => {
    expect(read.rows.map((r) => r.row)).toEqual(Array.from({ length: 24 }, (_, i) => i + 2));
    expect(read.nextAt).toBe(33);
    expect(read.issues.filter((i) => i.code === 'another_table')).toEqual([]);
    expect(validateRows(TABLES.workplan, read.rows.map((r) => r.raw)).filter((r) => !r.ok)).toEqual([]);
  });

  it('reads each table below as the one its header names, with the rows of the sheet, and says where each was found', () => {
    const reads = readStacked(read, 'Sheet1', grid);
    expect(reads.map((r) => [r.table.name, r.headerRow, r.rows[0].row, r.rows[r.rows.length - 1].row])).toEqual([['workplan', 1, 2, 25], ['workplan', 33, 34, 44], ['roadmap', 50, 51, 65]]);
    expect(reads[1].rows[2]).toMatchObject({ row: 36, raw: { phase: 'Normalize', task: 'Racial-equity workshops for senior and executive staff', target: '2 workshops' } });
    expect(reads[2].rows[3].raw).toMatchObject({ focusArea: 'Education, training and peer learning', kind: 'Additional strategy' });
    expect(reads.flatMap((r) => r.issues.filter((i) => i.code === 'another_table').map(formatCellIssue))).toEqual([
      'Sheet1 row 33: read a second table (Work plan) from row 33 of sheet Sheet1, with its title from row 29 ("## A city\'s Office of Racial Equity…")',
      'Sheet1 row 50: read a third table (Roadmap) from row 50 of sheet Sheet1, with its title from row 48 ("## An association of cities\' equity…")',
    ]);
    // The lines between two tables are the upper one's notes, said once, down to the title naming the lower.
    expect(reads.flatMap((r) => r.issues.filter((i) => i.code === 'note_row').map((i) => i.row))).toEqual([27, 46]);
  });

  it("gives a table below the year of the sheet's title, and nothing of the rows above it", () => {
    const sheet: Grid = [['2024 calendar'], ['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Mar 2024'], ['Date', 'Milestone', 'Team', 'Status'], ['March 15', 'Forum', 'ODE', 'Completed']];
    const reads = readStacked(readTable(TABLES.workplan, 'Sheet1', sheet, 1), 'Sheet1', sheet);
    expect(reads.map((r) => [r.table.name, r.rows.map((x) => x.row)])).toEqual([['workplan', [3]], ['milestones', [5]]]);
    // The year, not the label of the plan's Timeline, which the milestones below have no column of.
    expect(reads[0].title).toEqual({ titleYear: 2024, labels: { startOn: 'Timeline' } });
    expect(reads[1].title).toEqual({ titleYear: 2024 });
    expect(validateRows(TABLES.milestones, reads[1].rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...reads[1].title })[0]).toMatchObject({ ok: true, values: { date: '2024-03-15' } });
  });

  it('gives a lead named above the first table to a table below with no title of its own, not to one under its own title (its own section)', () => {
    const plan: Grid = [['Lead: Office of Diversity & Equity unless noted'], ['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Feb 2026 – Aug 2027'], []];
    const roadmap: Grid = [['Focus area', 'Kind', 'Action'], ['Tools', 'Early action', 'Resources page']];
    const leads = (sheet: Grid) => readStacked(readTable(TABLES.workplan, 'Sheet1', sheet, 1), 'Sheet1', sheet).map((r) => [r.table.name, r.rows[0].raw.lead ?? null, r.issues.filter((i) => i.code === 'named_above').length]);
    expect(leads([...plan, ["## An association of cities' equity roadmap"], ...roadmap])).toEqual([['workplan', 'Office of Diversity & Equity', 1], ['roadmap', null, 0]]);
    expect(leads([...plan, ...roadmap])).toEqual([['workplan', 'Office of Diversity & Equity', 1], ['roadmap', 'Office of Diversity & Equity', 1]]);
  });

  it('reads a table the sheet held whose header broke (a typo) as that table, at that row, with its missing column, not as rows of the table above', () => {
    const sheet: Grid = [
      ['Organization', 'Date received', 'Status'], ['City A', '3/2/2026', 'New'], [],
      ['Goal', 'Tsk', 'Status'], ['Normalize', 'Train department heads', 'In progress'], ['Organize', 'TA on action plans', 'Not started'],
    ];
    const first = readTable(TABLES.requests, 'Plan', sheet, 0);
    const reads = readStacked(first, 'Plan', sheet, {}, [TABLES.workplan]);
    expect(reads.map((r) => [r.table.name, r.headerRow, r.rows.map((x) => x.row), r.nextAt])).toEqual([['requests', 1, [2], 4], ['workplan', 4, [], undefined]]);
    expect(reads[1].issues.filter((i) => i.severity === 'error').map(formatCellIssue)).toEqual([expect.stringMatching(/^Plan row 4 \(Task\): no Task column, so the table was not read.*the headers are "Goal", "Status", "Tsk"$/)]);
    // Held by no table, the same line is a row of the table above, as before.
    expect(readStacked(first, 'Plan', sheet).map((r) => [r.table.name, r.rows.map((x) => x.row)])).toEqual([['requests', [2, 4, 5, 6]]]);
  });

  it('says a table the sheet held stacked under another has no header row any more, reading none of the sheet as it', () => {
    const sheet: Grid = [['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Feb 2026 – Aug 2027'], [], ['Tools', 'Early action', 'Resources page']];
    const first = readTable(TABLES.workplan, 'Plan', sheet, 0);
    const reads = readStacked(first, 'Plan', sheet, {}, [TABLES.workplan, TABLES.roadmap]);
    expect(reads.map((r) => [r.table.name, r.rows.length])).toEqual([['workplan', 2], ['roadmap', 0]]);
    expect(reads[1].issues.map(formatCellIssue)).toEqual(['Plan row 1: no Roadmap header row found below this one (with a column such as "Action"), so the Roadmap rows synced from this sheet were not read and stay stored; put their header back above them']);
    // A sheet that held the table alone, now another's, is that one's.
    expect(readStacked(first, 'Plan', sheet, {}, [TABLES.roadmap])).toHaveLength(1);
  });

  it('reads the lines between the tables as notes under the first, not as phases, from the title naming the table below on as its title', () => {
    expect(read.issues.filter((i) => i.row! > 25 && i.row! < 33).map((i) => [i.row, i.code])).toEqual([[27, 'note_row']]);
    const reads = readStacked(read, 'Sheet1', stackedTables.sheets[0].rows);
    expect(reads.map((r) => r.issues.find((i) => i.code === 'another_table')?.message)).toEqual([
      undefined,
      'read a second table (Work plan) from row 33 of sheet Sheet1, with its title from row 29 ("## A city\'s Office of Racial Equity…")',
      'read a third table (Roadmap) from row 50 of sheet Sheet1, with its title from row 48 ("## An association of cities\' equity…")',
    ]);
  });

  it('sets aside a numbered footnote under a table ("1. Source: …", "(2) Note: …", "¹ Tentative"), and keeps a numbered task', () => {
    const grid: Grid = [['Task', 'Lead', 'Status'], ['Host a forum', 'ODE', 'In progress'], ['1. Source: City budget, p. 12'], ['(2) Note: dates are tentative'], ['[3] Sources: staff reports'], ['¹ Tentative'], ['4. Draft the action plan']];
    const read = readTable(TABLES.workplan, 'Plan', grid, 0);
    expect(read.issues.filter((i) => i.code === 'note_row').map((i) => i.row)).toEqual([3, 4, 5, 6]);
    expect(read.rows.map((r) => r.raw.task)).toEqual(['Host a forum', '4. Draft the action plan']);
  });

  it("takes a title right above a table below another (\"Milestones 2026\") as its title, the year of its dates, not as a note under the table above", () => {
    const sheet: Grid = [
      ['Work plan 2025'], ['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Sep – Dec'], [], ['Source: city budget office'], ['Milestones 2026'],
      ['Date', 'Milestone', 'Team', 'Status'], ['March 15', 'Forum', 'ODE', 'Not started'],
    ];
    const reads = readStacked(readTable(TABLES.workplan, 'Sheet1', sheet, 1), 'Sheet1', sheet);
    expect(reads.map((r) => [r.table.name, r.rows.map((x) => x.row), r.title])).toEqual([['workplan', [3], { titleYear: 2025, labels: { startOn: 'Timeline' } }], ['milestones', [8], { titleYear: 2026 }]]);
    expect(reads.flatMap((r) => r.issues).filter((i) => i.row! > 3 && i.row! < 8).map((i) => [i.row, i.code])).toEqual([[5, 'note_row'], [7, 'another_table']]);
    expect(validateRows(TABLES.milestones, reads[1].rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...reads[1].title })[0]).toMatchObject({ ok: true, values: { date: '2026-03-15' } });
    // A line that names no table and no year stays a note of the table above; one cell under Task, a task.
    const noted = [...sheet.slice(0, 5), ['Funding through the general fund'], ...sheet.slice(6)];
    expect(readTable(TABLES.workplan, 'Sheet1', noted, 1).issues.filter((i) => i.code === 'note_row').map((i) => i.row)).toEqual([5, 6]);
    const task = [...sheet.slice(0, 5), [null, null, 'Publish the 2026 milestones'], ...sheet.slice(6)];
    expect(readTable(TABLES.workplan, 'Sheet1', task, 1).rows.map((x) => [x.row, x.raw.task])).toEqual([[3, 'Host a forum'], [6, 'Publish the 2026 milestones']]);
  });

  it('reads a header repeated on a later page (one that would fit another table too), and a row of header words, as before', () => {
    const plan: Grid = [['Goal', 'Task', 'Status', 'Timeline'], ['Goal', 'Task', 'In progress', 'TBD'], ['goal', 'task', 'status', 'timeline'], ['Organize', 'Status', 'Completed', 'Jan 2027 – Dec 2027']];
    const again = readTable(TABLES.workplan, 'Plan', plan, 0);
    expect(again.rows.map((r) => r.row)).toEqual([2, 4]);
    expect(again.nextAt).toBeUndefined();
  });

  it("keeps every row under this table's header repeated short of a column, respelled or shifted, and under a data row of header words", () => {
    const plan: Grid = [['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Feb 2026 – Aug 2027']];
    const last: Grid = [[3, 'Learning', 'Integrate findings', 'Jan 2029 – Dec 2029']];
    for (const line of [[null, 'Goals', 'Tasks', 'Timeframe'], ['Goal', 'Task', 'Timeline'], [null, 'Phase', 'Goal', 'Task', 'Timeline'], [2, 'Goal', 'Activity', 'Status']] as Grid) {
      const read = readTable(TABLES.workplan, 'Plan', [...plan, line, ...last], 0);
      expect(read.rows.map((r) => r.row), String(line)).toContain(4);
      expect(read.nextAt, String(line)).toBeUndefined();
    }
    const milestones: Grid = [['Date', 'Milestone', 'Team', 'Status'], ['Jan 5', 'Kickoff', 'ODE', 'Completed'], ['Date(s)', 'Milestone', 'Department'], ['Mar 1', 'Report', 'Council', 'Not started']];
    expect(readTable(TABLES.milestones, 'Calendar', milestones, 0).rows.map((r) => r.row)).toContain(4);
  });

  it("reads on past a row of header words that names no column this plan lacks but generic ones (a sub-table's heading, another page's header), setting it aside", () => {
    const plan: Grid = [['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Feb 2026 – Aug 2027']];
    const last: Grid = [[3, 'Learning', 'Integrate findings', 'Jan 2029 – Dec 2029']];
    for (const line of [['Goal', 'Activity', 'Status'], [null, 'Goal', 'Activity', 'Status'], ['Goals', 'Activities', 'Lead', 'Status']] as Grid) {
      const read = readTable(TABLES.workplan, 'Plan', [...plan, line, ...last], 0);
      expect(read.rows.map((r) => r.row), String(line)).toEqual([2, 4]);
      expect(read.issues.filter((i) => i.code === 'another_table'), String(line)).toEqual([]);
      const column = line[0] === null ? 'B' : 'A';
      expect(read.issues.filter((i) => i.code === 'repeated_header').map((i) => [i.row, i.column, i.message]), String(line)).toEqual([
        [3, column, `this row names columns (${line.filter((v) => v !== null).map((v) => `"${v}"`).join(', ')}), not values: a page header or a sub-table's heading; skipped`],
      ]);
    }
  });

  it('reads the topmost table of a sheet, not a heavier one pasted below it over its rows, and says where that one starts', () => {
    const grid: Grid = [['Date', 'Milestone', 'Team', 'Status'], ['Jan 5', 'Kickoff', 'ODE', 'Completed'], ['Feb 2', 'Forum', 'ODE', 'In progress'], [], ['Request ID', 'Received', 'Organization', 'Status', 'Description'], ['R1', '2024-01-02', 'Dept of Health', 'Completed', 'Help']];
    const located = locateTable('Sheet1', grid)!;
    expect([located.table.name, located.headerIndex]).toEqual(['milestones', 0]);
    const read = readTable(located.table, 'Sheet1', grid, located.headerIndex);
    expect(read.rows.map((r) => r.row)).toEqual([2, 3]);
    expect(read.nextAt).toBe(5);
  });

  it('reads a header that several tables could start as the one it names best, not the first table tried', () => {
    // Description, Status and Due date are all a work plan's and a milestone's columns too, by their words.
    const located = locateTable('Sheet1', [['Description', 'Status', 'Due date'], ['Publish the report', 'Not started', '2026-03-01']])!;
    expect([located.table.name, located.headerIndex]).toEqual(['roadmap', 0]);
  });

  it('keeps a sheet synced as a table whose required header broke as that table, and gives one whose headers all changed to the new table', () => {
    const log = (received: string): Grid => [['TA Log FY27'], [], ['Ticket #', received, 'Agency / Jurisdiction', 'Type of requester', 'Contact', 'E-mail', 'How received', 'Reactive/proactive', 'Type of TA', 'Details', 'Priority', 'Status', 'Assigned to', 'Needed by', 'Follow up', 'Est. hours', 'Hours', 'Completed', 'Result', 'Rating', 'Comments', 'Board item?']];
    expect(locateTable('TA Log FY27', log("Date Rec'd"))?.table.name).toBe('requests');
    // Without the sheet's past, the broken log reads as a work plan: "Board item?" is a plan's item, Status and Assigned to a plan's words too.
    expect(locateTable('TA Log FY27', log('Logged'))?.table.name).toBe('workplan');
    expect(locateTable('TA Log FY27', log('Logged'), [TABLES.requests])).toEqual({ table: TABLES.requests, headerIndex: 2 });
    const plan: Grid = [['Phase', 'Goal', 'Task', 'Lead', 'Timeline', 'Status'], [1, 'Alignment', 'Host a forum', 'ODE', 'Feb 2026 – Aug 2027', 'In progress']];
    expect(locateTable('TA Log FY27', plan, [TABLES.requests])?.table.name).toBe('workplan');
    // Its Organization renamed, a short log names a plan by more words (Who, Status, Due date) than a log: its
    // Request #, Date received and Description are a log's alone, so it stays one. Every header changed to a milestone
    // table's (Date and Status are a log's too, but not a log's alone): milestones.
    const short = (org: string): Grid => [['Request #', 'Date received', org, 'Description', 'Status', 'Due date']];
    expect(locateTable('TA Log FY27', short('Who'))?.table.name).toBe('workplan');
    expect(locateTable('TA Log FY27', short('Who'), [TABLES.requests])?.table.name).toBe('requests');
    expect(locateTable('TA Log FY27', [['Date', 'Milestone', 'Team', 'Status']], [TABLES.requests])?.table.name).toBe('milestones');
  });

  it('still ends a table where another starts whose columns this table also has', () => {
    const grid: Grid = [['Date', 'Milestone', 'Team', 'Status'], ['Jan 5', 'Kickoff', 'ODE', 'Completed'], ['Focus area', 'Kind', 'Action', 'Lead', 'Status'], ['Tools', 'Early action', 'Resources page', 'ODE', 'Not started']];
    const read = readTable(TABLES.milestones, 'Calendar', grid, 0);
    expect(read.rows.map((r) => r.row)).toEqual([2]);
    expect(read.nextAt).toBe(3);
    // A roadmap's Action is a work plan's Task too: its header is still the roadmap's, which it names better.
    const plans: Grid = [['Phase', 'Goal', 'Task', 'Timeline'], [1, 'Alignment', 'Host a forum', 'Feb 2026 – Aug 2027'], ['focus area', 'kind', 'action'], ['Tools', 'Early action', 'Resources page']];
    expect(readTable(TABLES.workplan, 'Sheet1', plans, 0).nextAt).toBe(3);
  });
});

describe('a milestone calendar that ticks what is done (QA7)', () => {
  it.each(['Done?', 'Done', 'Complete', 'Status'])('reads check marks under %j as the status', (header) => {
    const grid: Grid = [
      ['Date', 'Milestones', 'Team', header],
      ['1/26/2026', 'Council retreat', 'ODE', '☑'],
      ['2/10/2026', 'GARE convening', 'ODE', '☐'],
      ['3/01/2026', 'Budget training', 'Budget', true],
      ['3/02/2026', 'Data workshop', 'IT', ''],
    ];
    const read = readTable(TABLES.milestones, 'Milestones', grid);
    const rows = validateRows(TABLES.milestones, read.rows.map((r) => r.raw), DEFAULT_READ_OPTIONS);
    expect(rows.map((r) => [r.values.milestone, r.values.status, r.errors.length])).toEqual([
      ['Council retreat', 'Completed', 0], ['GARE convening', null, 0], ['Budget training', 'Completed', 0], ['Data workshop', null, 0],
    ]);
  });
});

describe('rows above the header', () => {
  const header = ['Request ID', 'Received', 'Requesting organization', 'Requester type', 'Status', 'Assignee'];
  const row = (n: number): CellInput[] => [`TA-${n}`, '3/15/2026', `City ${n}`, 'City', 'New', 'A. Rivera'];
  // The first page's header lost a name to a merge (Received merged over the organization's cell): the complete
  // header repeated on the next page is the one read, and the rows between were taken for title lines.
  const pasted: Grid = [['TA requests 2026'], ['Request ID', 'Received', null, 'Requester type', 'Status', 'Assignee'], row(1), row(2), header, row(3), row(4), row(5)];

  it('are said, with where the header is, when they are filled in as the table\'s rows are: no row is left unread unannounced', () => {
    const located = locateTable('Sheet1', pasted)!;
    expect(located.headerIndex).toBe(4);
    const read = readTable(located.table, 'Sheet1', pasted, located.headerIndex);
    expect(read.rows.map((r) => r.row)).toEqual([6, 7, 8]);
    expect(read.issues.filter((i) => i.code === 'outside_table').map((i) => [i.row, i.column, i.severity, i.message])).toEqual([
      [3, 'A', 'warning', 'rows 3–4 are above the header (row 5), so they are not read as rows of the table; if they belong to it, give the header above them every column\'s name, or move them below row 5'],
    ]);
  });

  it('are not said for a title, a note or a row of group names over the header', () => {
    const grid: Grid = [['TA requests 2026'], ['Prepared by the Office of Equity', null, 'Updated monthly'], ['Request', null, null, 'Tracking', null, null], header, row(1)];
    const read = readTable(TABLES.requests, 'Requests', grid, 3);
    expect(read.issues.filter((i) => i.code === 'outside_table')).toEqual([]);
  });
});

describe('a status the office added to its Lists that the status formulas name', () => {
  it('says nothing of a work plan\'s "Postponed", "Paused" or "Ongoing": the formula reads them as On hold or In progress, not by their dates alone', () => {
    const lists = DEFAULT_LISTS_GRID.map((line) => [...line]);
    const column = listPlacement('workplanStatus').column - 1;
    lists[5][column] = 'Postponed';
    lists[6][column] = 'Paused';
    lists[7][column] = 'Ongoing';
    const plan: CellInput[][] = [
      ['Task', 'Start', 'End', 'Status'],
      ['Equity ordinance', '2026-01-01', '2026-06-30', 'Postponed'],
      ['Department plans', '2026-01-01', '2026-06-30', 'Paused'],
      ['Training', '2026-01-01', '2026-06-30', 'Ongoing'],
    ];
    const read = readTable(TABLES.workplan, 'Work plan', plan, 0, { lists: readRules(lists).ownLists! });
    expect(read.issues.filter((i) => i.code === 'added_choice')).toEqual([]);
  });
});

describe('a milestone calendar that lists separate days in one cell', () => {
  const calendar: Grid = [
    ['2026 Milestones'],
    ['Date', 'Milestone', 'Team', 'Status'],
    ['Mar. 3 & 10, 2026', 'Racial equity training, delivered twice', 'ODE', 'Not started'],
    ['Apr 7, 14 & 21, 2026', 'Committee meetings', 'Commission', 'Not started'],
    ['Mar. 3-10, 2026', 'Listening sessions', 'ODE', 'Not started'],
  ];
  const read = readTable(TABLES.milestones, 'Milestones', calendar, 1, DEFAULT_READ_OPTIONS);
  const results = validateRows(TABLES.milestones, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });

  it('keeps every row, dated by its first day and ended by its last, saying the days are separate', () => {
    expect(results.map((r) => [r.ok, r.values.date, r.values.endOn])).toEqual([
      [true, '2026-03-03', '2026-03-10'], [true, '2026-04-07', '2026-04-21'], [true, '2026-03-03', '2026-03-10'],
    ]);
    expect(results.map((r) => r.warnings.map((w) => w.message))).toEqual([
      ['Date: "Mar. 3 & 10, 2026" names 2 separate days, not a span: 2026-03-03 and 2026-03-10; dated by the first and ended by the last, so its status waits for the last day'],
      // Milestones keep no notes: the day between is named in the warning, which reaches the Data quality sheet.
      ['Date: "Apr 7, 14 & 21, 2026" names 3 separate days, not a span: 2026-04-07, 2026-04-14 and 2026-04-21; dated by the first and ended by the last, so its status waits for the last day; "Apr 7, 14 & 21, 2026" is not stored'],
      // A run is one span, with nothing to say.
      [],
    ]);
  });

  it('is not missed after its first day while a day is left, and missed after its last', () => {
    const status = (asOf: string) => milestoneStatus(results[0].values as { date: unknown; endOn: unknown; status: unknown }, DEFAULT_RULES, asOf);
    expect([status('2026-02-20'), status('2026-03-05'), status('2026-03-11')]).toEqual(['Upcoming', 'Due this week', 'Missed']);
  });

  it('keeps a Timeline of separate days in a plan as its start and end, and a day between them, as typed, in Notes', () => {
    const grid: Grid = [
      ['Task', 'Timeline', 'Notes'],
      ['Train department heads', 'Apr 7, 14 & 21, 2026', 'Room B'],
      ['Department workshops', 'Mar. 3 & 10, 2026', null],
    ];
    const plan = readTable(TABLES.workplan, 'Work plan', grid, 0, DEFAULT_READ_OPTIONS);
    const [three, two] = validateRows(TABLES.workplan, plan.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...plan.title });
    expect([three.values.startOn, three.values.endOn, three.values.notes]).toEqual(['2026-04-07', '2026-04-21', 'Room B\nTimeline: Apr 7, 14 & 21, 2026']);
    expect(three.warnings.map((w) => [w.field, w.message])).toEqual([['startOn', 'Start: "Apr 7, 14 & 21, 2026" names 3 separate days, not a span: 2026-04-07, 2026-04-14 and 2026-04-21; dated by the first and ended by the last, so its status waits for the last day; kept "Apr 7, 14 & 21, 2026" in Notes']]);
    // Two days are the span's two ends: nothing is left for Notes, and the warning says they are days.
    expect([two.values.startOn, two.values.endOn, two.values.notes]).toEqual(['2026-03-03', '2026-03-10', null]);
    expect(two.warnings.map((w) => w.message)).toEqual(['Start: "Mar. 3 & 10, 2026" names 2 separate days, not a span: 2026-03-03 and 2026-03-10; dated by the first and ended by the last, so its status waits for the last day']);
    // Said once, where the row is validated, not again by the reader.
    expect(plan.issues.filter((i) => i.code === 'date_range')).toEqual([]);
  });

  it('reads a Timeline of separate days with its year typed as one whose year the title gives', () => {
    const [typed, titled] = [[['Task', 'Timeline'], ['Train', 'Apr 7, 14 & 21, 2026']], [['2026 Work plan'], ['Task', 'Timeline'], ['Train', 'Apr 7, 14 & 21']]].map((grid: Grid) => {
      const plan = readTable(TABLES.workplan, 'Work plan', grid, grid.length - 2, DEFAULT_READ_OPTIONS);
      return validateRows(TABLES.workplan, plan.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...plan.title })[0].values;
    });
    expect([typed.startOn, typed.endOn, typed.notes]).toEqual(['2026-04-07', '2026-04-21', 'Timeline: Apr 7, 14 & 21, 2026']);
    expect([titled.startOn, titled.endOn, titled.notes]).toEqual(['2026-04-07', '2026-04-21', 'Timeline: Apr 7, 14 & 21']);
  });
});
