// A template's data sheet from its table definition: typed rows as cells, derived columns as native
// formulas with cached results from the shared rules, dropdowns from Lists, colours from palettes.
import { listRange, type ListKey } from '../shared/lists';
import { computeDerived, layoutLetters, planColumn, sheetRowFormulas, templateLayout } from '../shared/layout';
import type { Rules } from '../shared/rules';
import { cellRef } from '../shared/sheet-ref';
import { inputCellValue, type TableDef, type TypedRow, type TypedValue } from '../shared/tables';
import type { PlanCell, PlanConditional, PlanValidation, SheetPlan } from '../shared/workbook-plan';

/**
 * Formula rows planned below the data, ready for new rows to get their statuses, and the rows the dropdowns, colors
 * and Dashboard ranges reach. A cell whose formula shows nothing is content to every host, so it prints: where the
 * ready rows run past the foot of the page the data end on, the writer ends the print area there (`readyRowsFrom`).
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

export interface DataSheet {
  table: TableDef;
  plan: SheetPlan;
  lastRow: number;
  rows: DataRow[];
  /** Absolute reference to a field's cells over every formula row, e.g. `'Work plan'!$K$2:$K$200`. */
  range(field: string): string;
  /**
   * A field's cell on one row read by its place in the column, e.g. `INDEX(Requests!$N:$N,7)`: for a formula on another
   * sheet that reads one row (a Dashboard's working column). A plain reference would follow its row when a person
   * inserts a row above it, leaving the inserted row unread, and turn into #REF! when they delete its row; by place,
   * the working column reads the sheet's rows as they are now, as the data sheet's own ranges do.
   */
  atRow(field: string, row: number): string;
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

export function dataSheet(table: TableDef, typed: readonly TypedRow[], rules: Rules, asOf: string, tabColor: string): DataSheet {
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
    columns: layout.map((p) => planColumn(p.column)),
    // Re-iterable: the plan can be written more than once.
    rows: { [Symbol.iterator]: cells },
    freeze: { rows: 1 },
    autoFilter: true,
    validations,
    conditionals,
    tabColor,
    expectedRows: rows.length,
    readyRowsFrom: typed.length + 1,
  };
  const letter = (field: string) => {
    const l = letters.get(field);
    if (!l) throw new Error(`${table.sheet} has no column for ${field}`);
    return l;
  };
  return {
    table, plan, lastRow, rows,
    range: (field) => cellRef(table.sheet, `$${letter(field)}$${FIRST_DATA_ROW}:$${letter(field)}$${lastRow}`),
    atRow: (field, row) => `INDEX(${cellRef(table.sheet, `$${letter(field)}:$${letter(field)}`)},${row})`,
  };
}
