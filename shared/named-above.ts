// Values a printed plan states once, on a line above its table ("Lead: Office of Diversity & Equity unless
// noted"), for the rows that leave that column blank.
import { isBlankCell, type CellInput } from './cells/read-cell';
import type { InputColumn, TableDef } from './tables';
import { foldText } from './word-match';

export interface NamedAbove {
  column: InputColumn;
  value: string;
  /** The line as typed, and its 0-based row and column in the grid: where the value came from. */
  line: string;
  row: number;
  cell: number;
}

/** "Label: value": a label short enough to be a column's name. */
const LABELLED = /^([^:\n]{1,40}):\s*(.+)$/s;

/**
 * Between two statements of one cell, each with a label of its own, after a sentence, a clause or a line break:
 * a plan's paragraph pasted into one cell ("Goals: … (cross-cutting). Lead: … unless noted. Vision: …").
 */
const BETWEEN_STATEMENTS = /(?:[.;]\s+|\s*\n\s*)(?=[^:.;\n]{1,40}:)/;

/**
 * What a cell says: its own text, or a label alone (`Lead:`) with the text of the next filled cell, as a block of
 * details above a table lays them out in two columns; not a label followed by another label.
 */
const statement = (cell: string, next: CellInput | undefined): string =>
  /^[^:\n]{1,40}:$/.test(cell) && typeof next === 'string' && !LABELLED.test(next.trim()) ? `${cell} ${next.trim()}` : cell;

/** The words that make a stated value the table's default: "unless noted", "(except where noted)". */
const UNLESS_NOTED = /[\s,;]*\(?\s*(?:unless|except(?: where| as)?)\s+(?:otherwise\s+)?(?:noted|stated|specified|indicated|listed|shown)\s*\)?[.\s]*$/i;

/**
 * The values named by the lines above a table for its `namedAbove` columns, by the column's header or an
 * alias (`taken`). Lines naming different values for one column say nothing of which: none is taken, and they
 * are given apart (`differing`, each column's lines in order) for the reader to say so.
 */
export function namedAbove(table: TableDef, linesAbove: readonly (readonly CellInput[])[]): { taken: NamedAbove[]; differing: NamedAbove[][] } {
  const columns = table.columns.filter((c) => c.namedAbove);
  if (columns.length === 0) return { taken: [], differing: [] };
  const found = new Map<InputColumn, NamedAbove[]>();
  linesAbove.forEach((line, row) => {
    line.forEach((cell, i) => {
      if (isBlankCell(cell) || typeof cell !== 'string') return;
      for (const said of statement(cell.trim(), line.slice(i + 1).find((v) => !isBlankCell(v))).split(BETWEEN_STATEMENTS)) {
        const m = LABELLED.exec(said);
        const column = m && columns.find((c) => [c.header, ...(c.aliases ?? [])].some((name) => foldText(name) === foldText(m[1])));
        const value = m?.[2].replace(UNLESS_NOTED, '').trim();
        if (column && value) found.set(column, [...(found.get(column) ?? []), { column, value, line: said, row, cell: i }]);
      }
    });
  });
  const agree = (named: NamedAbove[]) => new Set(named.map((n) => foldText(n.value))).size === 1;
  const all = [...found.values()];
  return { taken: all.filter(agree).map((named) => named[0]), differing: all.filter((named) => !agree(named)) };
}
