// The consolidated data sheets (Requests, Work plan, Milestones, Roadmap): every source's rows with a
// `Source` column first, then the columns that name a row (its ID and name), the rest of the table's columns, then its derived columns computed by the shared rules.
import { namingColumns, planColumn, storedDeadlineWords, TABLES, type InputColumn, type Rules, type TableDef, type TableName, type TypedRow } from '../../shared/index';
import { isEncodedRows, type EncodedRows, type PlanCell, type PlanColumn, type PlanConditional, type SheetPlan } from '../../shared/workbook-plan';
import { MetricsAccumulator } from '../metrics/aggregate-metrics';
import { isPastDay, requestAsOfThen, type RequestsThen } from '../metrics/as-of-day';
import type { MetricsRow } from '../metrics/request-metrics';
import { narrowedToFewestPages } from '../../shared/pages-wide';
import { wordColumnWidth } from '../../shared/printed-text';

/** A table's rows, or its data sheet's rows already written as XML (on a worker thread, which reads the rows itself). */
export type TableRows<T extends TableName> = AsyncIterable<MetricsRow<T>> | Iterable<MetricsRow<T>> | EncodedRows;
export type RowSource = <T extends TableName>(table: T) => TableRows<T>;

/** Yes/No as the templates' dropdown writes it, so filters in the master match the source sheets. */
function cell(v: unknown): PlanCell {
  if (typeof v === 'boolean') return v ? 'Yes' : 'No';
  if (typeof v === 'string' || typeof v === 'number') return v;
  return null;
}

/** A row's cells: every column of the table, whichever it is, read by the definition's names. */
function rowCells(table: TableDef, inputs: readonly InputColumn[], rules: Rules, asOf: string): (row: MetricsRow) => PlanCell[] {
  const width = 1 + inputs.length + table.derived.length;
  // "ASAP" in Due is stored as no day, its words in Notes: the suggested priority reads them, as the sheet's formula does.
  const ruled = storedDeadlineWords(table) ?? ((values: TypedRow) => values);
  return (row) => {
    // Filled in place, and each derived value computed straight into its cell: this runs for every one of 200,000 rows.
    const values = row.values as TypedRow;
    const cells: PlanCell[] = new Array(width);
    cells[0] = row.sourceName;
    let i = 1;
    for (const c of inputs) cells[i++] = cell(values[c.name]);
    const read = ruled(values);
    for (const d of table.derived) cells[i++] = cell(d.compute(read, rules, asOf));
    return cells;
  };
}

async function* fromAsync<R>(rows: AsyncIterable<R>, keep: (r: R) => boolean, cells: (r: R) => PlanCell[]): AsyncGenerator<PlanCell[]> {
  for await (const row of rows) if (keep(row)) yield cells(row);
}

/** Rows read synchronously stay so: an async step per row costs more than making its cells. */
function* fromSync<R>(rows: Iterable<R>, keep: (r: R) => boolean, cells: (r: R) => PlanCell[]): Generator<PlanCell[]> {
  for (const row of rows) if (keep(row)) yield cells(row);
}

export interface DataSheetInput<T extends TableName> {
  table: T;
  rows: TableRows<T>;
  /** Rows left out (the date filter of the requests). */
  keep?: (row: MetricsRow<T>) => boolean;
  /** A kept row as the sheet shows it: a request as it stood on a past `asOf`, as the Summary counts it. */
  shown?: (row: MetricsRow<T>) => MetricsRow<T>;
  /** How many rows will come, when known before streaming; else the formats' ranges end at the last row written. */
  expectedRows?: number;
  rules: Rules;
  asOf: string;
  /** Where a text clipped in a cell is kept whole (see `SheetPlan.clipped`). */
  clipped?: SheetPlan['clipped'];
  /** What the sheet says when no row comes (see `SheetPlan.whenEmpty`). */
  whenEmpty?: string;
  /** See `SheetWords`. */
  words?: SheetWords;
}

/**
 * A data sheet's input columns in their order: the columns that name a row come right after Source and repeat on
 * every printed page, so a page of statuses far to the right still says which task each one is.
 */
function inputColumns(table: TableDef): InputColumn[] {
  const naming = namingColumns(table);
  return [...naming, ...table.columns.filter((c) => !naming.includes(c))];
}

/** Source and the columns that name a row: frozen on screen, and printed on every page of a sheet printed across pages. */
const repeatedColumns = (table: TableDef) => 1 + namingColumns(table).length;

/**
 * Source, then the input columns in their order (see `inputColumns`), then the derived ones; narrowed to print on as
 * few pages across as a readable scale allows (one, for a work plan committee members read at a meeting; three, not
 * five, for the requests).
 */
function sheetColumns(table: TableDef, inputs: readonly InputColumn[], words?: SheetWords): readonly PlanColumn[] {
  const planned = plannedColumns(table, inputs);
  const empty = new Set(words?.empty);
  const columns = planned.map((c) => {
    const known = words?.columns[c.header];
    const worded = known === undefined ? c : { ...c, longestWord: known.longestWord };
    return empty.has(c.header) ? { ...worded, empty: true } : worded;
  });
  return narrowedToFewestPages(columns, repeatedColumns(table), words && planned.map((c) => words.columns[c.header]?.texts));
}

/** A data sheet's columns at the widths planned for typing, before they are narrowed to print. */
const plannedColumns = (table: TableDef, inputs: readonly InputColumn[]): PlanColumn[] =>
  [{ header: SOURCE_HEADER, width: 22, type: 'text', recurring: true, wrap: true }, ...inputs.map(planColumn), ...table.derived.map(planColumn)];

const SOURCE_HEADER = 'Source';

/** What a data sheet's rows, read before it is written, say of its columns' widths on paper (`narrowedToFewestPages`). */
export interface SheetWords {
  /**
   * By a text column's header, the width its cells' widest word takes (`PlanColumn.longestWord`) and each row's text
   * in it ('' for none), which share out the width the columns print in.
   */
  readonly columns: Readonly<Record<string, { longestWord: number; texts: readonly string[] }>>;
  /** The headers of the columns no row fills, when the sheet shows a row (`PlanColumn.empty`). */
  readonly empty: readonly string[];
}

const shownCells = <T extends TableName>(cells: (r: MetricsRow) => PlanCell[], shown?: (row: MetricsRow<T>) => MetricsRow<T>) =>
  shown ? (row: MetricsRow) => cells(shown(row as MetricsRow<T>)) : cells;

function rowsOf<T extends TableName>(rows: TableRows<T>, keep: (r: MetricsRow<T>) => boolean, cells: (r: MetricsRow) => PlanCell[]): SheetPlan['rows'] {
  if (isEncodedRows(rows)) return rows;
  return Symbol.asyncIterator in rows ? fromAsync(rows, keep, cells) : fromSync(rows, keep, cells);
}

/**
 * Derived columns are written as values computed as of the export date, not as formulas: the master is
 * a dated snapshot whose Summary must agree with every row, and 200,000 rows of seven long formulas would
 * multiply the file size and writing time several times over.
 */
export function dataSheet<T extends TableName>(input: DataSheetInput<T>): SheetPlan {
  const table = TABLES[input.table];
  const inputs = inputColumns(table);
  const columns = sheetColumns(table, inputs, input.words);
  const conditionals = (lastRow: number): PlanConditional[] => [
    ...table.derived.flatMap((d, i) => (d.palette ? [{ column: 2 + inputs.length + i, fromRow: 2, toRow: lastRow, tones: d.palette }] : [])),
    // A percent column gets a data bar, as on the template's sheet (`rowRules`).
    ...inputs.flatMap((c, i) => (c.type === 'percent' ? [{ column: 2 + i, fromRow: 2, toRow: lastRow, dataBar: true }] : [])),
  ];
  return {
    name: table.sheet,
    columns,
    rows: rowsOf(input.rows, input.keep ?? (() => true), shownCells(rowCells(table, inputs, input.rules, input.asOf), input.shown)),
    freeze: { rows: 1, columns: repeatedColumns(table) },
    autoFilter: true,
    ...(input.clipped ? { clipped: input.clipped } : {}),
    ...(input.whenEmpty ? { whenEmpty: input.whenEmpty } : {}),
    ...(input.expectedRows === undefined ? { conditionalsTo: conditionals } : { conditionals: conditionals(input.expectedRows + 1), expectedRows: input.expectedRows }),
  };
}

/** What a master data sheet is planned from besides its rows. */
export interface MasterDataOptions {
  rules: Rules;
  asOf: string;
  /** The day the workbook is made (`MetricsOptions.today`): with `asOf` before it, requests show as they stood on `asOf`. */
  today?: string;
  /** See `MetricsOptions.requestsThen`. */
  requestsThen?: RequestsThen;
  from?: string;
  to?: string;
  /** Rows per table when known before writing (they fix the formats' ranges up front). */
  expected?: (table: TableName) => number;
  /** Where the texts clipped in a data sheet's cells are kept whole (the Long texts sheet). */
  clipped?: SheetPlan['clipped'];
  /** By table, the widths of its columns' widest words (`masterWords`); a table without them narrows to the usual floor. */
  words?: Partial<Record<TableName, SheetWords>>;
}

/**
 * The line a data sheet with no rows shows, so a printed page says why it is blank: a deployment that tracks only
 * work plans has no requests, and a period may hold none of the requests synced.
 */
function noRowsNote(table: TableName, inPeriod: boolean): string {
  const rows = `${TABLES[table].noun}s`;
  return inPeriod
    ? `No ${rows} received in the period this workbook covers were synced.`
    : `No ${rows} were synced yet: each source's ${rows} are listed here once it syncs them.`;
}

/**
 * A data sheet of the master: the one place its filter is chosen, on whichever thread writes its rows.
 * Here rather than with the rest of the master's plan, so the data-sheet worker loads none of the workbook writer.
 */
export function masterDataSheet<T extends TableName>(table: T, rows: TableRows<T>, opts: MasterDataOptions): SheetPlan {
  return dataSheet(masterInput(table, rows, opts));
}

function masterInput<T extends TableName>(table: T, rows: TableRows<T>, { rules, asOf, today, requestsThen, from, to, expected, clipped, words }: MasterDataOptions): DataSheetInput<T> {
  const whenEmpty = noRowsNote(table, table === 'requests' && (from !== undefined || to !== undefined));
  const input = { table, rows, rules, asOf, expectedRows: expected?.(table), clipped, whenEmpty, words: words?.[table] };
  if (table === 'requests' && isPastDay(asOf, today)) {
    const then = (r: MetricsRow<T>) => requestAsOfThen(r as MetricsRow<'requests'>, asOf, requestsThen);
    return {
      ...input,
      keep: (r) => {
        const t = then(r);
        return t !== null && MetricsAccumulator.inPeriod(t.values, from, to);
      },
      shown: (r) => (then(r) ?? r) as MetricsRow<T>,
    };
  }
  if (table === 'requests') return { ...input, keep: (r: MetricsRow<T>) => MetricsAccumulator.inPeriod((r as MetricsRow<'requests'>).values, from, to) };
  return input;
}

/** What the data-sheet worker writes a master data sheet's rows with (see `masterRows`). */
export interface MasterRows<T extends TableName> {
  name: string;
  columns: readonly PlanColumn[];
  /** A row's cells, or none for a row the sheet leaves out. */
  cells: (row: MetricsRow<T>) => PlanCell[] | undefined;
}

/**
 * A master data sheet's name and columns as `masterDataSheet` plans them, and its rows' cells one row at a time:
 * for the data-sheet worker, which takes its rows a block at a time and would pay an iterator's step for each row.
 */
export function masterRows<T extends TableName>(table: T, opts: MasterDataOptions): MasterRows<T> {
  const { keep, shown, rules, asOf, words } = masterInput(table, [], opts);
  const def = TABLES[table];
  const inputs = inputColumns(def);
  const cells = shownCells(rowCells(def, inputs, rules, asOf), shown);
  return { name: def.sheet, columns: sheetColumns(def, inputs, words), cells: keep ? (row) => (keep(row) ? cells(row) : undefined) : cells };
}

/**
 * Rows of a table past which its sheet keeps the usual floor instead of reading its words (`masterWords`): the words
 * need the rows read once more before the sheet is written, which for 200,000 requests cost 2.5-3 CPU-seconds
 * (decision 006), and a table this long is filtered on screen, not printed (some 3,000 pages).
 */
export const WORDS_READ_UP_TO = 10_000;

/**
 * The widest words of a master data sheet's text columns and their texts, and the columns no row fills, from the rows
 * the sheet will show (`SheetWords`): a sheet's column widths come before its rows in the file, so its rows are read once more first.
 * Derived columns' texts are computed as the sheet's cells are.
 */
export async function masterWords<T extends TableName>(table: T, rows: AsyncIterable<MetricsRow<T>>, opts: MasterDataOptions): Promise<SheetWords> {
  const def = TABLES[table];
  const inputs = inputColumns(def);
  const columns = plannedColumns(def, inputs);
  const wrapped = columns.flatMap((c, i) => (c.wrap ? [i] : []));
  const words = wrapped.map(() => ({ longestWord: 0, texts: [] as string[] }));
  const { keep, shown, rules, asOf } = masterInput(table, [], opts);
  const cells = rowCells(def, inputs, rules, asOf);
  const filled = new Array<boolean>(columns.length).fill(false);
  let shownRows = 0;
  for await (const stored of rows) {
    if (keep && !keep(stored)) continue;
    const row = cells(shown ? shown(stored) : stored);
    shownRows++;
    for (let i = 0; i < row.length; i++) if (!filled[i] && row[i] !== null && row[i] !== '') filled[i] = true;
    wrapped.forEach((at, k) => {
      const value = row[at];
      const text = typeof value === 'string' ? value : '';
      words[k].texts.push(text);
      if (text) words[k].longestWord = Math.max(words[k].longestWord, wordColumnWidth(text));
    });
  }
  return {
    columns: Object.fromEntries(wrapped.map((at, k) => [columns[at].header, words[k]])),
    empty: shownRows ? columns.flatMap((c, i) => (filled[i] ? [] : [c.header])) : [],
  };
}
