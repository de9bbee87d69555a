// An office's own work plan, milestone list and roadmap, as the add-on tests set up Equity Desk beside each: its own
// sheet name, a title row above its own headers, choices typed its own way ("x", "In Progress - waiting on budget",
// "Early Actions"); and what the Dashboard over it must count, by the shared rules, as of today.
import { addDays } from '../../shared/cells/dates';
import { readCell } from '../../shared/cells/read-cell';
import { computeDerived } from '../../shared/layout';
import { DEFAULT_LISTS_GRID, readOptionsOf, readRules } from '../../shared/rules';
import { MILESTONE_DERIVED } from '../../shared/status/milestone-status';
import { WORKPLAN_DERIVED } from '../../shared/status/workplan-status';
import { TABLES, type TableName, type TypedRow } from '../../shared/tables';
import { localToday, type TemplateName } from '../../templates/build-template';
import type { XlsxCells } from '../support/xlsx-cells';

const today = localToday();
const PARTNERSHIPS = 'City partnership opportunities';
const on = (days: number) => addDays(today, days);

type Cell = string | number | boolean | null;

export interface OwnLog {
  template: TemplateName;
  table: TableName;
  /** The Apps Script menu handler that sets the template up. */
  setup: string;
  sheet: string;
  title: string;
  headers: readonly string[];
  /** The field each header reads as. */
  fields: readonly string[];
  /** Rows as typed: ISO text for a date cell. */
  rows: readonly Cell[][];
  /** A row typed after set-up, numbered so each is its own; its choices spelled as the log already spells them (a new spelling is counted from the next sync). */
  more(i: number): Cell[];
  /** The labels the Dashboard counts beside, besides `Items`. */
  labels: readonly string[];
}

export const OWN_LOGS: readonly OwnLog[] = [
  {
    template: 'workplan', table: 'workplan', setup: 'setupWorkplan', sheet: 'Racial Equity Work Plan FY26-29', title: 'Racial equity work plan, FY 2025-26',
    headers: ['Goal area', 'Stage', 'Activity', 'Owner', 'Start date', 'End date', '% done', 'Progress status', 'Partnership opportunity'],
    fields: ['goal', 'phase', 'task', 'lead', 'startOn', 'endOn', 'percentComplete', 'status', 'partnership'],
    rows: [
      ['Normalize', 'Phase 1', 'Train department heads', 'HR', on(-200), on(-10), 1, 'x', 'Yes'],
      ['', '', 'Equity survey of staff', 'Analytics', on(-60), on(60), 0.5, 'In Progress - waiting on budget', 'x'],
      ['Organize', 'Phase 2', 'Form the core team', 'Director', on(-100), on(-5), 0.2, 'in progress', true],
      ['Operationalize', 'Phase 3', 'Publish the action plan', 'Director', on(30), on(120), null, 'Not Started', 'no'],
      ['Operationalize', 'Phase 3', 'Pilot the budget equity tool', 'Budget', on(-30), on(-1), null, 'Completed', null],
    ],
    more: (i) => ['Operationalize', 'Phase 3', `Department plan ${i + 1}`, 'Director', on(-40), on(-2 - (i % 5)), null, i % 2 ? 'x' : 'In Progress - see notes', i % 3 ? 'X' : null],
    labels: WORKPLAN_DERIVED,
  },
  {
    template: 'milestones', table: 'milestones', setup: 'setupMilestones', sheet: 'Milestones 2026', title: 'Equity office milestones, 2026',
    headers: ['When', 'Event', 'Department', 'Progress', 'City partnership'],
    fields: ['date', 'milestone', 'team', 'status', 'partnership'],
    rows: [
      [on(-10), 'Kickoff with departments', 'Equity office', 'x', 'yes'],
      [on(3), 'Listening session', 'Parks', 'In Progress', '☑'],
      [on(40), 'Budget hearing', 'Budget', 'Not started', true],
      [on(-5), 'Draft report to council', 'Equity office', 'not started', '☐'],
      [on(-20), 'Training series', 'HR', 'Completed (May)', 'Yes'],
    ],
    more: (i) => [on(-3 - (i % 7)), `Community meeting ${i + 1}`, 'Equity office', i % 2 ? 'x' : 'Not started', i % 2 ? '☑' : false],
    labels: MILESTONE_DERIVED,
  },
  {
    template: 'roadmap', table: 'roadmap', setup: 'setupRoadmap', sheet: 'Roadmap 2026', title: 'Equity roadmap, 2026',
    headers: ['Theme', 'Type', 'Action', 'Owner', 'Progress', 'Due'],
    fields: ['focusArea', 'kind', 'action', 'lead', 'status', 'targetOn'],
    rows: [
      ['Organizational capacity', 'Early Actions', 'Staff training program', 'HR', 'x', on(-20)],
      // Theme and Type typed once over their rows, as a roadmap pasted from a document (or merged down) has them.
      ['', '', 'Equity audit of the organization', 'Director', 'In Progress', on(10)],
      ['Community engagement', 'Additional Strategies', 'Listening sessions', 'Parks', 'Not started', on(90)],
      ['', null, 'Publish what was heard', 'Comms', 'Not Started', on(-3)],
    ],
    more: (i) => ['Community engagement', i % 2 ? 'Early Actions' : 'additional strategies', `Neighborhood walk ${i + 1}`, 'Parks', 'Not started', on(-1 - (i % 4))],
    labels: [...MILESTONE_DERIVED, 'Early action', 'Additional strategy'],
  },
];

/** The log as a host holds it, title row first: `date` makes a date cell from its ISO day. */
export function ownLogGrid(log: OwnLog, date: (iso: string) => unknown, rows: readonly Cell[][] = log.rows): unknown[][] {
  const dates = new Set(TABLES[log.table].columns.filter((c) => c.type === 'date').map((c) => c.name));
  const cell = (v: Cell, field: string) => (v === null ? '' : dates.has(field) && typeof v === 'string' ? date(v) : v);
  return [[log.title], [...log.headers], ...rows.map((r) => r.map((v, i) => cell(v, log.fields[i])))];
}

/**
 * The figures the Dashboard must show for `rows`, by the shared rules as of today: the items, and each label's count,
 * a choice typed the log's own way counted as the value it reads as.
 */
export function expectedOwnFigures(log: OwnLog, rows: readonly Cell[][] = log.rows): Record<string, number> {
  const table = TABLES[log.table];
  const rules = readRules(DEFAULT_LISTS_GRID);
  const readAs = (field: string, v: Cell) => {
    const column = table.columns.find((c) => c.name === field)!;
    return (column.type === 'choice' && typeof v === 'string') || column.type === 'boolean' ? readCell(column, v, readOptionsOf(rules)).value : v;
  };
  // A blank in a column whose blanks mean "same as above" reads as the last value typed above it.
  const above: Record<string, unknown> = {};
  const typed = rows.map((r) => Object.fromEntries(log.fields.map((f, i) => {
    const read = readAs(f, r[i]);
    if (!table.columns.find((c) => c.name === f)?.fillDown) return [f, read];
    if (read === null || read === '') return [f, above[f] ?? read];
    return [f, (above[f] = read)];
  })) as TypedRow);
  const status = typed.map((r) => computeDerived(table, r, rules, today).derivedStatus);
  const figures: Record<string, number> = { Items: typed.length };
  for (const label of log.labels) figures[label] = status.filter((s) => s === label).length + typed.filter((r) => r.kind === label).length;
  if (log.fields.includes('partnership')) figures[PARTNERSHIPS] = typed.filter((r) => r.partnership === true).length;
  return figures;
}

/** The Dashboard's count beside each of the log's labels and `Items`, as a recalculated workbook holds them. */
export function shownOwnFigures(log: OwnLog, cells: XlsxCells, sheet = 'Dashboard'): Record<string, unknown> {
  const dashboard = cells.get(sheet)!;
  const wanted = new Set(['Items', PARTNERSHIPS, ...log.labels]);
  const shown: Record<string, unknown> = {};
  for (const [address, cell] of dashboard) {
    const row = /^A(\d+)$/.exec(address)?.[1];
    if (row && typeof cell.value === 'string' && wanted.has(cell.value) && !(cell.value in shown)) shown[cell.value] = dashboard.get(`B${row}`)?.value ?? '';
  }
  return shown;
}
