// A template's data sheet from its table definition: typed rows as cells, derived columns as native
// formulas with cached results from the shared rules, dropdowns from Lists, colours from palettes.
import { YES_NO, columnLetter, listRange, type ListKey } from '../shared/lists';
import { computeDerived, derivedFormula, layoutLetters, planColumn, sheetRowFormulas, templateLayout } from '../shared/layout';
import { readOptionsOf, type Rules } from '../shared/rules';
import { readCell } from '../shared/cells/read-cell';
import { sameText, textFormula } from '../shared/status/sheet-math';
import { isCalendarDay, serialFromIso } from '../shared/cells/dates';
import { cellRef } from '../shared/sheet-ref';
import { DashboardBuilder, helperLetter, type HelperColumn } from './dashboard-sheet';
import { inputCellValue, type ColumnNameOf, type FieldOf, type InputColumn, type TableDef, type TableName, type TypedRow, type TypedValue } from '../shared/tables';
import { wordColumnWidth } from '../shared/printed-text';
import { EXCEL_FORMULA_CHARS, EXCEL_FORMULA_TEXT, type PlanCell, type PlanColumn, type PlanConditional, type PlanValidation, type SheetPlan } from '../shared/workbook-plan';

/**
 * Formula rows planned below the data, ready for new rows to get their statuses, and the rows the dropdowns, colors
 * and Dashboard ranges reach. A cell whose formula shows nothing is content to every host, so it prints: where the
 * ready rows do not all print on the first page with the data, the writer ends the print area at the last typed row (`readyRowsFrom`).
 * The add-on's sync carries the formulas down to this many rows below the last typed row; without it, Excel extends
 * the formulas to a row typed below a list by itself, and in Sheets and LibreOffice the last row is copied down
 * (decision 003).
 */
export const SPARE_ROWS = 25;
export const FIRST_DATA_ROW = 2;

/** One sheet row from the first data row to the last formula row; blank rows have no values. */
export interface DataRow {
  row: number;
  values: TypedRow | null;
  /** The cached result of each derived column: `''` where the formula shows nothing. */
  derived: Record<string, TypedValue>;
}

/**
 * What a Dashboard reads of the sheet it counts: the template's own data sheet, or an office's own log (`ownDataSheet`).
 * Seen as one table (`DashboardData<'requests'>`), it is asked for that table's columns only: a misspelt one fails to compile.
 */
export interface DashboardData<T extends TableName = TableName> {
  table: TableDef<T>;
  /** The sheet's name, as the Dashboard's note names it. */
  sheet: string;
  rows: DataRow[];
  /** Working columns the Dashboard carries for this sheet, before its own (`DashboardBuilder`). */
  helpers?: readonly HelperColumn[];
  /** Headers of the table's columns the sheet has none of that the Dashboard has read so far: it reads them as blank cells. */
  readonly absent?: readonly string[];
  /** Absolute reference to a field's cells over every formula row, e.g. `'Work plan'!$K$2:$K$200`. */
  range(field: ColumnNameOf<T>): string;
  /**
   * The field's cells as typed, where `range` gives a working column that reads them (an office log's choice typed
   * its own way, counted as the value it reads as): what COUNTA counts, as a working cell showing "" is counted.
   */
  typedRange?(field: FieldOf<T>): string;
  /**
   * A field's cell on one row read by its place in the column, e.g. `INDEX(Requests!$N:$N,7)`: for a formula on another
   * sheet that reads one row (a Dashboard's working column). A plain reference would follow its row when a person
   * inserts a row above it, leaving the inserted row unread, and turn into #REF! when they delete its row; by place,
   * the working column reads the sheet's rows as they are now, as the data sheet's own ranges do.
   */
  atRow(field: ColumnNameOf<T>, row: number): string;
}

export interface DataSheet<T extends TableName = TableName> extends DashboardData<T> {
  plan: SheetPlan;
  lastRow: number;
}

const isBlankRow = (table: TableDef, values: TypedRow) => table.columns.every((c) => values[c.name] === null || values[c.name] === undefined || values[c.name] === '');

/**
 * The dropdowns (from Lists) and status colours of a table's columns over a span of rows, wherever a sheet
 * holds each column: the template writes them over its rows, and sync carries them down as rows are typed.
 */
export function rowRules(table: TableDef, columnOf: (field: string) => number | undefined, span: { fromRow: number; toRow: number }, missingLists: readonly ListKey[] = []): { validations: PlanValidation[]; conditionals: PlanConditional[] } {
  const onSheet = (list: ListKey | undefined) => (list !== undefined && !missingLists.includes(list) ? list : undefined);
  const validations = table.columns.flatMap((c): PlanValidation[] => {
    const column = columnOf(c.name);
    // A Lists sheet made before a column's list was added still has the list the column offered before.
    const list = onSheet(c.list) ?? onSheet(c.formerList);
    // A value of the list a column once offered is kept (with a warning): the sheet warns at it, never refuses it.
    return column !== undefined && list ? [{ column, ...span, list: listRange(list), allowOther: c.openList || c.formerList !== undefined }] : [];
  });
  const conditionals = [...table.columns, ...table.derived].flatMap((c): PlanConditional[] => {
    const column = columnOf(c.name);
    if (column === undefined) return [];
    if ('palette' in c && c.palette) return [{ column, ...span, tones: c.palette }];
    return c.type === 'percent' ? [{ column, ...span, dataBar: true }] : [];
  });
  return { validations, conditionals };
}

/**
 * Each wrapped column with the widest word its rows show (`PlanColumn.longestWord`), so narrowed to print it breaks
 * none ("Operationali" over "ze"), as the master's data sheets do. An empty sheet's columns are left as planned.
 */
function withWords(columns: PlanColumn[], names: readonly string[], rows: readonly DataRow[]): PlanColumn[] {
  if (!rows.some((r) => r.values)) return columns;
  return columns.map((c, i) => {
    if (!c.wrap) return c;
    let longestWord = 0;
    for (const r of rows) {
      const value = r.values?.[names[i]] ?? r.derived[names[i]];
      if (typeof value === 'string' && value) longestWord = Math.max(longestWord, wordColumnWidth(value));
    }
    return { ...c, longestWord };
  });
}

export function dataSheet<T extends TableName>(table: TableDef<T>, typed: readonly TypedRow[], rules: Rules, asOf: string, tabColor: string): DataSheet<T> {
  const layout = templateLayout(table);
  const letters = layoutLetters(layout);
  const lastRow = FIRST_DATA_ROW + typed.length - 1 + SPARE_ROWS;
  const rows: DataRow[] = [];
  for (let row = FIRST_DATA_ROW; row <= lastRow; row++) {
    const values = typed[row - FIRST_DATA_ROW] ?? null;
    const blank = !values || isBlankRow(table, values);
    const derived = blank ? Object.fromEntries(table.derived.map((d) => [d.name, ''])) : computeDerived(table, values, rules, asOf);
    rows.push({ row, values, derived: Object.fromEntries(Object.entries(derived).map(([k, v]) => [k, v ?? ''])) });
  }

  const columnOf = (field: string) => layout.find((p) => p.column.name === field)?.index;
  function* cells(): Generator<PlanCell[]> {
    for (const r of rows) {
      const formulas = sheetRowFormulas(table, r.row, columnOf);
      yield [
        ...table.columns.map((c) => (r.values ? inputCellValue(c, r.values[c.name] ?? null) : null)),
        ...table.derived.map((d) => ({ formula: formulas.get(columnOf(d.name)!)!, result: r.derived[d.name] })),
      ];
    }
  }

  const { validations, conditionals } = rowRules(table, columnOf, { fromRow: FIRST_DATA_ROW, toRow: lastRow });
  const plan: SheetPlan = {
    name: table.sheet,
    columns: withWords(layout.map((p) => planColumn(p.column)), layout.map((p) => p.column.name), rows),
    // Re-iterable: the plan can be written more than once.
    rows: { [Symbol.iterator]: cells },
    freeze: { rows: 1 },
    autoFilter: true,
    validations,
    conditionals,
    tabColor,
    expectedRows: rows.length,
    readyRowsFrom: typed.length + 1,
    // Printed as the master prints its data sheets: Work plan one page wide at a readable size, not two.
    print: { narrowToPrint: true },
  };
  const letter = (field: string) => {
    const l = letters.get(field);
    if (!l) throw new Error(`${table.sheet} has no column for ${field}`);
    return l;
  };
  return {
    table, sheet: table.sheet, plan, lastRow, rows,
    range: (field) => cellRef(table.sheet, `$${letter(field)}$${FIRST_DATA_ROW}:$${letter(field)}$${lastRow}`),
    atRow: (field, row) => `INDEX(${cellRef(table.sheet, `$${letter(field)}:$${letter(field)}`)},${row})`,
  };
}

/** A sheet a person keeps as a table (their own name and headers, a title above them), as the add-on has read it. */
export interface OwnSheet {
  sheet: string;
  table: TableDef;
  /** The sheet column (1-based) holding a field, as its header maps; undefined when none does. */
  columnOf(field: string): number | undefined;
  /** The rows the Dashboard counts: the data rows and the empty rows the office types next. */
  firstRow: number;
  lastRow: number;
  /** A cell as a formula reads it: a date as `YYYY-MM-DD`, a blank as null, anything else as held. */
  cell(row: number, column: number): TypedValue;
  /**
   * Whether the cell holds text, which `cell` cannot tell for a day typed as text ("2026-02-01" in a cell formatted as
   * text, to a formula no date). Left out: a `YYYY-MM-DD` is a date cell, any other text text.
   */
  holdsText?(row: number, column: number): boolean;
}

/**
 * The derived columns a Dashboard reads, each with the derived columns it is built on, in the table's order.
 */
function derivedRead(table: TableDef, reads: readonly string[]): TableDef['derived'][number][] {
  const needed = new Set(reads);
  for (const d of [...table.derived].reverse()) if (needed.has(d.name)) for (const used of d.uses ?? []) needed.add(used);
  return table.derived.filter((d) => needed.has(d.name));
}

/** Spreadsheet TRIM: spaces, and only spaces, cut at both ends and each run inside made one. */
const sheetTrim = (text: string) => text.replace(/ +/g, ' ').replace(/^ | $/g, '');

/** A lookup key of a choice's spelling (`choiceSpellings`): the column's place among the sheet's choices, then the spelling. */
const spellingKey = (index: number, spelling: string) => `${index}:${sheetTrim(spelling).toLowerCase()}`;

/** The text of a cell that holds text (`OwnSheet.holdsText`); undefined for a date, a number, a checkbox or a blank. */
function textAt(own: OwnSheet, row: number, column: number): string | undefined {
  const typed = own.cell(row, column);
  return typeof typed === 'string' && (own.holdsText?.(row, column) ?? !isCalendarDay(typed)) ? typed : undefined;
}

/**
 * Each spelling typed in a choice or yes/no column that the shared rules read as another value of its list ("State
 * Agencies", "counties", "Closed - no response", "x" for Yes), keyed by `spellingKey`, with the value it reads as; and
 * each text in a date column that they read as a day ("2026-02-01" or "Feb 1, 2026" typed as text), with that day:
 * to a formula such a cell is text, no date. Spellings that the lookup of a formula would take for wildcards (`*`,
 * `?`, `~`) are left as typed, and so are those whose key is longer than Excel writes in a formula or looks up
 * (`EXCEL_FORMULA_TEXT`: a status with a paragraph after it), in every host, so all count the row alike.
 */
function spellingsRead(own: OwnSheet, looked: readonly InputColumn[], rules: Rules): Map<string, { read: string; date: boolean }> {
  const spellings = new Map<string, { read: string; date: boolean }>();
  const options = readOptionsOf(rules);
  looked.forEach((c, index) => {
    const column = own.columnOf(c.name)!;
    for (let row = own.firstRow; row <= own.lastRow; row++) {
      const typed = textAt(own, row, column);
      if (typed === undefined || /[*?~]/.test(typed) || sheetTrim(typed) === '') continue;
      const key = spellingKey(index, typed);
      if (spellings.has(key) || key.length > EXCEL_FORMULA_TEXT) continue;
      const value = readCell(c, typed, options).value;
      // A yes/no typed as a check mark ("x", "☑") reads as the list's own words, which the figures count.
      const read = typeof value === 'boolean' ? YES_NO[value ? 0 : 1] : value;
      if (typeof read === 'string' && (c.type === 'date' || !sameText(read, typed))) spellings.set(key, { read, date: c.type === 'date' });
    }
  });
  return spellings;
}

/**
 * An office's own sheet as the Dashboard reads it: its columns where its headers put them, and the derived columns
 * it lacks (days open, SLA, age) computed on the Dashboard, one working cell per row, from the sheet's raw cells by
 * the template's own formulas. The office's sheet is never written. A column the sheet has none of reads as a blank
 * column would: an empty working column. Each working cell carries the value the
 * shared rules give for the cells as they are, which a recalculating engine arrives at too.
 */
export function ownDataSheet(own: OwnSheet, rules: Rules, asOf: string, reads: readonly string[]): DashboardData {
  const { table, sheet, firstRow, lastRow } = own;
  const count = Math.max(0, lastRow - firstRow + 1);
  const inputs = table.columns.filter((c) => own.columnOf(c.name) !== undefined);
  const letterOf = (field: string) => {
    const column = own.columnOf(field);
    return column === undefined ? undefined : columnLetter(column);
  };
  const computed = derivedRead(table, reads);
  // First, whether each row holds anything (the template's blank-row guard), which every derived cell of the row reads.
  const rowLetter = helperLetter(0);
  const derivedLetter = new Map(computed.map((d, i) => [d.name, helperLetter(i + 1)]));
  // A choice typed the log's own way ("State Agencies"), or a date typed as text, is counted, and read by the derived
  // columns, as the value the service reads it as: a working column per such column looks each typed spelling up in a
  // table of them.
  const looked = inputs.filter((c) => c.type === 'choice' || c.type === 'boolean' || c.type === 'date');
  const spellings = spellingsRead(own, looked, rules);
  // A column whose blank cells mean "same as above" (a goal or kind typed once over its rows, or merged down) is read
  // by its working column with each blank taken from the last row that holds one, as the service reads the sheet.
  // A choice that a working formula reads so often that, each reading naming the sheet (`INDEX('Work plan'!$H:$H,row)`),
  // the formula would pass Excel's length at the sheet's last row, is read through its working column too, whose cell
  // the formula names in a few characters: a work plan's Status, compared with each word of the plan's statuses.
  const longest = (d: TableDef['derived'][number]) => derivedFormula(d, (field) => {
    const letter = letterOf(field);
    return letter === undefined ? `$${helperLetter(0)}${lastDashboardRow}` : `INDEX(${cellRef(sheet, `$${letter}:$${letter}`)},${lastRow})`;
  })!;
  const lastDashboardRow = DashboardBuilder.FIRST_ROW + count - 1;
  const crowded = new Set(computed.filter((d) => `=IF($${rowLetter}${lastDashboardRow}="","",${longest(d)})`.length > EXCEL_FORMULA_CHARS).flatMap((d) => d.inputs));
  const mapped = inputs.flatMap((c) => {
    const index = looked.indexOf(c);
    const spelled = index >= 0 && [...spellings.keys()].some((k) => k.startsWith(`${index}:`));
    return spelled || c.fillDown || (c.type === 'choice' && crowded.has(c.name)) ? [{ column: c, index, spelled }] : [];
  });
  const mappedLetter = new Map(mapped.map(({ column }, i) => [column.name, helperLetter(computed.length + 1 + i)]));
  const carried = mapped.filter(({ column }) => column.fillDown);
  const carryLetter = new Map(carried.map(({ column }, i) => [column.name, helperLetter(computed.length + mapped.length + 1 + i)]));
  // A column the sheet lacks is read from an empty working column: an empty cell is what every engine reads a blank
  // cell as (LibreOffice takes a literal "" for a number in ISNUMBER), and a range of them is what COUNTIF counts nothing in.
  const absent = table.columns.filter((c) => own.columnOf(c.name) === undefined);
  const blankLetter = helperLetter(computed.length + mapped.length + carried.length + 1);
  const tableAt = computed.length + mapped.length + carried.length + 1 + (absent.length ? 1 : 0);
  const dashboardRow = (row: number) => DashboardBuilder.FIRST_ROW + row - firstRow;
  // The columns it lacks that a figure or working cell reads: the ones whose absence the Dashboard's note names.
  const absentRead = new Set<string>();
  const typedAt = (field: string, row: number) => {
    const letter = letterOf(field);
    if (letter === undefined) absentRead.add(field);
    return letter === undefined ? `$${blankLetter}${dashboardRow(row)}` : `INDEX(${cellRef(sheet, `$${letter}:$${letter}`)},${row})`;
  };
  const cellAt = (field: string, row: number) => {
    const letter = mappedLetter.get(field);
    return letter === undefined ? typedAt(field, row) : `$${letter}${dashboardRow(row)}`;
  };
  const spellingRange = `$${helperLetter(tableAt)}$${DashboardBuilder.FIRST_ROW}:$${helperLetter(tableAt + 1)}$${DashboardBuilder.FIRST_ROW + spellings.size - 1}`;
  const readAs = (index: number, typed: TypedValue): TypedValue => {
    if (typed === null || (typeof typed === 'string' && sheetTrim(typed) === '') || /[*?~]/.test(String(typed))) return typed;
    return spellings.get(spellingKey(index, String(typed)))?.read ?? typed;
  };

  const rows: DataRow[] = [];
  const typedRows: (TypedRow | null)[] = [];
  const isBlankText = (v: TypedValue | undefined) => v === null || v === undefined || (typeof v === 'string' && sheetTrim(v) === '');
  const above: Record<string, TypedValue> = {};
  for (let row = firstRow; row <= lastRow; row++) {
    const typed = Object.fromEntries(table.columns.map((c) => {
      const column = own.columnOf(c.name);
      return [c.name, column === undefined ? null : own.cell(row, column)];
    })) as TypedRow;
    const values = { ...typed };
    const blank = isBlankRow(table, typed);
    for (const { column, index } of mapped) {
      const read = readAs(index, typed[column.name] ?? null);
      if (column.fillDown && !blank) {
        if (isBlankText(read)) values[column.name] = above[column.name] ?? read;
        else values[column.name] = above[column.name] = read;
      } else values[column.name] = read;
    }
    const derived = blank ? Object.fromEntries(table.derived.map((d) => [d.name, ''])) : computeDerived(table, values, rules, asOf);
    typedRows.push(blank ? null : typed);
    rows.push({ row, values: blank ? null : values, derived: Object.fromEntries(Object.entries(derived).map(([k, v]) => [k, v ?? ''])) });
  }

  const holds: HelperColumn = {
    header: 'Row holds an entry (working)',
    type: 'number',
    // Over the cells of the row that the sheet has columns for (a recognized sheet has at least its required one), joined
    // as text: COUNTA of an INDEX that finds an empty cell counts it in some engines (HyperFormula), and text that is
    // empty is blank to the rules too. A cell showing an error makes the row hold an entry, as COUNTA would.
    cells: rows.map((r) => ({ formula: `IF(IFERROR(${inputs.map((c) => typedAt(c.name, r.row)).join('&')}="",0),"",1)`, value: r.values === null ? '' : 1 })),
  };
  const helpers: HelperColumn[] = [holds, ...computed.map((d): HelperColumn => ({
    header: `${d.header} (working)`,
    type: d.type === 'date' ? 'date' : d.type === 'number' ? 'number' : 'text',
    cells: rows.map((r) => {
      const at = dashboardRow(r.row);
      const formula = derivedFormula(d, (field) => (derivedLetter.has(field) ? `$${derivedLetter.get(field)}${at}` : cellAt(field, r.row)))!;
      return { formula: `IF($${rowLetter}${at}="","",${formula})`, value: r.derived[d.name] };
    }),
  }))];
  // A cell holding `*`, `?` or `~` is not looked up: VLOOKUP would read them as wildcards, and find another spelling.
  const readFormula = (index: number, typed: string) => (index < 0 ? typed
    : `IF(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(TRIM(${typed}),"*",""),"?",""),"~","")<>TRIM(${typed}),${typed},IFERROR(VLOOKUP("${index}:"&TRIM(${typed}),${spellingRange},2,0),${typed}))`);
  for (const { column, index, spelled } of mapped) {
    const carry = carryLetter.get(column.name);
    helpers.push({
      header: `${column.header} as read (working)`,
      type: column.type === 'date' ? 'date' : 'text',
      cells: rows.map((r, i) => {
        const typed = typedAt(column.name, r.row);
        const shown = carry ? r.values?.[column.name] ?? null : readAs(index, typedRows[i]?.[column.name] ?? null);
        const at = dashboardRow(r.row);
        return {
          formula: carry ? `IF($${rowLetter}${at}="","",$${carry}${at})` : `IF(TRIM(${typed})="","",${readFormula(spelled ? index : -1, typed)})`,
          value: isBlankText(shown) ? '' : shown!,
        };
      }),
    });
  }
  // Same as above: each row's value, or the last one typed above it, carried over rows that hold nothing, as the
  // service reads the sheet; the working column above shows it only on rows that hold an entry.
  for (const { column, index } of carried) {
    let last: TypedValue = null;
    helpers.push({
      header: `${column.header} carried down (working)`,
      type: 'text',
      cells: rows.map((r, i) => {
        const typed = typedAt(column.name, r.row);
        const read = readAs(index, typedRows[i]?.[column.name] ?? null);
        if (!isBlankText(read)) last = read;
        const at = dashboardRow(r.row);
        return { formula: `IF(TRIM(${typed})="",${i === 0 ? '""' : `$${carryLetter.get(column.name)}${at - 1}`},${readFormula(index, typed)})`, value: isBlankText(last) ? '' : last! };
      }),
    });
  }
  if (absent.length) helpers.push({ header: 'No such column (blank)', type: 'text', cells: rows.map(() => null) });
  if (spellings.size) {
    // Formulas rather than values, so a sync that finds another spelling typed sees the Dashboard's formulas differ, and writes it again.
    const text = (v: string) => ({ formula: textFormula(v), value: v });
    helpers.push(
      { header: 'Spelling typed (working)', type: 'text', cells: [...spellings.keys()].map(text) },
      // A day as its serial number, which the working column then holds as a date cell does.
      { header: 'Read as (working)', type: 'text', cells: [...spellings.values()].map(({ read, date }) => (date ? { formula: String(serialFromIso(read)), value: serialFromIso(read) } : text(read))) },
    );
  }
  const helperRange = (letter: string) => `$${letter}$${DashboardBuilder.FIRST_ROW}:$${letter}$${DashboardBuilder.FIRST_ROW + count - 1}`;
  const typedRange = (field: string) => {
    const letter = letterOf(field);
    if (letter === undefined) {
      if (!table.columns.some((c) => c.name === field)) throw new Error(`the Dashboard of ${sheet} computes no ${field}`);
      absentRead.add(field);
      return helperRange(blankLetter);
    }
    return cellRef(sheet, `$${letter}$${firstRow}:$${letter}$${lastRow}`);
  };

  return {
    table, sheet, rows, helpers, typedRange,
    get absent() {
      return absent.filter((c) => absentRead.has(c.name)).map((c) => c.header);
    },
    range(field) {
      const working = derivedLetter.get(field) ?? mappedLetter.get(field);
      return working ? helperRange(working) : typedRange(field);
    },
    atRow(field, row) {
      const derived = derivedLetter.get(field);
      if (derived) return `$${derived}${dashboardRow(row)}`;
      if (!table.columns.some((c) => c.name === field)) throw new Error(`the Dashboard of ${sheet} computes no ${field}`);
      return cellAt(field, row);
    },
  };
}
