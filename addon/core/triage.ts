// The triage queue: open requests still lacking a status, priority or assignee, most urgent and oldest
// first, each with its suggested priority and reason; and every assignee's open load against capacity.
import { hashOfCanonical } from '../../shared/content-hash';
import { computeDerived } from '../../shared/layout';
import { PRIORITIES, type ListKey, type REQUEST_STATUSES } from '../../shared/lists';
import { sameText } from '../../shared/status/sheet-math';
import { isOpenRequest, RECEIVED_IN_FUTURE, receivedAfter } from '../../shared/status/request-status';
import { readOptionsOf, type Rules } from '../../shared/rules';
import { ownRowId } from '../../shared/row-id';
import { sheetColumns, TABLES, type FieldOf, type InputColumn, type TableDef, type TypedRow } from '../../shared/tables';
import { validateRows, withDeadlineWords } from '../../shared/validate-row';
import type { FieldIssue } from '../../shared/issues';
import { AddonError } from './addon-error';
import { headerAt, readTableSheet, readTableSheets, spreadsheetRules, type TableSheet } from './table-sheet';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { io, type Task } from './task';
import { DETAIL_FIELDS, queueItem, type AssigneeLoad, type DetailField, type SheetHeaders, type TriageField, type TriageFormField, type TriageItem, type TriageView } from './views';

/**
 * Every request sheet, in the workbook's order, as the sync reads them: a log kept per fiscal year, or an office's own
 * log beside the Requests sheet a template added, is one queue. `names` as in TableSearch.
 */
export function* requestSheets(port: SpreadsheetPort, names?: readonly string[]): Task<TableSheet[]> {
  const sheets = yield* readTableSheets(port, { only: 'requests', every: true, names });
  if (sheets.length === 0) throw new AddonError('no_table', noRequests(port));
  return sheets;
}

const noRequests = (port: SpreadsheetPort) =>
  `Nothing to triage: there is no Requests sheet here (or a sheet with its headers). For a TA requests log, ${port.words.setUp('ta-intake')} first; work plans, milestones and roadmaps sync without one.`;

/** The request sheet a queue item came from (one read), and the rules; a sheet renamed or deleted since is said so. */
export function* requestSheetAndRules(port: SpreadsheetPort, sheet: string): Task<{ t: TableSheet; rules: Rules }> {
  const names = yield* io(port.sheetNames());
  const t = names.includes(sheet) ? (yield* readTableSheet(port, sheet, TABLES.requests)).find((s) => s.table.name === 'requests') : undefined;
  if (!t) throw new AddonError('not_found', `There is no request sheet "${sheet}" any more (it was renamed or deleted). Refresh the queue.`);
  return { t, rules: yield* spreadsheetRules(port, names) };
}

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** The columns the triage form edits, in the table's order. */
export const triageColumns = (table: TableDef): InputColumn<TriageField>[] => table.columns.filter((c): c is InputColumn<TriageField> => c.triage === true);

/** Cells a save may write (the form's fields, a Fulfilled date, words moved into Notes): no part of a row's content key. */
const SAVE_WRITES = new Set<string>([...triageColumns(TABLES.requests).map((c) => c.name), ...(['fulfilledOn', 'notes'] satisfies FieldOf<'requests'>[])]);

/**
 * What the sidebar knows a request by: its Sync ID and its Request ID, either alone when the row has only one, else
 * what its row says outside the cells a save writes. Not its row number: a log never synced and without IDs may be
 * sorted while the sidebar shows it, and the row now at that number is another request. Both IDs, because an
 * updated copy of the log pasted over its rows leaves the Sync ID column where it was: until the next sync, the
 * Sync ID a request had sits beside another request, and its Request ID is what still names it.
 */
export const rowKey = (t: TableSheet, row: number, raw: Readonly<Record<string, unknown>>) => {
  const id = t.syncIdAt(row);
  const own = ownRowId(TABLES.requests, raw);
  if (id || own) return [id && `id:${id}`, own && `req:${own}`].filter(Boolean).join('\n');
  const content = TABLES.requests.columns.filter((c) => !SAVE_WRITES.has(c.name)).map((c) => raw[c.name] ?? '');
  return `row:${hashOfCanonical(JSON.stringify(content)).slice(0, 16)}`;
};

/** A key's parts (`rowKey`): its Sync ID, its Request ID, or its content. */
export function keyParts(key: string): { syncId?: string; requestId?: string; content?: string } {
  const parts: { syncId?: string; requestId?: string; content?: string } = {};
  for (const part of key.split('\n')) {
    if (part.startsWith('id:')) parts.syncId = part.slice(3);
    else if (part.startsWith('req:')) parts.requestId = part.slice(4);
    else if (part.startsWith('row:')) parts.content = part;
  }
  return parts;
}

export interface RequestRow {
  row: number;
  raw: Record<string, unknown>;
  values: TypedRow;
  /** The row's warnings, as the sync sends them to the Data quality sheet. */
  warnings: readonly FieldIssue[];
}

/** Every request row with its typed values (fields that do not read stay null). */
export function requestRows(t: TableSheet, rules: Rules): RequestRow[] {
  const results = validateRows(TABLES.requests, t.read.rows.map((r) => r.raw), readOptionsOf(rules), t.read.rows.map((r) => t.textFields(r)));
  return t.read.rows.map((r, i) => ({ row: r.row, raw: r.raw, values: results[i].values, warnings: results[i].warnings }));
}

export function triageItem(t: TableSheet, r: RequestRow, rules: Rules, asOf: string): TriageItem {
  // "ASAP" in Due is no day stored, but the suggested priority reads its words, as the sheet's formula does.
  const derived = computeDerived(TABLES.requests, withDeadlineWords(TABLES.requests, r.values, r.raw), rules, asOf);
  // A value that did not read (a typo in a dropdown) is shown as typed, so the user can see and fix it.
  const shown = (f: FieldOf<'requests'>) => text(r.values[f] ?? r.raw[f]);
  const days = typeof derived.daysOpen === 'number' ? derived.daysOpen : null;
  const future = receivedAfter(r.values.receivedOn, asOf);
  const receivedWarnings = r.warnings.filter((w) => w.field === ('receivedOn' satisfies FieldOf<'requests'>)).map((w) => w.message);
  return {
    sheet: t.sheet,
    row: r.row,
    key: rowKey(t, r.row, r.raw),
    requestId: shown('requestId'),
    receivedOn: shown('receivedOn'),
    requesterOrg: shown('requesterOrg'),
    contactName: shown('contactName'),
    // The cell's own text, whole: a row keeps a long one clipped for the service, but the person triaging reads all of it.
    description: typeof r.raw.description === 'string' ? r.raw.description.trim() : shown('description'),
    // A received date after today has no days open: the backlog's own words for the typo are shown instead.
    daysOpen: days,
    receivedWarnings: future ? [RECEIVED_IN_FUTURE, ...receivedWarnings] : receivedWarnings,
    slaState: text(derived.slaState),
    suggestedPriority: text(derived.suggestedPriority),
    priorityReason: text(derived.priorityReason),
    headers: sheetHeaders(t),
    values: Object.fromEntries(triageColumns(TABLES.requests).map((c) => [c.name, shown(c.name)])) as Record<TriageField, string>,
  };
}

/** The detail's columns, input or derived. */
const DETAIL_COLUMNS = sheetColumns(TABLES.requests).filter((c) => (DETAIL_FIELDS as readonly string[]).includes(c.name));
/** Each detail's label where its sheet has no column for it: the definition's header. */
const detailLabels = Object.fromEntries(DETAIL_COLUMNS.map((c) => [c.name, c.header])) as Record<DetailField, string>;
/** The columns the sidebar labels: the form's and the detail's. */
const LABELED = [...triageColumns(TABLES.requests), ...DETAIL_COLUMNS];

/** The sheet's own header over each column the sidebar labels (the definition's where its header cell is blank). */
const sheetHeaders = (t: TableSheet): SheetHeaders =>
  Object.fromEntries(LABELED.flatMap((c) => {
    const column = t.columnOf(c.name);
    return column === undefined ? [] : [[c.name, headerAt(t, column) ?? c.header]];
  }));

const isOpen = (v: TypedRow) => isOpenRequest({ status: v.status, fulfilledOn: v.fulfilledOn });

/** A request's first status: one still showing it has not been triaged. */
const NEW: (typeof REQUEST_STATUSES)[number] = 'New';

/**
 * An open request still lacking a status (or still New), a priority or an assignee: only of those its sheet has a
 * column for, since the form cannot set the others, and a request would otherwise never leave the queue.
 */
export function needsTriage(t: TableSheet, v: TypedRow): boolean {
  const lacks = (field: FieldOf<'requests'>, unset: boolean) => unset && t.columnOf(field) !== undefined;
  return isOpen(v) && (lacks('status', v.status === null || sameText(v.status, NEW)) || lacks('priority', v.priority === null) || lacks('assignee', v.assignee === null));
}

/** A priority not in the list (a typo) ranks as a blank one does: by the suggested priority. */
const rank = (item: TriageItem) => {
  const set = PRIORITIES.indexOf(item.values.priority as (typeof PRIORITIES)[number]);
  return set >= 0 ? set : PRIORITIES.indexOf(item.suggestedPriority as (typeof PRIORITIES)[number]);
};

export function assigneeLoads(rows: readonly RequestRow[], rules: Rules): AssigneeLoad[] {
  const loads = new Map<string, AssigneeLoad>();
  const entry = (name: string) => {
    const key = name.toLowerCase();
    let load = loads.get(key);
    const own = rules.capacity.get(key);
    if (!load) loads.set(key, (load = { name, openRequests: 0, openHours: 0, capacityHours: own ?? rules.settings.weeklyCapacityHours, defaultCapacity: own === undefined }));
    return load;
  };
  for (const name of rules.lists.assignee) entry(name);
  for (const { values: v } of rows) {
    if (!isOpen(v) || typeof v.assignee !== 'string') continue;
    const load = entry(v.assignee);
    load.openRequests++;
    const left = (typeof v.estimatedHours === 'number' ? v.estimatedHours : 0) - (typeof v.hoursSpent === 'number' ? v.hoursSpent : 0);
    load.openHours += Math.max(0, left);
  }
  return [...loads.values()];
}

export function* triageQueue(port: SpreadsheetPort, asOf: string): Task<TriageView> {
  const names = yield* io(port.sheetNames());
  const sheets = yield* readTableSheets(port, { only: 'requests', every: true, names });
  // A workbook of plans alone has no queue, which is no failure: said as it is, not in an error's red.
  if (sheets.length === 0) return { sheets: [], asOf, items: [], fields: [], details: detailLabels, headers: {}, none: noRequests(port) };
  const rules = yield* spreadsheetRules(port, names);
  const read = sheets.map((t) => ({ t, rows: requestRows(t, rules) }));
  const rows = read.flatMap((s) => s.rows);
  // A stable sort: requests alike keep the sheets' order and each sheet's row order.
  const items = read
    .flatMap(({ t, rows }) => rows.filter((r) => needsTriage(t, r.values)).map((r) => triageItem(t, r, rules, asOf)))
    .sort((a, b) => rank(b) - rank(a) || (a.receivedOn || '9999').localeCompare(b.receivedOn || '9999'))
    .map(queueItem);
  return {
    sheets: sheets.map((t) => t.sheet),
    asOf,
    items,
    fields: triageForm(TABLES.requests, rules, assigneeLoads(rows, rules)),
    details: detailLabels,
    headers: Object.fromEntries(sheets.map((t) => [t.sheet, sheetHeaders(t)])),
  };
}

/** The triage form as the table defines it: each `triage` column's header (an item names its sheet's own), input and list. */
export function triageForm(table: TableDef, rules: Rules, loads: readonly AssigneeLoad[]): TriageFormField[] {
  // Assignees are offered with their open load, including people on requests but not in the list.
  const choices = (list: ListKey | undefined) =>
    list === 'assignee' ? loads.map((a) => ({ value: a.name, text: `${a.name} — ${a.openRequests} open, ${Math.round(a.openHours)} h of work left, ${a.capacityHours} h/week${a.defaultCapacity ? ' (default capacity)' : ''}` }))
    : list === undefined ? []
    : rules.lists[list].map((value) => ({ value, text: value }));
  return triageColumns(table).map((c) => ({
    name: c.name,
    label: c.header,
    input: c.type === 'date' ? 'date' : c.list === undefined ? 'text' : 'choice',
    choices: choices(c.list),
  }));
}
