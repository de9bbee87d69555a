// "Save" in the triage sidebar: the edited fields checked with the shared cell rules (errors returned
// per field), then written back to the request's row in one block write that keeps its formulas.
import { readCell } from '../../shared/cells/read-cell';
import { TABLES, type TypedValue } from '../../shared/tables';
import { AddonError } from './addon-error';
import type { TableSheet } from './table-sheet';
import { needsTriage, requestRows, requestsSheet, rowKey, spreadsheetRules, triageItem, type RequestRow } from './triage';
import type { HostCell, SpreadsheetPort, WriteCell } from '../port/spreadsheet-port';
import { io, type Task } from './task';
import { TRIAGE_FIELDS, type FieldProblem, type SaveResult, type TriageField, type TriageUpdate } from './views';

/** The sheet row the sidebar showed: found by its key, so rows inserted or sorted since do not mislead. */
function locate(t: TableSheet, update: Pick<TriageUpdate, 'key' | 'row'>): number {
  const keyOf = (r: (typeof t.read.rows)[number]) => rowKey(t, r.row, r.raw.requestId);
  const atRow = t.read.rows.find((r) => r.row === update.row);
  if (atRow && keyOf(atRow) === update.key) return atRow.row;
  const moved = t.read.rows.find((r) => keyOf(r) === update.key);
  if (moved) return moved.row;
  throw new AddonError('not_found', 'That request is no longer in the sheet (it was deleted or its ID changed). Refresh the queue.');
}

function hostWrite(port: SpreadsheetPort, v: HostCell): WriteCell {
  if (v instanceof Date || Object.prototype.toString.call(v) === '[object Date]') return { date: port.isoFromDate(v as Date) };
  return v === '' ? null : v;
}

export function* saveRequest(port: SpreadsheetPort, update: TriageUpdate, asOf: string): Task<SaveResult> {
  const t = yield* requestsSheet(port);
  const rules = yield* spreadsheetRules(port);
  const row = locate(t, update);
  const target = requestRows(t, rules).find((r) => r.row === row)!;

  const errors: FieldProblem[] = [];
  const edits = new Map<number, { field: TriageField; value: TypedValue }>();
  for (const [field, input] of Object.entries(update.values) as [TriageField, string][]) {
    const column = TABLES.requests.columns.find((c) => c.name === field);
    if (!column || !TRIAGE_FIELDS.includes(field)) {
      errors.push({ field, message: `${field} cannot be changed from the sidebar` });
      continue;
    }
    const sheetColumn = t.columnOf(field);
    if (sheetColumn === undefined) {
      errors.push({ field, message: `${t.sheet} has no "${column.header}" column; add one to set this` });
      continue;
    }
    const typed = String(input ?? '').trim();
    if (typed === '') {
      edits.set(sheetColumn, { field, value: null });
      continue;
    }
    const read = readCell(column, typed, { lists: rules.lists });
    const bad = read.issues.filter((i) => i.severity === 'error');
    if (bad.length) errors.push(...bad.map((i) => ({ field, message: i.message })));
    else edits.set(sheetColumn, { field, value: read.value });
  }
  if (errors.length) return { ok: false, errors };
  if (edits.size === 0) return { ok: true, item: triageItem(t, target, rules, asOf) };

  const columns = [...edits.keys()];
  const first = Math.min(...columns);
  const last = Math.max(...columns);
  const [formulas] = yield* io(port.readFormulas(t.sheet, target.row, first, 1, last - first + 1));
  const line = t.host[target.row - 1] ?? [];
  const cells: WriteCell[] = [];
  for (let c = first; c <= last; c++) {
    const edit = edits.get(c);
    const column = edit && TABLES.requests.columns.find((col) => col.name === edit.field)!;
    if (edit) cells.push(column?.type === 'date' && typeof edit.value === 'string' ? { date: edit.value } : edit.value);
    else if (formulas[c - first]) cells.push({ formula: formulas[c - first] });
    else cells.push(hostWrite(port, line[c - 1] ?? null));
  }
  yield* io(port.writeBlock(t.sheet, target.row, first, [cells]));

  const values = { ...target.values };
  for (const { field, value } of edits.values()) values[field] = value;
  const saved: RequestRow = { ...target, values, raw: { ...target.raw, ...values } };
  return { ok: true, item: needsTriage(values) ? triageItem(t, saved, rules, asOf) : null };
}

/** Selects the request's row so the sheet shows what the sidebar shows. */
export function* selectRequest(port: SpreadsheetPort, key: string, row: number): Task<void> {
  const t = yield* requestsSheet(port);
  yield* io(port.selectRow(t.sheet, locate(t, { key, row })));
}
