// "Save" in the triage sidebar: the edited fields checked with the shared cell rules (errors returned
// per field), then only the changed cells written back, nothing between them: a colleague's edit to
// another cell of the row and the time of a date-time cell stay as they are. Two cells besides: Notes (or, in a
// sheet without one, the cell's own note) gains the words written after a listed value the sidebar writes over, and
// an empty Fulfilled cell is dated today when the status becomes Fulfilled, so the sheet's SLA judges the request
// as the service does. A field someone else changed since the sidebar read it is not overwritten: the person is told and chooses.
// A cell protected from the person (a protected range or sheet, a locked cell) keeps what it holds: the fields around it
// are saved, and the person is told which cell and to ask the sheet's owner.
import { isBlankCell, readCell, type CellInput } from '../../shared/cells/read-cell';
import { shortDay } from '../../shared/cells/dates';
import { isFulfilledStatus } from '../../shared/status/request-status';
import { inputColumn, TABLES, type FieldOf, type InputColumn, type TypedValue } from '../../shared/tables';
import { notesWithWords } from '../../shared/validate-row';
import { AddonError } from './addon-error';
import { headerAt, type TableSheet } from './table-sheet';
import { quoteValue } from '../../shared/quote-value';
import { keyParts, needsTriage, requestRows, requestSheetAndRules, rowKey, triageItem, type RequestRow } from './triage';
import { ownRowId } from '../../shared/row-id';
import { columnLetter } from '../../shared/lists';
import { placeRef } from '../../shared/sheet-ref';
import { isErrorType } from '../../shared/typed-error';
import { ProtectedCellsError } from '../port/protected-cells';
import type { SpreadsheetPort, WriteCell } from '../port/spreadsheet-port';
import { io, type Task } from './task';
import { noColumnText, type FieldProblem, type RequestAt, type SaveResult, type TriageField, type TriageItem, type TriageUpdate } from './views';
import type { Rules } from '../../shared/rules';

/**
 * The sheet row the sidebar showed, found by its key (`rowKey`), so rows inserted, sorted or pasted over since do not
 * mislead: the row beside its Sync ID while it still holds its Request ID, else the one row holding its Request ID
 * (moved in a pasted copy, its Sync ID left behind until the next sync), else its content. A request that no row, or
 * more than one, holds is refused with what the sheet holds instead and what to do.
 */
function locate(t: TableSheet, at: Pick<RequestAt, 'key' | 'row'>): number {
  const { syncId, requestId, content } = keyParts(at.key);
  const ownAt = (r: (typeof t.read.rows)[number]) => ownRowId(TABLES.requests, r.raw);
  const rows = t.read.rows;
  if (syncId !== undefined) {
    const beside = rows.filter((r) => t.syncIdAt(r.row) === syncId && (requestId === undefined || ownAt(r) === requestId));
    if (beside.length) return (beside.find((r) => r.row === at.row) ?? beside[0]).row;
  }
  if (requestId !== undefined) {
    const { name, header: defined } = inputColumn('requests', 'requestId');
    const column = t.columnOf(name);
    const header = (column === undefined ? undefined : headerAt(t, column)) ?? defined;
    const holding = rows.filter((r) => ownAt(r) === requestId);
    if (holding.length === 1) return holding[0].row;
    if (holding.length > 1) {
      const listed = holding.map((r) => r.row);
      throw new AddonError('not_found', `${header} ${requestId} is on rows ${listed.slice(0, -1).join(', ')} and ${listed.at(-1)} of ${t.sheet}: give each request its own ID (or delete the copy), then try again.`);
    }
    const was = (syncId === undefined ? undefined : rows.find((r) => t.syncIdAt(r.row) === syncId)) ?? rows.find((r) => r.row === at.row);
    const now = was === undefined ? '' : ownAt(was);
    const there = was === undefined ? '' : ` row ${was.row}, where it was, holds ${now === '' ? `a request with no ${header}` : now}.`;
    throw new AddonError('not_found', `No row of ${t.sheet} has ${header} ${requestId} now:${there || ' nor its Sync ID.'} If it was deleted there is nothing to save; if its ${header} was changed, refresh the queue and choose it again.`);
  }
  if (content !== undefined) {
    const same = rows.find((r) => rowKey(t, r.row, r.raw) === content);
    if (same) return same.row;
    throw new AddonError('not_found', `That request is no longer in the sheet as the queue read it: no row of ${t.sheet} holds what it held outside the fields you triage (it was edited or deleted since). Refresh the queue and choose it again.`);
  }
  throw new AddonError('not_found', `No row of ${t.sheet} has that request's Sync ID ${syncId} now (its row was deleted, or its Sync ID cell cleared or changed). Refresh the queue and choose it again.`);
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
      errors.push({ field, message: noColumnText(t.sheet, column.header) });
      continue;
    }
    const typed = String(input ?? '').trim();
    if (typed === '') {
      edits.set(sheetColumn, { field, value: null });
      continue;
    }
    const read = readCell(column, typed, { lists: rules.lists, listedOnly: true });
    const bad = read.issues.filter((i) => i.severity === 'error');
    if (bad.length) errors.push(...bad.map((i) => ({ field, message: i.message })));
    else edits.set(sheetColumn, { field, value: read.value });
  }
  if (errors.length) return { ok: false, errors };
  if (edits.size === 0) return { ok: true, item: triageItem(t, target, rules, asOf), also: [] };

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

  const { also, lost } = yield* keepWordsInNotes(port, t, target, [...edits.values()].map((e) => e.field), rules.lists);
  if (lost.length) return { ok: false, errors: lost };

  // One write per run of side-by-side changed cells; the cells between runs are never rewritten.
  const cells = new Map<number, WriteCell>([...edits].map(([c, edit]) => {
    const column = inputColumn('requests', edit.field);
    if (column.type === 'choice' && typeof edit.value === 'string') return [c, sheetSpelling(t, column, edit.value, rules.lists)];
    return [c, column.type === 'date' && typeof edit.value === 'string' ? { date: edit.value } : edit.value];
  }));
  const written: Record<string, TypedValue> = Object.fromEntries([...edits.values()].map(({ field, value }) => [field, value]));
  const refused = new Set<number>();
  /** Writes `cells` in runs, and answers the columns the host refused as protected (the others are written). */
  const writeRuns = function* (cells: ReadonlyMap<number, WriteCell>): Task<void> {
    const columns = [...cells.keys()].sort((a, b) => a - b);
    for (let i = 0; i < columns.length; ) {
      let end = i;
      while (end + 1 < columns.length && columns[end + 1] === columns[end] + 1) end++;
      try {
        yield* io(port.writeBlock(t.sheet, target.row, columns[i], [columns.slice(i, end + 1).map((c) => cells.get(c)!)]));
      } catch (e) {
        if (!isErrorType(e, ProtectedCellsError)) throw e;
        for (const c of e.cells) refused.add(c.column);
      }
      i = end + 1;
    }
  };
  yield* writeRuns(cells);
  const cellOf = (column: number) => placeRef(t.sheet, target.row, columnLetter(column));
  const notSaved = [...edits].filter(([column]) => refused.has(column)).map(([column, { field }]) => ({ field, cell: cellOf(column) }));
  for (const { field } of notSaved) delete written[field];
  const problems: FieldProblem[] = [];
  // Dated with the status it goes with: a status refused leaves Fulfilled as it is.
  const fulfilled = inputColumn('requests', 'fulfilledOn');
  const fulfilledColumn = t.columnOf(fulfilled.name);
  if (fulfilledColumn !== undefined && isFulfilledStatus(written.status) && isBlankCell(target.raw.fulfilledOn as CellInput)) {
    const header = headerAt(t, fulfilledColumn) ?? fulfilled.header;
    yield* writeRuns(new Map([[fulfilledColumn, { date: asOf }]]));
    if (refused.has(fulfilledColumn)) problems.push({ field: 'status', message: `Saved, but ${header} (${cellOf(fulfilledColumn)}) is protected from you, so it was not set to today; ask the sheet's owner to let you edit it.` });
    else {
      written.fulfilledOn = asOf;
      also.push(`${header} set to today, ${shortDay(asOf)}.`);
    }
  }
  if (notSaved.length || problems.length) {
    const others = Object.keys(written).length > 0 ? ' The other fields were saved.' : '';
    const refusedFields = notSaved.map(({ field, cell }) => ({ field, message: `Not saved: its cell (${cell}) is protected from you; ask the sheet's owner to let you edit it.${others}` }));
    return { ok: false, refused: true, errors: [...refusedFields, ...problems] };
  }

  // Only the cells written change: one that did not read ("TBD" in Due) is still what the row holds.
  const values = { ...target.values, ...written };
  const saved: RequestRow = { ...target, values, raw: { ...target.raw, ...written } };
  return { ok: true, item: needsTriage(t, values) ? triageItem(t, saved, rules, asOf) : null, also };
}

/**
 * A listed value as the sheet's column spells it: the spelling its cells use most for that value (`Counties` for
 * County, `In Progress`), the list's own where none does or it is as common. A log that keeps its own words keeps
 * them, so its filters, COUNTIFs and its own dropdown still find the rows the sidebar writes.
 */
function sheetSpelling(t: TableSheet, column: InputColumn, value: string, lists: Rules['lists']): string {
  const counts = new Map<string, number>([[value, 0]]);
  const reads = new Map<string, boolean>();
  for (const { raw } of t.read.rows) {
    const cell = raw[column.name];
    if (typeof cell !== 'string') continue;
    const typed = cell.trim();
    if (typed === '') continue;
    let same = reads.get(typed);
    if (same === undefined) {
      // Words after a value ("In Progress - waiting") are that row's own: only a cell holding the value alone is a spelling.
      const read = readCell(column, typed, { lists });
      reads.set(typed, (same = read.value === value && read.note === undefined));
    }
    if (same) counts.set(typed, (counts.get(typed) ?? 0) + 1);
  }
  let best = value;
  for (const [spelling, n] of counts) if (n > counts.get(best)!) best = spelling;
  return best;
}

/** Why words kept by a save would be lost: with them, `where` (a cell or its note) would hold more than the host's `limit`. */
const tooLongToSave = (words: string, where: string, limit: number) =>
  `Saving would lose ${quoteValue(words)}: with them ${where} would pass the ${limit} characters it holds; shorten it, or move the words yourself, then save.`;

/**
 * The words written after a listed value ("In progress - waiting on budget") are in the row's notes only while
 * its cell holds them (validateRow adds them at every read): before the sidebar writes over that cell, they
 * move into the sheet's Notes, so the next sync stores the same notes. A sheet without Notes keeps the cell's whole
 * text in the cell's own note, a line of the person's (no `Equity Desk: ` mark, so no sync clears it), read back: a host
 * that keeps no notes (an older Excel) makes it a field problem, and nothing is saved rather than the words lost.
 * Answers what it kept where, in sentences, and the fields whose words it could not keep.
 */
function* keepWordsInNotes(port: SpreadsheetPort, t: TableSheet, target: RequestRow, fields: readonly TriageField[], lists: Rules['lists']): Task<{ also: string[]; lost: FieldProblem[] }> {
  const column = (name: FieldOf<'requests'>) => inputColumn('requests', name);
  const read = (c: InputColumn) => {
    const raw = target.raw[c.name] as CellInput;
    return isBlankCell(raw) ? undefined : readCell(c, raw, { lists });
  };
  const noted = fields.flatMap((field) => {
    const words = read(column(field))?.note;
    return words === undefined ? [] : [{ column: column(field), words }];
  });
  if (noted.length === 0) return { also: [], lost: [] };
  const notesColumn = t.columnOf(column('notes').name);
  if (notesColumn === undefined) {
    const also: string[] = [];
    const lost: FieldProblem[] = [];
    for (const { column: c, words } of noted) {
      const at = t.columnOf(c.name)!;
      const before = `Before: ${String(target.raw[c.name]).trim()}`;
      const holds = (note: string) => note.split('\n').includes(before);
      let protectedNote = false;
      let over = false;
      try {
        yield* io(port.updateAnnotations(t.sheet, target.row, at, 1, 1, ({ notes: [[note]], backgrounds }) => {
          const next = note ? `${note}\n${before}` : before;
          over = next.length > port.limits.noteText;
          return holds(note) || over ? null : { notes: [[next]], backgrounds };
        }));
      } catch (e) {
        if (!isErrorType(e, ProtectedCellsError)) throw e;
        protectedNote = true;
      }
      let kept = false;
      yield* io(port.updateAnnotations(t.sheet, target.row, at, 1, 1, ({ notes: [[note]] }) => ((kept = holds(note)), null)));
      const header = headerAt(t, at) ?? c.header;
      if (over) lost.push({ field: c.name, message: tooLongToSave(words, `the ${header} cell's note (${placeRef(t.sheet, target.row, columnLetter(at))})`, port.limits.noteText) });
      else if (kept) also.push(`${quoteValue(words)} kept in the ${header} cell's note (this sheet has no Notes column).`);
      else if (protectedNote) lost.push({ field: c.name, message: `Saving would lose ${quoteValue(words)}: ${t.sheet} has no Notes column and the ${header} cell's note (${placeRef(t.sheet, target.row, columnLetter(at))}) is protected from you; ask the sheet's owner to let you edit it, or move the words yourself, then save.` });
      else lost.push({ field: c.name, message: `Saving would lose ${quoteValue(words)}: ${t.sheet} has no Notes column and the ${header} cell keeps no note here. Add a Notes column, or move the words yourself, then save.` });
    }
    return { also, lost };
  }
  // The sheet keeps a long note whole: its own text, not the clipped one a row stores.
  const own = target.raw.notes;
  const notes = notesWithWords(typeof own === 'string' ? own.trim() : read(column('notes'))?.value ?? '', noted);
  const into = headerAt(t, notesColumn) ?? column('notes').header;
  const cell = placeRef(t.sheet, target.row, columnLetter(notesColumn));
  if (notes.length > port.limits.cellText) return { also: [], lost: noted.map(({ column: c, words }) => ({ field: c.name, message: tooLongToSave(words, `the ${into} cell (${cell})`, port.limits.cellText) })) };
  try {
    yield* io(port.writeBlock(t.sheet, target.row, notesColumn, [[notes]]));
  } catch (e) {
    if (!isErrorType(e, ProtectedCellsError)) throw e;
    return { also: [], lost: noted.map(({ column: c, words }) => ({ field: c.name, message: `Saving would lose ${quoteValue(words)}: the ${into} cell (${cell}) is protected from you; ask the sheet's owner to let you edit it, or move the words yourself, then save.` })) };
  }
  return { also: noted.map(({ words }) => `${quoteValue(words)} kept in ${into}.`), lost: [] };
}

/** Selects the request's row so the sheet shows what the sidebar shows, and answers the request whole, as the row is now. */
export function* selectRequest(port: SpreadsheetPort, at: RequestAt, asOf: string): Task<TriageItem> {
  const { t, rules } = yield* requestSheetAndRules(port, at.sheet);
  const row = locate(t, at);
  yield* io(port.selectRow(t.sheet, row));
  return triageItem(t, requestRows(t, rules).find((r) => r.row === row)!, rules, asOf);
}
