// `import`: a workbook's tables ingested exactly as a sync would send them, one full sync per table, with
// every problem placed at its sheet, row and column. Row ids are stable, so re-importing changes nothing.
import {
  LISTS_SHEET, TABLE_NAMES, TABLES, columnLetter, headerText, fieldColumn, findHeaderRow, foldText, formatCellIssue, inSheetWords, isBlankCell, isErrorValue, issueColumn, locateTable, readStacked, readStackedTable, readTable,
  sheetPosition, textFieldsOf,
  type CellInput, type FieldIssue, type IssueCode, type ReadTableResult, type SheetRow, type TableDef, type TableName, type TypedRow,
} from '../../shared/index';
import { isWebFormRowId, notAnIdMessage, ownRowId, repeatedIdMessage, rowIdOfItem, rowIdProblem } from '../../shared/row-id';
import { quoteValue } from '../../shared/quote-value';
import { withinExcelTable } from '../../shared/excel-tables';
import { readRules, type Rules } from '../../shared/rules';
import type { Batch, IncomingRow, RejectedRow, RowStore } from '../store/row-store';
import { keepNeverShownFields } from './unshown-fields';
import { sheetWarningRows } from './sheet-warnings';
import { ImportError } from './import-error';
import { importRowId } from './import-row-id';
import { idCellText, idColumnByValues } from './import-row-match';
import type { SurveyHold } from '../store/intake-store';
import { ingestBatch, keptReads, prepareBatch, rowHash, type IngestBatch, type IngestRow, type KeptReads, type RowIssues } from './ingest-batch';
import { idsByContent, type Identify } from './moved-rows';
import { renamedNotes, renamedSheets, rowIdUnder, type NewSheet, type RenamedNote } from './renamed-sheets';
import { addTo } from './lists-by-key';
import { uncalculatedWarnings } from './uncalculated-formulas';
import { assumedWarnings } from './document-lists';
import { keepSurveyAnswers } from './survey-holds';
import { adoptWebFormRows, settleWebFormRows, webFormRows, type FormRequest } from './web-form-rows';
import type { SheetGrid } from './sheet-grid';
import { readWorkbookGrids } from './workbook-grid';
import type { SheetTable } from './sheet-table';
import { outlineLevelColumn, withToolDays } from './tool-export-grids';
import { planReadings } from '../../shared/plan-readings';

/** One problem at one cell; `line` is how the CLI shows it: `Requests!F7 (Received): "13/45/2024" is not a date …`. */
export interface PlacedIssue { code: IssueCode; field: string; column?: string; header?: string; message: string; line: string }
/**
 * A row's own ID as its sheet shows it (`ownRowId`: `TA-2024-031`), and the row named by it as the service names it
 * (`Request TA-2024-031`): how the office finds the row once rows are sorted or inserted. Absent for a row with none.
 */
export interface OwnRowName { id?: string; named?: string }
export interface ImportRejection extends OwnRowName { sheet: string; row: number; errors: PlacedIssue[] }
export interface ImportWarning extends PlacedIssue, OwnRowName { sheet: string; row: number }

export interface ImportResult {
  accepted: number;
  unchanged: number;
  /** Rows imported before and no longer in the workbook, now tombstones. */
  deleted: number;
  /** Per sheet, how many rows it was meant to remove and whether the workbook still has that sheet. */
  removedFrom: { sheet: string; rows: number; inWorkbook: boolean }[];
  rejected: ImportRejection[];
  warnings: ImportWarning[];
  /**
   * `rows`: the sheet rows read; `items`: what they hold, the unit of accepted, unchanged and rejected (a
   * side-by-side roadmap row holds an early action and an additional strategy).
   */
  tables: { sheet: string; table: TableName; rows: number; items: number }[];
  /** Sheets that hold no table (Lists, Dashboard, notes). */
  skipped: string[];
  /** Per table sheet, which header was read as which field, so a person can check the reading. */
  mappings: HeaderMapping[];
  /** Tables that could not be read at all (a required column missing): one error each, nothing of them stored. */
  unreadable: ImportRejection[];
  /** Requests the source's web form took that the workbook does not show yet: counted already, to be typed in. */
  fromForm: FormRequest[];
}

export interface HeaderMapping {
  sheet: string;
  headerRow: number;
  /** `reads` is the table's own name for the field ("Milestone" for a `Milestones` header). */
  columns: { column: string; header: string; reads: string }[];
}

/** `{id}` beside the contract's sheet and row, where the row has an ID of its own. */
const ownId = (r: OwnRowName) => (r.id === undefined ? {} : { id: r.id });

/**
 * The `import --json` document: the contract's keys, then the same counts the text gives: rows removed,
 * tables not read (with their one error), the sheets read and skipped, and which header was read as what.
 */
export function importJson(r: ImportResult) {
  return {
    accepted: r.accepted,
    unchanged: r.unchanged,
    rejected: r.rejected.map((j) => ({ sheet: j.sheet, row: j.row, ...ownId(j), errors: j.errors.map((e) => ({ field: e.field, column: e.column ?? '', message: e.message })) })),
    warnings: r.warnings.map((w) => ({ sheet: w.sheet, row: w.row, ...ownId(w), field: w.field, message: w.message })),
    removed: r.deleted,
    unreadable: r.unreadable.map((u) => ({ sheet: u.sheet, row: u.row, message: u.errors.map((e) => e.message).join('; ') })),
    tables: r.tables,
    skipped: r.skipped,
    headers: r.mappings,
    fromForm: r.fromForm,
  };
}

/** 0 when every row was read; 1 when a row was rejected (the rest stored) or a table could not be read. */
export const importExitCode = (r: ImportResult): 0 | 1 => (r.rejected.length || r.unreadable.length ? 1 : 0);

const NOT_TABLES = new Set([foldText(LISTS_SHEET), foldText('Dashboard')]);

interface ListsRead { name: string; rules: Rules }

const listsSheet = (sheets: readonly SheetGrid[]) => sheets.find((s) => foldText(s.name) === foldText(LISTS_SHEET));

/** The workbook's Lists sheet read, once: the reading options and the import's warnings both come from it. */
function readLists(sheets: readonly SheetGrid[]): ListsRead | undefined {
  const lists = listsSheet(sheets);
  return lists && { name: lists.name, rules: readRules(lists.grid, undefined, lists.textsLikeErrors) };
}

/**
 * How the workbook reads its cells beyond the defaults: its Lists sheet's fiscal year, as the add-on sends it with a
 * sync, and its dropdown values, which its cells are checked against (a requester type the office added is one).
 */
function workbookReading(sheets: readonly SheetGrid[], lists = readLists(sheets)): { fiscalYearStartMonth?: number; lists?: Record<string, string[]> } {
  if (!lists) return {};
  const { rules } = lists;
  return { fiscalYearStartMonth: rules.settings.fiscalYearStartMonth, ...(rules.ownLists ? { lists: rules.ownLists } : {}) };
}

/** The Lists sheet's cells not read (a formula's error is no choice or rule), each a warning at its cell. */
function listsWarnings(lists: ListsRead | undefined): ImportWarning[] {
  return (lists?.rules.issues ?? []).map((i) => ({
    sheet: lists!.name, row: i.row!, code: i.code, field: i.field, column: i.column, message: i.message, line: formatCellIssue({ ...i, sheet: lists!.name }),
  }));
}

/** A sheet read as `table` whatever its headers say, so its problems name what is missing (as the add-on reads a sheet it synced before). */
function readAs(table: TableDef, sheet: SheetGrid, reading: ReturnType<typeof workbookReading>): SheetTable {
  const { name, grid, textsLikeErrors } = sheet;
  const headerIndex = findHeaderRow(table, grid).index;
  return { sheet: name, header: grid[headerIndex] ?? [], read: planReadings(readTable(table, name, grid, headerIndex, withOutline(reading, sheet)), name, grid, reading.lists), texts: textsLikeErrors };
}

/** The reading of one sheet: the workbook's, with the sheet's indents and row outline levels, by which an outline's parent rows are told. */
const withOutline = <R extends object>(reading: R, { grid, indents, rowLevels }: Pick<SheetGrid, 'grid' | 'indents' | 'rowLevels'>): R & Pick<SheetGrid, 'indents' | 'rowLevels'> => {
  // A CSV has no groups or indents: Microsoft Project's states each row's level in a column of its own.
  const levels = rowLevels?.size ? rowLevels : outlineLevelColumn(grid);
  return { ...reading, ...(indents?.size ? { indents } : {}), ...(levels?.size ? { rowLevels: levels } : {}) };
};

/**
 * The sheets holding a table, found by sheet name or, failing that, by headers; each table stacked in a sheet on its
 * own. `heldBy`: the tables a sheet held at the last import, so one whose header broke below another is still read as itself.
 */
export function findTables(sheets: readonly SheetGrid[], reading = workbookReading(sheets), heldBy: (sheet: string) => TableDef[] = () => []): SheetTable[] {
  const found: SheetTable[] = [];
  for (const sheet of sheets) {
    const { name, grid, textsLikeErrors, excelTables } = sheet;
    if (NOT_TABLES.has(foldText(name))) continue;
    const located = locateTable(name, grid, heldBy(name));
    if (!located) continue;
    const sheetReading = withOutline(reading, sheet);
    const reads = readStacked(readTable(located.table, name, grid, located.headerIndex, sheetReading), name, grid, sheetReading, heldBy(name)).map((read) => planReadings(withinExcelTable(read, name, grid, excelTables), name, grid, sheetReading.lists));
    found.push(...reads.map((read) => ({ sheet: name, header: grid[read.headerRow - 1] ?? [], read, texts: textsLikeErrors })));
  }
  return found;
}

/** The table of `tables` a sheet row belongs to: of its sheet, the lowest with rows whose header is above it. */
function tableAt(tables: readonly SheetTable[], sheet: string, row: number): SheetTable {
  let at: SheetTable | undefined;
  for (const t of tables) if (t.sheet === sheet && t.read.rows.length && (at === undefined || t.read.headerRow <= row)) at = t;
  return at!;
}


/**
 * `<sheet>:<ID>` when the row has an ID, else `<sheet>#<row>` (`importRowId`); a repeated ID is rejected, never merged.
 * `sheetIndex` is the sheet's place among its table's sheets, which lists its rows after theirs.
 */
export function importRows({ sheet, read, texts: textCells }: SheetTable, sheetIndex = 0, firstRowOf = new Map<string, number>()): IngestRow[] {
  const idColumn = read.table.columns.find((c) => c.type === 'id');
  return read.rows.map((sheetRow) => {
    const { row, raw, item, at, filled } = sheetRow;
    const texts = textFieldsOf(sheetRow, textCells, (field, places) => {
      const { index } = fieldColumn(read.map, field, places);
      return index === undefined ? undefined : index + 1;
    });
    // A formula's error is no ID ("#N/A" down a column of lookups would make every row a duplicate): keyed by its
    // place. Text typed so is an ID as any text is.
    const typedId = idColumn && raw[idColumn.name];
    const id = !isBlankCell(typedId) && (!isErrorValue(typedId) || texts?.includes(idColumn!.name)) ? idCellText(typedId) : undefined;
    const base = { cells: raw, sheet, sheetRow: row, position: sheetPosition(sheetIndex, row), ...(at ? { at } : {}), ...(filled ? { filled: Object.keys(filled) } : {}), ...(texts ? { texts } : {}) };
    if (id === undefined) return { ...base, rowId: importRowId.atRow(sheet, row, item) };
    if (ROUNDED_NUMBER.test(id)) {
      const issue: FieldIssue = { code: 'wrong_type', field: idColumn!.name, severity: 'warning', message: roundedIdMessage(idColumn!.header, id) };
      return { ...base, rowId: importRowId.atRow(sheet, row, item), issues: [issue] };
    }
    // The cell's own text first, so a position counts from its first character.
    const problem = rowIdProblem(id) ?? rowIdProblem(importRowId.withId(sheet, id));
    if (problem !== undefined) {
      const issue: FieldIssue = { code: 'wrong_type', field: idColumn!.name, severity: 'error', message: notAnIdMessage(idColumn!.header, id, problem) };
      return { ...base, rowId: importRowId.atRow(sheet, row, item), issues: [issue] };
    }
    // The side-by-side items of one sheet row share its ID.
    const first = firstRowOf.get(id);
    if (first === undefined || first === row) {
      firstRowOf.set(id, row);
      return { ...base, rowId: importRowId.withId(sheet, id, item) };
    }
    const issue: FieldIssue = { code: 'wrong_type', field: idColumn!.name, severity: 'error', message: repeatedIdMessage(idColumn!.header, id, `row ${first}`) };
    return { ...base, rowId: importRowId.atRow(sheet, row, item), issues: [issue] };
  });
}

/**
 * A long number as a spreadsheet shows it once it has rounded it ("1.21143E+15"): Excel saves an Asana or Jira ID so
 * in a CSV, and tasks that differed only in the digits it dropped then share one. No ID, then: the row is kept by its
 * place, as a row with no ID is, rather than refused as a repeat.
 */
const ROUNDED_NUMBER = /^\d(?:\.\d+)?E\+\d+$/i;
const roundedIdMessage = (header: string, id: string) =>
  `${header}: ${quoteValue(id)} is a long number a spreadsheet rounded, so it cannot tell rows apart; the row is kept by its place in the sheet (save the IDs as text to keep them)`;

/** A row's own ID and its name by it, as the service keeps them with a rejection (`RejectedRow.ownId`); none when blank. */
function ownRowName(table: TableName, row: IngestRow): OwnRowName {
  const id = ownRowId(TABLES[table], row.cells);
  // Named with no place, as the service's label names a row its sheet has not placed: the line places it.
  return id === '' ? {} : { id, named: importRowId.label(row.rowId, { ownId: id }, TABLES[table].noun) };
}

/** A field's column letter and the sheet's own header there; `at`, the row's own places (a side-by-side item). */
function cellOf({ header: headers, read }: SheetTable, field: string, at?: SheetRow['at']): { column?: string; header?: string } {
  const { column, index } = issueColumn(read, field, at);
  return { column, header: index === undefined || isBlankCell(headers[index]) ? undefined : headerText(headers[index]) };
}

function place(t: SheetTable, row: number, i: { code: IssueCode; field: string; message: string; column?: string; header?: string }, places?: SheetRow['at']): PlacedIssue {
  const { sheet, read } = t;
  const at = i.field ? cellOf(t, i.field, places) : {};
  const column = i.column ?? at.column;
  const header = i.header ?? at.header;
  // Cell messages open with the table's own header ("Received: …", or a span's "Timeline: …"); the line shows
  // the sheet's header instead, once.
  const own = read.table.columns.find((c) => c.name === i.field)?.header;
  const opening = [own, header].find((h) => h && i.message.startsWith(`${h}: `));
  const inWords = inSheetWords(i.message, own, header);
  const detail = opening ? i.message.slice(opening.length + 2) : inWords;
  // A missing column belongs to the sheet, not to a cell.
  const line = i.code === 'missing_column' ? `${sheet}: ${i.message}` : formatCellIssue({ code: i.code, severity: 'error', field: i.field, sheet, row, column, header, message: detail });
  return { code: i.code, field: i.field, column, header, message: inWords, line };
}

/**
 * A sheet's own warnings (an ignored column, a skipped page header), as a sync sends them; `tables`, its tables of one
 * kind. A renamed sheet's note is kept whether or not this import tells it, so the next one knows it was said.
 */
function sheetWarnings(sheet: string, tables: readonly SheetTable[], note?: RenamedNote): RejectedRow[] {
  const own = tables.flatMap((t) => t.read.issues.filter((i) => i.severity === 'warning').map((i) => ({ ...i, row: i.row ?? t.read.headerRow })));
  return sheetWarningRows(sheet, note ? [note.stored, ...own] : own);
}

export interface ImportOptions { file: string; sourceId: string; at: Date }

/** A row the store holds for the source, and its place in the sheet when it was last imported. */
type HeldRow = Awaited<ReturnType<RowStore['syncState']>>[number];

/**
 * The workbook sheet an `importRows` id belongs to: the longest sheet name it opens with followed by an
 * `importRowId` tail (the longest, should one name open another's ID).
 */
export function sheetOfRowId(rowId: string, sheetNames: readonly string[]): string | undefined {
  let owner: string | undefined;
  for (const name of sheetNames) {
    if (!rowId.startsWith(name) || (owner !== undefined && owner.length >= name.length)) continue;
    if (importRowId.tail.test(rowId.slice(name.length))) owner = name;
  }
  return owner;
}

/** The name a workbook sheet's row ids open with: its own, or for a sheet renamed, the one its rows were stored under. */
type KeyOf = (sheet: string) => string;
/** The workbook sheet a stored row's id names (`sheetOfRowId`), a renamed sheet's rows under the name they were stored under. */
type SheetOf = (rowId: string) => string | undefined;

/** What an import keeps of a table's rows read already, for its batch (`KeptReads`). */
type ReadsOf = (table: TableName) => KeptReads;

/** `sheetOf` and `keyOf` for a workbook whose `renamed` sheets (new name → name stored under) keep their rows' ids. */
function sheetKeys(sheetNames: readonly string[], renamed: ReadonlyMap<string, string>): { keyOf: KeyOf; sheetOf: SheetOf } {
  const keys = sheetNames.map((n) => renamed.get(n) ?? n);
  const keyOf = (sheet: string) => renamed.get(sheet) ?? sheet;
  if (renamed.size === 0) return { keyOf, sheetOf: (rowId) => sheetOfRowId(rowId, sheetNames) };
  return { keyOf, sheetOf: (rowId) => { const key = sheetOfRowId(rowId, keys); return key === undefined ? undefined : sheetNames[keys.indexOf(key)]; } };
}

/**
 * Sheets of the workbook the source holds no rows under (`heldSheets`) read as sheets gone from it renamed
 * (renamed-sheets.ts): new name → the name their rows were stored under. Only a sheet of one kind of table.
 */
async function sheetsRenamed(store: Pick<RowStore, 'storedRowsWithHash'>, found: readonly SheetTable[], held: ReadonlyMap<TableName, HeldRow[]>, heldSheets: ReadonlyMap<string, unknown>, sheetNames: readonly string[], opts: ImportOptions, readOptions: ReturnType<typeof workbookReading>, readsOf: ReadsOf): Promise<Map<string, string>> {
  const gone = new Map<TableName, Map<string, HeldRow[]>>();
  for (const [table, rows] of held) {
    for (const h of rows) {
      // A web-form request's id names no sheet, whatever it looks like.
      const sheet = sheetOfRowId(h.rowId, sheetNames) === undefined && !isWebFormRowId(h.rowId) ? importRowId.sheet(h.rowId) : undefined;
      if (sheet !== undefined) addTo(gone.get(table) ?? gone.set(table, new Map()).get(table)!, sheet, h);
    }
  }
  if (gone.size === 0) return new Map();
  const newSheets: NewSheet[] = [];
  for (const sheet of new Set(found.map((t) => t.sheet))) {
    const ofSheet = found.filter((t) => t.sheet === sheet);
    const table = ofSheet[0].read.table.name;
    if (heldSheets.has(sheet) || !gone.has(table) || ofSheet.some((t) => t.read.table.name !== table)) continue;
    const firstRowOf = new Map<string, number>();
    const rows = ofSheet.flatMap((t) => importRows(t, 0, firstRowOf));
    const title = (row: IngestRow) => tableAt(ofSheet, sheet, row.sheetRow!).read.title;
    // Kept for the table's batch, which reads the same rows: each is validated and hashed once.
    const read = new Map(prepareBatch({ sourceId: opts.sourceId, table, rows, at: opts.at, title, readOptions }, readsOf(table)).batch.upserts.map((u: IncomingRow) => [u.rowId, u]));
    const identify = identifyStored(store, opts.sourceId, table, (row) => read.get(row.rowId)?.values);
    newSheets.push({ sheet, table, rows, hashOf: (row) => read.get(row.rowId)?.hash, identify });
  }
  return renamedSheets(newSheets, gone);
}

/**
 * Rows the store holds (`held`) that `sent` no longer has: all of them when every sheet of the table was read
 * (`read` is 'all'), else only those of the `read` sheets. Import's row ids open with their sheet's name, so the
 * store needs no sheet per row; rows of other sheets (one that could not be read, one gone from the workbook)
 * are left for the next import that reads every sheet of the table.
 */
function removedRows(held: readonly HeldRow[], sent: ReadonlySet<string>, read: readonly string[] | 'all', sheetOf: SheetOf, kept: (row: HeldRow, sheet: string) => boolean): HeldRow[] {
  const readSet = read === 'all' ? undefined : new Set(read);
  return held.filter((row) => {
    if (sent.has(row.rowId)) return false;
    if (readSet === undefined) return true;
    const sheet = sheetOf(row.rowId);
    return sheet !== undefined && readSet.has(sheet) && !kept(row, sheet);
  });
}

/** Whether another table is pasted below `read` or among its rows: only then does an import read its sheet's grid again. */
const stacked = (read: ReadTableResult) => read.nextAt !== undefined || read.issues.some((i) => i.code === 'another_table');

/**
 * The ids of the rows a sheet holding several tables once gave this table (`tables`, its reads of the sheet) that
 * are still in the sheet among another table's rows (a table pasted over them): an ID moves with its row, so each
 * found in this table's ID column outside its rows keeps that row; none when the sheet holds one table. A row known
 * by its place only is not kept: rows inserted or deleted above move the tables below, so its old place now holds
 * another row, which kept as well would be stored twice.
 */
function idsBelow(tables: readonly SheetTable[], grid: readonly (readonly CellInput[])[], sheet: string, key: string): ReadonlySet<string> | undefined {
  const own = tables.filter((t) => t.sheet === sheet);
  if (!own.some((t) => stacked(t.read))) return undefined;
  const ownRows = new Set(own.flatMap((t) => t.read.rows.map((r) => r.row)));
  const idColumns = new Set(own.flatMap((t) => {
    const id = t.read.table.columns.find((c) => c.type === 'id');
    const index = id && fieldColumn(t.read.map, id.name).index;
    return index === undefined ? [] : [index];
  }));
  const ids = new Set<string>();
  grid.forEach((line, r) => {
    if (ownRows.has(r + 1)) return;
    for (const c of idColumns) {
      const v = line[c];
      if (!isBlankCell(v) && !isErrorValue(v)) ids.add(importRowId.withId(key, idCellText(v)));
    }
  });
  return ids;
}

/**
 * `read`, one of a sheet's tables (`reads`, as `readStacked` gives them), read on down the sheet as if no table were
 * pasted below it: their headers blank, and the lines above it as `readStacked` sees them (`readStackedTable`). The
 * lines those tables now hold are read as this table's rows, as before they were pasted.
 * Here, not beside `readStacked`: the add-on, whose rows keep their Sync IDs, never needs it.
 */
function readThrough(reads: readonly ReadTableResult[], read: ReadTableResult, sheet: string, grid: readonly (readonly CellInput[])[], reading: ReturnType<typeof workbookReading>): ReadTableResult {
  const i = reads.indexOf(read);
  const [top, header] = [reads[0].headerRow - 1, read.headerRow - 1];
  const from = (reads[i - 1]?.nextTitleAt ?? read.headerRow) - 1;
  const below = new Set(reads.slice(i + 1).map((r) => r.headerRow - 1));
  return readStackedTable(read.table, sheet, grid, { top, header, from, sheetTitle: reads[0].title, cut: (r) => below.has(r) }, reading);
}

/**
 * Of `held`, the stored rows of `table` with no ID in a sheet of stacked tables (`sheetTables`, all of its reads) that a
 * table pasted later now holds: read as this table, as before that table was pasted (`readThrough`), a line outside
 * this table's rows reads as the row was stored (its content hash). Known by its place alone, such a row cannot be kept
 * by place (rows inserted or deleted above move the tables below), so it is kept by its cells: edited since, or gone,
 * it goes. Each line keeps one row. A row stored with a survey answer its workbook has not shown (`holds`) is matched
 * by its line as the import reads a row of its own (survey-holds.ts): the cells from before the answer keep it too.
 */
function keptByCells(table: TableName, sheetTables: readonly SheetTable[], grid: readonly (readonly CellInput[])[], reading: ReturnType<typeof workbookReading>, held: readonly HeldRow[], holds: readonly SurveyHold[]): ReadonlySet<string> {
  const own = sheetTables.filter((t) => t.read.table.name === table);
  if (held.length === 0 || own.length === 0 || own.length === sheetTables.length) return new Set();
  const through = readThrough(sheetTables.map((t) => t.read), own[0].read, own[0].sheet, grid, reading);
  const ownRows = new Set(own.flatMap((t) => t.read.rows.map((r) => r.row)));
  const rows = importRows({ ...own[0], read: { ...through, rows: through.rows.filter((r) => !ownRows.has(r.row)) } });
  const lines: IncomingRow[] = prepareBatch({ sourceId: '', table, rows, at: new Date(0), title: through.title, readOptions: reading }).batch.upserts;
  const left = new Map<string, number>();
  for (const { hash } of lines) left.set(hash, (left.get(hash) ?? 0) + 1);
  const hasColumn = (field: string) => fieldColumn(through.map, field).index !== undefined;
  const kept = new Set<string>();
  for (const { rowId, hash } of held) {
    const answers = holds.filter((h) => h.rowId === rowId);
    const asStored = (line: IncomingRow) => rowHash(table, keepSurveyAnswers(table, rowId, line.values as TypedRow, hasColumn, answers, 'workbook').values) === hash;
    const line = answers.length === 0 ? (left.get(hash) ? hash : undefined) : lines.find((l) => left.get(l.hash) && asStored(l))?.hash;
    if (line === undefined) continue;
    kept.add(rowId);
    left.set(line, left.get(line)! - 1);
  }
  return kept;
}

/** Whether a stored row is among `ids` (`idsBelow`), as the row or as an item of it. */
const keptBelow = (ids: ReadonlySet<string> | undefined, { rowId }: HeldRow) => ids !== undefined && (ids.has(rowId) || ids.has(rowIdOfItem(rowId)));

/**
 * The rows an import removes, by the sheet their ids name (`importRowId`): a sheet the workbook no longer has
 * is said apart, since that is also what importing another workbook under the same source looks like.
 * A side-by-side row's items (`#4`, `#4~2`) are one sheet row, told by the one place they were stored at and not
 * by their ids: `Roadmap:R-1~2` is item 2 of `R-1` or a row whose own ID is `R-1~2`. A row stored before the
 * store kept places goes by its id, less an item's tail only where nothing else could end it so.
 */
function removedBySheet(removed: readonly HeldRow[], sheetOf: SheetOf, sheetNames: readonly string[]): ImportResult['removedFrom'] {
  const rows = new Map<string, Set<string | number>>();
  for (const { rowId, sheetRow } of removed) {
    const sheet = sheetOf(rowId) ?? importRowId.sheet(rowId) ?? rowId;
    rows.set(sheet, (rows.get(sheet) ?? new Set()).add(sheetRow ?? importRowId.sheetRowId(rowId)));
  }
  return [...rows].map(([sheet, ids]) => ({ sheet, rows: ids.size, inWorkbook: sheetNames.includes(sheet) }));
}

/** How rows of `table` read now (`valuesOf`) are told from the source's stored rows by the table's identifying fields. */
const identifyStored = (store: Pick<RowStore, 'storedRowsWithHash'>, sourceId: string, table: TableName, valuesOf: Identify['valuesOf']): Identify => ({
  fields: TABLES[table].identifiedBy,
  valuesOf,
  stored: async (rowIds) => new Map([...(await store.storedRowsWithHash(sourceId, table, rowIds))].map(([id, r]) => [id, r.values])),
});

/**
 * `rows` with each sheet's rows that have no ID renamed to follow their content (moved-rows.ts): a sort, or a row
 * deleted or inserted above them, leaves every stored row with the row it was. Only a sheet of one table with no
 * side-by-side items: rows of stacked tables are kept by their cells already (`keptByCells`).
 */
async function followContent(store: Pick<RowStore, 'rows' | 'storedRowsWithHash'>, sourceId: string, table: TableName, rows: IngestRow[], held: readonly HeldRow[], reading: Pick<IngestBatch, 'title' | 'readOptions' | 'at'>, keyOf: KeyOf, kept: KeptReads): Promise<IngestRow[]> {
  const bySheet = new Map<string, IngestRow[]>();
  for (const row of rows) addTo(bySheet, row.sheet!, row);
  let prepared: Map<string, IncomingRow> | undefined;
  const readRow = (row: IngestRow) => (prepared ??= new Map(prepareBatch({ sourceId, table, rows, ...reading }, kept).batch.upserts.map((u: IncomingRow) => [u.rowId, u]))).get(row.rowId);
  const hashOf = (row: IngestRow) => readRow(row)?.hash;
  const identify = identifyStored(store, sourceId, table, (row) => readRow(row)?.values);
  let used: Promise<ReadonlySet<string>> | undefined;
  const everUsed = () => (used ??= (async () => {
    const ids = new Set<string>();
    for await (const r of store.rows(table, { sourceIds: [sourceId], includeDeleted: true })) ids.add(r.rowId);
    return ids;
  })());
  const renamed = new Map<IngestRow, string>();
  for (const [sheet, ofSheet] of bySheet) {
    // A side-by-side row's items share its place: their ids say which item each is, and stay.
    if (new Set(ofSheet.map((r) => r.sheetRow)).size < ofSheet.length) continue;
    const key = keyOf(sheet);
    const placed = ofSheet.filter((r) => r.rowId === importRowId.atRow(key, r.sheetRow!));
    const ids = await idsByContent(key, placed, hashOf, held, everUsed, identify);
    for (const [row, id] of ids ?? []) renamed.set(row, id);
  }
  return renamed.size === 0 ? rows : rows.map((r) => (renamed.has(r) ? { ...r, rowId: renamed.get(r)! } : r));
}

/**
 * What an import keeps of a workbook once its tables are read: the grids take several times what the rows read from
 * them do, so only those of sheets where tables are stacked are kept (`stackedGrids`), which `idsBelow` and
 * `keptByCells` read again; `idsBelow` reads no other sheet's grid, and `keptByCells` only where `idsBelow` found one.
 */
interface WorkbookTables {
  sheetNames: string[];
  lists: ListsRead | undefined;
  readOptions: ReturnType<typeof workbookReading>;
  /** What the store holds of the source, per table. */
  held: Map<TableName, HeldRow[]>;
  /** The tables a sheet held at the last import. */
  heldBy: (sheet: string) => TableName[];
  found: SheetTable[];
  stackedGrids: Map<string, CellInput[][]>;
  keyOf: KeyOf;
  sheetOf: SheetOf;
  /** Per sheet read as one renamed, its note. */
  notes: Map<string, RenamedNote>;
}

/** The workbook's tables, each sheet read as the table it holds or held; throws `ImportError` as `importWorkbook` says. */
async function readWorkbookTables(store: Pick<RowStore, 'syncState' | 'warnings' | 'storedRowsWithHash'>, opts: ImportOptions, readsOf: ReadsOf): Promise<WorkbookTables> {
  const sheets = (await readWorkbookGrids(opts.file)).map(withToolDays);
  const lists = readLists(sheets);
  const readOptions = workbookReading(sheets, lists);
  // What the store holds of this source, per table: which sheets held which table at the last import.
  const held = new Map<TableName, HeldRow[]>();
  for (const table of TABLE_NAMES) held.set(table, await store.syncState(opts.sourceId, table));
  const sheetNames = sheets.map((g) => g.name);
  // Each stored row's sheet found once: asked per sheet, a workbook of many sheets took their number cubed.
  const heldSheets = new Map<string, Set<TableName>>();
  for (const [table, rows] of held) {
    for (const { rowId } of rows) {
      const sheet = sheetOfRowId(rowId, sheetNames);
      if (sheet !== undefined) (heldSheets.get(sheet) ?? heldSheets.set(sheet, new Set()).get(sheet)!).add(table);
    }
  }
  const heldBy = (sheet: string) => TABLE_NAMES.filter((table) => heldSheets.get(sheet)?.has(table));
  const found = findTables(sheets, readOptions, (sheet) => heldBy(sheet).map((table) => TABLES[table]));
  // A sheet that held a table's rows and now reads as no table (a required header renamed) is read as it, so it is
  // reported as unreadable and its rows stay, instead of being taken for deleted. One whose header names another
  // table was weighed against the tables it held already (`locateTable`, as the add-on weighs it): a TA log without
  // its Organization header still names more of a TA log than of a work plan, and stays one; a sheet whose every
  // header changed names the new table, is read as it, and the table it held is removed from it below (decision 015).
  const gridOf = new Map(sheets.map((g) => [g.name, g.grid]));
  for (const grid of sheets) {
    if (found.some((t) => t.sheet === grid.name)) continue;
    for (const table of heldBy(grid.name)) found.push(readAs(TABLES[table], grid, readOptions));
  }
  found.sort((a, b) => sheetNames.indexOf(a.sheet) - sheetNames.indexOf(b.sheet) || a.read.headerRow - b.read.headerRow);
  const renamed = await sheetsRenamed(store, found, held, heldSheets, sheetNames, opts, readOptions, readsOf);
  const renamedTables = new Set(found.filter((t) => renamed.has(t.sheet)).map((t) => t.read.table.name));
  const heldWarnings = renamed.size ? await Promise.all([...renamedTables].map((table) => store.warnings({ sourceIds: [opts.sourceId], table }))) : [];
  const notes = renamedNotes(renamed, heldWarnings.flat(), (sheet) => found.find((t) => t.sheet === sheet)!.read.headerRow);
  const { keyOf, sheetOf } = sheetKeys(sheetNames, renamed);
  const uncalculatedOf = new Map(sheets.map((g) => [g.name, g.uncalculated]));
  const assumedOf = new Map(sheets.map((g) => [g.name, g.assumed]));
  // A loop, not a callback: a closure over the grids would keep them as long as `heldBy`, which shares its scope.
  for (let i = 0; i < found.length; i++) {
    const t = found[i];
    const key = keyOf(t.sheet);
    const heldIds = new Set(held.get(t.read.table.name)!.map((h) => h.rowId).filter((rowId) => rowId.startsWith(`${key}:`) && sheetOf(rowId) === t.sheet).map((rowId) => rowIdUnder(rowId, key, t.sheet)));
    const read = idColumnByValues(t, gridOf.get(t.sheet) ?? [], heldIds);
    const fileWarnings = [...assumedWarnings(read, assumedOf.get(t.sheet)), ...uncalculatedWarnings(read, uncalculatedOf.get(t.sheet))];
    found[i] = fileWarnings.length ? { ...read, read: { ...read.read, issues: [...read.read.issues, ...fileWarnings] } } : read;
  }
  if (found.length === 0) {
    const names = sheets.map((s) => quoteValue(s.name)).join(', ');
    throw new ImportError('no-tables', `${opts.file} holds no table (sheets: ${names}); name a sheet Requests, Work plan, Milestones or Roadmap, or give it their headers`);
  }
  const stackedGrids = new Map<string, CellInput[][]>();
  for (const t of found) if (stacked(t.read)) stackedGrids.set(t.sheet, gridOf.get(t.sheet)!);
  return { sheetNames, lists, readOptions, held, heldBy, found, stackedGrids, keyOf, sheetOf, notes };
}

/** Throws `ImportError` for an unknown source, a missing or unreadable file, or a workbook with no table. */
export async function importWorkbook(store: Pick<RowStore, 'applyBatch' | 'getPrincipal' | 'syncState' | 'surveyHolds' | 'daysUnknown' | 'storedRows' | 'storedRowsWithHash' | 'outbox' | 'acknowledge' | 'rows' | 'warnings'>, opts: ImportOptions): Promise<ImportResult> {
  const source = await store.getPrincipal(opts.sourceId);
  if (source?.kind !== 'source') throw new ImportError('unknown-source', `no source with id ${opts.sourceId}; register one with \`npx equity-desk source add NAME\``);
  // Per table until its batch is written: the rows read to tell a renamed sheet or follow rows with no ID are not read again.
  const reads = new Map<TableName, KeptReads>();
  const readsOf: ReadsOf = (table) => reads.get(table) ?? reads.set(table, keptReads()).get(table)!;
  const { sheetNames, lists, readOptions, held, heldBy, found, stackedGrids: gridOf, keyOf, sheetOf, notes } = await readWorkbookTables(store, opts, readsOf);
  const fromLists = listsWarnings(lists);
  // A table that could not be read is left out of its sync (sent as empty, it would remove every stored
  // row) but its problem is stored, for the committee's Data quality sheet, until a later read of the sheet.
  const unreadableOf = new Map<SheetTable, ImportRejection>();
  const result: ImportResult = { accepted: 0, unchanged: 0, deleted: 0, removedFrom: [], rejected: [], warnings: [...fromLists], tables: [], skipped: [], mappings: [], unreadable: [], fromForm: [] };
  const webForm = await webFormRows(store, opts.sourceId, held.get('requests')!);
  let takenFromForm = new Set<string>();
  const bySheet = new Map(found.map((t) => [t.sheet, t]));
  result.skipped = sheetNames.filter((n) => !bySheet.has(n));
  const at = (sheet: string, row: number) => tableAt(found, sheet, row);
  for (const t of found) {
    result.tables.push({ sheet: t.sheet, table: t.read.table.name, rows: new Set(t.read.rows.map((r) => r.row)).size, items: t.read.rows.length });
    result.mappings.push({ sheet: t.sheet, headerRow: t.read.headerRow, columns: t.read.map.matched.map((m) => ({ column: columnLetter(m.index + 1), header: m.header, reads: m.reads })) });
    const errors: PlacedIssue[] = [];
    const note = notes.get(t.sheet);
    if (note?.told && found.find((f) => f.sheet === t.sheet) === t) result.warnings.push({ sheet: t.sheet, row: note.warning.row!, ...place(t, note.warning.row!, note.warning) });
    for (const i of t.read.issues) {
      const row = i.row ?? t.read.headerRow;
      if (i.severity === 'error') errors.push(place(t, row, i));
      else result.warnings.push({ sheet: t.sheet, row, ...place(t, row, i) });
    }
    if (errors.length) unreadableOf.set(t, { sheet: t.sheet, row: t.read.headerRow, errors });
  }
  result.unreadable = [...unreadableOf.values()];
  const byTable = new Map<TableName, SheetTable[]>();
  for (const t of found) byTable.set(t.read.table.name, [...(byTable.get(t.read.table.name) ?? []), t]);
  // Sheets read now as another table than one they held: that table's rows stored from them are no longer in the
  // workbook, as rows removed from a sheet read are not, whether or not the table is found in another sheet.
  const readAsOther = new Map<TableName, string[]>();
  for (const sheet of new Set(found.map((t) => t.sheet))) {
    for (const table of heldBy(sheet)) {
      if (!found.some((t) => t.sheet === sheet && t.read.table.name === table)) readAsOther.set(table, [...(readAsOther.get(table) ?? []), sheet]);
    }
  }
  for (const table of readAsOther.keys()) if (!byTable.has(table)) byTable.set(table, []);

  // The Lists sheet's own warnings are stored with the first table's, as a sync stores them: the store keeps a
  // sheet's warnings by table, and read with the first table the sheet's earlier warnings are replaced. Every other
  // table is told the Lists have none, so those it holds from an import that read it first go even where its batch
  // is not full (a sheet of it unreadable), as they do when the workbook has no Lists sheet.
  const listsName = lists?.name ?? LISTS_SHEET;
  let first = true;
  for (const [table, sheetsOfTable] of byTable) {
    const listsOwn = bySheet.has(listsName) ? { sheets: [], warnings: [] }
      : { sheets: [listsName], warnings: first ? sheetWarningRows(listsName, fromLists.map(({ row, column, message }) => ({ row, column, message }))) : [] };
    first = false;
    const tables = sheetsOfTable.filter((t) => !unreadableOf.has(t));
    const unreadable = sheetsOfTable.flatMap((t) => {
      const u = unreadableOf.get(t);
      return u ? [{ sheet: u.sheet, headerRow: u.row, errors: u.errors.map(({ field, column, header, message }) => ({ field, message, ...(column ? { column } : {}), ...(header ? { header } : {}) })) }] : [];
    });
    // Each sheet numbered by its place among all of the table's sheets, readable or not, so an unreadable one keeps its rows' places.
    // Two tables of one kind in a sheet are one set of rows: an ID in both is a repeated ID.
    const idsOf = new Map(tables.map((t) => [t.sheet, new Map<string, number>()]));
    const title = (row: IngestRow) => at(row.sheet!, row.sheetRow!).read.title;
    // A renamed sheet's rows keep the ids they were stored under.
    const keyed = (t: SheetTable) => importRows(t, sheetsOfTable.indexOf(t), idsOf.get(t.sheet)).map((r) => (keyOf(t.sheet) === t.sheet ? r : { ...r, rowId: rowIdUnder(r.rowId, t.sheet, keyOf(t.sheet)) }));
    const rows = await followContent(store, opts.sourceId, table, tables.flatMap(keyed), held.get(table)!, { title, readOptions, at: opts.at }, keyOf, readsOf(table));
    const fromForm = table === 'requests' ? adoptWebFormRows(rows, webForm) : undefined;
    const readNames = [...new Set(tables.map((t) => t.sheet))];
    // Rows stored from a sheet that now holds several tables whose IDs another table's rows took stay (`keptBelow`), and
    // so do rows with no ID whose cells they took (`keptByCells`). Read once a sheet: every stored row of the table is
    // checked against them.
    const below = new Map<string, ReadonlySet<string> | undefined>();
    const idsIn = (sheet: string) => (below.has(sheet) ? below.get(sheet) : below.set(sheet, idsBelow(tables, gridOf.get(sheet) ?? [], sheet, keyOf(sheet))).get(sheet));
    const sent = new Set(rows.map((r) => r.rowId));
    const holds = await store.surveyHolds(opts.sourceId, table);
    const byCells = new Map<string, ReadonlySet<string>>();
    const cellsIn = (sheet: string) => byCells.get(sheet) ?? byCells.set(sheet, keptByCells(
      table, found.filter((t) => t.sheet === sheet), gridOf.get(sheet) ?? [], readOptions,
      held.get(table)!.filter((h) => !sent.has(h.rowId) && h.rowId.startsWith(`${keyOf(sheet)}#`) && sheetOf(h.rowId) === sheet), holds,
    )).get(sheet)!;
    const kept = (h: HeldRow, sheet = sheetOf(h.rowId)) => sheet !== undefined && idsIn(sheet) !== undefined && (keptBelow(idsIn(sheet), h) || cellsIn(sheet).has(h.rowId));
    // A table found in no sheet (held only by sheets now read as another) is no full batch: rows of sheets gone from
    // the workbook, or sent by the API, are not this workbook's to remove.
    const full = tables.length > 0 && unreadable.length === 0 && !held.get(table)!.some((h) => kept(h));
    const removing = removedRows(held.get(table)!, sent, full ? 'all' : [...readNames, ...(readAsOther.get(table) ?? [])], sheetOf, kept);
    // A field no column of its row's sheet reads keeps what the service holds, as a sync keeps it (unshown-fields.ts).
    const unshownBy = new Map<SheetTable, string[]>();
    const unshownIn = (t: SheetTable) => unshownBy.get(t) ?? unshownBy.set(t, TABLES[table].columns.map((c) => c.name).filter((field) => issueColumn(t.read, field).index === undefined)).get(t)!;
    const unshownOf = new Map(rows.map((row) => [row.rowId, unshownIn(at(row.sheet!, row.sheetRow!))]));
    // Rows that changed since the last import may leave blank a column added since the service kept its field (a
    // web-form answer): only they, and rows of sheets lacking columns, are read back to keep what the service holds.
    const heldHash = new Map(held.get(table)!.map((h) => [h.rowId, h.hash]));
    const applyBatch = async (prepared: Batch) => {
      const groups = new Map<string[], Batch['upserts'][number][]>();
      for (const row of prepared.upserts) {
        const unshown = unshownOf.get(row.rowId) ?? [];
        const before = heldHash.get(row.rowId);
        if (unshown.length === 0 && (before === undefined || before === row.hash)) continue;
        const group = groups.get(unshown);
        if (group) group.push(row);
        else groups.set(unshown, [row]);
      }
      if (groups.size === 0) return store.applyBatch(prepared);
      const stored = await store.storedRowsWithHash(opts.sourceId, table, [...groups.values()].flat().map((r) => r.rowId));
      const kept = new Map<string, Batch['upserts'][number]>();
      for (const [unshown, upserts] of groups) for (const row of keepNeverShownFields({ ...prepared, upserts }, unshown, stored).upserts) kept.set(row.rowId, row);
      return store.applyBatch({ ...prepared, upserts: prepared.upserts.map((r) => kept.get(r.rowId) ?? r) });
    };
    const batch = await ingestBatch({ applyBatch, surveyHolds: (sourceId, of) => store.surveyHolds(sourceId, of), daysUnknown: (...args) => store.daysUnknown(...args) }, {
      sourceId: opts.sourceId, table, rows, full, at: opts.at, holds: { of: holds, from: 'workbook' },
      // With a sheet of this table unreadable the batch cannot be full (that sheet's rows would go): the rows
      // removed from the sheets that were read are named instead.
      ...(full ? {} : { deleted: removing.map((r) => r.rowId) }),
      readSheets: [...readNames, ...(readAsOther.get(table) ?? []), ...listsOwn.sheets],
      unreadable,
      title,
      readOptions,
      placeOf: (row, field) => cellOf(at(row.sheet!, row.sheetRow!), field, row.at),
      sheetWarnings: [...readNames.flatMap((sheet) => sheetWarnings(sheet, tables.filter((t) => t.sheet === sheet), notes.get(sheet))), ...listsOwn.warnings],
    }, readsOf(table));
    reads.delete(table);
    result.accepted += batch.accepted;
    result.unchanged += batch.unchanged;
    result.deleted += batch.deleted;
    if (batch.deleted > 0) result.removedFrom.push(...removedBySheet(removing, sheetOf, sheetNames));
    const placed = ({ row, issues }: RowIssues) => ({ sheet: row.sheet!, row: row.sheetRow!, ...ownRowName(table, row), errors: issues.map((i) => place(at(row.sheet!, row.sheetRow!), row.sheetRow!, i, row.at)) });
    // One at a time: a large sheet's rows spread as one call's arguments overflow the call stack.
    for (const rejected of batch.rejected) result.rejected.push(placed(rejected));
    if (fromForm) takenFromForm = new Set([...fromForm].filter((rowId) => !batch.rejected.some((j) => j.row.rowId === rowId)));
    for (const w of batch.warnings.map(placed)) for (const e of w.errors) result.warnings.push({ sheet: w.sheet, row: w.row, ...(w.id === undefined ? {} : { id: w.id, named: w.named }), ...e });
  }
  result.fromForm = await settleWebFormRows(store, opts.sourceId, takenFromForm, opts.at);
  const bySheetRow = (a: { sheet: string; row: number }, b: { sheet: string; row: number }) => sheetNames.indexOf(a.sheet) - sheetNames.indexOf(b.sheet) || a.row - b.row;
  result.rejected.sort(bySheetRow);
  result.warnings.sort(bySheetRow);
  return result;
}
