// The one path by which rows enter storage, shared by `POST /api/v1/sync` and `import`: validate each
// row with the shared rules, hash the valid ones, and write the whole batch in one atomic store call.
import { hash } from 'node:crypto';
import { DEFAULT_READ_OPTIONS, TABLES, doneDayUnknownIssue, idColumn, hashOfCanonical, inSheetWords, isBlankCell, rowRuns, validateRows, type FarDates, type FieldIssue, type LentYears, type RawRow, type ReadOptions, type RowResult, type TableName, type TitleYears, type TypedRow } from '../../shared/index';
import { hasOddCharacter, notAnIdMessage, ownRowId, rowIdProblem, textValueProblem, withPastedBreaks } from '../../shared/row-id';
import type { SurveyHold } from '../store/intake-store';
import type { Batch, BatchResult, FieldError, IncomingRow, RejectedRow, RowStore, UnreadableSheet } from '../store/row-store';
import { canonicalTexts } from './canonical-text';
import { answerDisagreement, keepSurveyAnswers, type HoldsFrom } from './survey-holds';

export interface IngestRow {
  rowId: string;
  cells: RawRow;
  /** Where the row sits in a workbook, kept with a rejection for the Data-quality sheet. */
  sheet?: string;
  sheetRow?: number;
  /** Fields read from another column than their header's (a side-by-side item: `SheetRow.at`), for placing problems. */
  at?: Record<string, number>;
  /** Where the row is listed among the source's rows (`IncomingRow.sheetRow`), when the sender knows it. */
  position?: number;
  /** Fields copied from the row above (`SheetRow.filled`): their warnings were said at the row written, not again here. */
  filled?: readonly string[];
  /** Fields whose cells hold text spelled as a formula's error, as the sender's host told (`validateRow`). */
  texts?: readonly string[];
  /** What the sheet's other rows lent its cells as the sender read the whole sheet (`validateSheetRows`): the batch may lack them. */
  lent?: LentYears;
  /** Its dates the whole sheet finds far from its others, as the sender read it; judged so when `lent` is given. */
  far?: FarDates;
  /** Problems found before validation: an error (a repeated ID) rejects the row, a warning is said with it. */
  issues?: FieldIssue[];
}

export interface IngestBatch {
  sourceId: string;
  table: TableName;
  rows: readonly IngestRow[];
  deleted?: readonly string[];
  /** Rows held unchanged that now sit at another row of the sheet (see `Batch.moves`). */
  moved?: readonly { rowId: string; sheetRow: number }[];
  /** Sheets read whole, and sheets whose table could not be read: see `Batch.readSheets` and `Batch.unreadable`. */
  readSheets?: readonly string[];
  unreadable?: readonly UnreadableSheet[];
  /** The rows are the whole sheet: stored rows missing from it become tombstones. */
  full?: boolean;
  at: Date;
  /**
   * How cells are read beyond the service's rules: the year or fiscal year named by the sheet's title, for
   * dates without one; per row when the rows name their sheets (a table kept on several sheets, or stacked below
   * another under a title of its own), the rows of one title in one sheet read together.
   */
  title?: TitleYears | ((row: IngestRow) => TitleYears | undefined);
  /** A field's column letter and the sheet's own header there, stored with a problem so it can be shown at its cell. */
  placeOf?: (row: IngestRow, field: string) => { column?: string; header?: string };
  /** Problems of the sheet rather than of a row (an ignored column, a skipped repeated header), stored with the row warnings. */
  sheetWarnings?: readonly RejectedRow[];
  /** How cells are read where the source says otherwise: its own dropdowns (the intake form), its fiscal year; the defaults for the rest. */
  readOptions?: Partial<ReadOptions>;
  /**
   * The source's survey answers its sheet has not shown yet (`RowStore.surveyHolds`), kept over cells the sheet has
   * not changed since (survey-holds.ts); `ingestBatch` reads them when not given. `from` words the warnings.
   */
  holds?: { of: readonly SurveyHold[]; from: HoldsFrom };
}

export interface RowIssues {
  row: IngestRow;
  issues: FieldIssue[];
}

export interface IngestResult extends BatchResult {
  rejected: RowIssues[];
  warnings: RowIssues[];
}

/** A batch validated and hashed, ready for `store.applyBatch`, with the rows' problems to report. */
export interface PreparedBatch {
  batch: Batch & { upserts: IncomingRow[] };
  rejected: RowIssues[];
  warnings: RowIssues[];
}

/** node:crypto's SHA-256: the same bytes as `portableSha256Hex`, faster (the bench's content-hash figure compares them). */
export const nodeSha256Hex = (text: string) => hash('sha256', text, 'hex');

/** The content hash the service stores for a valid row of `table`: `contentHash`, by the table's compiled canonical text and node:crypto. */
export const rowHash = (table: TableName, values: TypedRow): string => hashOfCanonical(canonicalTexts[table](values), nodeSha256Hex);

/**
 * Validates the rows together (so batch-level checks such as outlying dates apply) and applies one
 * batch. Invalid rows are stored as rejections and their last good version stays. Throws the store's
 * `invalid-batch` error, writing nothing, when a rowId repeats or is both sent and deleted.
 */
export async function ingestBatch(store: Pick<RowStore, 'applyBatch' | 'surveyHolds' | 'daysUnknown'>, batch: IngestBatch, kept?: KeptReads): Promise<IngestResult> {
  const holds = batch.holds ?? { of: await store.surveyHolds(batch.sourceId, batch.table), from: 'workbook' };
  const { batch: prepared, rejected, warnings } = prepareBatch({ ...batch, holds }, kept);
  const counts = await store.applyBatch(prepared);
  const unknown = await daysUnknownOf(store, batch, warnings.filter((w) => w.issues.some((i) => i.dayUnknown)).map((w) => w.row.rowId));
  const said = warnings.flatMap((w) => {
    const issues = unknown.has(w.row.rowId) ? w.issues : w.issues.filter((i) => !i.dayUnknown);
    return issues.length ? [{ ...w, issues }] : [];
  });
  return { ...counts, rejected, warnings: said };
}

/**
 * Of the rows whose warning says their done day is unknown (`FieldIssue.dayUnknown`), those the store keeps so after
 * the write: read after it, as a source's batches come one at a time. Nothing is read when no row says it.
 */
export async function daysUnknownOf(store: Pick<RowStore, 'daysUnknown'>, batch: Pick<IngestBatch, 'sourceId' | 'table'>, rowIds: readonly string[]): Promise<Set<string>> {
  return new Set(rowIds.length ? await store.daysUnknown(batch.sourceId, batch.table, rowIds) : []);
}

/**
 * Rows read already, for another `prepareBatch` of the same rows: `import` reads a new sheet's rows to tell whether it is
 * a sheet renamed, and a sheet's rows with no ID to follow them (moved-rows.ts), before it prepares the table's batch;
 * with these, each group of rows validated together is validated and hashed once. Only for rows read with the same
 * options and titles each time, as one import reads them; an object of the caller's, so never sent to a worker thread.
 */
export interface KeptReads {
  /** By a group's first cells: the group's cells, how they were read, and the results; rows lend each other years, so only the same group reads the same. */
  groups: WeakMap<RawRow, { cells: readonly RawRow[]; title: TitleYears | undefined; readOptions: IngestBatch['readOptions']; results: readonly RowResult[] }>;
  hashes: WeakMap<TypedRow, string>;
}

export const keptReads = (): KeptReads => ({ groups: new WeakMap(), hashes: new WeakMap() });

/** The CPU work of an ingest, with no I/O, so a worker thread can do it (ingest-pool.ts): validation and the content hash. */
export function prepareBatch(batch: IngestBatch, kept?: KeptReads): PreparedBatch {
  const results = validateBySheet(batch, kept);
  const hashOf = (values: TypedRow) => {
    const known = kept?.hashes.get(values);
    if (known !== undefined) return known;
    const made = rowHash(batch.table, values);
    kept?.hashes.set(values, made);
    return made;
  };
  const upserts: IncomingRow[] = [];
  const rejectedRows: RejectedRow[] = [];
  const rejected: RowIssues[] = [];
  const warnings: RowIssues[] = [];
  const warned: RejectedRow[] = [...(batch.sheetWarnings ?? [])];
  const heldOf = holdsByRow(batch.holds?.of ?? []);
  const settledHolds: NonNullable<Batch['settledHolds']> = [];
  const unshownHolds: NonNullable<Batch['unshownHolds']> = [];
  for (let i = 0; i < results.length; i++) {
    const row = batch.rows[i];
    let result = row.filled ? withoutFilledWarnings(results[i], row.filled) : results[i];
    const own = row.issues?.filter((issue) => issue.severity === 'error') ?? [];
    const unstorable = unstorableCells(batch.table, row.cells, own);
    const saidBefore = row.issues?.filter((issue) => issue.severity === 'warning');
    if (saidBefore?.length) result = { ...result, warnings: [...saidBefore, ...result.warnings] };
    const before = own.length || unstorable.length ? [...own, ...unstorable] : undefined;
    // A cell refused for its characters is not read as well: "20 hours" and an invisible character is no number, said once.
    const read = unstorable.length ? result.errors.filter((e) => !unstorable.some((u) => u.field === e.field)) : result.errors;
    const errors = before ? [...before, ...read] : read;
    // A rejected row keeps its stored version, answers and all: its holds wait for the row to be fixed.
    const held = errors.length === 0 ? heldOf.get(row.rowId) : undefined;
    if (held !== undefined) {
      // The add-on leaves a blank cell out of the row: its sheet's columns (`placeOf`) say the field has one.
      const hasColumn = (field: string) => field in row.cells || batch.placeOf?.(row, field).column !== undefined;
      const kept = keepSurveyAnswers(batch.table, row.rowId, result.values, hasColumn, held, batch.holds!.from);
      result = { ...result, values: kept.values, warnings: [...result.warnings, ...kept.warnings] };
      settledHolds.push(...kept.settled);
      unshownHolds.push(...kept.unshown);
    }
    // After the holds: an answer the sheet has no column for is in the row all the same.
    const disagreement = errors.length === 0 ? answerDisagreement(batch.table, result.values) : undefined;
    if (disagreement) result = { ...result, warnings: [...result.warnings, disagreement] };
    // Said only while the store keeps the day unknown (`dayUnknown`), at Status in a sheet with no Fulfilled column.
    if (errors.length === 0 && batch.table === 'requests' && !('fulfilledOn' in row.cells) && batch.placeOf?.(row, 'fulfilledOn').column === undefined) {
      const undated = doneDayUnknownIssue(result.values, fieldsOf.requests.get('status')!);
      if (undated) result = { ...result, warnings: [...result.warnings, undated] };
    }
    if (result.warnings.length) warnings.push({ row, issues: result.warnings });
    if (errors.length === 0) {
      const upsert: IncomingRow = { rowId: row.rowId, hash: hashOf(result.values), values: result.values };
      const typed = result.warnings.length ? typedCells(row.cells, result.warnings.filter((w) => !w.dayUnknown)) : undefined;
      if (typed) upsert.raw = typed;
      if (row.position !== undefined) upsert.sheetRow = row.position;
      upserts.push(upsert);
      continue;
    }
    rejected.push({ row, issues: errors });
    rejectedRows.push(placed(batch, row, errors));
  }
  const said = saidOncePerSheet(warnings, batch.readSheets ?? []);
  for (const w of said) warned.push(placed(batch, w.row, w.issues));
  return {
    batch: {
      sourceId: batch.sourceId,
      table: batch.table,
      upserts,
      deletes: [...(batch.deleted ?? [])],
      ...(batch.moved?.length ? { moves: [...batch.moved] } : {}),
      ...(batch.readSheets?.length ? { readSheets: [...batch.readSheets] } : {}),
      ...(batch.unreadable?.length ? { unreadable: [...batch.unreadable] } : {}),
      full: batch.full ?? false,
      ...(settledHolds.length ? { settledHolds } : {}),
      ...(unshownHolds.length ? { unshownHolds } : {}),
      rejected: rejectedRows,
      warned,
      at: batch.at,
    },
    rejected,
    warnings: said,
  };
}

/** Warnings said once for a whole sheet when many rows share them, rather than row by row. */
const SAID_ONCE: ReadonlySet<FieldIssue['code']> = new Set(['choice_matched']);

/**
 * A value read the same way on many rows of a sheet ("Early Actions" as "Early action") is said once, at its first
 * row, with the rows it was read on, as a value taken from above the table is: a warning a row would flood Data
 * quality with lines that say one thing. Only for a sheet read whole (`readSheets`), so the rows named are all of them.
 */
function saidOncePerSheet(warnings: readonly RowIssues[], readSheets: readonly string[]): RowIssues[] {
  const whole = new Set(readSheets);
  const rowsOf = new Map<string, number[]>();
  const keyOf = (w: RowIssues, issue: FieldIssue) =>
    (SAID_ONCE.has(issue.code) && w.row.sheet !== undefined && w.row.sheetRow !== undefined && whole.has(w.row.sheet) ? `${w.row.sheet}\u0000${issue.field}\u0000${issue.message}` : undefined);
  for (const w of warnings) {
    for (const issue of w.issues) {
      const key = keyOf(w, issue);
      if (key === undefined) continue;
      const rows = rowsOf.get(key) ?? [];
      if (rows[rows.length - 1] !== w.row.sheetRow) rows.push(w.row.sheetRow!);
      rowsOf.set(key, rows);
    }
  }
  if (![...rowsOf.values()].some((rows) => rows.length > 1)) return [...warnings];
  const out: RowIssues[] = [];
  for (const w of warnings) {
    const issues = w.issues.flatMap((issue) => {
      const key = keyOf(w, issue);
      const rows = key === undefined ? undefined : rowsOf.get(key);
      if (rows === undefined || rows.length < 2) return [issue];
      return rows[0] === w.row.sheetRow ? [{ ...issue, message: `${issue.message} on ${rowRuns(rows)}` }] : [];
    });
    if (issues.length) out.push({ ...w, issues });
  }
  return out;
}

/**
 * Validates each sheet's rows of one title together, as the add-on does before it sends them: a date without a
 * year takes it from its own table's title, else its column, never from another sheet's or table's.
 */
function validateBySheet(batch: IngestBatch, kept?: KeptReads) {
  const options = { ...DEFAULT_READ_OPTIONS, ...batch.readOptions };
  const { rows, readOptions } = batch;
  const titleOf = (row: IngestRow) => (typeof batch.title === 'function' ? (row.sheet === undefined ? undefined : batch.title(row)) : batch.title);
  const results = [];
  for (let start = 0, end = 0; start < rows.length; start = end) {
    const title = titleOf(rows[start]);
    while (end < rows.length && rows[end].sheet === rows[start].sheet && titleOf(rows[end]) === title) end++;
    const sheetRows = rows.slice(start, end);
    const cells = sheetRows.map((r) => r.cells);
    const known = kept?.groups.get(cells[0]);
    const read = known !== undefined && known.title === title && known.readOptions === readOptions && sameCells(known.cells, cells) ? known.results
      : validateRows(TABLES[batch.table], cells, { ...options, ...title }, sheetRows.map((r) => r.texts), sheetRows.map((r) => r.lent), sheetRows.map((r) => r.far));
    if (kept !== undefined && read !== known?.results) kept.groups.set(cells[0], { cells, title, readOptions, results: read });
    // One at a time: a large sheet's rows spread as one call's arguments overflow the call stack.
    for (const result of read) results.push(result);
  }
  return results;
}

function sameCells(a: readonly RawRow[], b: readonly RawRow[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * What was typed in the cells a warning is about ("TBD" left blank, a unit dropped, words after a listed
 * value), which the stored values no longer say. A warning about a blank cell ("assumed Medium") has
 * nothing typed to keep, and the other cells were read exactly, so a row's history holds only these.
 */
function typedCells(cells: RawRow, warnings: readonly FieldIssue[]): RawRow | undefined {
  let typed: RawRow | undefined;
  for (const { field } of warnings) {
    const value = cells[field];
    if (!isBlankCell(value)) (typed ??= {})[field] = value;
  }
  return typed;
}

function holdsByRow(holds: readonly SurveyHold[]): Map<string, SurveyHold[]> {
  const byRow = new Map<string, SurveyHold[]>();
  for (const h of holds) byRow.set(h.rowId, [...(byRow.get(h.rowId) ?? []), h]);
  return byRow;
}

function withoutFilledWarnings(result: RowResult, filled: readonly string[]): RowResult {
  return { ...result, warnings: result.warnings.filter((w) => !filled.includes(w.field)) };
}

/** Per table: field name → its header, which cell messages open with. */
const fieldsOf = Object.fromEntries(
  Object.values(TABLES).map((t) => [t.name, new Map(t.columns.map((c) => [c.name, c.header]))]),
) as unknown as Record<TableName, ReadonlyMap<string, string>>;

/**
 * Text the databases cannot hold (see `textValueProblem`), in the table's own fields (other keys are ignored anyway),
 * and an own ID (`Request ID`) that no row id could be (`rowIdProblem`), as `import` refuses it: PostgreSQL reads
 * the stored ID back as JSON (stored-own-id.ts), which refuses a lone surrogate, and the source's sync state failed
 * from then on. A field the sender already refused (`said`) is not refused twice.
 */
function unstorableCells(table: TableName, cells: RawRow, said: readonly FieldIssue[]): FieldIssue[] {
  const fields = fieldsOf[table];
  const ownId = idColumn(TABLES[table])?.name;
  const issues: FieldIssue[] = [];
  for (const field in cells) {
    const value = cells[field];
    if (typeof value !== 'string' || !fields.has(field) || isSaidAt(said, field)) continue;
    const id = field === ownId ? value.trim() : '';
    const idProblem = id === '' ? undefined : rowIdProblem(id);
    const problem = idProblem === undefined && hasOddCharacter(value) ? textValueProblem(withPastedBreaks(value)) : undefined;
    if (idProblem !== undefined) issues.push({ code: 'wrong_type', field, severity: 'error', message: notAnIdMessage(fields.get(field)!, id, idProblem) });
    else if (problem !== undefined) issues.push({ code: 'wrong_type', field, severity: 'error', message: `${fields.get(field)}: ${problem}` });
  }
  return issues;
}

/** Whether an issue in `said` is at `field`: a loop, as a closure over `field` would make V8 keep a scope per cell. */
function isSaidAt(said: readonly FieldIssue[], field: string): boolean {
  for (const issue of said) if (issue.field === field) return true;
  return false;
}

/** A row's problems with its own ID and where they sit: its sheet and row, and per field the column and the sheet's header. */
function placed(batch: IngestBatch, row: IngestRow, issues: readonly FieldIssue[]): RejectedRow {
  const out: RejectedRow = { rowId: row.rowId, errors: issues.map((i) => fieldError(batch, row, i)) };
  const ownId = ownRowId(TABLES[batch.table], row.cells);
  if (ownId !== '') out.ownId = ownId;
  if (row.sheet !== undefined) out.sheet = row.sheet;
  if (row.sheetRow !== undefined) out.sheetRow = row.sheetRow;
  return out;
}

function fieldError(batch: IngestBatch, row: IngestRow, issue: FieldIssue): FieldError {
  const at = batch.placeOf?.(row, issue.field) ?? {};
  const error: FieldError = { field: issue.field, message: inSheetWords(issue.message, fieldsOf[batch.table].get(issue.field), at.header) };
  if (at.column !== undefined) error.column = at.column;
  if (at.header !== undefined) error.header = at.header;
  if (issue.dayGuessed) error.dayGuessed = true;
  if (issue.dayUnknown) error.dayUnknown = true;
  return error;
}
