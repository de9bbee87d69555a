// Work-plan and milestone statuses at the edges people hit: in progress early or with no % recorded, no date yet.
import { describe, expect, it } from 'vitest';
import { computeDerived, DEFAULT_RULES, milestoneStatus, readRules, TABLES, workplanStatus, type TypedRow } from '../../../shared';
import { GRIDS, nativeValues } from '../../support/formula-rows';
import { DEFAULT_READ_OPTIONS, validateRows } from '../../../shared/validate-row';

const AS_OF = '2025-06-15';
const plan = (status: string | null, startOn: string | null, endOn: string | null, percentComplete: number | string | null) =>
  workplanStatus({ status, startOn, endOn, percentComplete }, DEFAULT_RULES, AS_OF);

describe('work-plan status', () => {
  it('says "In progress (no %)" for an item in progress with a blank %, where 0 % would be at risk', () => {
    expect(plan('In progress', '2025-01-01', '2025-12-31', null)).toBe('In progress (no %)');
    expect(plan('in progress', null, '2025-12-31', null)).toBe('In progress (no %)');
    expect(plan('In progress', '2025-01-01', '2025-12-31', 0)).toBe('At risk');
  });

  it('says "In progress (early)" for an item marked in progress before its start, "Not started (scheduled)" otherwise', () => {
    expect(plan('In progress', '2025-09-01', '2026-03-01', null)).toBe('In progress (early)');
    expect(plan('In progress', '2025-09-01', '2026-03-01', 0.2)).toBe('In progress (early)');
    expect(plan('Not started', '2025-09-01', '2026-03-01', null)).toBe('Not started (scheduled)');
    expect(plan(null, '2025-09-01', '2026-03-01', null)).toBe('Not started (scheduled)');
  });

  it('keeps the states that come first: complete, overdue, late start', () => {
    expect(plan('In progress', '2025-01-01', '2025-03-01', null)).toBe('Overdue');
    expect(plan('Not started', '2025-01-01', '2025-12-31', null)).toBe('Late start');
    expect(plan('In progress', '2025-09-01', '2026-03-01', 1)).toBe('Complete');
  });
  it("says \"Stopped\" for an item an office marked stopped (Cancelled, Dropped...), never Overdue or At risk past its dates, and \"Complete\" for one marked done in the plan's own words", () => {
    // A city plan's task whose Lists add "Cancelled", past its end.
    expect(plan('Cancelled', '2025-01-01', '2025-03-01', null)).toBe('Stopped');
    expect(plan('canceled', '2025-01-01', '2025-12-31', 0)).toBe('Stopped');
    expect(plan('Dropped', null, null, null)).toBe('Stopped');
    expect(plan('Done', '2025-01-01', '2025-03-01', null)).toBe('Complete');
    expect(plan('Achieved', '2025-01-01', '2025-03-01', 0.5)).toBe('Complete');
    // Any other status the office adds is still judged by its dates.
    expect(plan('Awaiting Council', '2025-01-01', '2025-03-01', null)).toBe('Overdue');
  });

  it('says "On hold" for an item the office put on hold (Paused, Postponed...), neither Overdue, At risk nor Late start, as a milestone on hold is', () => {
    // Past its end, behind its pace, past its start with nothing done, and not begun yet.
    expect(plan('On hold', '2025-01-01', '2025-03-01', 0.2)).toBe('On hold');
    expect(plan('Paused', '2025-01-01', '2025-12-31', 0.1)).toBe('On hold');
    expect(plan('postponed', '2025-05-01', '2025-12-31', null)).toBe('On hold');
    expect(plan('Deferred', '2025-09-01', '2026-03-01', null)).toBe('On hold');
    expect(plan('On hold', null, null, null)).toBe('On hold');
    // Done and stopped still come first.
    expect(plan('On hold', '2025-01-01', '2025-12-31', 1)).toBe('Complete');
  });

  it('reads a % complete in words ("half", "three-quarters", "done", "none") as import reads it, so the sheet and the master agree', () => {
    // Half the span gone: half done is on track, a quarter done at risk.
    expect(plan('In progress', '2025-01-01', '2025-12-31', 'half')).toBe('On track');
    expect(plan('In progress', '2025-01-01', '2025-12-31', ' Three-quarters ')).toBe('On track');
    expect(plan('In progress', '2025-01-01', '2025-12-31', 'a quarter')).toBe('At risk');
    expect(plan('In progress', '2025-01-01', '2025-12-31', 'Done')).toBe('Complete');
    expect(plan(null, '2025-01-01', '2025-12-31', 'completed')).toBe('Complete');
    // Nothing done is a % recorded: late to start, not "no %".
    expect(plan('Not started', '2025-01-01', '2025-12-31', 'half')).toBe('On track');
    expect(plan('Not started', '2025-01-01', '2025-12-31', 'none')).toBe('Late start');
    expect(plan('In progress', '2025-01-01', '2025-12-31', 'not started')).toBe('At risk');
    // Words that name no share stay no %.
    expect(plan('In progress', '2025-01-01', '2025-12-31', 'halfway')).toBe('In progress (no %)');
    for (const words of ['half', 'three quarters', 'done', 'none', 'halfway']) {
      const read = validateRows(TABLES.workplan, [{ task: 'Workshops', status: 'In progress', startOn: '2025-01-01', endOn: '2025-12-31', percentComplete: words }], DEFAULT_READ_OPTIONS)[0];
      expect(computeDerived(TABLES.workplan, read.values, DEFAULT_RULES, AS_OF).derivedStatus, words).toBe(plan('In progress', '2025-01-01', '2025-12-31', words));
    }
  });
});

describe('milestone status', () => {
  it('says "No date yet" for an undated milestone that is not done, never Missed', () => {
    expect(milestoneStatus({ date: null, status: 'In progress' }, DEFAULT_RULES, AS_OF)).toBe('No date yet');
    expect(milestoneStatus({ date: null, endOn: null, status: null }, DEFAULT_RULES, AS_OF)).toBe('No date yet');
    expect(milestoneStatus({ date: null, status: 'Completed' }, DEFAULT_RULES, AS_OF)).toBe('Done');
    expect(milestoneStatus({ date: '2025-06-01', status: null }, DEFAULT_RULES, AS_OF)).toBe('Missed');
  });

  it('says "Stopped" for a milestone or roadmap item an office marked stopped (Cancelled, Dropped...), never Missed past its date', () => {
    // A city calendar's milestone whose Lists add "Cancelled", past its date and its end.
    expect(milestoneStatus({ date: '2025-03-15', endOn: '2025-03-17', status: 'Cancelled' }, DEFAULT_RULES, AS_OF)).toBe('Stopped');
    expect(milestoneStatus({ date: '2025-06-16', status: 'withdrawn' }, DEFAULT_RULES, AS_OF)).toBe('Stopped');
    expect(milestoneStatus({ date: null, status: 'Dropped' }, DEFAULT_RULES, AS_OF)).toBe('Stopped');
    // A roadmap item, by its target date.
    const roadmap = (status: string) => TABLES.roadmap.derived[0].compute({ targetOn: '2025-01-31', status }, DEFAULT_RULES, AS_OF);
    expect([roadmap('Not pursued'), roadmap('Done'), roadmap('Awaiting Council')]).toEqual(['Stopped', 'Done', 'Missed']);
  });

  it('says "On hold" for a milestone or roadmap item the office put on hold (Paused, Postponed...), neither Missed nor Upcoming', () => {
    // Past its date, this week and later: a date the office set aside judges nothing.
    expect(milestoneStatus({ date: '2025-03-15', endOn: '2025-03-17', status: 'On hold' }, DEFAULT_RULES, AS_OF)).toBe('On hold');
    expect(milestoneStatus({ date: '2025-06-16', status: 'postponed' }, DEFAULT_RULES, AS_OF)).toBe('On hold');
    expect(milestoneStatus({ date: '2025-12-01', status: 'Paused' }, DEFAULT_RULES, AS_OF)).toBe('On hold');
    expect(milestoneStatus({ date: null, status: 'Deferred' }, DEFAULT_RULES, AS_OF)).toBe('On hold');
    const roadmap = (status: string) => TABLES.roadmap.derived[0].compute({ targetOn: '2025-01-31', status }, DEFAULT_RULES, AS_OF);
    expect([roadmap('On hold'), roadmap('On pause'), roadmap('Completed')]).toEqual(['On hold', 'On hold', 'Done']);
  });
});

describe('a milestone or roadmap Status in the office\'s own words, as the service reads it and as the sheet does', () => {
  // The sheet's formula and EQ_MILESTONE_STATUS judge the cell as typed (the property test holds them to this rule); the
  // service reads the cell first ("Finished" as Completed) and judges what it stores. All three must agree.
  // Marks padded as cells pasted from the web or typed with Tab are: a tab, a line break, a no-break space.
  const words = ['Completed', 'completed', 'Done', 'Complete', 'Finished', 'Achieved', 'Met', 'In progress', 'Not started', 'Cancelled', '☑', 'x', '☐', 'TRUE', 'TBD', 'n/a', '-',
    '☑\t', '\u00a0x', 'x\n', ' ✓\u00a0', '\t☐'];
  it.each(['milestones', 'roadmap'] as const)('%s: the stored status is judged as the typed one', (table) => {
    const def = TABLES[table];
    const dateField = table === 'milestones' ? 'date' : 'targetOn';
    const raw = words.map((status) => ({ [dateField]: '2025-06-01', status, ...(table === 'milestones' ? { milestone: 'Forum' } : { action: 'Webinar', focusArea: 'Tools', kind: 'Early action' }) }));
    const read = validateRows(def, raw, DEFAULT_READ_OPTIONS);
    const judged = (row: TypedRow) => computeDerived(def, row, DEFAULT_RULES, AS_OF).derivedStatus;
    expect(read.map((r) => judged(r.values))).toEqual(raw.map((r) => judged(r as TypedRow)));
  });
});

describe('a work plan\'s Status in the office\'s own words, as the service reads it and as the sheet does', () => {
  // In progress and Not started in a plan's words ("Ongoing", "Planned") steer the status as the listed values do.
  const words = ['Ongoing', 'Underway', 'On track', 'Behind', 'Delayed', 'Planned', 'Scheduled', 'To do', 'Pending', 'Paused', 'In progress', 'not started', 'Finished', '☐', null,
    '☑\t', '\u00a0x', '\u00a0☐\t',
    // Not chosen yet, which the service leaves blank: a blank status to the sheet too.
    'TBD', ' tbd ', 'To be determined', 'to be  decided', 'TBA', 'TBC', '-', '--', '—', 'n/a', 'N/A', 'na', 'None',
    // …padded with a tab, a line break or a no-break space, as pasted from a table, a page or a PDF.
    'TBD\t', '\u00a0n/a', 'To be determined\n', '\t-\u00a0', 'to be\u00a0decided', '\u00a0\u00a0', 'TBA \t'];
  const spans = [['2025-01-01', '2025-12-31', null], ['2025-09-01', '2026-03-01', null], ['2025-01-01', '2025-12-31', 0], ['2025-01-01', '2025-12-31', 0.9]] as const;
  it('the stored status is judged as the typed one, before, inside and after its span, with or without a %', () => {
    const raw = spans.flatMap(([startOn, endOn, percentComplete]) => words.map((status) => ({ task: 'Forum', status, startOn, endOn, percentComplete })));
    const read = validateRows(TABLES.workplan, raw, DEFAULT_READ_OPTIONS);
    const judged = (row: TypedRow) => computeDerived(TABLES.workplan, row, DEFAULT_RULES, AS_OF).derivedStatus;
    expect(read.map((r, i) => `${String(raw[i].status)}: ${String(judged(r.values))}`)).toEqual(raw.map((r) => `${String(r.status)}: ${String(judged(r as TypedRow))}`));
  });
});

describe('a check mark in % complete', () => {
  const span = { startOn: '2025-05-01', endOn: '2025-08-01' };
  const marks = ['✓', 'x', 'Yes.', ' ☑ ', 'TRUE', 'checked', '☐', 'N', 'no', '✗', 'unchecked', '1', '0', 'x - see memo', 'maybe'];

  it('is read as import reads it (ticked 100 %, unticked 0 %) by the rule and by the sheet\'s own status formula, with the default and the edited Lists', () => {
    for (const status of ['In progress', 'Not started', null]) {
      const rows: TypedRow[] = marks.map((percentComplete) => ({ ...span, status, percentComplete }));
      const imported = validateRows(TABLES.workplan, rows.map((r) => ({ ...r, task: 'Glossary' })), DEFAULT_READ_OPTIONS).map((r) => r.values);
      for (const { name, grid } of GRIDS) {
        const rules = readRules(grid);
        const { values } = nativeValues(TABLES.workplan, grid, rows);
        rows.forEach((row, i) => {
          const rule = computeDerived(TABLES.workplan, row, rules, AS_OF).derivedStatus;
          expect(values[i].derivedStatus, `${name}: ${status} ${JSON.stringify(row.percentComplete)}`).toBe(rule);
          // A mark import reads as a %, the rule reads as that %.
          if (typeof imported[i].percentComplete === 'number') expect(rule, `${status} ${JSON.stringify(row.percentComplete)}`).toBe(computeDerived(TABLES.workplan, imported[i], rules, AS_OF).derivedStatus);
        });
      }
    }
    expect(plan('In progress', span.startOn, span.endOn, '✓')).toBe('Complete');
    expect(plan('In progress', span.startOn, span.endOn, '☐')).toBe('At risk');
    expect(plan('Not started', span.startOn, span.endOn, 'N')).toBe('Late start');
  });
});
