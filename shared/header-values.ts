// A header that names two dropdown columns equally ("Type" on a requests sheet: requester type or category?),
// settled by the values under it, as a person reading the column would.
import { isBlankCell, readCell, type CellInput, type ReadOptions } from './cells/read-cell';
import type { HeaderMap } from './header-map';
import { quoteValue } from './quote-value';
import type { InputColumn, TableDef } from './tables';

/** How a tied header was read by its values, or why it was not: said with the header's warning. */
export interface SettledTie {
  index: number;
  header: string;
  /** The column read, when most of the values fit its list and fewer fit the other's. */
  column?: InputColumn;
  /** The counts behind the reading, in words. */
  why: string;
}

const fits = (column: InputColumn, value: CellInput, options: Pick<ReadOptions, 'lists'>) =>
  readCell(column, value, options).issues.every((i) => i.severity !== 'error');

/**
 * Reads each tie between two dropdown columns as the one whose list most of its non-blank values fit (more than
 * half, and more than fit the other's list: "Other" is in both); `map` takes the column read. Ties between other
 * columns are left as they are.
 */
export function settleTiesByValues(table: TableDef, map: HeaderMap, rows: readonly (readonly CellInput[])[], options: Pick<ReadOptions, 'lists'>): SettledTie[] {
  const settled: SettledTie[] = [];
  const read = new Set(map.fields.values());
  for (const tie of map.ties) {
    const columns = tie.candidates.map((label) => table.columns.find((c) => c.header === label));
    if (!columns.every((c): c is InputColumn => c?.type === 'choice' && !read.has(c.name))) continue;
    const values = rows.map((line) => line[tie.index]).filter((v) => !isBlankCell(v));
    const counts = columns.map((c) => values.filter((v) => fits(c, v, options)).length);
    const best = counts[0] === counts[1] ? -1 : counts[0] > counts[1] ? 0 : 1;
    const column = best >= 0 && counts[best] * 2 > values.length ? columns[best] : undefined;
    const why = values.length === 0
      ? 'the column is empty'
      : values.length === 1
        ? `its one value, ${quoteValue(String(values[0]))}, fits ${counts[0] && counts[1] ? 'both lists' : best < 0 ? 'neither list' : `the ${columns[best].header} list, not the ${columns[1 - best].header} list`}`
        : `${counts[0]} of its ${values.length} values fit the ${columns[0].header} list, ${counts[1]} the ${columns[1].header} list`;
    settled.push({ index: tie.index, header: tie.header, column, why });
    if (!column) continue;
    read.add(column.name);
    map.fields.set(tie.index, column.name);
    map.matched.push({ index: tie.index, header: tie.header, reads: column.header, score: Math.round((100 * counts[best]) / values.length) });
  }
  const taken = new Set(settled.filter((s) => s.column).map((s) => s.index));
  map.ties = map.ties.filter((t) => !taken.has(t.index));
  map.matched.sort((a, b) => a.index - b.index);
  map.missingRequired = map.missingRequired.filter((f) => !read.has(f));
  return settled;
}
