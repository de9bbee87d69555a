// Rows → typed values with per-field errors and warnings; a batch adds the "2004 in a 2024 plan" check.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { workplanContent } from '../../templates/content/workplan-content';
import { DEFAULT_READ_OPTIONS, DEFAULT_RULES, TABLES, computeDerived, rowSchema, validateRow, validateRows, type CellInput, type InputColumn, type RawRow, type RowResult, unitKey } from '../../shared';
import { readTable } from '../../shared/read-table';
import { spanLabels } from '../../shared/validate-row';

const codes = (issues: RowResult['errors']) => issues.map((i) => `${i.field}:${i.code}`);
/** A milestone calendar of these dates, one row each, read as a sheet with `titleYear` in its title (if given). */
const calendar = (dates: readonly string[], titleYear?: number) =>
  validateRows(TABLES.milestones, dates.map((date, i) => ({ milestone: `Milestone ${i + 1}`, date })), { ...DEFAULT_READ_OPTIONS, titleYear });

describe('validateRow', () => {
  it('types a good request and fills every other field with null', () => {
    const r = validateRow(TABLES.requests, { receivedOn: '3/15/2024', requesterOrg: 'Dept. of Finance', requesterType: 'state agency', priority: 'HIGH', estimatedHours: '6 hours' });
    expect(r.ok).toBe(true);
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ receivedOn: '2024-03-15', requesterOrg: 'Dept. of Finance', requesterType: 'State agency', priority: 'High', estimatedHours: 6, status: null, dueOn: null });
    // In column order: the store keeps the values as JSON text, so the order is part of what is stored.
    expect(Object.keys(r.values)).toEqual(TABLES.requests.columns.map((c) => c.name));
    expect(codes(r.warnings)).toEqual(['estimatedHours:unit_dropped']);
    expect(rowSchema(TABLES.requests).safeParse(r.values).success).toBe(true);
  });

  it('requires the required fields, once each; a blank received date keeps the request with a warning', () => {
    const r = validateRow(TABLES.requests, { requesterOrg: '  ', notes: 'called twice' });
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual(['requesterOrg:required']);
    expect(codes(r.warnings)).toEqual(['receivedOn:blank_kept']);
    const kept = validateRow(TABLES.requests, { requesterOrg: 'City of Davis', receivedOn: 'TBD' });
    expect(kept.ok).toBe(true);
    expect(codes(kept.warnings)).toEqual(['receivedOn:date_tbd']);
    expect(rowSchema(TABLES.requests).safeParse(kept.values).success).toBe(true);
  });

  it('does not add "required" on top of a field that is already wrong', () => {
    const r = validateRow(TABLES.workplan, { task: 'Train staff', startOn: '2/30/2024' });
    expect(codes(r.errors)).toEqual(['startOn:not_a_date']);
    const m = validateRow(TABLES.milestones, { milestone: 'Kick-off', date: '13/45/2024' });
    expect(codes(m.errors)).toEqual(['date:not_a_date']);
  });

  it('rejects an end before its start', () => {
    const r = validateRow(TABLES.workplan, { task: 'Budget tool pilot', startOn: '2025-09-01', endOn: '2025-03-01' });
    expect(r.ok).toBe(false);
    expect(codes(r.errors)).toEqual(['endOn:end_before_start']);
    expect(r.errors[0].message).toContain('2025-03-01');
    expect(codes(validateRow(TABLES.requests, { receivedOn: '2025-05-02', requesterOrg: 'City of Oakland', fulfilledOn: '2025-05-01' }).errors)).toEqual(['fulfilledOn:end_before_start']);
  });

  it('accepts equal start and end dates', () => {
    expect(validateRow(TABLES.workplan, { task: 'One-day retreat', startOn: '2025-09-01', endOn: '2025-09-01' }).ok).toBe(true);
  });

  it('splits a range typed in a single date field into start and end', () => {
    const r = validateRow(TABLES.workplan, { task: 'Turn-the-Curve plans', startOn: 'Feb 2026 – Aug 2027' });
    expect(r.ok).toBe(true);
    expect(r.values).toMatchObject({ startOn: '2026-02-01', endOn: '2027-08-31' });
    const m = validateRow(TABLES.milestones, { milestone: 'Convening', date: '3/15-17/2024' });
    expect(m.values).toMatchObject({ date: '2024-03-15', endOn: '2024-03-17' });
  });

  it('reads a timeline written at the end of a task with no dates of its own ("procurement, July 2022 – June 2025") as its start and end, the task as typed, said at the task', () => {
    const task = 'Training and organizational-development procurement, July 2022 – June 2025';
    const r = validateRow(TABLES.workplan, { task, phase: 'Organize' });
    expect(r.values).toMatchObject({ task, startOn: '2022-07-01', endOn: '2025-06-30' });
    expect(r.warnings.map((w) => [w.field, w.code, w.message])).toEqual([['task', 'dates_in_text', 'Task: read "July 2022 – June 2025" at its end as the start and end, 2022-07-01 to 2025-06-30']]);
    // In parentheses too; a milestone's title gives its date and end the same way.
    expect(validateRow(TABLES.workplan, { task: 'Equity study (Feb 2026 – Aug 2027)' }).values).toMatchObject({ startOn: '2026-02-01', endOn: '2027-08-31' });
    expect(validateRow(TABLES.milestones, { milestone: 'Budget hearings, 3/15-17/2024' }).values).toMatchObject({ date: '2024-03-15', endOn: '2024-03-17' });
  });

  it('reads no dates from a task that has its own, or whose last words are no span of dates', () => {
    const own = validateRow(TABLES.workplan, { task: 'Procurement, July 2022 – June 2025', startOn: '2023-01-01', endOn: '2023-12-31' });
    expect(own.values).toMatchObject({ startOn: '2023-01-01', endOn: '2023-12-31' });
    expect(own.warnings).toEqual([]);
    for (const task of ['Report to Council by 2027', 'Hire staff, 2026', 'Workshops, phases 1-2', 'Host forums (Council, staff)']) {
      const r = validateRow(TABLES.workplan, { task });
      expect(r.values, task).toMatchObject({ startOn: null, endOn: null });
      expect(r.warnings, task).toEqual([]);
    }
  });

  it("reads a period written as an end as that period's last day, as a range's end is read", () => {
    const r = validateRow(TABLES.workplan, { task: 'Equity study', startOn: 'Feb 2026', endOn: 'Aug 2027' });
    expect(r.values).toMatchObject({ startOn: '2026-02-01', endOn: '2027-08-31' });
    expect(r.warnings).toEqual([]);
    expect(validateRow(TABLES.workplan, { task: 'Ordinance', startOn: 'Q3 2026', endOn: 'Q3 2026' }).values).toMatchObject({ startOn: '2026-07-01', endOn: '2026-09-30' });
    expect(validateRow(TABLES.workplan, { task: 'Impact statements', endOn: 'FY 2026-27' }).values.endOn).toBe('2027-06-30');
    expect(validateRow(TABLES.milestones, { milestone: 'Listening sessions', date: '2026-07-06', endOn: 'Q3 2026' }).values).toMatchObject({ date: '2026-07-06', endOn: '2026-09-30' });
    // Every column a range's end goes to is an end: a period typed there alone is read to its last day too.
    for (const table of Object.values(TABLES)) {
      for (const end of table.columns.flatMap((c) => (c.rangeEnd ? [table.columns.find((e) => e.name === c.rangeEnd)!] : []))) {
        expect(validateRow(table, { [end.name]: 'Dec 2026' }).values[end.name], `${table.name}.${end.name}`).toBe('2026-12-31');
      }
    }
  });

  it('keeps an end date typed in its own column over the end of a range', () => {
    const r = validateRow(TABLES.workplan, { task: 'Pilot', startOn: 'Feb 2026 – Aug 2027', endOn: '2027-12-31' });
    expect(r.values).toMatchObject({ startOn: '2026-02-01', endOn: '2027-12-31' });
  });

  it('reads an End "Winter 2026" after a Start later in 2026 as the winter from that December, not an end before the start', () => {
    const r = validateRow(TABLES.workplan, { task: 'Apply a co-governance tool', startOn: 'Summer 2026', endOn: 'Winter 2026' });
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ startOn: '2026-06-01', endOn: '2027-02-28' });
    expect(r.warnings.find((w) => w.field === 'endOn')?.message).toBe('End: read "Winter 2026" as 2026-12-01 to 2027-02-28 (a winter after an earlier day of its year is the one from that December to February: Start is 2026-06-01); used its end, 2027-02-28');
    // A winter whose own months hold the start stays the one by its January's year; a start in a later year is still an error.
    expect(validateRow(TABLES.workplan, { task: 'Plan', startOn: '2026-01-15', endOn: 'Winter 2026' }).values.endOn).toBe('2026-02-28');
    expect(codes(validateRow(TABLES.workplan, { task: 'Typo', startOn: 'Mar 2027', endOn: 'Winter 2026' }).errors)).toEqual(['endOn:end_before_start']);
  });

  it('reads a Due or Follow-up "Winter 2026" on a request received in fall 2026 as the coming winter, and lets a due before Received stand', () => {
    const request = (cells: Record<string, string>) => validateRow(TABLES.requests, { receivedOn: '2026-09-15', requesterOrg: 'Yurok Tribe', ...cells });
    const r = request({ dueOn: 'Winter 2026', followUpOn: 'Winter 2026' });
    expect(r.errors).toEqual([]);
    expect(r.values).toMatchObject({ dueOn: '2027-02-28', followUpOn: '2026-12-01' });
    expect(r.warnings.find((w) => w.field === 'dueOn')?.message).toBe('Due: read "Winter 2026" as 2026-12-01 to 2027-02-28 (a winter after an earlier day of its year is the one from that December to February: Received is 2026-09-15); used its end, 2027-02-28');
    // Received in January: the winter it is in; a due typed before Received is kept as typed, no error (a late entry, not a typo to refuse).
    expect(validateRow(TABLES.requests, { receivedOn: '2026-01-10', requesterOrg: 'City', dueOn: 'Winter 2026' }).values.dueOn).toBe('2026-02-28');
    const early = request({ dueOn: '2026-09-01' });
    expect([early.errors, early.values.dueOn]).toEqual([[], '2026-09-01']);
  });

  it('keeps a request fulfilled in the month it was received ("Mar 2026", received March 15): the first day of the month not before Received, not a row rejected for the day guessed', () => {
    const request = (receivedOn: string, fulfilledOn: string) => validateRow(TABLES.requests, { receivedOn, requesterOrg: 'City of Oakland', status: 'Fulfilled', fulfilledOn });
    const r = request('2026-03-15', 'Mar 2026');
    expect(r.errors).toEqual([]);
    expect(r.values.fulfilledOn).toBe('2026-03-15');
    expect(r.warnings.map((w) => [w.field, w.message])).toEqual([['fulfilledOn', 'Fulfilled: read "Mar 2026" as 2026-03-01 to 2026-03-31; used 2026-03-15, its first day not before Received']]);
    expect(request('2026-03-15', 'Q1 2026').values.fulfilledOn).toBe('2026-03-15');
    // Received before the month: its first day, as any month typed there; a month that ends before Received is still an error.
    expect(request('2026-02-20', 'Mar 2026').values.fulfilledOn).toBe('2026-03-01');
    expect(codes(request('2026-04-02', 'Mar 2026').errors)).toEqual(['fulfilledOn:end_before_start']);
  });

  it('keeps a request whose deadline is words no reader can place ("before budget hearing"), blank, with its words in Notes; a typed date that is no day stays an error', () => {
    const request = (dueOn: string) => validateRow(TABLES.requests, { receivedOn: '2026-11-02', requesterOrg: 'City of Fresno', dueOn });
    const vague = request('before budget hearing');
    expect(vague.ok).toBe(true);
    expect(vague.values).toMatchObject({ dueOn: null, notes: 'Due: before budget hearing' });
    expect(vague.warnings.map((w) => w.message)).toEqual(['Due: "before budget hearing" is not a date the reader can place; left blank; kept "before budget hearing" in Notes']);
    expect(request('next week').ok).toBe(true);
    expect(codes(request('13/45/2026').errors)).toEqual(['dueOn:not_a_date']);
  });

  it('labels the words kept in Notes from a Timeline column read into Start and End with the sheet\'s own header, whether read whole or sent with its header row', () => {
    const grid = [['Task', ' Time frame ', 'Notes'], ['Glossary', 'After budget adoption', 'Draft ready'], ['Videos', 'Mar 2026 - Jun 2026', '']];
    const read = readTable(TABLES.workplan, 'Plan', grid);
    const [words, dated] = validateRows(TABLES.workplan, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });
    expect(words.values).toMatchObject({ startOn: null, endOn: null, notes: 'Draft ready\nTime frame: After budget adoption' });
    expect(dated.values).toMatchObject({ startOn: '2026-03-01', endOn: '2026-06-30', notes: null });
    // The service, given the sheet's header row by the add-on (`SyncContext.columns`), labels them alike.
    const labels = spanLabels(TABLES.workplan, [{ header: 'Task', fields: ['task'] }, { header: ' Time frame ', fields: ['startOn', 'endOn'] }, { header: 'Notes', fields: ['notes'] }]);
    const sent = validateRow(TABLES.workplan, { task: 'Glossary', startOn: 'After budget adoption', notes: 'Draft ready' }, { ...DEFAULT_READ_OPTIONS, labels });
    expect(sent.values.notes).toBe(words.values.notes);
    // Notes written back with the line as it was labeled before are not given the words twice.
    expect(validateRow(TABLES.workplan, { task: 'Glossary', startOn: 'After budget adoption', notes: 'Start: After budget adoption' }, { ...DEFAULT_READ_OPTIONS, labels }).values.notes).toBe('Start: After budget adoption');
    // A sheet with a Start column of its own keeps the table's word: the words may have come from either column.
    expect(spanLabels(TABLES.workplan, [{ header: 'Begins', fields: ['startOn'] }, { header: 'Timeline', fields: ['endOn'] }])).toBeUndefined();
  });

  it('keeps a time counted from the plan\'s start or a recurring meeting in Notes, where a bare TBD says nothing worth keeping', () => {
    for (const when of ['Year 1-2', '0-90 days', 'Every other Tuesday']) {
      const r = validateRow(TABLES.workplan, { task: 'Impact statements', startOn: when });
      expect(r.values, when).toMatchObject({ startOn: null, notes: `Start: ${when}` });
    }
    expect(validateRow(TABLES.workplan, { task: 'Impact statements', startOn: 'TBD' }).values.notes).toBeNull();
  });

  it('reads a date with words after it ("FY27 budget cycle") as the date, the cell kept in Notes under the column\'s header, where the row was rejected', () => {
    const grid = [['Task', 'Timeline', 'Notes'], ['Impact statements', 'FY27 budget cycle', null], ['Ordinance', 'March 2026 Council vote', 'Draft ready']];
    const read = readTable(TABLES.workplan, 'Plan', grid);
    const [fiscal, month] = validateRows(TABLES.workplan, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });
    expect(fiscal.ok).toBe(true);
    expect(fiscal.values).toMatchObject({ startOn: '2026-07-01', endOn: '2027-06-30', notes: 'Timeline: FY27 budget cycle' });
    expect(fiscal.warnings.map((w) => [w.code, w.message])).toEqual([['date_period', 'Start: read "FY27" as 2026-07-01 to 2027-06-30 (fiscal years start in July), setting aside "budget cycle"; kept "FY27 budget cycle" in Notes']]);
    expect(month.values).toMatchObject({ startOn: '2026-03-01', endOn: '2026-03-31', notes: 'Draft ready\nTimeline: March 2026 Council vote' });
    // A deadline takes the period's end; a calendar with no Notes says the words are not stored.
    const target = validateRow(TABLES.roadmap, { action: 'Equity audit', targetOn: 'FY27 budget cycle' });
    expect(target.values).toMatchObject({ targetOn: '2027-06-30', notes: 'Target date: FY27 budget cycle' });
    const end = validateRow(TABLES.workplan, { task: 'Impact statements', endOn: 'FY27 budget cycle' });
    expect(end.values).toMatchObject({ startOn: null, endOn: '2027-06-30' });
    const milestone = validateRow(TABLES.milestones, { milestone: 'Budget hearing', date: 'FY27 budget cycle' });
    expect(milestone.ok).toBe(true);
    expect(milestone.warnings.map((w) => w.message)).toEqual([expect.stringMatching(/setting aside "budget cycle"; "FY27 budget cycle" is not stored$/)]);
    // Digits that make no day stay a typo to fix, words or none.
    expect(codes(validateRow(TABLES.milestones, { milestone: 'Forum', date: '13/45/2026 kickoff' }).errors)).toEqual(['date:not_a_date']);
  });

  it('reads "Completed 3/2026" in a date cell as the date and, where the row has no status, as its status, saying both', () => {
    const grid = [['Task', 'Timeline', 'Status'], ['Glossary', 'Completed 3/2026', null], ['Videos', 'Done March 2026', 'In progress']];
    const read = readTable(TABLES.workplan, 'Plan', grid);
    const [done, typed] = validateRows(TABLES.workplan, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });
    expect(done.ok).toBe(true);
    expect(done.values).toMatchObject({ startOn: '2026-03-01', endOn: '2026-03-31', status: 'Completed', notes: null });
    expect(done.warnings.map((w) => [w.field, w.message])).toEqual([
      ['startOn', 'Start: read "3/2026" as 2026-03-01 to 2026-03-31, setting aside "Completed"; read the status "Completed" from it, the row having none'],
    ]);
    // A status typed keeps its word, and the cell goes to Notes, as other words beside a date do.
    expect(typed.values).toMatchObject({ startOn: '2026-03-01', endOn: '2026-03-31', status: 'In progress', notes: 'Timeline: Done March 2026' });
    const target = validateRow(TABLES.roadmap, { action: 'Equity audit', targetOn: 'Completed 3/2026' });
    expect(target.values).toMatchObject({ targetOn: '2026-03-31', status: 'Completed', notes: null });
    const milestone = validateRow(TABLES.milestones, { milestone: 'Forum', date: 'Completed 3/2026' });
    expect(milestone.values).toMatchObject({ date: '2026-03-01', endOn: '2026-03-31', status: 'Completed' });
    expect(milestone.warnings.map((w) => w.message)).toEqual(['Date: read "3/2026" as 2026-03-01 to 2026-03-31, setting aside "Completed"; read the status "Completed" from it, the row having none']);
    // Words that name no status are kept as words.
    expect(validateRow(TABLES.roadmap, { action: 'Equity audit', targetOn: 'Council vote 3/2026' }).values).toMatchObject({ status: null, notes: 'Target date: Council vote 3/2026' });
  });

  it('reads "Completed 3/2026" in a status cell as Completed and, where the row has no date it was done by, as that date, saying both', () => {
    for (const status of ['Completed 3/2026', 'Done 3/2026', 'Completed (3/2026)', 'Completed - March 2026']) {
      const item = validateRow(TABLES.workplan, { task: 'Glossary', status });
      expect(item.ok, status).toBe(true);
      expect(item.values, status).toMatchObject({ status: 'Completed', startOn: null, endOn: '2026-03-31', notes: null });
      expect(item.warnings.map((w) => w.field), status).toEqual(['status']);
      expect(item.warnings[0].message, status).toMatch(/^Status: read ".+" as "Completed"; read ".+" as End, 2026-03-31, the row having none$/);
    }
    // An end typed stays, the words kept.
    expect(validateRow(TABLES.workplan, { task: 'Glossary', status: 'Completed 3/2026', endOn: '6/30/2026' }).values).toMatchObject({ status: 'Completed', endOn: '2026-06-30', notes: 'Status: 3/2026' });
    expect(validateRow(TABLES.roadmap, { action: 'Equity audit', status: 'Completed 3/2026' }).values).toMatchObject({ status: 'Completed', targetOn: '2026-03-31', notes: null });
    expect(validateRow(TABLES.milestones, { milestone: 'Forum', status: 'Completed 3/2026' }).values).toMatchObject({ status: 'Completed', date: '2026-03-01', endOn: '2026-03-31' });
    // Words after a status that are no date stay notes.
    expect(validateRow(TABLES.workplan, { task: 'Glossary', status: 'Completed - see memo' }).values).toMatchObject({ status: 'Completed', endOn: null, notes: 'Status: see memo' });
  });

  it('reads a status with a date in words after it ("Started Jan 2026", "Completed May 2026") and a date in parentheses beside a status ("Completed (Dec. 2026)"), where the row was rejected; only a completion gives the End its day', () => {
    const started = validateRow(TABLES.workplan, { task: 'Consultations', status: 'Started Jan 2026' });
    expect(started.ok).toBe(true);
    expect(started.values).toMatchObject({ status: 'In progress', endOn: null, notes: 'Status: Jan 2026' });
    expect(validateRow(TABLES.workplan, { task: 'Consultations', status: 'Completed May 2026' }).values).toMatchObject({ status: 'Completed', endOn: '2026-05-31', notes: null });
    // A status other than a completion says nothing of when the work ends: its date stays in Notes.
    expect(validateRow(TABLES.workplan, { task: 'Worksheets', status: 'Not started – FY27' }).values).toMatchObject({ status: 'Not started', endOn: null, notes: 'Status: FY27' });
    const target = validateRow(TABLES.roadmap, { action: 'Equity audit', targetOn: 'Completed (Dec. 2026)' });
    expect(target.ok).toBe(true);
    expect(target.values).toMatchObject({ targetOn: '2026-12-31', status: 'Completed', notes: null });
  });

  it('reads a calendar date with a meeting or a time of day beside it ("Council mtg 3/10", "3/9/2026 @ 6pm") as the day, in the year of the sheet\'s title, where the row was rejected', () => {
    const grid = [['2026 Milestone Calendar'], ['Date', 'Milestone'], ['Council mtg 3/10', 'Ordinance'], ['Mar 10 Council mtg', 'Vote'], ['3/9/2026 @ 6pm', 'Forum'], ['3/9/2026, 6-8 pm', 'Forum 2'], ['Tues. 3/10, 6pm', 'Forum 3']];
    const read = readTable(TABLES.milestones, 'Calendar', grid);
    const rows = validateRows(TABLES.milestones, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });
    expect(rows.map((r) => r.ok)).toEqual([true, true, true, true, true]);
    expect(rows.map((r) => r.values.date)).toEqual(['2026-03-10', '2026-03-10', '2026-03-09', '2026-03-09', '2026-03-10']);
    expect(rows[0].warnings.map((w) => w.message)).toEqual([expect.stringMatching(/assuming 2026 .*setting aside "Council mtg"; "Council mtg 3\/10" is not stored$/)]);
    expect(rows[2].warnings.map((w) => w.message)).toEqual([expect.stringMatching(/setting aside "@ 6pm"; "3\/9\/2026 @ 6pm" is not stored$/)]);
  });

  it('reads an Actual of "25+ ad-hoc consultations" as at least 25 with its unit, where the row was rejected', () => {
    const r = validateRow(TABLES.workplan, { task: 'Consultations', actual: '25+ ad-hoc consultations', target: '20 consultations' });
    expect(r.ok).toBe(true);
    expect(r.values).toMatchObject({ actual: 25 });
    expect(r.warnings.map((w) => w.message)).toContain('Actual: read "25+ ad-hoc consultations" as 25 (at least 25)');
  });

  it('keeps a work-plan item or milestone timed by an event with no date ("Before Council recess"), undated, its words in Notes where the table has them', () => {
    const item = (field: string, when: string) => validateRow(TABLES.workplan, { task: 'Ordinance to Council', [field]: when });
    for (const when of ['Before Council recess', 'After budget adoption', 'Upon Council approval', 'Following the retreat', 'Prior to the November election', 'By Council recess']) {
      const start = item('startOn', when);
      expect(start.ok, when).toBe(true);
      expect(start.values, when).toMatchObject({ startOn: null, notes: `Start: ${when}` });
      expect(start.warnings.map((w) => [w.code, w.message]), when).toEqual([['date_tbd', `Start: "${when}" is not a date the reader can place; left blank; kept "${when}" in Notes`]]);
    }
    const milestone = validateRow(TABLES.milestones, { milestone: 'Ordinance to Council', date: 'Before Council recess' });
    expect(milestone.ok).toBe(true);
    expect(milestone.values.date).toBeNull();
    expect(milestone.warnings.map((w) => w.message)).toEqual([expect.stringContaining('"Before Council recess" is not a date the reader can place; kept with the status "No date yet"')]);
    // So is any time in words the reader cannot place ("Budget season", "this fall").
    for (const when of ['Budget season', 'this fall', 'Summer break', 'Pre-budget', 'end of FY', 'Feb. Council meeting', 'Council retreat (Feb)']) {
      const kept = validateRow(TABLES.milestones, { milestone: 'Forum', date: when });
      expect(kept.ok, when).toBe(true);
      expect(kept.warnings.map((w) => w.code), when).toEqual(['date_tbd']);
    }
    expect(codes(validateRow(TABLES.milestones, { milestone: 'Forum', date: 'Before 13/45/2026' }).errors)).toEqual(['date:not_a_date']);
    // Words that say no time are another column's or another table's cell, read under this header: still an error.
    for (const words of ['City C', 'Budget equity', 'Equity team', 'Community engagement']) {
      expect(codes(validateRow(TABLES.milestones, { milestone: 'Forum', date: words }).errors), words).toEqual(['date:not_a_date']);
    }
  });

  it('reads a Due of "EOM", "end of quarter", "end of FY" or "EOY" as the last day of that period of the day received, saying what it assumed', () => {
    const request = (dueOn: string, receivedOn: string | null, fiscalYearStartMonth?: number) =>
      validateRow(TABLES.requests, { receivedOn, requesterOrg: 'City of Fresno', dueOn }, { ...DEFAULT_READ_OPTIONS, ...(fiscalYearStartMonth ? { fiscalYearStartMonth } : {}) });
    const eom = request('EOM', '2026-03-02');
    expect(eom.values.dueOn).toBe('2026-03-31');
    expect(eom.warnings.map((w) => w.message)).toEqual(['Due: read "EOM" as 2026-03-31, the end of the month it was received in']);
    expect(request('end of month', '2026-02-10').values.dueOn).toBe('2026-02-28');
    expect(request('By end of the quarter', '2026-02-10').values.dueOn).toBe('2026-03-31');
    expect(request('EOY', '2026-02-10').values.dueOn).toBe('2026-12-31');
    expect(request('end of year', '2026-12-31').values.dueOn).toBe('2026-12-31');
    const fy = request('End of FY', '2026-03-02');
    expect(fy.values.dueOn).toBe('2026-06-30');
    expect(fy.warnings.map((w) => w.message)).toEqual(['Due: read "End of FY" as 2026-06-30, the end of the fiscal year it was received in, 2025-26 (fiscal years start in July, as the Lists sheet sets)']);
    expect(request('end of fiscal year', '2026-08-01').values.dueOn).toBe('2027-06-30');
    expect(request('end of fiscal year', '2026-11-02', 10).values.dueOn).toBe('2027-09-30');
    expect(request('EOFY', '2026-11-02', 1).values.dueOn).toBe('2026-12-31');
    // The SLA runs to that day.
    expect(computeDerived(TABLES.requests, eom.values, DEFAULT_RULES, '2026-03-20').slaDue).toBe('2026-03-31');
    // With no day received there is nothing to count from: kept undated, its words in Notes.
    const unanchored = request('EOM', null);
    expect(unanchored.ok).toBe(true);
    expect(unanchored.values).toMatchObject({ dueOn: null, notes: 'Due: EOM' });
    expect(unanchored.warnings.map((w) => w.message)).toContain('Due: "EOM" is the end of the month the request was received in, and it has no received date; left blank; kept "EOM" in Notes');
  });

  it('keeps a Due of "ASAP" as no day, its words in Notes, saying the suggested priority reads it as due the day received and the SLA runs from the priority', () => {
    const asap = validateRow(TABLES.requests, { receivedOn: '2026-03-02', requesterOrg: 'City of Fresno', dueOn: 'ASAP', priority: 'High' });
    expect(asap.ok).toBe(true);
    expect(asap.values).toMatchObject({ dueOn: null, notes: 'Due: ASAP' });
    expect(asap.warnings.map((w) => w.message)).toEqual(['Due: "ASAP" names no day: the suggested priority reads it as the most urgent deadline, as if due the day it was received, and the SLA runs from the days of the priority; left blank; kept "ASAP" in Notes']);
    expect(computeDerived(TABLES.requests, asap.values, DEFAULT_RULES, '2026-03-03').slaDue).toBe('2026-03-09');
    // Elsewhere ASAP is still a date to come, not a deadline counted from a Received.
    expect(validateRow(TABLES.milestones, { milestone: 'Launch', date: 'ASAP' }).warnings.map((w) => w.code)).toContain('date_tbd');
  });

  it('flags a backwards range as end before start', () => {
    expect(validateRow(TABLES.milestones, { milestone: 'Typo', date: 'Mar 17-15, 2024' }).errors).toEqual([
      { code: 'end_before_start', field: 'date', severity: 'error', message: 'Date: ends (2024-03-15) before it starts (2024-03-17); check the order or the years' },
    ]);
  });

  it('leaves "TBD" blank with a warning and keeps the row, a milestone\'s date included', () => {
    const w = validateRow(TABLES.workplan, { task: 'Community forum', startOn: 'TBD', endOn: 'tbd' });
    expect(w.ok).toBe(true);
    expect(w.values).toMatchObject({ startOn: null, endOn: null });
    expect(codes(w.warnings)).toEqual(['startOn:date_tbd', 'endOn:date_tbd']);
    const m = validateRow(TABLES.milestones, { milestone: 'Council vote', date: 'TBD' });
    expect(m.ok).toBe(true);
    expect(codes(m.warnings)).toEqual(['date:date_tbd']);
    expect(m.warnings[0].message).toBe('Date: "TBD" is not a date yet; kept with the status "No date yet"');
    expect(TABLES.milestones.derived[0].compute(m.values, DEFAULT_RULES, '2026-01-01')).toBe('No date yet');
    const blank = validateRow(TABLES.milestones, { milestone: 'Budget hearing', date: '' });
    expect([blank.ok, codes(blank.warnings)]).toEqual([true, ['date:blank_kept']]);
    // What would be wrong to keep is still an error: a milestone with no name.
    expect(codes(validateRow(TABLES.milestones, { date: '2026-03-01' }).errors)).toEqual(['milestone:required']);
  });

  it('keeps an in-progress milestone "Ongoing since March 2026" undated, so it is "No date yet", not "Missed"', () => {
    const m = validateRow(TABLES.milestones, { milestone: 'Tenant outreach', date: 'Ongoing since March 2026', status: 'In progress' });
    expect(m.ok).toBe(true);
    expect(m.values).toMatchObject({ date: null, endOn: null });
    expect(m.warnings.map((w) => [w.field, w.code, w.message])).toEqual([['date', 'date_tbd', 'Date: read "Ongoing since March 2026" as ongoing since 2026-03-01, not a date for this column; kept with the status "No date yet"']]);
    expect(TABLES.milestones.derived[0].compute(m.values, DEFAULT_RULES, '2026-12-03')).toBe('No date yet');
  });

  it('says what a Fulfilled request with no fulfillment day is counted as, and says nothing of an open one', () => {
    const done = validateRow(TABLES.requests, { requesterOrg: 'Assembly Budget Office', receivedOn: '2026-01-20', status: 'Fulfilled', fulfilledOn: null });
    expect(done.ok).toBe(true);
    expect(done.warnings.map((w) => [w.field, w.code, w.message])).toEqual([['fulfilledOn', 'blank_kept', expect.stringMatching(/^Fulfilled is blank: counted as fulfilled on the day the service first saw the request done, .*; enter the day it was fulfilled$/)]]);
    expect(validateRow(TABLES.requests, { requesterOrg: 'Kern County', receivedOn: '2026-02-10', status: 'In progress' }).warnings).toEqual([]);
    expect(validateRow(TABLES.requests, { requesterOrg: 'Kern County', receivedOn: '2026-02-10', status: 'Closed', fulfilledOn: '2026-03-01' }).warnings).toEqual([]);
  });

  it('says nothing of the fulfillment day of a request Closed without one: it is not counted as fulfilled (decision 007)', () => {
    const closed = validateRow(TABLES.requests, { requesterOrg: 'Kern County', receivedOn: '2026-02-10', status: 'Closed' });
    expect(closed.ok).toBe(true);
    expect(closed.warnings).toEqual([]);
    expect(TABLES.requests.doneOn!(closed.values, '2026-03-01')).toBeNull();
  });

  it('rejects unknown fields but accepts derived ones (computed, so ignored)', () => {
    const r = validateRow(TABLES.requests, { receivedOn: '2025-01-02', requesterOrg: 'County of Alameda', colour: 'blue', slaState: 'Met' });
    expect(codes(r.errors)).toEqual(['colour:unknown_column']);
    expect(r.values).not.toHaveProperty('slaState');
  });

  it("reads only the row's own fields: names of Object's properties are unknown fields too", () => {
    const raw = JSON.parse('{"toString": "x", "receivedOn": "2025-01-02", "__proto__": "y", "requesterOrg": "City of Fresno", "constructor": 1}') as RawRow;
    const r = validateRow(TABLES.requests, raw);
    expect(codes(r.errors)).toEqual(['toString:unknown_column', '__proto__:unknown_column', 'constructor:unknown_column']);
    expect(r.values).toMatchObject({ receivedOn: '2025-01-02', requesterOrg: 'City of Fresno' });
  });

  it('warns about a year no plan would hold', () => {
    const r = validateRow(TABLES.roadmap, { action: 'Adopt the roadmap', targetOn: '1/15/2204' });
    expect(r.ok).toBe(true);
    expect(codes(r.warnings)).toEqual(['targetOn:implausible_date']);
  });

  it('keeps the unit typed with a target in the Unit column, and flags an actual in another unit', () => {
    const r = validateRow(TABLES.workplan, { task: 'TA on department action plans', target: '60 hours', actual: '25+' });
    expect([r.ok, r.values.target, r.values.actual, r.values.unit]).toEqual([true, 60, 25, 'hours']);
    expect(codes(r.warnings)).toEqual(['actual:at_least']);
    const given = validateRow(TABLES.workplan, { task: 'Worksheets', target: '100%', unit: '% of departments' });
    expect([given.values.target, given.values.unit, codes(given.warnings)]).toEqual([100, '% of departments', []]);
    const other = validateRow(TABLES.workplan, { task: 'Turn-the-Curve plans', target: '5 plans', actual: '12 hours' });
    expect([other.ok, other.values.unit, codes(other.warnings)]).toEqual([true, 'plans', ['actual:unit_mismatch']]);
    expect(other.warnings[0].message).toBe('Actual: "12 hours" is in hours, but the row\'s unit is plans; counted as plans');
    const plural = validateRow(TABLES.workplan, { task: 'Consultations', target: '20 hours', actual: '1 hour' });
    expect([plural.values.unit, codes(plural.warnings)]).toEqual(['hours', []]);
  });

  it("keeps the words of an 'Opportunities for City Partnership' cell in Notes where the table has them, and says they are not stored where it has none", () => {
    const plan = validateRow(TABLES.workplan, { task: 'Listening sessions', partnership: 'Partner with Parks on outreach', notes: 'Spring' });
    expect(plan.values.partnership).toBeNull();
    expect(plan.values.notes).toContain('Partner with Parks on outreach');
    expect(plan.warnings.map((w) => w.message)).toEqual([expect.stringContaining('kept "Partner with Parks on outreach" in Notes')]);
    const marked = validateRow(TABLES.workplan, { task: 'Listening sessions', partnership: 'Yes – Parks Dept' });
    expect([marked.values.partnership, marked.values.notes]).toEqual([true, expect.stringContaining('Parks Dept')]);
    const calendar = validateRow(TABLES.milestones, { milestone: 'Forum', date: '3/15/2026', partnership: 'Yes – Parks Dept' });
    expect(calendar.values.partnership).toBe(true);
    expect(calendar.warnings.map((w) => w.message)).toEqual(['City partnership: read "Yes – Parks Dept" as yes; "Parks Dept" is not stored']);
  });

  it("keeps a request whose requester type or category no list value names as Other, the person's words in Notes under the column's header; read again, the same notes", () => {
    const r = validateRow(TABLES.requests, { requesterOrg: 'Hewlett Foundation', receivedOn: '11/2/2026', requesterType: 'Nonprofit foundation', category: 'Help with a grant application', notes: 'Called twice' });
    expect(r.ok).toBe(true);
    expect(r.values).toMatchObject({ requesterType: 'Other', category: 'Other', notes: 'Called twice\nRequester type: Nonprofit foundation\nCategory: Help with a grant application' });
    expect(r.warnings.map((w) => [w.field, w.code, w.message])).toEqual([
      ['requesterType', 'read_as_other', 'Requester type: "Nonprofit foundation" is not in the list; read as "Other" (add it to the Lists sheet to count it on its own); kept "Nonprofit foundation" in Notes'],
      ['category', 'read_as_other', 'Category: "Help with a grant application" is not in the list; read as "Other" (add it to the Lists sheet to count it on its own); kept "Help with a grant application" in Notes'],
    ]);
    expect(validateRow(TABLES.requests, { requesterOrg: 'Hewlett Foundation', requesterType: 'Nonprofit foundation', category: 'Help with a grant application', notes: r.values.notes }).values.notes).toBe(r.values.notes);
    expect(rowSchema(TABLES.requests).safeParse(r.values).success).toBe(true);
    // A status has no Other: its row is rejected, as before.
    expect(codes(validateRow(TABLES.requests, { requesterOrg: 'Hewlett Foundation', status: 'Nonprofit foundation' }).errors)).toEqual(['status:not_in_list']);
  });

  it('says the words are not stored where a list an office gave Other is in a table with no Notes', () => {
    const lists = { ...DEFAULT_RULES.lists, progressStatus: [...DEFAULT_RULES.lists.progressStatus, 'Other'] };
    const r = validateRow(TABLES.milestones, { milestone: 'Forum', date: '3/15/2026', status: 'Handed to the county' }, { ...DEFAULT_READ_OPTIONS, lists });
    expect([r.ok, r.values.status]).toEqual([true, 'Other']);
    expect(r.warnings.map((w) => w.message)).toEqual(['Status: "Handed to the county" is not in the list; read as "Other" (add it to the Lists sheet to count it on its own); "Handed to the county" is not stored']);
  });

  it('reads the common short forms of a unit as the unit: "12 hrs" in a row counted in hours is in hours', () => {
    const same = (target: string, actual: string, unit?: string) => codes(validateRow(TABLES.workplan, { task: 'Consultations', target, actual, unit }).warnings);
    for (const [target, actual] of [['20 hours', '12 hrs'], ['20 hours', '1 hr'], ['20 hours', '3 h'], ['20 hrs', '12 hours'], ['90 minutes', '45 mins'], ['6 weeks', '2 wks'], ['12 months', '3 mos'], ['3 years', '1 yr']]) {
      expect(same(target, actual), `${target} / ${actual}`).toEqual([]);
    }
    expect(same('100%', '40%', '% of departments')).toEqual([]);
    expect(same('10 depts', '4 departments')).toEqual([]);
    expect(unitKey('% of Depts')).toBe(unitKey('% of departments'));
    // A short form with its period, as a document writes it.
    expect(unitKey('% of depts.')).toBe(unitKey('% of departments'));
    expect(unitKey('hrs.')).toBe(unitKey('hours'));
    expect(same('50% of depts.', '20% of departments')).toEqual([]);
    expect(same('20 hours', '3 hearings')).toEqual(['actual:unit_mismatch']);
  });

  it('stores a phase typed as a bare number as "Phase N", so every output reads as the plan means it; other phases as typed', () => {
    const phase = (v: CellInput) => validateRow(TABLES.workplan, { task: 'Task', phase: v });
    expect([1, '2', ' 3 ', 'Year 1', 'Phase 2', 'Normalize', 2026, 1.5].map((v) => phase(v).values.phase))
      .toEqual(['Phase 1', 'Phase 2', 'Phase 3', 'Year 1', 'Phase 2', 'Normalize', '2026', '1.5']);
    expect(phase(1).warnings).toEqual([]);
    // Another text column keeps its number as typed.
    expect(validateRow(TABLES.workplan, { task: 'Task', goal: 1 }).values.goal).toBe('1');
  });

  it('reads check marks and percentages into the typed row', () => {
    const r = validateRow(TABLES.workplan, { task: 'Worksheet', partnership: '☑', percentComplete: '100%', status: 'completed' });
    expect(r.values).toMatchObject({ partnership: true, percentComplete: 1, status: 'Completed' });
  });

  it('reads a checkbox in % complete as the status formulas do: ticked 100%, not ticked 0%, and says so', () => {
    const ticked = validateRow(TABLES.workplan, { task: 'Worksheet', percentComplete: true });
    const unticked = validateRow(TABLES.workplan, { task: 'Worksheet', percentComplete: false });
    expect([ticked.ok, ticked.values.percentComplete, unticked.ok, unticked.values.percentComplete]).toEqual([true, 1, true, 0]);
    // Its own code: a checkbox read as a percent is not a figure scaled from 0-100.
    expect([...ticked.warnings, ...unticked.warnings].map((w) => [w.code, w.field, w.message])).toEqual([
      ['percent_checkbox', 'percentComplete', '% complete: read the checkbox, ticked, as 100%'],
      ['percent_checkbox', 'percentComplete', '% complete: read the checkbox, not ticked, as 0%'],
    ]);
  });

  it('keeps words written after listed values in the notes, after what they hold, once, and warns so', () => {
    const row = { receivedOn: '3/15/2024', requesterOrg: 'Lake County', status: 'Closed - no response', priority: 'Medium (per call)', notes: 'Called twice' };
    const r = validateRow(TABLES.requests, row);
    expect(r.values).toMatchObject({ status: 'Closed', priority: 'Medium', notes: 'Called twice\nPriority: per call\nStatus: no response' });
    expect(r.warnings.filter((w) => w.code === 'choice_matched').map((w) => w.message)).toEqual([
      'Priority: read "Medium (per call)" as "Medium"; kept "per call" in Notes',
      'Status: read "Closed - no response" as "Closed"; kept "no response" in Notes',
    ]);
    // Notes that already hold the words (the stored notes pasted back into the sheet) are read as they are.
    expect(validateRow(TABLES.requests, { ...row, notes: r.values.notes as string }).values.notes).toBe(r.values.notes);
    // Notes too long to hold the words as well: the person's text is clipped before them, its marker counting that text.
    for (const length of [4_990, 40_000]) {
      const long = validateRow(TABLES.requests, { ...row, priority: 'Medium', notes: 'n'.repeat(length) });
      const notes = long.values.notes as string;
      expect([notes.length, notes.endsWith(` … [clipped: ${length.toLocaleString('en-US')} characters in all]\nStatus: no response`)], String(length)).toEqual([5000, true]);
      expect(long.warnings.filter((w) => w.code === 'too_long'), String(length)).toHaveLength(1);
    }
    // A table without notes keeps the listed value and says the words after it are not stored.
    const m = validateRow(TABLES.milestones, { milestone: 'Briefing', date: '3/15/2024', status: 'Completed (May 2026)' });
    expect([m.values.status, m.warnings.map((w) => w.message)]).toEqual(['Completed', ['Status: read "Completed (May 2026)" as "Completed"; "May 2026" is not stored']]);
  });
});

describe('validateRows', () => {
  const plan = (startOn: string): RawRow => ({ task: 'Task', startOn });

  it('flags a 2004 date in a 2024 plan as a likely typo, and only that one', () => {
    const rows = ['2024-01-15', '2024-02-01', '2024-03-10', '2004-04-01', '2024-05-20', '2024-06-30', '2025-01-10'].map(plan);
    const results = validateRows(TABLES.workplan, rows);
    const flagged = results.map((r, i) => (r.warnings.some((w) => w.code === 'implausible_date') ? i : -1)).filter((i) => i >= 0);
    expect(flagged).toEqual([3]);
    expect(results[3].ok).toBe(true);
    expect(results[3].warnings[0].message).toContain('2024');
  });

  it('needs a few dates before judging, and never warns twice', () => {
    expect(validateRows(TABLES.workplan, ['2024-01-15', '2004-04-01', '2024-05-20'].map(plan)).every((r) => r.warnings.length === 0)).toBe(true);
    const rows = ['2024-01-15', '2024-02-01', '2024-03-10', '1/1/1904', '2024-05-20', '2024-06-30'].map(plan);
    expect(validateRows(TABLES.workplan, rows)[3].warnings.map((w) => w.code)).toEqual(['implausible_date']);
  });

  it('judges a date against the span of the sheet, not the most common year: the workplan template raises no typo', () => {
    const rows = workplanContent();
    expect(rows.some((r) => String(r.startOn).startsWith('2022'))).toBe(true);
    const results = validateRows(TABLES.workplan, rows as RawRow[]);
    expect(results.flatMap((r) => r.warnings.filter((w) => w.code === 'implausible_date'))).toEqual([]);
    // The same plan with one end typed 2092 instead of 2029 is flagged, at that cell only.
    const typo = rows.map((r, i) => (i === 30 ? { ...r, endOn: '2092-12-31' } : r));
    const flagged = validateRows(TABLES.workplan, typo as RawRow[]).flatMap((r, i) => r.warnings.filter((w) => w.code === 'implausible_date').map((w) => `${i}:${w.field}`));
    expect(flagged).toEqual(['30:endOn']);
  });

  it('keeps a range that a plan legitimately spans (a three-year contract ending as the plan begins), judged as one range, not as two loose dates', () => {
    // A plan whose items run 2026–2028, as the workplan template with sample rows has.
    const months = Array.from({ length: 30 }, (_, i) => `${2026 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    const tight = months.map((startOn, i): RawRow => ({ task: `t${i}`, startOn, endOn: months[Math.min(i + 6, months.length - 1)] }));
    const flagged = (rows: RawRow[]) => validateRows(TABLES.workplan, rows).flatMap((r, i) => r.warnings.filter((w) => w.code === 'implausible_date').map((w) => `${i}:${w.field}`));
    const at = tight.length;
    expect(flagged([...tight, { task: 'Procurement', startOn: 'July 2022 – June 2025' }])).toEqual([]);
    expect(flagged([...tight, { task: 'Procurement', startOn: '2022-07-01', endOn: '2025-06-30' }])).toEqual([]);
    // The same start alone, or as the start of a range far longer than the plan allows, is still a likely typo.
    expect(flagged([...tight, { task: 'Kickoff', startOn: '2022-07-01' }])).toEqual([`${at}:startOn`]);
    const year2024 = ['2024-01-15', '2024-02-01', '2024-03-10', '2024-05-20', '2024-06-30'].map((startOn, i): RawRow => ({ task: `t${i}`, startOn }));
    expect(flagged([...year2024, { task: 'Typo', startOn: '2004-03-01', endOn: '2024-06-30' }])).toEqual(['5:startOn']);
    expect(flagged([...tight, { task: 'Typo', startOn: '2026-03-01', endOn: '2206-03-01' }])).toEqual([`${at}:endOn`]);
  });

  it('sees a 2004 date among a handful of 2024 dates, start and end columns counted together', () => {
    const rows = [{ task: 'a', startOn: '2024-02-01' }, { task: 'b', startOn: '2004-03-01' }, { task: 'c', startOn: '2024-04-01', endOn: '2024-09-30' }];
    const results = validateRows(TABLES.workplan, rows);
    expect(results.map((r) => codes(r.warnings))).toEqual([[], ['startOn:implausible_date'], []]);
    expect(results[1].warnings[0].message).toBe("Start: 2004-03-01 is far from the sheet's other dates (mostly 2024); a typo?");
  });

  it("reads a date without a year with the year of the column's nearest date, and says which year it assumed", () => {
    const results = calendar(['1/10/2024', 'February 16-20', '3/5', 'Jun-Aug']);
    expect(results.map((r) => [r.ok, r.values.date, r.values.endOn])).toEqual([
      [true, '2024-01-10', null], [true, '2024-02-16', '2024-02-20'], [true, '2024-03-05', null], [true, '2024-06-01', '2024-08-31'],
    ]);
    expect(results[1].warnings.map((w) => w.message)).toEqual(['Date: "February 16-20" has no year; read as 2024-02-16 to 2024-02-20, assuming 2024 (the year of the nearest date above it in this column, 2024-01-10)']);
  });

  it('falls back to the year in the title, else keeps the row with the date left blank and a warning', () => {
    const dates = ['Jan 26', 'March 15-17'];
    const titled = calendar(dates, 2024);
    expect(titled.map((r) => [r.values.date, r.values.endOn])).toEqual([['2024-01-26', null], ['2024-03-15', '2024-03-17']]);
    expect(titled[0].warnings[0].message).toContain("assuming 2024 (the year in the sheet's title)");
    const untitled = calendar(dates);
    expect(untitled.map((r) => [r.ok, r.values.date, codes(r.warnings)])).toEqual([[true, null, ['date:date_no_year']], [true, null, ['date:date_no_year']]]);
  });

  it('takes no year from a neighbour that is itself a likely typo: a 2206, or a 2004 in a sheet titled 2027', () => {
    const dates = ['Jan 26', 'March 15-17', 'Oct 29, 2206', '2004-11-01'];
    const titled = calendar(dates, 2027);
    expect(titled.slice(0, 2).map((r) => [r.values.date, r.values.endOn])).toEqual([['2027-01-26', null], ['2027-03-15', '2027-03-17']]);
    expect(titled[0].warnings.map((w) => w.message)).toEqual(["Date: \"Jan 26\" has no year; read as 2027-01-26, assuming 2027 (the year in the sheet's title)"]);
    // Without a title, a year inside the window still lends its year; one outside it never does.
    const untitled = calendar(dates.slice(0, 3));
    expect(untitled.slice(0, 2).map((r) => r.values.date)).toEqual([null, null]);
  });

  it('keeps a milestone dated only "Spring", read in the year of the sheet', () => {
    const [r] = calendar(['Spring'], 2027);
    expect([r.ok, r.values.date, r.values.endOn]).toEqual([true, '2027-03-01', '2027-05-31']);
    expect(calendar(['Spring'])[0].warnings.map((w) => w.code)).toEqual(['date_no_year']);
  });

  it('says in one warning per cell everything assumed of a season with no year: the year, the season, the end kept', () => {
    const [r] = validateRows(TABLES.roadmap, [{ focusArea: 'Budget', kind: 'Early action', action: 'Equity lens', targetOn: 'Spring' }], { ...DEFAULT_READ_OPTIONS, titleYear: 2026 });
    expect(r.values.targetOn).toBe('2026-05-31');
    expect(r.warnings.map((w) => [w.field, w.message])).toEqual([[
      'targetOn',
      'Target date: "Spring" has no year; read as 2026-03-01 to 2026-05-31, assuming 2026 (the year in the sheet\'s title; a season is three months: spring from March, summer June, fall September, winter December); used its end, 2026-05-31',
    ]]);
    const [dated] = validateRows(TABLES.roadmap, [{ focusArea: 'Budget', kind: 'Early action', action: 'Equity lens', targetOn: 'Fall 2026' }]);
    expect(dated.warnings.map((w) => w.message)).toEqual(['Target date: read "Fall 2026" as 2026-09-01 to 2026-11-30 (a season is three months: spring from March, summer June, fall September, winter December); used its end, 2026-11-30']);
  });

  it('judges a 2004 among 2026 dates even when a 2206 typo sits in the same sheet', () => {
    const rows = ['2026-09-03', '2026-09-10', '2026-10-01', '2026-10-02', '2206-10-05', '2004-10-07'].map((receivedOn) => ({ requesterOrg: 'City', receivedOn }));
    const results = validateRows(TABLES.requests, rows);
    expect(results.map((r) => r.warnings.filter((w) => w.code === 'implausible_date').map((w) => w.message))).toEqual([
      [], [], [], [], ['Received: 2206-10-05 looks like a typo (year 2206)'], ["Received: 2004-10-07 is far from the sheet's other dates (mostly 2026); a typo?"],
    ]);
  });

  it('says of a date before 1900 that the statuses read it as no date, as the sheet\'s own formulas do', () => {
    const rows = ['1899-12-31', '1026-03-15', '1900-01-01'].map((receivedOn) => ({ requesterOrg: 'City', receivedOn, status: 'Fulfilled', fulfilledOn: receivedOn }));
    const results = validateRows(TABLES.requests, rows);
    expect(results.map((r) => r.values.receivedOn)).toEqual(['1899-12-31', '1026-03-15', '1900-01-01']);
    expect(results.map((r) => r.warnings.filter((w) => w.code === 'implausible_date' && w.field === 'receivedOn').map((w) => w.message))).toEqual([
      ['Received: 1899-12-31 looks like a typo (year 1899); statuses read a date before 1900 as no date'],
      ['Received: 1026-03-15 looks like a typo (year 1026); statuses read a date before 1900 as no date'],
      ['Received: 1900-01-01 looks like a typo (year 1900)'],
    ]);
  });

  it('reads fiscal years with the Lists sheet\'s start month, saying how it read them', () => {
    const r = validateRow(TABLES.workplan, { task: 'Budget equity pilot', startOn: 'FY 2022-23' });
    expect([r.ok, r.values.startOn, r.values.endOn]).toEqual([true, '2022-07-01', '2023-06-30']);
    expect(r.warnings.map((w) => w.message)).toEqual(['Start: read "FY 2022-23" as 2022-07-01 to 2023-06-30 (fiscal years start in July)']);
    const october = validateRow(TABLES.workplan, { task: 'Budget equity pilot', startOn: 'FY23' }, { ...DEFAULT_READ_OPTIONS, fiscalYearStartMonth: 10 });
    expect([october.values.startOn, october.values.endOn]).toEqual(['2022-10-01', '2023-09-30']);
  });

  it("takes the year of a due or end date written without one from the row's own date it follows, when the sheet gives none, the next year's when it would come before it", () => {
    const [late, early] = validateRows(TABLES.requests, [
      { receivedOn: '2026-12-20', requesterOrg: 'City of Eureka', dueOn: '1/15' },
      { receivedOn: '2026-03-02', requesterOrg: 'Yolo County', dueOn: '3/15' },
    ]);
    expect([late.values.dueOn, early.values.dueOn]).toEqual(['2027-01-15', '2026-03-15']);
    expect(early.warnings.map((w) => [w.code, w.message])).toEqual([['year_assumed', `Due: "3/15" has no year; read as 2026-03-15, assuming 2026 (the year of this row's Received, 2026-03-02)`]]);
    expect(late.warnings[0].message).toContain("assuming 2027 (the year of this row's Received, 2026-12-20, or the next, not to come before it)");
    const [plan] = validateRows(TABLES.workplan, [{ task: 'Workshops', startOn: '2026-09-01', endOn: 'Mar 31' }]);
    expect(plan.values.endOn).toBe('2027-03-31');
  });

  it('keeps one result per row, in order: no row is dropped', () => {
    const rows: RawRow[] = [{ task: 'a' }, {}, { task: 'c', startOn: '13/45/2026' }];
    const results = validateRows(TABLES.workplan, rows);
    expect(results.map((r) => r.ok)).toEqual([true, false, false]);
  });
});

describe('validateRow without zod', () => {
  // Rows whose values pass the cheap per-column checks skip the zod row schema: that must never let
  // through a row the schema would refuse.
  const cell = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.constantFrom('a@b.co', 'a@b.c', 'x..y@z.org', 'a b@c.de', '2025-02-29', '2024-02-29', '3/15/2026', '13/1/2026', 'Email', 'email', ' High ', 'In progress', '50%', '150', '3', '☑', 'x'.repeat(5001)),
    fc.double(),
    fc.integer({ min: -10, max: 50000 }),
    fc.boolean(),
    fc.constant(null),
  );
  for (const table of Object.values(TABLES)) {
    it(`accepts only rows ${table.name}' schema accepts`, () => {
      // Mostly good cells, so rows get past the other checks and reach the schema.
      const good = (c: InputColumn): CellInput => ({ date: '2025-03-15', number: 3, percent: 0.5, rating: 3, boolean: true, email: 'a@b.co' } as Record<string, CellInput>)[c.type] ?? (c.list ? DEFAULT_RULES.lists[c.list][0] : 'x');
      const raw = fc.record(Object.fromEntries(table.columns.map((c) => [c.name, fc.oneof({ arbitrary: fc.constant(good(c)), weight: 6 }, { arbitrary: cell, weight: 1 })])));
      fc.assert(fc.property(raw, (r) => {
        const result = validateRow(table, r as RawRow);
        return !result.ok || rowSchema(table).safeParse(result.values).success;
      }), { numRuns: 3000 });
    });
  }
});
