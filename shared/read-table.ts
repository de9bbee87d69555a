// Reads a sheet's grid into raw rows keyed by canonical field: the table found below titles and blank
// rows, headers matched as words, "same as above" blanks filled down, spans split, repeated page
// headers and notes under the table set aside with a warning, never read as rows.
import { addedStatuses } from './added-statuses';
import { continuedLines } from './continued-lines';
import { subtaskGroups } from './subtask-groups';
import { misfiledRows } from './misfiled-rows';
import { foldText, isBlankCell, isErrorValue, numberedValue, readCell, type CellInput, type ReadOptions } from './cells/read-cell';
import { parseDateText, type DateTextOptions } from './cells/date-text';
import { titleYears, type TitleYears } from './cells/title-year';
import { dayFirstShown } from './cells/day-first';
import { headerText, headerWeight, mapHeaders, type HeaderMap } from './header-map';
import { headsSubitems, isOwnColumn, notedLine, toolExportOf, toolNames, type NotedColumn } from './tool-exports';
import { domainIssues, domainReading, nameByDomain, settleDomains, type DomainReading } from './requester-domain';
import { settleTiesByValues, type SettledTie } from './header-values';
import type { CellIssue } from './issues';
import { columnLetter, DECLINED_REQUEST_STATUS } from './lists';
import { excerpt, listValues, quoteValue } from './quote-value';
import { choiceLines } from './legend-rows';
import { namedAbove } from './named-above';
import { boardGroups, sectionRow } from './section-rows';
import { totalsLabel } from './totals-rows';
import { unheadedColumns } from './unheaded-columns';
import { rowRuns } from './sheet-ref';
import { TABLES, TABLE_NAMES, type InputColumn, type TableDef } from './tables';
import { DEFAULT_READ_OPTIONS, spanLabels, type RawRow } from './validate-row';
import { EXCEL_MAX_ROWS } from './workbook-plan';
import { SAME_WORDS, singular, wordsOf } from './word-match';

export { fieldsByColumn, headerText, mapHeaders, type HeaderMap } from './header-map';

/** How many non-blank rows may sit above the header (a title, a note, the office's name). */
const HEADER_SEARCH_ROWS = 10;

/** A header row names at least this much of its table (about three columns fully). */
const MIN_HEADER_WEIGHT = 2.5;

/**
 * A cell a person sees as empty: blank, or a checkbox left unticked, which Sheets' Insert › Checkbox and Excel's
 * checkboxes leave as FALSE down a whole column, below the last row anyone typed; or a formula's error, which a
 * lookup dragged down the column shows on the rows no one has filled.
 */
const looksEmpty = (v: CellInput) => isBlankCell(v) || v === false || isErrorValue(v);

const filled = (line: readonly CellInput[] | undefined) => (line ?? []).filter((v) => !looksEmpty(v)).length;

/** The 0-based column of a line's first value: where a warning about the whole line points. */
const firstCell = (line: readonly CellInput[]) => line.findIndex((v) => !isBlankCell(v) && v !== false);

/**
 * The one value on a line that holds nothing else, a title, note or heading as typed; undefined when a formula's
 * error sits beside it, as when any other value does: unlike `filled`, this counts an error, since a row whose
 * lookups failed is still a row ("Key stakeholder interviews" is no note).
 */
function alone(line: readonly CellInput[]): CellInput | undefined {
  let one: CellInput | undefined;
  for (const v of line) {
    if (isBlankCell(v) || v === false) continue;
    if (one !== undefined) return undefined;
    one = v;
  }
  return one;
}

/**
 * The row among the first non-blank ones that names the most of the table, with its weight; a row of
 * one cell is a title, never a header (a title such as "2024 Milestones" names a column by its words).
 */
export function findHeaderRow(table: TableDef, grid: readonly (readonly CellInput[])[]): { index: number; weight: number } {
  let best = { index: -1, weight: 0, columns: 0 };
  for (let r = 0, seen = 0; r < grid.length && seen < HEADER_SEARCH_ROWS; r++) {
    const cells = filled(grid[r]);
    if (cells === 0) continue;
    seen++;
    if (best.index < 0) best = { index: r, weight: 0, columns: 0 };
    if (cells < 2 || headsSubitems(grid[r])) continue;
    const map = mapHeaders(table, grid[r]);
    const weight = headerWeight(map);
    // Of two rows naming as much, the one reading more columns: a header of two rows (`Timeline` merged over
    // `Start | End`) is read by its lower row, which names the end column the merge leaves blank above.
    if (weight > best.weight || (weight === best.weight && weight > 0 && map.matched.length > best.columns)) best = { index: r, weight, columns: map.matched.length };
  }
  return { index: best.index, weight: best.weight };
}

export interface LocatedTable {
  table: TableDef;
  /** 0-based index of the header row in the grid; -1 when the sheet is empty. */
  headerIndex: number;
}

/** The table a sheet's name says, in any case: `Milestones`, `work plan`. */
export const tableNamed = (sheetName: string): TableDef | undefined =>
  TABLE_NAMES.map((n) => TABLES[n]).find((t) => foldText(t.sheet) === foldText(sheetName) || foldText(t.name) === foldText(sheetName));

/**
 * The table a sheet holds: by its name, else by the header row (below any title) that names the most
 * of one table, with every required column found. Undefined for notes, lists and empty sheets.
 * `held`: the tables the sheet was synced as before. One whose header broke (a required column renamed or
 * emptied) is still found while a header of the row is its own alone (its name or alias, which the table found
 * instead does not name as well), or while the row names more of it than of that table: read as it, the sheet says
 * what is missing, where read as the other its rows would be taken for deleted. A row whose every header changed
 * names the new table, and is read as it (decision 015).
 */
export function locateTable(sheetName: string, grid: readonly (readonly CellInput[])[], held: readonly TableDef[] = []): LocatedTable | undefined {
  const byName = tableNamed(sheetName);
  if (byName) return { table: byName, headerIndex: findHeaderRow(byName, grid).index };
  let best: (LocatedTable & { weight: number }) | undefined;
  for (const n of TABLE_NAMES) {
    const { index, weight } = findHeaderRow(TABLES[n], grid);
    if (index < 0 || weight < MIN_HEADER_WEIGHT) continue;
    // A desk's export is requests, never a roadmap of its issue keys, even without a column they need: one error then
    // names it, where read as another table every row would be rejected (`ToolExport.only`).
    const only = toolExportOf(grid[index])?.only;
    if (only ? only !== n : mapHeaders(TABLES[n], grid[index]).missingRequired.length) continue;
    // The topmost table's header: a table pasted below another ends it (readTable says where) and is not read
    // over the first, whose rows would pass for lines above its header.
    if (!best || index < best.headerIndex || (index === best.headerIndex && weight > best.weight)) best = { table: TABLES[n], headerIndex: index, weight };
  }
  if (best && !held.includes(best.table)) {
    const found = best;
    for (const table of held) {
      const { index, weight } = findHeaderRow(table, grid);
      if (index < 0 || (best !== found && weight <= best.weight)) continue;
      if (weight > found.weight || namesAlone(table, found.table, grid[index])) best = { table, headerIndex: index, weight };
    }
  }
  return best && { table: best.table, headerIndex: best.headerIndex };
}

/** Whether a header of `line` is one of `table`'s own names or aliases that `other` does not name as well. */
function namesAlone(table: TableDef, other: TableDef, line: readonly CellInput[]): boolean {
  const exact = (t: TableDef) => new Set(mapHeaders(t, line).matched.filter((m) => m.score >= 100).map((m) => m.index));
  const others = exact(other);
  return [...exact(table)].some((index) => !others.has(index));
}

/** The table of a sheet with an unfamiliar name, judged by one header row. */
export function detectTable(sheetName: string, header: readonly CellInput[]): TableDef | undefined {
  return locateTable(sheetName, [header])?.table;
}

/**
 * Where a row is listed among its table's rows (the sync's `sheetRow`): its row number on the table's
 * first sheet, and past every row a sheet can hold on each later one, so rows keep sheet order and a
 * sheet that grows moves no other sheet's rows.
 */
export const sheetPosition = (sheetIndex: number, row: number): number => sheetIndex * EXCEL_MAX_ROWS + row;

/** The sheet's own row number of a `sheetPosition`. */
export const rowOfPosition = (position: number): number => ((position - 1) % EXCEL_MAX_ROWS) + 1;

export interface SheetRow {
  /** The sheet's own row number (1-based, header included). */
  row: number;
  raw: RawRow;
  /**
   * Which of the sheet row's side-by-side columns this row was read from (`Early Actions` 1, `Additional
   * Strategies` 2), when the header has several: a sheet row then holds one row per filled column.
   */
  item?: number;
  /** Fields read from another column than the header map's: the 0-based column of a side-by-side item. */
  at?: Record<string, number>;
  /**
   * Fields left blank and read from a row above ("same as above"), each with the sheet row it was read from: their
   * warnings belong to the cell written, and so does whether it holds text spelled as an error (`textFieldsOf`).
   */
  filled?: Record<string, number>;
}

export interface ReadTableResult {
  table: TableDef;
  headerRow: number;
  map: HeaderMap;
  rows: SheetRow[];
  /**
   * Sheet-level problems: a missing required column (an error: the table cannot be read), ignored or
   * ambiguous headers, repeated headers, notes, several date ranges in one span cell.
   */
  issues: CellIssue[];
  /** The year or fiscal year the title rows or the sheet's name give, for dates written without one. */
  title: TitleYears;
  /** The sheet row where a table pasted below this one starts (its header): this one ends above it (`readStacked`). */
  nextAt?: number;
  /** The sheet row of the first line of that table's own title ("Milestones 2026"), when it has one: this one ends above it. */
  nextTitleAt?: number;
}

/** Headers that group rows rather than describe them ("Month" beside a Date column). */
const GROUPING_HEADERS = new Set(['month', 'quarter', 'week', 'year', 'season', 'section', 'group', 'category', 'part'].map(foldText));

/** A line under a table that explains it rather than being a row of it, numbered as footnotes are ("1. Source: …") or not. */
const NOTE_TEXT = /^(?:[(\[]?\d{1,2}[.)\]] *)?(notes?|sources?|updated|last updated|as of|prepared by|key|legend)\b|^[*†‡¹²³⁴⁵⁶⁷⁸⁹]|^page \d+( of \d+)?$/i;
/**
 * A line a document prints atop each page after its first ("Racial Equity Work Plan (continued)"): the rows under it go
 * on with the phase and goal above it, where a heading would give them its own.
 */
export const CONTINUED = /[\s(\[–—-](?:continued|cont'd|cont\.?)\)?\]?\.?\s*$/i;

const sameText = (a: CellInput, b: CellInput) => !isBlankCell(a) && !isBlankCell(b) && foldText(String(a)) === foldText(String(b));

/** A header's cells folded as `sameText` folds them (undefined where blank), once per header: every row is held to it. */
const foldedHeaders = new WeakMap<readonly CellInput[], (string | undefined)[]>();
function foldedHeader(header: readonly CellInput[]): (string | undefined)[] {
  let names = foldedHeaders.get(header);
  if (!names) foldedHeaders.set(header, (names = header.map((h) => (isBlankCell(h) ? undefined : foldText(String(h))))));
  return names;
}

/**
 * The sheet rows above the header filled in as a row of the table is (half as many cells as the header names, and
 * three at least), other than a copy of the header: no title, note or row of group names, but rows that a header
 * broken on the first page (a name lost to a merge) left above the complete one read instead.
 */
function rowsAboveHeader(grid: readonly (readonly CellInput[])[], headerIndex: number): number[] {
  const header = grid[headerIndex];
  const least = Math.max(3, Math.ceil(filled(header) / 2));
  const rows: number[] = [];
  for (let r = 0; r < headerIndex; r++) if (filled(grid[r]) >= least && !repeatsHeader(grid[r], header)) rows.push(r + 1);
  return rows;
}

/** A row that repeats the header (a page break in a pasted PDF): most of its cells are the header's. */
function repeatsHeader(line: readonly CellInput[], header: readonly CellInput[]): boolean {
  const names = foldedHeader(header);
  const cells = line.map((v, i) => (isBlankCell(v) ? 0 : names[i] !== undefined && foldText(String(v)) === names[i] ? 1 : -1)).filter((x) => x !== 0);
  return cells.length >= 2 && cells.filter((x) => x > 0).length * 2 > cells.length;
}

/**
 * A column's name folded, each word singular: "Goals" and "Activities" name columns as "Goal" and "Activity" do,
 * and "In progress" is no "Progress" (every word counts).
 */
const nameKey = (text: string) => text.toLowerCase().split(/[^a-z0-9]+/).map(singular).join('');

/** Each table's header names and aliases, as `nameKey`s. */
const headerNames = new Map<TableDef, Set<string>>();
const namesOf = (table: TableDef): Set<string> => {
  let names = headerNames.get(table);
  if (!names) headerNames.set(table, (names = new Set([...table.columns, ...(table.spans ?? [])].flatMap((c) => [c.header, ...(c.aliases ?? [])]).map(nameKey))));
  return names;
};

/** Twice the longest header name: a longer text (a task, a description) names no column, told before its words are read. */
let longestName: number | undefined;
const mayNameColumn = (v: string) => v.length <= (longestName ??= 2 * Math.max(...TABLE_NAMES.flatMap((n) => [...namesOf(TABLES[n])].map((k) => k.length))));

/** A header name of `table`, or of any table: a line most of whose cells are among them may head a table. */
const isHeaderName = (v: CellInput, table?: TableDef): boolean => {
  if (typeof v !== 'string' || !mayNameColumn(v)) return false;
  const key = nameKey(v);
  return table ? namesOf(table).has(key) : TABLE_NAMES.some((n) => namesOf(TABLES[n]).has(key));
};

/** Whether most of the cells are header names; counted until the rest could not make most. */
function mostlyHeaderNames(cells: readonly CellInput[]): boolean {
  let others = 0;
  for (const v of cells) if (!isHeaderName(v) && ++others * 2 >= cells.length) return false;
  return true;
}

/**
 * The cells of a line that names this table's columns and gives no value (`Goal | Activity | Status` in a plan: a
 * page header of another shape, a sub-table's heading), or undefined: two or more, none a number or date, and no
 * choice in a column of its list (`Email | Fulfilled` under Channel and Status is a request's values).
 */
function columnNames(table: TableDef, line: readonly CellInput[], inPlace: (line: readonly CellInput[]) => boolean): { texts: string[]; first: number } | undefined {
  const texts: string[] = [];
  let first = -1;
  for (let i = 0; i < line.length; i++) {
    const v = line[i];
    if (looksEmpty(v)) continue;
    // The first cell that names no column settles it, as it does on most lines, which are rows.
    if (!isHeaderName(v, table)) return undefined;
    if (first < 0) first = i;
    texts.push(String(v).trim());
  }
  return texts.length >= 2 && !inPlace(line) ? { texts, first } : undefined;
}

/**
 * Whether a line below `header` may head a table: two or more cells, all text, most of them header names, and not
 * `header` repeated. A number or date is a row's value ("2 | Goal | Activity | Status" is phase 2's row), never a header.
 */
function mayHeadTable(line: readonly CellInput[], header: readonly CellInput[]): boolean {
  const cells = line.filter((v) => !looksEmpty(v));
  return cells.length >= 2 && cells.every((v) => typeof v === 'string') && mostlyHeaderNames(cells) && !repeatsHeader(line, header);
}

/** The fields a header map reads, wherever their columns sit. */
const fieldsRead = (m: HeaderMap): string[] => [...m.fields.values(), ...[...m.spans.values()].flat()];

/** The fields a header map reads from column `i`. */
const readFrom = (m: HeaderMap, i: number): string[] => [m.fields.get(i) ?? [], m.spans.get(i) ?? []].flat();

/**
 * The index of the first line below the header that heads a table of another shape (a document's next table pasted
 * under this one), or -1: its cells are text, most of them header names, it maps to a table as a header row would,
 * and it names a column of that table apart from this one's header and from generic words. A line of this table's
 * own headers (a page break in a pasted document, shortened, respelled or shifted) or of words most tables have
 * (`Goal | Activity | Status`, a sub-table's heading) starts nothing; `stage | item | target` starts a plan with
 * targets under a plan without, and `focus area | kind | action` a roadmap.
 */
function nextTableAt(table: TableDef, map: HeaderMap, grid: readonly (readonly CellInput[])[], headerIndex: number): number {
  const header = grid[headerIndex];
  const own = new Set(fieldsRead(map));
  for (let r = headerIndex + 1; r < grid.length; r++) {
    if (!mayHeadTable(grid[r], header)) continue;
    const maps = TABLE_NAMES.map((n) => ({ table: TABLES[n], map: mapHeaders(TABLES[n], grid[r]) }));
    const again = maps.find((m) => m.table === table)!.map;
    // Generic: a word most tables name a column by (Status, Lead, Notes, Date) tells none of them apart.
    const generic = (i: number) => maps.filter((m) => m.map.matched.some((x) => x.index === i && x.score >= SAME_WORDS)).length * 2 > maps.length;
    const apart = (i: number) => !readFrom(again, i).some((f) => own.has(f)) && !generic(i);
    if (maps.some((m) => headerWeight(m.map) >= MIN_HEADER_WEIGHT && !m.map.missingRequired.length && m.map.matched.some((x) => apart(x.index)))) return r;
  }
  return -1;
}

/**
 * The 0-based line where the title of the table heading line `next` starts (`next` when it has none): of the lines of
 * one cell of text right above it (blank lines between), the topmost that names that table ("Milestones 2026", "## An
 * association of cities' equity roadmap") or, in a few words, a year ("2026", "FY 2026-27"). The lines from there
 * down are its title; those above stay notes under the table above ("Funding notes: …", "Source: …"). A cell right of
 * the upper table's first column is none: it may be a row of that table with one cell filled (a task).
 */
function titleAbove(grid: readonly (readonly CellInput[])[], headerIndex: number, next: number): number {
  const below = locateTable('', [grid[next]])!.table;
  const name = ` ${wordsOf(below.sheet).join(' ')} `;
  const firstColumn = firstCell(grid[headerIndex]);
  let from = next;
  for (let r = next - 1; r > headerIndex; r--) {
    if (filled(grid[r]) === 0) continue;
    const one = alone(grid[r]);
    if (typeof one !== 'string' || firstCell(grid[r]) > firstColumn) break;
    const words = wordsOf(one);
    const titles = ` ${words.join(' ')} `.includes(name) || (words.length <= 4 && !NOTE_TEXT.test(one.trim()) && Object.keys(titleYears('', [[one]])).length > 0);
    if (titles) from = r;
  }
  return from;
}

function headerIssues(table: TableDef, sheet: string, headerIndex: number, map: HeaderMap, settled: readonly SettledTie[]): CellIssue[] {
  const issues: CellIssue[] = [];
  const at = (index: number, header: string) => ({ field: '', sheet, row: headerIndex + 1, column: columnLetter(index + 1), header: excerpt(header), severity: 'warning' as const });
  const firstRead = Math.min(...map.fields.keys(), ...map.spans.keys());
  // A planning tool's bookkeeping said once: an export carries a dozen such columns.
  const names = map.tool && toolNames(map.tool);
  const own = map.unknown.filter((u) => map.tool && isOwnColumn(map.tool, u.header));
  if (own.length > 1) {
    issues.push({ ...at(own[0].index, own[0].header), code: 'unknown_column', message: `${map.tool!.tool}'s own columns (${namedOnce(own.map((u) => u.header))}) are not part of ${table.sheet}; ignored` });
  }
  // One warning per column, at its own header cell, where the Data quality sheet points to it; a column the tool
  // repeats (Jira's Labels, one a label) at its first.
  const said = new Set<NotedColumn>();
  for (const [index, n] of map.noted) {
    if (said.has(n)) continue;
    said.add(n);
    const count = [...map.noted.values()].filter((m) => m === n).length;
    const but = n.unless ? ` (but ${n.unless.value}, ${n.unless.why})` : '';
    const how = n.first ? 'each value as written, before any other line' : `each value on a line of its own ("${n.header}: …"${n.lookup ? `, the ${n.lookup} it names without SharePoint's item ids` : ''})`;
    issues.push({ ...at(index, n.header), code: 'export_column', message: `${map.tool!.tool}'s column ${quoteValue(n.header)}${count > 1 ? ` (${count} columns)` : ''}${but} kept in Notes, ${how}: ${table.sheet} has no column of its own for it` });
  }
  const standIns = names?.standIns.get(table.name);
  for (const m of map.matched) {
    const standIn = standIns?.get(foldText(m.header));
    if (standIn?.said && map.fields.get(m.index) === standIn.field) issues.push({ ...at(m.index, m.header), code: 'stand_in_column', message: `column ${quoteValue(m.header)} read as ${m.reads}: ${standIn.said}` });
  }
  for (const u of map.unknown) {
    if (own.length > 1 && own.includes(u)) continue;
    if (u.index < firstRead && GROUPING_HEADERS.has(foldText(u.header))) {
      issues.push({ ...at(u.index, u.header), code: 'grouping_column', message: `column ${quoteValue(u.header)} groups the rows; not read (each row's own cells are)` });
    } else {
      issues.push({ ...at(u.index, u.header), code: 'unknown_column', message: u.reason ? `column ${quoteValue(u.header)} ignored: ${u.reason}` : `column ${quoteValue(u.header)} is not part of ${table.sheet}; ignored` });
    }
  }
  const read = new Set([...map.fields.values(), ...[...map.spans.values()].flat(), ...[...map.valueColumns.values()].flatMap((v) => [v.field, ...(v.own?.values() ?? [])])]);
  for (const c of table.columns) {
    if (c.whenAbsent && !read.has(c.name)) issues.push({ code: 'column_absent', field: '', sheet, row: headerIndex + 1, severity: 'warning', message: `no ${c.header} column: ${c.whenAbsent}` });
  }
  for (const s of settled) {
    if (s.column) issues.push({ ...at(s.index, s.header), code: 'header_by_values', message: `column ${quoteValue(s.header)} read as ${s.column.header} by its values: ${s.why} (rename it ${quoteValue(s.column.header)} to say so)` });
  }
  for (const t of map.ties) {
    const why = settled.find((s) => s.index === t.index)?.why;
    const rename = why ? `rename it ${quoteValue(t.candidates[0])} or ${quoteValue(t.candidates[1])}` : 'rename it to one of them';
    issues.push({ ...at(t.index, t.header), code: 'header_tie', message: `column ${quoteValue(t.header)} could be ${t.candidates[0]} or ${t.candidates[1]}; not read${why ? `, as its values do not say which: ${why}` : ''} (${rename})` });
  }
  if (map.missingRequired.length) {
    const seen = map.matched.map((m) => m.header).concat(map.unknown.map((u) => u.header), map.ties.map((t) => t.header));
    for (const f of map.missingRequired) {
      const c = table.columns.find((col) => col.name === f)!;
      const names = [c.header, ...(c.aliases ?? [])].map((n) => `"${n}"`).join(', ');
      issues.unshift({
        code: 'missing_column', field: f, sheet, row: headerIndex + 1, header: c.header, severity: 'error',
        message: `no ${c.header} column, so the table was not read: looked for a header such as ${names}; the headers are ${seen.length ? listValues(seen.map(quoteValue)) : 'none'}`,
      });
    }
  }
  return issues;
}

/** Headers named once each, a repeated one with how many columns it heads ("Watchers (3 columns)"): Jira repeats a few. */
function namedOnce(headers: readonly string[]): string {
  const seen = new Map<string, [header: string, count: number]>();
  for (const h of headers) {
    const one = seen.get(foldText(h));
    if (one) one[1]++;
    else seen.set(foldText(h), [h, 1]);
  }
  return [...seen.values()].map(([h, n]) => (n > 1 ? `${h} (${n} columns)` : h)).join(', ');
}

/** A header that names what a plan numbers ("Years", "Stage"), in the singular a numbered value takes. */
const NUMBERING_HEADER = /^(phase|stage|step|year|part)s?$/i;

/**
 * Reads a grid whose header is its first non-blank row, or the row below a title that names the
 * table's columns. Blank rows are skipped; a cell left blank in a fill-down column takes the value
 * above (people leave "same as above" blank in plans). When a required column is missing the table
 * is not read at all (one error says why), so no row is reported for the same cause.
 */
export function readTable(
  table: TableDef, sheet: string, grid: readonly (readonly CellInput[])[], headerIndex = findHeaderRow(table, grid).index,
  /**
   * The workbook's fiscal year, for a span such as `FY22` in a Timeline column; its dropdown values, by which a
   * header that could name two dropdown columns (`Type`) is read as the one its values fit.
   */
  options: Pick<DateTextOptions, 'fiscalYearStartMonth'> & {
    lists?: ReadOptions['lists'];
    /** The sheet's title, for a table below another under a title of its own (`readStacked`) that names no year: its dates need one. */
    sheetTitle?: TitleYears;
    /**
     * The indent level of each indented cell, as `r:c` of `grid` (a file's styles say it; a host that cannot tell gives
     * none): an outline's parent rows, as Smartsheet exports them, group the rows indented under them (`outlineOf`).
     */
    indents?: ReadonlyMap<string, number>;
    /**
     * The outline level of each grouped row, by 0-based row of `grid` (a file's `<row outlineLevel>`, Sheets' row group
     * depth): the same outline as the indents, told by the rows. Where a sheet has both they should agree; where they
     * differ the levels are read (`outlineOf`).
     */
    rowLevels?: ReadonlyMap<number, number>;
    /** The host's day of a date cell, as its rows are validated with: a tool's date column kept in Notes says that day. */
    isoFromDate?: ReadOptions['isoFromDate'];
  } = {},
): ReadTableResult {
  const header = headerIndex >= 0 ? grid[headerIndex] : [];
  const map = mapHeaders(table, header);
  // A table pasted below this one is not read as its rows, nor the lines between as headings over them, nor its
  // title as a note under this one.
  const next = headerIndex >= 0 ? nextTableAt(table, map, grid, headerIndex) : -1;
  const nextTitle = next >= 0 ? titleAbove(grid, headerIndex, next) : -1;
  const nextAt = { ...(next >= 0 ? { nextAt: next + 1 } : {}), ...(nextTitle < next ? { nextTitleAt: nextTitle + 1 } : {}) };
  if (next >= 0) grid = grid.slice(0, nextTitle);
  // Each of the table's lists read once, however many lines ask it (legends, choices in place, statuses added).
  const given = options.lists ?? DEFAULT_READ_OPTIONS.lists;
  const readOptions = { lists: Object.fromEntries(tableListKeys(table).map((k) => [k, given[k]])) };
  const { legendOf, inPlace } = choiceLines(table, map, readOptions);
  // By the rows' own values: a header a pasted document repeats on each page is no value of its column.
  const below = map.ties.length ? grid.slice(headerIndex + 1).filter((line) => !repeatsHeader(line, header) && !columnNames(table, line, inPlace)) : [];
  const settled = headerIndex >= 0 ? settleTiesByValues(table, map, below, readOptions) : [];
  const issues = headerIndex >= 0 ? headerIssues(table, sheet, headerIndex, map, settled) : [];
  const rows: SheetRow[] = [];
  if (headerIndex < 0 || map.missingRequired.length) return { table, headerRow: headerIndex + 1, map, rows, issues, title: {}, ...nextAt };
  const titles = grid.slice(0, headerIndex).map(alone).filter((v) => v !== undefined);
  const unread = rowsAboveHeader(grid, headerIndex);
  if (unread.length) {
    const one = unread.length === 1;
    issues.push({
      code: 'outside_table', field: '', sheet, row: unread[0], column: 'A', severity: 'warning',
      message: `${rowRuns(unread)} ${one ? 'is' : 'are'} above the header (row ${headerIndex + 1}), so ${one ? 'it is not read as a row' : 'they are not read as rows'} of the table; if ${one ? 'it belongs' : 'they belong'} to it, give the header above ${one ? 'it' : 'them'} every column's name, or move ${one ? 'it' : 'them'} below row ${headerIndex + 1}`,
    });
  }
  const setAside = (r: number, code: CellIssue['code'], message: string, field = '', cell?: number) =>
    issues.push({ code, field, sheet, row: r + 1, ...(cell === undefined ? {} : { column: columnLetter(cell + 1) }), severity: 'warning', message });
  const years = titleYears(sheet, grid.slice(0, headerIndex));
  // The sheet's years in a copy of its own: import validates the rows of one title together (yearsLent), and a table
  // under a title of its own is no part of the table above, as the add-on sends each table's rows apart.
  // A Timeline's own header labels the words kept from it in Notes: this table's, not the one above's.
  const yearsAbove: TitleYears = Object.fromEntries(Object.entries(options.sheetTitle ?? {}).filter(([key]) => key !== 'labels'));
  const sheetYears = Object.keys(years).length || !options.sheetTitle ? years : yearsAbove;
  const fields = new Set(map.fields.values());
  const labels = spanLabels(table, [...map.spans].map(([i, into]) => ({ header: String(header[i] ?? ''), fields: into.filter((f) => !fields.has(f)) })));
  const title: TitleYears = labels ? { ...sheetYears, labels } : sheetYears;
  const dateOptions: DateTextOptions = { ...options, fiscalYear: title.titleFiscalYear };
  const { taken: defaults, differing } = namedAbove(table, grid.slice(0, headerIndex));
  for (const named of differing) {
    const { column, row } = named[named.length - 1];
    const values = named.map((n) => `${quoteValue(n.value)} on row ${n.row + 1}`).join(', ');
    setAside(row, 'named_above', `the lines above the table name different ${column.header.toLowerCase()}s (${values}): ${named.length === 2 ? 'neither' : 'none'} is given to rows that leave ${column.header} blank`, column.name);
  }
  for (const d of defaults.filter((n) => fieldColumn(map, n.column.name).index === undefined)) {
    // At the line's own cell with no header, as below: the line is in no column of the table.
    issues.push({ code: 'named_above', field: d.column.name, header: '', sheet, row: d.row + 1, column: columnLetter(d.cell + 1), severity: 'warning', message: `no ${d.column.header} column: every row takes ${quoteValue(d.value)} from this line above the table` });
  }
  // The sheet rows each value named above went to, said once at its line: a plan's every row would repeat it.
  const takenOn = new Map(defaults.map((d) => [d, [] as number[]]));
  // A tool writes every row's value in its own columns: a blank there is none, never "same as above".
  const toolFields = map.tool && toolNames(map.tool).fields.get(table.name);
  const toolsOwn = (field: string) => { const { index } = fieldColumn(map, field); return index !== undefined && !!toolFields?.has(foldText(String(header[index] ?? ''))); };
  const fillDown = new Set(table.columns.filter((c) => c.fillDown && !toolsOwn(c.name)).map((c) => c.name));
  // A bare number under "Year" or "Stage" is that year or stage of the plan, not a phase it never named.
  const numberedBy = new Map<number, string>();
  for (const [i, field] of map.fields) {
    const c = table.columns.find((col) => col.name === field);
    const word = NUMBERING_HEADER.exec(String(header[i] ?? '').trim())?.[1];
    if (c?.numberedAs && word) numberedBy.set(i, word[0].toUpperCase() + word.slice(1).toLowerCase());
  }
  const phaseNames = sheetPhaseNames(table, map, header, grid.slice(headerIndex + 1), numberedBy);
  // The sheet rows whose bare number ("2", "Phase 2") took the sheet's name for it, by column, name and text typed: said once for each.
  const named = new Map<string, { index: number; field: string; typed: string; bare: string; name: string; rows: number[] }>();
  /** The sheet's name for the phase a cell of column `i` numbers or spells, and that phase's number. */
  const phaseOf = (i: number, v: CellInput): { name: string; bare: string } | undefined => {
    const phase = phaseNames.get(i);
    if (phase === undefined) return undefined;
    // "Phase 2" written out is the bare number's group too, and so is the name spelled with other marks or case
    // ("Phase 2: Organize" beside "Phase 2 - Organize"): left as typed, each would stay a group of its own.
    const bare = numberedValue(phase.word, v) ?? numberedWritten(phase.word, v) ?? beyondNine(phase.word, v) ?? respelled(phase, v);
    const name = bare === undefined ? undefined : phase.names.get(bare);
    return name === undefined ? undefined : { name, bare: bare!.slice(phase.word.length + 1) };
  };
  /** Why text typed in column `i` was read as the phase name `p.name`. */
  const givenName = (i: number, typed: string, p: { name: string; bare: string }) =>
    `the name this sheet gives ${phaseNames.get(i)!.word.toLowerCase()} ${p.bare}${phaseWords(typed) === phaseWords(p.name) ? ', as first written' : ''}`;
  /** The sheet's name for the phase a cell of column `i` on line `r` numbers or spells, said once for each text typed. */
  const phaseName = (i: number, field: string, v: CellInput, r: number): string | undefined => {
    const phase = phaseOf(i, v);
    if (phase === undefined) return undefined;
    const typed = String(v).trim();
    const key = `${i}\n${phase.name}\n${typed}`;
    if (!named.has(key)) named.set(key, { index: i, field, typed, ...phase, rows: [] });
    named.get(key)!.rows.push(r + 1);
    return phase.name;
  };
  const above: Record<string, { value: CellInput; row: number }> = {};
  /** Whether a line is read as a row: not blank, and no repeated header, title, note or heading. */
  const isRowLine = (line: readonly CellInput[]): boolean => {
    const count = filled(line);
    const legend = legendOf(line);
    if (count === 0 || repeatsHeader(line, header) || (legend && legend.row === undefined) || columnNames(table, line, inPlace) || totalsLabel(line, header)) return false;
    const one = count === 1 ? alone(line) : undefined;
    if (one === undefined) return true;
    if (titles.some((t) => sameText(t, one)) || CONTINUED.test(String(one)) || (typeof one === 'string' && NOTE_TEXT.test(one.trim()))) return false;
    return sectionRow(table, map, header, line) === undefined;
  };
  const outline = outlineOf(table, map, options, grid, headerIndex);
  const form = formReading(table, map, header, readOptions.lists);
  // A board's group is a title row above its own copy of the header: the Goal of the rows below it.
  const board = map.tool?.board && boardGroups(table, map);
  const firstColumn = header.findIndex((h) => !isBlankCell(h));
  const groupAt = (r: number): string | undefined => {
    const one = board && filled(grid[r]) === 1 ? alone(grid[r]) : undefined;
    return typeof one === 'string' && !isBlankCell(grid[r][header.findIndex((h) => !isBlankCell(h))]) && (r + 1 === headerIndex || repeatsHeader(grid[nextFilled(grid, r)] ?? [], header)) ? one.trim() : undefined;
  };
  const group = (r: number, text: string) => {
    above[board!.goal.name] = { value: text, row: r + 1 };
    setAside(r, 'section_row', `this row is ${map.tool!.tool}'s group ("${clip(text)}"), above its own copy of the header, not read as a row; the rows below take it as their ${board!.goal.header}`, '', firstCell(grid[r]));
  };
  if (board && headerIndex > 0 && groupAt(headerIndex - 1) !== undefined) group(headerIndex - 1, groupAt(headerIndex - 1)!);
  /** The subitems being read, below their own header: its columns, and the item they are under. */
  let sub: { fields: HeaderMap['fields']; spans: HeaderMap['spans']; at: Record<string, number>; item: string } | undefined;
  /** The parent rows above the line being read, outermost first, each with its level and the field its rows take it in. */
  const parents: { level: number; text: string; into: InputColumn }[] = [];
  // Each row starts as a copy of one with every field read, each then set in place: given its fields one by one, a row
  // past a dozen of them is kept by V8 as a hash table several times the size, and rows are held for a whole import.
  const blankRow: RawRow = Object.fromEntries([...map.fields.values(), ...form.given.map((g) => g.field), ...(form.byDomain ? [form.byDomain.field] : [])].map((field) => [field, undefined]));
  let lastRow: number | undefined;
  const rowFollows = (r: number): boolean => {
    if (lastRow === undefined) for (lastRow = grid.length - 1; lastRow > headerIndex && !isRowLine(grid[lastRow]); lastRow--);
    return r < lastRow;
  };
  for (let r = headerIndex + 1; r < grid.length; r++) {
    const line = grid[r];
    const count = filled(line);
    if (count === 0) continue;
    if (board && !isBlankCell(line[firstColumn])) sub = undefined;
    if (board && headsSubitems(line)) {
      const item = rows.length ? String(rows[rows.length - 1].raw[board.task.name] ?? '').trim() : '';
      const subMap = mapHeaders(table, line);
      // Its columns are the tool's as the items' are: a subitem's Date is its due day, as an item's is.
      const standIns = toolNames(map.tool!).standIns.get(table.name);
      const fields = new Map(subMap.fields);
      const spans = new Map(subMap.spans);
      for (const i of subMap.spans.keys()) {
        const standIn = standIns?.get(foldText(String(line[i] ?? '')));
        if (standIn && ![...fields.values()].includes(standIn.field)) {
          fields.set(i, standIn.field);
          spans.delete(i);
        }
      }
      const at = Object.fromEntries([...[...fields].map(([i, f]) => [f, i] as const), ...[...spans].flatMap(([i, pair]) => pair.map((f) => [f, i] as const))]);
      sub = { fields, spans, at, item };
      setAside(r, 'repeated_header', `this row heads the subitems of ${quoteValue(item)}: each read as a row of its own, by this row's columns, with its item's ${board.goal.header} and its item named in Notes`, '', firstCell(line));
      continue;
    }
    const heading = board ? groupAt(r) : undefined;
    if (heading !== undefined) {
      group(r, heading);
      continue;
    }
    if (repeatsHeader(line, header)) {
      // A board repeats it under each group's title, which its warning says.
      if (board && groupAt(r - 1) !== undefined) continue;
      setAside(r, 'repeated_header', `this row repeats the header (a page break in a pasted document?); skipped`, '', firstCell(line));
      continue;
    }
    const legend = legendOf(line);
    const values = legend && `${legend.column.header} values (${listValues(legend.texts.map(quoteValue))})`;
    if (legend?.row !== undefined) {
      const { cell, word } = legend.row;
      const under = isBlankCell(header[cell]) ? `column ${columnLetter(cell + 1)}` : quoteValue(String(header[cell]).trim());
      const why = word ? `${quoteValue(word.text)} under ${under} is not how a legend names ${word.names}` : `${quoteValue(String(line[cell]).trim())} is under ${under}`;
      setAside(r, 'legend_row', `this row holds only ${values}: read as a row, as ${why} (if it is a legend pasted with the table, delete it)`, '', legend.first);
    } else if (legend) {
      setAside(r, 'legend_row', `this row lists ${values} and nothing else: a legend pasted with the table; skipped`, '', legend.first);
      continue;
    }
    const names = columnNames(table, line, inPlace);
    if (names) {
      setAside(r, 'repeated_header', `this row names columns (${listValues(names.texts.map(quoteValue))}), not values: a page header or a sub-table's heading; skipped`, '', names.first);
      continue;
    }
    const totals = totalsLabel(line, header);
    if (totals !== undefined) {
      setAside(r, 'totals_row', `this row is a totals row (${quoteValue(totals)}), not a ${table.noun}; not read as a row`, '', firstCell(line));
      continue;
    }
    const only = count === 1 ? alone(line) : undefined;
    if (only !== undefined && (titles.some((t) => sameText(t, only)) || CONTINUED.test(String(only)))) {
      setAside(r, 'repeated_header', `this row repeats the title ${quoteValue(String(only).trim())}; skipped`, '', firstCell(line));
      continue;
    }
    if (only !== undefined && typeof only === 'string' && NOTE_TEXT.test(only.trim())) {
      setAside(r, 'note_row', `this row is a note under the table ("${clip(only)}"); not read as a row`, '', firstCell(line));
      continue;
    }
    const section = only === undefined ? undefined : sectionRow(table, map, header, line);
    // A line with no row under it heads nothing: the document's own note below its table ("Funding notes: …").
    if (section && !rowFollows(r)) {
      setAside(r, 'note_row', `this row is a note under the table ("${clip(String(only))}"); not read as a row`, '', firstCell(line));
      continue;
    }
    if (section) {
      const into = section.into && fieldColumn(map, section.into.name).index;
      // The heading's own warning says which phase name it was read as: a second warning on its row would repeat it.
      const typed = section.value ?? section.text;
      const phase = section.into && into !== undefined ? phaseOf(into, typed) : undefined;
      const value = phase?.name || section.value;
      if (section.into) above[section.into.name] = { value: value ?? section.text, row: r + 1 };
      const why = phase ? `, ${givenName(into!, String(typed).trim(), phase)}` : '';
      const written = value !== undefined && value !== section.text ? `, written "${clip(value)}"${why}` : '';
      const grouping = section.into ? `; the rows below take it as their ${section.into.header}${written}` : '';
      setAside(r, 'section_row', `this row is a heading ("${clip(section.text)}"), not read as a row${grouping}`, '', firstCell(line));
      continue;
    }
    if (outline) {
      const level = outline.level(r);
      while (parents.length && parents[parents.length - 1].level >= level) parents.pop();
      const text = line[outline.index];
      if (!isBlankCell(text) && outline.level(nextFilled(grid, r)) > level) {
        const into = outline.into[Math.min(parents.length, outline.into.length - 1)];
        parents.push({ level, text: String(text).trim(), into });
        setAside(r, 'section_row', `this row heads the rows under it in the outline (its figures are theirs rolled up), not read as a row; they take ${quoteValue(String(text).trim())} as their ${into.header}`, '', outline.index);
        continue;
      }
    }
    const raw: RawRow = { ...blankRow };
    let any = false;
    for (const [i, field] of sub?.fields ?? map.fields) {
      const v = line[i];
      if (!looksEmpty(v)) any = true;
      const word = numberedBy.get(i);
      raw[field] = phaseName(i, field, v, r) ?? ((word && numberedValue(word, v)) || v);
      if (form.nothingAt.has(i) && typeof v === 'string' && form.nothing?.has(foldText(v))) {
        raw[field] = null;
        form.nothingOn.push(r + 1);
        if (!form.nothing.get(foldText(v))) form.nothing.set(foldText(v), v.trim());
      }
      const listed = form.words.size && typeof v === 'string' ? form.words.get(sub ? fieldColumn(map, field).index! : i)?.get(foldText(v)) : undefined;
      if (listed) {
        raw[field] = listed.value;
        listed.on.push(r + 1);
        listed.typed ??= String(v).trim();
      }
    }
    const statusBy = form.statusBy;
    const why = statusBy && line[statusBy.at];
    if (statusBy && !isBlankCell(why) && (!statusBy.words || (typeof why === 'string' && statusBy.words.has(foldText(why)))) && raw.status !== statusBy.value) {
      raw.status = statusBy.value;
      statusBy.on.push(r + 1);
      if (typeof why === 'string') statusBy.typed.add(why.trim());
    }
    for (const [i, [start, end]] of sub?.spans ?? map.spans) {
      const v = line[i];
      if (isBlankCell(v)) continue;
      any = true;
      const parsed = typeof v === 'string' ? parseDateText(v, dateOptions) : undefined;
      // A span typed in reverse is left whole to its start column, which reads both ends and says so about this one cell;
      // so are separate days ("Apr 7, 14 & 21"), which it dates by the first and ends by the last, keeping a day
      // between in Notes, as it does a Start cell's or a year-less Timeline's.
      if (parsed?.kind === 'date' && !(parsed.end && parsed.end < parsed.start) && !(parsed.days && isBlankCell(raw[start]))) {
        // "By Dec 2027" is when the work ends; it names no start.
        if (isBlankCell(raw[start]) && !parsed.until) raw[start] = parsed.start;
        if (isBlankCell(raw[end]) && !parsed.open) raw[end] = parsed.end ?? parsed.start;
        // Several ranges in one cell are merged into one span: say so, as a date column would.
        for (const note of [...parsed.notes, ...(parsed.assumed ?? [])]) {
          issues.push({ code: 'date_range', field: parsed.until ? end : start, sheet, row: r + 1, column: columnLetter(i + 1), header: excerpt(String(header[i])), severity: 'warning', message: `${excerpt(String(header[i]))}: ${note}` });
        }
      } else if (isBlankCell(raw[start])) raw[start] = v;
    }
    // In the tool's order, whatever the sheet's: a task's description opens its notes.
    const notedLines = sub ? [`Subitem of: ${sub.item}`] : notedInToolOrder(map).map(([i, column]) => notedLine(column, line[i], options.isoFromDate)).filter((l) => l !== undefined);
    if (notedLines.length && any) raw.notes = isBlankCell(raw.notes) ? notedLines.join('\n') : [String(raw.notes).trim(), ...notedLines].join('\n');
    // A side-by-side item is there when its cell, or one of its own columns, is filled (no action: an error, not a loss).
    const items = [...map.valueColumns].filter(([i, v]) => !isBlankCell(line[i]) || [...(v.own?.keys() ?? [])].some((j) => !isBlankCell(line[j])));
    if (!any && items.length === 0) continue;
    for (const g of form.given) raw[g.field] = g.value;
    if (form.byDomain) nameByDomain(form.byDomain, raw, line, r + 1, readOptions);
    for (const [i, kept] of form.orNotes) {
      const v = raw[kept.column.name];
      if (isBlankCell(v) || !readCell(kept.column, v, readOptions).issues.some((x) => x.severity === 'error')) continue;
      raw[kept.column.name] = null;
      const line = `${headerText(header[i]).replace(/^\s*custom field \((.*)\)\s*$/i, '$1')}: ${String(v).trim()}`;
      raw.notes = isBlankCell(raw.notes) ? line : `${String(raw.notes).trim()}\n${line}`;
      kept.on.push(r + 1);
      kept.typed.add(String(v).trim());
    }
    if (form.endedAt !== undefined && !isBlankCell(raw.fulfilledOn) && readCell(form.status!, raw.status, readOptions).value === DECLINED_REQUEST_STATUS) {
      const ended = notedLine({ header: headerText(header[form.endedAt]), days: true }, raw.fulfilledOn, options.isoFromDate);
      raw.notes = isBlankCell(raw.notes) ? ended : `${String(raw.notes).trim()}\n${ended}`;
      raw.fulfilledOn = null;
      setAside(r, 'export_column', `${quoteValue(ended!)} kept in Notes, not read as the day fulfilled: the request was declined, and ${map.tool!.tool} gives a ticket it closes unfulfilled that day too`, 'fulfilledOn', form.endedAt);
    }
    const copied: Record<string, number> = {};
    for (const f of fillDown) {
      const held = above[f];
      if (isBlankCell(raw[f]) && held && !isBlankCell(held.value)) {
        raw[f] = held.value;
        copied[f] = held.row;
      } else above[f] = { value: raw[f], row: r + 1 };
    }
    // In an outline a row's groups are its parents' alone: one back at the top takes none from the rows above it.
    if (outline) {
      for (const c of outline.into) {
        delete copied[c.name];
        delete raw[c.name];
      }
      for (const p of parents) raw[p.into.name] = p.text;
    }
    const fill = Object.keys(copied).length ? { filled: copied } : {};
    const firstOfLine = rows.length;
    if (items.length === 0) rows.push({ row: r + 1, raw, ...fill, ...(sub ? { at: sub.at } : {}) });
    const ordinals = [...map.valueColumns.keys()];
    for (const [i, v] of items) {
      const item: SheetRow = { row: r + 1, raw: { ...raw, [v.field]: line[i], [v.by]: v.value }, at: { [v.field]: i }, ...fill };
      for (const [j, f] of v.own ?? []) {
        item.raw[f] = line[j];
        item.at![f] = j;
      }
      if (ordinals.length > 1) item.item = ordinals.indexOf(i) + 1;
      rows.push(item);
    }
    for (const d of defaults) {
      const blank = rows.slice(firstOfLine).filter((sheetRow) => isBlankCell(sheetRow.raw[d.column.name]));
      for (const sheetRow of blank) sheetRow.raw[d.column.name] = d.value;
      if (blank.length) takenOn.get(d)!.push(r + 1);
    }
  }
  for (const { index, field, typed, bare, name, rows: on } of named.values()) {
    issues.push({
      code: 'phase_named', field, sheet, row: on[0], column: columnLetter(index + 1), header: excerpt(String(header[index])), severity: 'warning',
      message: `${excerpt(String(header[index]))}: ${quoteValue(typed)} on ${rowRuns(on)} read as ${quoteValue(name)}, ${givenName(index, typed, { name, bare })}`,
    });
  }
  for (const [d, taken] of takenOn) {
    const { index, column } = fieldColumn(map, d.column.name);
    if (index === undefined || taken.length === 0) continue;
    // Placed at the line's own cell, which is above the header row and in no column of the table: the field's
    // warning, with no header (an empty one, not none, or Data quality would pair that cell with the lead column's
    // header). The message names that column.
    const into = `${excerpt(String(header[index]))} (column ${column})`;
    issues.push({
      code: 'named_above', field: d.column.name, header: '', sheet, row: d.row + 1, column: columnLetter(d.cell + 1), severity: 'warning',
      message: `${into} is blank on ${rowRuns(taken)}: took ${quoteValue(d.value)} from this line above the table (${quoteValue(d.line)})`,
    });
  }
  if (form.byDomain) {
    settleDomains(form.byDomain, rows);
    // A customer's column an address was taken from was read, whatever the header's warnings said of it.
    const used = new Set([...form.byDomain.used].map((i) => columnLetter(i + 1)));
    for (let k = issues.length - 1; k >= 0; k--) if (issues[k].code === 'unknown_column' && issues[k].row === headerIndex + 1 && used.has(issues[k].column!)) issues.splice(k, 1);
  }
  if (rows.length) issues.push(...formIssues(map, sheet, headerIndex, header, form));
  issues.push(...addedStatuses(table, sheet, header, rows, readOptions.lists, (field, at) => fieldColumn(map, field, at).index));
  issues.push(...continuedLines(table, map, sheet, grid, header, rows));
  issues.push(...subtaskGroups(table, map, sheet, headerIndex + 1, grid, rows));
  issues.push(...unheadedColumns(sheet, grid, headerIndex, map, [...new Set(rows.map((r) => r.row))]));
  for (const c of table.columns) {
    const assumed = c.assumedWhenBlank;
    if (assumed && fieldColumn(map, c.name).index === undefined && rows.some((r) => assumed.applies(r.raw))) {
      issues.push({ code: 'column_absent', field: '', sheet, row: headerIndex + 1, severity: 'warning', message: `no ${c.header} column: ${assumed.absent}` });
    }
  }
  const dated = table.columns.flatMap((c) => {
    const { index } = c.type === 'date' ? fieldColumn(map, c.name) : { index: undefined };
    return index === undefined ? [] : [{ name: c.name, header: excerpt(String(header[index] ?? c.header)) }];
  });
  const dayFirst = dayFirstShown(dated, rows);
  return { table, headerRow: headerIndex + 1, map, rows, issues, title: dayFirst ? { ...title, dayFirst } : title, ...nextAt };
}

interface FormReading {
  /** The value each row takes in a field the sheet has no column for (`ToolExport.given`). */
  given: { field: string; label: string; value: string }[];
  /** The tool's words for nothing, folded, each with its spelling first met; the columns read so, and the rows. */
  nothing?: Map<string, string | undefined>;
  nothingAt: Set<number>;
  nothingOn: number[];
  /** A desk's column read as the day fulfilled (`ToolExport.only`), and the status column that says a ticket was declined. */
  endedAt?: number;
  status?: InputColumn;
  /** By column, the tool's words for a listed value (`ToolExport.words`), folded: the value, and the rows each was on. */
  words: Map<number, Map<string, { value: string; on: number[]; typed?: string }>>;
  /** The column that says a row's status (`ToolExport.statusBy`), its words, the status column's, and the rows read so. */
  statusBy?: { at: number; statusAt?: number; words?: Set<string>; value: string; on: number[]; typed: Set<string> };
  /** The field a desk names by the domain of its requester's address (`ToolExport.byDomain`), and the rows read so, by domain. */
  byDomain?: DomainReading;
  /** By column, a field whose cell is kept in Notes where it holds no value of it (`ToolExport.orNotes`), the rows and words. */
  orNotes: Map<number, { column: InputColumn; on: number[]; typed: Set<string> }>;
}

/**
 * What a tool's export holds in every row unsaid (`ToolExport.given`, `nothing`: a form's responses), the tool's own
 * words for listed values (`words`), a desk's day resolved, which is no day fulfilled on a declined row (`only`), and
 * its requesters named by their addresses (`byDomain`).
 */
function formReading(table: TableDef, map: HeaderMap, header: readonly CellInput[], lists: ReadOptions['lists']): FormReading {
  const tool = map.tool;
  const given: FormReading['given'] = [];
  for (const [field, value] of Object.entries(tool?.given?.[table.name] ?? {})) {
    const c = table.columns.find((col) => col.name === field)!;
    // In the office's own spelling of the choice, and only where its list has it: a value it lacks would be an error. A
    // column the office added for it is its own to fill.
    const listed = (lists[c.list!] ?? []).find((v) => foldText(String(v)) === foldText(value as string));
    if (listed !== undefined && fieldColumn(map, field).index === undefined) given.push({ field, label: c.header, value: String(listed) });
  }
  const nothing = tool?.nothing;
  const headers = new Set(nothing?.headers.map(foldText));
  const nothingAt = new Set([...map.fields.keys()].filter((i) => headers.has(foldText(String(header[i] ?? '')))));
  const words: FormReading['words'] = new Map();
  for (const [field, byTool] of Object.entries((tool?.words?.[table.name] ?? {}) as Record<string, Record<string, string>>)) {
    const { index } = fieldColumn(map, field);
    const list = lists[table.columns.find((c) => c.name === field)!.list!] ?? [];
    // In the office's own spelling of the value, and only where its list has it, as `given` is.
    const byWord = new Map(Object.entries(byTool).flatMap(([word, value]) => {
      const listed = list.find((v) => foldText(String(v)) === foldText(value));
      return listed === undefined ? [] : [[foldText(word), { value: String(listed), on: [] as number[] }] as const];
    }));
    if (index !== undefined && byWord.size) words.set(index, byWord);
  }
  const endedAt = fieldColumn(map, 'fulfilledOn').index;
  const status = table.columns.find((c) => c.name === 'status');
  const statusAt = fieldColumn(map, 'status').index;
  const ended = tool?.only && endedAt !== undefined && status && statusAt !== undefined ? { endedAt, status } : {};
  const by = tool?.statusBy;
  const at = by ? header.findIndex((h) => typeof h === 'string' && foldText(h) === foldText(by.header)) : -1;
  // In the office's own spelling, where its list has it, as `words` reads.
  const value = by && status?.list && lists[status.list]?.find((v) => foldText(String(v)) === foldText(by.status));
  const statusBy = at >= 0 && value !== undefined ? { statusBy: { at, statusAt, ...(by!.words ? { words: new Set(by!.words.map(foldText)) } : {}), value: String(value), on: [], typed: new Set<string>() } } : {};
  const domain = tool?.byDomain?.[table.name];
  const byDomain = domain && domainReading(table, domain, (field) => fieldColumn(map, field).index, header);
  const orNotes: FormReading['orNotes'] = new Map();
  for (const field of (tool?.orNotes?.[table.name] ?? []) as string[]) {
    const { index } = fieldColumn(map, field);
    if (index !== undefined) orNotes.set(index, { column: table.columns.find((c) => c.name === field)!, on: [], typed: new Set() });
  }
  return { given, nothingAt, nothingOn: [], words, orNotes, ...ended, ...statusBy, ...(byDomain ? { byDomain } : {}), ...(nothing && nothingAt.size ? { nothing: new Map(nothing.words.map((w) => [foldText(w), undefined])) } : {}) };
}

/** A form's assumptions, each said once at the header (a warning on every response would bury the rest). */
function formIssues(map: HeaderMap, sheet: string, headerIndex: number, header: readonly CellInput[], form: FormReading): CellIssue[] {
  const tool = map.tool!;
  const issues: CellIssue[] = [];
  const at = { field: '', sheet, row: headerIndex + 1, severity: 'warning' as const };
  for (const g of form.given) {
    issues.push({ ...at, code: 'column_absent', message: `no ${g.label} column: every row taken as ${quoteValue(g.value)}, as each response to ${tool.tool} came in through it` });
  }
  if (form.nothingOn.length) {
    const first = Math.min(...form.nothingAt);
    const under = listValues([...form.nothingAt].sort((a, b) => a - b).map((i) => quoteValue(String(header[i]).trim())));
    issues.push({ ...at, code: 'blank_kept', column: columnLetter(first + 1), header: excerpt(String(header[first])), message: `${[...form.nothing!.values()].filter((w) => w !== undefined).map(quoteValue).join(' or ')} under ${under} on ${rowRuns([...new Set(form.nothingOn)])} read as blank, ${tool.nothing!.why}` });
  }
  for (const [i, byWord] of form.words) {
    const met = [...byWord].filter(([, w]) => w.on.length);
    if (!met.length) continue;
    const read = met.map(([, w]) => `${quoteValue(w.typed!)} on ${rowRuns(w.on)} as ${quoteValue(w.value)}`).join(', ');
    issues.push({ ...at, code: 'choice_matched', field: map.fields.get(i)!, column: columnLetter(i + 1), header: excerpt(String(header[i])), message: `${excerpt(String(header[i]))}: read ${tool.tool}'s ${read}` });
  }
  const statusBy = form.statusBy;
  if (statusBy?.on.length) {
    const by = tool.statusBy!;
    const column = statusBy.statusAt ?? statusBy.at;
    const status = statusBy.statusAt === undefined ? 'no Status column' : excerpt(String(header[statusBy.statusAt]));
    const why = `${tool.tool}'s ${by.header} ${by.words ? `is ${[...statusBy.typed].map(quoteValue).join(' or ')}` : 'is filled'}`;
    issues.push({ ...at, code: 'choice_matched', field: 'status', column: columnLetter(column + 1), header: excerpt(String(header[column])), message: `${status}: ${rowRuns(statusBy.on)} read as ${quoteValue(statusBy.value)}, as ${why}: ${by.why}` });
  }
  for (const named of form.byDomain ? domainIssues(form.byDomain, tool.tool, header) : []) issues.push({ ...at, ...named });
  for (const [i, kept] of form.orNotes) {
    if (!kept.on.length) continue;
    const h = excerpt(String(header[i]));
    issues.push({ ...at, code: 'export_column', field: kept.column.name, column: columnLetter(i + 1), header: h, message: `${h}: ${[...kept.typed].map(quoteValue).join(' or ')} on ${rowRuns(kept.on)} is no ${kept.column.header} value; kept in Notes as written` });
  }
  return issues;
}

/**
 * An outline's parent rows (Smartsheet's goals and phases over their tasks), told by each row's level in the outline:
 * a row followed by one at a deeper level is a parent, the group of the rows under it, in the table's grouping columns
 * the sheet has no column for (a plan's Goal, then Phase for the parents under a goal). A row's level is its outline
 * level (a row group's depth) where the sheet has any below its header, else the indent of the first column a row is
 * named by: the rows' levels are the tool's hierarchy, where an indent may be for looks, and a host that can tell only
 * one of them (Sheets has no indent, Office.js no row's outline level) still reads the outline.
 * Only in an export whose rows are an outline (`ToolExport.outlined`): elsewhere an indent or a row group may be for
 * looks, and a task taken for a group would be a row lost; the add-ons ask their hosts for levels of those sheets alone.
 * Undefined when no row has a level or no grouping column is free: every row is then read as a row.
 */
function outlineOf(
  table: TableDef, map: HeaderMap, { indents, rowLevels }: { indents?: ReadonlyMap<string, number>; rowLevels?: ReadonlyMap<number, number> },
  grid: readonly (readonly CellInput[])[], headerIndex: number,
): { index: number; into: InputColumn[]; level: (r: number) => number } | undefined {
  const index = fieldColumn(map, table.identifiedBy[0]).index;
  if (!(indents?.size || rowLevels?.size) || index === undefined || headerIndex < 0 || !map.tool?.outlined) return undefined;
  const below = (level: (r: number) => number) => grid.some((_, r) => r > headerIndex && level(r) > 0);
  const byRow = (r: number) => rowLevels?.get(r) ?? 0;
  const byIndent = (r: number) => indents?.get(`${r}:${index}`) ?? 0;
  const level = below(byRow) ? byRow : below(byIndent) ? byIndent : undefined;
  if (!level) return undefined;
  const into = table.columns.filter((c) => c.fillDown && c.type === 'text' && fieldColumn(map, c.name).index === undefined);
  return into.length ? { index, into, level } : undefined;
}

/** The 0-based line after `r` with a value in it, or the grid's length. */
function nextFilled(grid: readonly (readonly CellInput[])[], r: number): number {
  let next = r + 1;
  while (next < grid.length && filled(grid[next]) === 0) next++;
  return next;
}

/** The lists a table's choice columns read, their own and former ones. */
const tableListKeys = (table: TableDef): string[] => [...new Set(table.columns.flatMap((c) => (c.type === 'choice' ? [c.list, c.formerList] : [])).filter((k) => k !== undefined))];

const ORDINALS = ['second', 'third', 'fourth', 'fifth', 'sixth'];

/**
 * Every table of a sheet, top first: `first` (its top table, read), then each table pasted below the one above
 * it, read from its own header down as the table that header names (a second work plan joins the first's rows).
 * The lines above the first table are the title of them all (their year, a lead named there); the rows between
 * are the tables above. Each later table says at its header where it was found. `held`: the tables the sheet held
 * at its last sync or import; one whose header no longer names it fully (a typo, a column deleted) is read from that
 * line as that table, which says what is missing there, and ends the table above, whose rows its rows are not.
 */
export function readStacked(
  first: ReadTableResult, sheet: string, grid: readonly (readonly CellInput[])[], options: Parameters<typeof readTable>[4] = {}, held: readonly TableDef[] = [],
): ReadTableResult[] {
  const top = first.headerRow - 1;
  // Each table from its header down to the next.
  const readAt = (table: TableDef, header: number, end = Infinity, from = header) =>
    readStackedTable(table, sheet, grid, { top, header, from, sheetTitle: first.title, cut: (r) => r >= end }, options);
  const reads = [first];
  for (let above = first; above.nextAt !== undefined; above = reads[reads.length - 1]) {
    const at = above.nextAt;
    const header = at - 1;
    const from = (above.nextTitleAt ?? at) - 1;
    // nextTableAt found a table this line heads, so one is located.
    const table = locateTable('', [grid[header]])!.table;
    const read = readAt(table, header, Infinity, from);
    const nth = ORDINALS[reads.length - 1] ?? `${reads.length + 1}th`;
    const titled = from < header ? `, with its title from row ${from + 1} ("${clip(String(alone(grid[from])))}")` : '';
    read.issues.unshift({ code: 'another_table', field: '', sheet, row: at, severity: 'warning', message: `read a ${nth} table (${table.sheet}) from row ${at} of sheet ${sheet}${titled}` });
    reads.push(read);
  }
  if (top < 0) return reads;
  for (const table of held) {
    if (reads.some((r) => r.table === table)) continue;
    const broken = brokenHeaderAt(table, grid, reads);
    if (broken === undefined) {
      // Its header row deleted: its rows, if still here, read as the table above's. Said, and none of the sheet read
      // as it (its columns may name another table's: a roadmap's Action is a plan's Task), so its rows stay stored.
      if (reads.some((r) => held.includes(r.table))) {
        // Its rows at the foot of the table now above them, told by cells that do not fit that table, are not filed there.
        const above = reads[reads.length - 1];
        const misfiled = misfiledRows(above.table, above.headerRow, above.rows);
        if (misfiled) reads[reads.length - 1] = { ...above, rows: above.rows.filter((r) => !misfiled.rows.includes(r.row)) };
        reads.push(headerGone(table, sheet, first, misfiled?.message));
      }
      continue;
    }
    const i = reads.findIndex((r) => r.headerRow - 1 < broken && (r.nextAt === undefined || broken < r.nextAt - 1));
    const above = reads[i];
    // Its own title, if it has one, starts where the table above it said.
    const cut = readAt(above.table, above.headerRow - 1, broken, (reads[i - 1]?.nextTitleAt ?? above.headerRow) - 1);
    cut.issues.unshift(...above.issues.filter((x) => x.code === 'another_table'));
    reads.splice(i, 1, { ...cut, nextAt: broken + 1 }, { ...readAt(table, broken, (above.nextAt ?? Infinity) - 1), ...(above.nextAt ? { nextAt: above.nextAt } : {}) });
  }
  return reads;
}

/**
 * One of a sheet's stacked tables (`readStacked`) read from its `header` down: the lines above it, from the top table's
 * header (`top`), are the tables above, but for its own title (from `from`); the lines `cut` are no part of it. One
 * under a title of its own is a section of its own: the lines above the top table are not its title (a lead named there
 * is not its), but for the year of its dates when its own names none (`sheetTitle`, the top table's).
 */
export function readStackedTable(
  table: TableDef, sheet: string, grid: readonly (readonly CellInput[])[],
  { top, header, from, sheetTitle, cut }: { top: number; header: number; from: number; sheetTitle: TitleYears; cut: (r: number) => boolean },
  options: Parameters<typeof readTable>[4] = {},
): ReadTableResult {
  const lines = grid.map((line, r) => ((r < from && (r >= top || from < header)) || cut(r) ? [] : line));
  return readTable(table, sheet, lines, header, from < header ? { ...options, sheetTitle } : options);
}

/** A table held stacked under `first` whose header row no line is now: unreadable, with no rows and no room for marks. */
function headerGone(table: TableDef, sheet: string, first: ReadTableResult, misfiled?: string): ReadTableResult {
  const names = mapHeaders(table, []).missingRequired.map((f) => `"${table.columns.find((c) => c.name === f)!.header}"`);
  const message = `no ${table.sheet} header row found below this one (with a column such as ${names.join(', ')}), so the ${table.sheet} rows synced from this sheet were not read and stay stored${misfiled ? ` (${misfiled})` : ''}; put their header back above them`;
  const issue: CellIssue = { code: 'missing_column', field: '', sheet, row: first.headerRow, severity: 'error', message };
  return { table, headerRow: first.headerRow, map: mapHeaders(table, []), rows: [], issues: [issue], title: first.title, nextAt: first.headerRow };
}

/**
 * The line below the top table's header that was `table`'s header, now naming it short of a column: text only, most
 * of it header names, at least two of `table`'s columns and more of it than of the table it sits in.
 */
function brokenHeaderAt(table: TableDef, grid: readonly (readonly CellInput[])[], reads: readonly ReadTableResult[]): number | undefined {
  for (let r = reads[0].headerRow; r < grid.length; r++) {
    const within = reads.find((x) => x.headerRow - 1 < r && (x.nextAt === undefined || r < x.nextAt - 1));
    if (!within || !mayHeadTable(grid[r], grid[within.headerRow - 1])) continue;
    const map = mapHeaders(table, grid[r]);
    if (map.matched.length >= 2 && headerWeight(map) > headerWeight(mapHeaders(within.table, grid[r]))) return r;
  }
  return undefined;
}

/**
 * The sheet's own names for the phases a column numbers ("Phase 2: Organize" for 2), from its headings and its
 * cells: a bare number beside them would make a group of its own in every output. Only a number the sheet names
 * one way; by the column's index, the word it numbers by and each numbered value's name ("Phase 2" to its name).
 */
function sheetPhaseNames(
  table: TableDef, map: HeaderMap, header: readonly CellInput[], below: readonly (readonly CellInput[])[], numberedBy: ReadonlyMap<number, string>,
): Map<number, { word: string; names: Map<string, string> }> {
  const found = new Map<number, { word: string; names: Map<string, string> }>();
  for (const [i, field] of map.fields) {
    const word = numberedBy.get(i) ?? table.columns.find((c) => c.name === field)?.numberedAs;
    if (word === undefined) continue;
    // A decimal ("Phase 2.5: Pilot") is a phase of its own, not a name for phase 2.
    // Up to 99: "Year 2026" is a calendar year, not a plan's 2026th.
    const numbered = new RegExp(`^${word}\\s+([1-9]\\d?)(?!\\d|[.,]\\d)`, 'i');
    // Each number's names, by their words, so that case and the marks between words make no second name.
    const names = new Map<string, Map<string, string>>();
    for (const line of below) {
      const heading = filled(line) === 1 ? sectionRow(table, map, header, line) : undefined;
      const texts = [heading?.into?.name === field ? heading.value ?? heading.text : heading?.text, line[i]];
      for (const text of texts) {
        const typed = typeof text === 'string' ? text.trim() : '';
        const n = numbered.exec(typed)?.[1];
        if (n === undefined || phaseWords(typed) === phaseWords(`${word} ${n}`)) continue;
        const own = names.get(n) ?? new Map<string, string>();
        if (!own.has(phaseWords(typed))) own.set(phaseWords(typed), typed);
        names.set(n, own);
      }
    }
    const one = [...names].filter(([, spelled]) => spelled.size === 1).map(([n, spelled]): [string, string] => [`${word} ${n}`, [...spelled.values()][0]]);
    if (one.length) found.set(i, { word, names: new Map(one) });
  }
  return found;
}

/**
 * "Phase 2: Organize" as typed beside the sheet's first spelling of that name ("Phase 2 - Organize"), as the bare
 * number is spelled ("Phase 2"), for its name to be looked up; undefined for the first spelling itself and other text.
 */
function respelled(phase: { word: string; names: ReadonlyMap<string, string> }, raw: CellInput): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const typed = raw.trim();
  // Its own number's name only: folded, "Phase 1 - 0-90 days" and "Phase 10: 90 Days" are spelled alike.
  const bare = numberedWritten(phase.word, new RegExp(`^${phase.word}\\s+\\d+`, 'i').exec(typed)?.[0]);
  const name = bare === undefined ? undefined : phase.names.get(bare);
  return name !== undefined && typed !== name && phaseWords(typed) === phaseWords(name) ? bare : undefined;
}

/**
 * A phase name as its words, for two spellings of one name to be told: letters as written, accents kept and case
 * set aside ("Organización" is not "Organizacin"), split only by the spaces and marks between words ("Phase 2:
 * Organize" is "Phase 2 - Organize", but "Re-sign" is not "Resign"). An apostrophe after a letter is no mark between
 * words: documents drop or curl it ("Children's", "Childrens", "Children’s" are one name).
 */
const phaseWords = (text: string) =>
  text.normalize('NFC').toLowerCase().replace(/(?<=[\p{L}\p{M}])['’ʼ]/gu, '').match(/[\p{L}\p{M}\p{N}]+/gu)?.join(' ') ?? '';

/** "Phase 2" as typed, spelled as a bare number is ("Phase 2"), for its name to be looked up; undefined for other text. */
function numberedWritten(word: string, raw: CellInput): string | undefined {
  const n = typeof raw === 'string' ? new RegExp(`^${word}\\s+(\\d+)$`, 'i').exec(raw.trim())?.[1] : undefined;
  return n === undefined ? undefined : `${word} ${n}`;
}

/**
 * A two-digit number ("10") as the `word`'s N-th, for its name to be looked up: two digits alone may be a fiscal
 * year (26 for FY26), so only a number the sheet names ("Phase 10: Evaluate") is taken for a phase.
 */
function beyondNine(word: string, raw: CellInput): string | undefined {
  const t = typeof raw === 'number' || typeof raw === 'string' ? String(raw).trim() : '';
  return /^[1-9]\d$/.test(t) ? `${word} ${t}` : undefined;
}

/** A line as a message quotes it: 40 characters at most, ended between words where one ends past the middle. */
function clip(s: string): string {
  const text = s.trim();
  if (text.length <= 40) return text;
  const cut = text.slice(0, 39);
  const space = cut.lastIndexOf(' ');
  return `${space > 20 ? cut.slice(0, space) : cut}…`;
}

/**
 * Where a field or a derived column sits in the sheet: the cell an issue points at, the column a status formula
 * goes in; `at`, the row's own places (a side-by-side item).
 */
export function fieldColumn(map: HeaderMap, field: string, at?: SheetRow['at']): { column?: string; header?: string; index?: number } {
  const own = at?.[field];
  if (own !== undefined) return { column: columnLetter(own + 1), index: own };
  for (const [i, f] of map.fields) if (f === field) return { column: columnLetter(i + 1), index: i };
  for (const [i, pair] of map.spans) if (pair.includes(field)) return { column: columnLetter(i + 1), index: i };
  for (const [i, v] of map.valueColumns) if (v.field === field) return { column: columnLetter(i + 1), index: i };
  for (const [i, f] of map.derived) if (f === field) return { column: columnLetter(i + 1), index: i };
  return {};
}

/**
 * A read row's fields whose cells hold text spelled as a formula's error, by the host's or the file's word (`texts`:
 * `row:column` of the grid, 0-based; `SheetCells.textsLikeErrors`); undefined when none. `columnOf`, a field's
 * 1-based column in that grid. A field filled from a row above holds that row's cell, not this one's.
 */
export function textFieldsOf({ row, raw, at, filled }: SheetRow, texts: ReadonlySet<string> | undefined, columnOf: (field: string, at?: SheetRow['at']) => number | undefined): string[] | undefined {
  const fields = texts?.size ? Object.keys(raw).filter((f) => isErrorValue(raw[f]) && texts.has(`${(filled?.[f] ?? row) - 1}:${(columnOf(f, at) ?? 0) - 1}`)) : [];
  return fields.length ? fields : undefined;
}

/**
 * The cell an issue about a field points at: the field's column, else, for the end of a range typed in its
 * start's cell (`March 15-17` under `Date`, with no end column), that cell. Only for placing issues: the end
 * is not written back there. Notes a tool's export has no column of (`NotedColumn`) point at the first column they are
 * written from, where a person can find the text (a desk's Description), not at no cell.
 */
export function issueColumn(read: Pick<ReadTableResult, 'map' | 'table'>, field: string, at?: SheetRow['at']): { column?: string; index?: number } {
  const own = fieldColumn(read.map, field, at);
  if (own.index !== undefined) return own;
  const start = read.table.columns.find((c) => c.rangeEnd === field);
  if (start) return fieldColumn(read.map, start.name, at);
  const [first] = field === 'notes' ? notedInToolOrder(read.map) : [];
  return first ? { column: columnLetter(first[0] + 1), index: first[0] } : own;
}

/** A tool's columns kept in Notes (`NotedColumn`) by their index, in the tool's order, whatever the sheet's. */
const notedInToolOrder = (map: HeaderMap) => [...map.noted].sort(([, a], [, b]) => map.tool!.noted.indexOf(a) - map.tool!.noted.indexOf(b));
