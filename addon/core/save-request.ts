// "Save" in the triage sidebar: the edited fields checked with the shared cell rules (errors returned
// per field), then only the changed cells written back, nothing between them: a colleague's edit to
// another cell of the row and the time of a date-time cell stay as they are (Notes only gains the words
// written after a listed value the sidebar writes over). A field someone else changed
// since the sidebar read it is not overwritten: the person is told and chooses.
import { isBlankCell, readCell, type CellInput } from '../../shared/cells/read-cell';
import { TABLES, type InputColumn, type TypedValue } from '../../shared/tables';
import { notesWithWords } from '../../shared/validate-row';
import { AddonError } from './addon-error';
import type { TableSheet } from './table-sheet';
import { needsTriage, requestRows, requestSheetAndRules, rowKey, triageItem, type RequestRow } from './triage';
import type { SpreadsheetPort, WriteCell } from '../port/spreadsheet-port';
import { io, type Task } from './task';
import type { FieldProblem, RequestAt, SaveResult, TriageField, TriageUpdate } from './views';
import type { Rules } from '../../shared/rules';

/** The sheet row the sidebar showed: found by its key, so rows inserted or sorted since do not mislead. */
function locate(t: TableSheet, update: Pick<TriageUpdate, 'key' | 'row'>): number {
  const keyOf = (r: (typeof t.read.rows)[number]) => rowKey(t, r.row, r.raw.requestId);
  const atRow = t.read.rows.find((r) => r.row === update.row);
  if (atRow && keyOf(atRow) === update.key) return atRow.row;
  const moved = t.read.rows.find((r) => keyOf(r) === update.key);
  if (moved) return moved.row;
  throw new AddonError('not_found', 'That request is no longer in the sheet (it was deleted or its ID changed). Refresh the queue.');
}

export function* saveRequest(port: SpreadsheetPort, update: TriageUpdate, asOf: string): Task<SaveResult> {
  const { t, rules } = yield* requestSheetAndRules(port, update.sheet);
  const row = locate(t, update);
  const target = requestRows(t, rules).find((r) => r.row === row)!;

  const errors: FieldProblem[] = [];
  const edits = new Map<number, { field: TriageField; value: TypedValue }>();
  for (const [field, input] of Object.entries(update.values) as [TriageField, string][]) {
    const column = TABLES.requests.columns.find((c) => c.name === field);
    if (!column?.triage) {
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

  const now = triageItem(t, target, rules, asOf);
  const conflicts: FieldProblem[] = [];
  for (const { field } of edits.values()) {
    const shown = update.read?.[field];
    const theirs = now.values[field];
    const yours = String(update.values[field] ?? '').trim();
    if (shown !== undefined && theirs !== shown && theirs !== yours) {
      conflicts.push({ field, message: `Changed by someone else since you opened this request: it now says ${theirs ? `"${theirs}"` : 'nothing'}${shown ? ` (was "${shown}")` : ''}. Save again to put yours in its place, or choose theirs.` });
    }
  }
  if (conflicts.length) return { ok: false, errors: conflicts, conflict: { item: now } };

  yield* keepWordsInNotes(port, t, target, [...edits.values()].map((e) => e.field), rules.lists);

  // One write per run of side-by-side changed cells; the cells between runs are never rewritten.
  const columns = [...edits.keys()].sort((a, b) => a - b);
  const cellOf = (c: number): WriteCell => {
    const edit = edits.get(c)!;
    const column = TABLES.requests.columns.find((col) => col.name === edit.field)!;
    return column.type === 'date' && typeof edit.value === 'string' ? { date: edit.value } : edit.value;
  };
  for (let i = 0; i < columns.length; ) {
    let end = i;
    while (end + 1 < columns.length && columns[end + 1] === columns[end] + 1) end++;
    yield* io(port.writeBlock(t.sheet, target.row, columns[i], [columns.slice(i, end + 1).map(cellOf)]));
    i = end + 1;
  }

  // Only the cells written change: one that did not read ("TBD" in Due) is still what the row holds.
  const written = Object.fromEntries([...edits.values()].map(({ field, value }) => [field, value]));
  const values = { ...target.values, ...written };
  const saved: RequestRow = { ...target, values, raw: { ...target.raw, ...written } };
  return { ok: true, item: needsTriage(values) ? triageItem(t, saved, rules, asOf) : null };
}

/**
 * The words written after a listed value ("In progress - waiting on budget") are in the row's notes only while
 * its cell holds them (validateRow adds them at every read): before the sidebar writes over that cell, they
 * move into the sheet's Notes, so the next sync stores the same notes. A sheet without Notes loses them.
 */
function* keepWordsInNotes(port: SpreadsheetPort, t: TableSheet, target: RequestRow, fields: readonly TriageField[], lists: Rules['lists']): Task<void> {
  const notesColumn = t.columnOf('notes');
  if (notesColumn === undefined) return;
  const column = (name: string) => TABLES.requests.columns.find((c) => c.name === name)!;
  const read = (c: InputColumn) => {
    const raw = target.raw[c.name] as CellInput;
    return isBlankCell(raw) ? undefined : readCell(c, raw, { lists });
  };
  const noted = fields.flatMap((field) => {
    const words = read(column(field))?.note;
    return words === undefined ? [] : [{ column: column(field), words }];
  });
  if (noted.length === 0) return;
  // The sheet keeps a long note whole: its own text, not the clipped one a row stores.
  const own = target.raw.notes;
  const notes = notesWithWords(typeof own === 'string' ? own.trim() : read(column('notes'))?.value ?? '', noted);
  yield* io(port.writeBlock(t.sheet, target.row, notesColumn, [[notes]]));
}

/** Selects the request's row so the sheet shows what the sidebar shows. */
export function* selectRequest(port: SpreadsheetPort, at: RequestAt): Task<void> {
  const { t } = yield* requestSheetAndRules(port, at.sheet);
  yield* io(port.selectRow(t.sheet, locate(t, at)));
}
