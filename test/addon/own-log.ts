// An office's own TA log, as the add-on tests set up Equity Desk beside it: its own sheet name, a title row above
// its own headers, no Request ID, Origin, Outcome or Satisfaction column; and what its Dashboard must count, by the
// shared rules, as of the day a recalculating engine sees (today).
import { addDays, serialFromIso } from '../../shared/cells/dates';
import { computeDerived } from '../../shared/layout';
import { readCell } from '../../shared/cells/read-cell';
import { DEFAULT_LISTS_GRID, readOptionsOf, readRules } from '../../shared/rules';
import { outsideAgeBuckets } from '../../shared/status/request-status';
import { TABLES, type TypedRow } from '../../shared/tables';
import { localToday } from '../../templates/build-template';
import type { XlsxCells } from '../support/xlsx-cells';

export const LOG = 'TA Log 2025';
export const TITLE = 'Commission technical assistance log, 2025';
export const HEADERS = ['Date Received', 'Agency / Jurisdiction', 'Requester Type', 'Type of TA', 'Request', 'Priority', 'Status', 'Hours Spent', 'Needed By', 'Date fulfilled'];
const FIELDS = ['receivedOn', 'requesterOrg', 'requesterType', 'category', 'description', 'priority', 'status', 'hoursSpent', 'dueOn', 'fulfilledOn'] as const;
const DATES = new Set<string>(['receivedOn', 'dueOn', 'fulfilledOn']);

const today = localToday();
const ago = (days: number) => addDays(today, -days);

/** The log's rows as typed: ISO text for a date cell, anything else as the cell holds it ('TBD' is text). */
export const LOG_ROWS: readonly (string | number | null)[][] = [
  [ago(40), 'Department of Public Health', 'State Agencies', 'Budget equity tool', 'Review the draft plan', 'High', 'Fulfilled - report sent', 6, null, ago(30)],
  [ago(20), 'City of Fresno', 'City', 'Training & workshops', 'Workshop for analysts', 'Medium', 'In progress', 4, ago(2), null],
  [ago(3), 'Alameda County', 'counties', 'Data & evaluation', 'Disaggregated data', 'Low', 'New', null, null, null],
  [ago(100), 'Caltrans', 'State agency', 'Community engagement', 'Engagement plan review', 'Urgent', 'Assigned', null, null, null],
  [ago(15), 'City of Oakland', 'City', 'Policy & legislation', 'Bill analysis', 'High', 'Fulfilled', 2, null, ago(14)],
  ['TBD', 'Sonoma County', 'Counties', 'Other', 'Not yet dated', 'Medium', 'New', 1.5, null, null],
];

/** The same log a year earlier, received on each day a year before: last fiscal year's log, kept beside this year's. */
export const LAST_YEAR_ROWS: readonly (string | number | null)[][] = LOG_ROWS.map((r) => r.map((v, i) => (FIELDS[i] === 'receivedOn' && typeof v === 'string' && v !== 'TBD' ? addDays(v, -365) : v)));

/** The log as a host holds it, title row first: `date` makes a date cell from its ISO day. */
export function logGrid(date: (iso: string) => unknown, order: readonly number[] = HEADERS.map((_, i) => i), headers: readonly string[] = HEADERS, rows = LOG_ROWS): unknown[][] {
  const cell = (v: string | number | null, field: string) => (v === null ? '' : DATES.has(field) && typeof v === 'string' && v !== 'TBD' ? date(v) : v);
  return [[TITLE], order.map((i) => headers[i]), ...rows.map((r) => order.map((i) => cell(r[i], FIELDS[i])))];
}

/**
 * The figures the Dashboard must show for the log, by the shared rules as of today: a choice typed the log's own way
 * ("State Agencies", "counties", "Fulfilled - report sent") counted as the value the service reads it as.
 */
export function expectedFigures(typed: readonly (string | number | null)[][] = LOG_ROWS): Record<string, number> {
  const rules = readRules(DEFAULT_LISTS_GRID);
  const readAs = (field: string, v: unknown) => {
    const column = TABLES.requests.columns.find((c) => c.name === field)!;
    return column.type === 'choice' && typeof v === 'string' ? readCell(column, v, readOptionsOf(rules)).value : v;
  };
  const rows = typed.map((r) => Object.fromEntries(FIELDS.map((f, i) => [f, readAs(f, r[i])])) as TypedRow);
  const derived = rows.map((r) => computeDerived(TABLES.requests, r, rules, today));
  const count = (pick: (i: number) => boolean) => rows.filter((_, i) => pick(i)).length;
  return {
    'Requests received': count((i) => /^\d{4}-\d{2}-\d{2}$/.test(String(rows[i].receivedOn))),
    New: count((i) => rows[i].status === 'New'),
    Fulfilled: count((i) => rows[i].status === 'Fulfilled'),
    'In progress': count((i) => rows[i].status === 'In progress'),
    'State agency': count((i) => rows[i].requesterType === 'State agency'),
    County: count((i) => rows[i].requesterType === 'County'),
    'Hours spent': rows.reduce((t, r) => t + (typeof r.hoursSpent === 'number' ? r.hoursSpent : 0), 0),
    'SLA: overdue': count((i) => derived[i].slaState === 'Overdue'),
    'SLA met (share of fulfilled requests)': count((i) => derived[i].slaState === 'Met'),
    'SLA missed': count((i) => derived[i].slaState === 'Missed'),
    'Open backlog (by age below)': count((i) => Boolean(derived[i].ageBucket) || Boolean(outsideAgeBuckets(rows[i] as Parameters<typeof outsideAgeBuckets>[0], rules, today))),
    'Follow-ups with a recorded outcome': 0,
  };
}

/** The Dashboard's count beside each label, as a recalculated workbook holds them. */
export function shownFigures(cells: XlsxCells, sheet = 'Dashboard'): Record<string, unknown> {
  const dashboard = cells.get(sheet)!;
  const wanted = new Set(Object.keys(expectedFigures()));
  const shown: Record<string, unknown> = {};
  for (const [address, cell] of dashboard) {
    const row = /^A(\d+)$/.exec(address)?.[1];
    if (row && typeof cell.value === 'string' && wanted.has(cell.value) && !(cell.value in shown)) shown[cell.value] = dashboard.get(`B${row}`)?.value ?? '';
  }
  return shown;
}

/** A date as Excel holds it: its serial number. */
export const excelDate = (iso: string): number => serialFromIso(iso);
