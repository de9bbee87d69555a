// A planning tool's subtask, listed with its parent's name (Asana's Parent task) and in no group of its own: a task
// of its own, kept as a row, grouped where its parent is. Said once, at the parent column.
import { isBlankCell, type CellInput } from './cells/read-cell';
import type { HeaderMap } from './header-map';
import type { CellIssue } from './issues';
import { columnLetter } from './lists';
import { excerpt } from './quote-value';
import { namingColumn } from './section-rows';
import { rowRuns } from './sheet-ref';
import type { TableDef } from './tables';
import { foldText } from './word-match';

interface Row { row: number; raw: Record<string, CellInput> }

/** Gives each subtask with no group of its own its parent's (`ToolExport.parent`), found by the parent's task name. */
export function subtaskGroups(table: TableDef, map: HeaderMap, sheet: string, headerRow: number, grid: readonly (readonly CellInput[])[], rows: readonly Row[]): CellIssue[] {
  const header = grid[headerRow - 1];
  const parent = map.tool?.parent;
  const at = parent ? header.findIndex((h) => typeof h === 'string' && foldText(h) === foldText(parent.header)) : -1;
  const task = namingColumn(table, map);
  if (at < 0 || !task) return [];
  const groups = table.columns.filter((c) => c.fillDown);
  const byName = new Map<string, Row>();
  for (const r of rows) if (typeof r.raw[task.name] === 'string') byName.set(foldText(r.raw[task.name] as string), byName.get(foldText(r.raw[task.name] as string)) ?? r);
  const on: number[] = [];
  const taken = new Set<string>();
  for (const r of rows) {
    const name = grid[r.row - 1]?.[at];
    const of = typeof name === 'string' ? byName.get(foldText(name)) : undefined;
    if (!of || of === r || groups.some((g) => !isBlankCell(r.raw[g.name]))) continue;
    const given = groups.filter((g) => !isBlankCell(of.raw[g.name]));
    for (const g of given) {
      r.raw[g.name] = of.raw[g.name];
      taken.add(g.header);
    }
    if (given.length) on.push(r.row);
  }
  if (!on.length) return [];
  const head = excerpt(String(header[at]).trim());
  const noun = on.length > 1 ? `${rowRuns(on)} are subtasks` : `${rowRuns(on)} is a subtask`;
  return [{
    code: 'stand_in_column', field: [...taken].length === 1 ? groups.find((g) => taken.has(g.header))!.name : '', sheet, row: headerRow, column: columnLetter(at + 1), header: head, severity: 'warning',
    message: `${noun}: read with the ${[...taken].join(' and ')} of ${on.length > 1 ? 'their' : 'its'} ${head}, ${parent!.why}`,
  }];
}
