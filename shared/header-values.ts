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

/** By listed values alone: Other takes any words, so every value would fit a list that holds it. */
const fits = (column: InputColumn, value: CellInput, options: Pick<ReadOptions, 'lists'>) =>
  readCell(column, value, { lists: options.lists, listedOnly: true }).issues.every((i) => i.severity !== 'error');

const isFreeText = (c: InputColumn) => c.type === 'text' || c.type === 'longtext';

/**
 * Reads each tie between two dropdown columns as the one whose list most of its non-blank values fit (more than
 * half, and more than fit the other's list: "Other" is in both); `map` takes the column read. A tie between a dropdown
 * and free text ("Status Update": Status or Notes) is the dropdown when most values fit its list, and else the free
 * text, which every value fits: the person's words are kept either way. Ties between other columns are left as they are.
 */
export function settleTiesByValues(table: TableDef, map: HeaderMap, rows: readonly (readonly CellInput[])[], options: Pick<ReadOptions, 'lists'>): SettledTie[] {
  const settled: SettledTie[] = [];
  const read = new Set(map.fields.values());
  for (const tie of map.ties) {
    const columns = tie.candidates.map((label) => table.columns.find((c) => c.header === label));
    if (!columns.every((c): c is InputColumn => c !== undefined && !read.has(c.name))) continue;
    const values = rows.map((line) => line[tie.index]).filter((v) => !isBlankCell(v));
    const choice = columns.findIndex((c) => c.type === 'choice');
    if (choice >= 0 && isFreeText(columns[1 - choice])) {
      // An empty column has nothing to keep yet: it stays unread until its values say which it is.
      if (values.length === 0) {
        settled.push({ index: tie.index, header: tie.header, why: 'the column is empty' });
        continue;
      }
      const fit = values.filter((v) => fits(columns[choice], v, options)).length;
      const column = fit * 2 > values.length ? columns[choice] : columns[1 - choice];
      take(tie, column, `${fit} of its ${values.length} values fit the ${columns[choice].header} list`, Math.round((100 * (column === columns[choice] ? fit : values.length - fit)) / values.length));
      continue;
    }
    if (!columns.every((c) => c.type === 'choice')) continue;
    const counts = columns.map((c) => values.filter((v) => fits(c, v, options)).length);
    const best = counts[0] === counts[1] ? -1 : counts[0] > counts[1] ? 0 : 1;
    const column = best >= 0 && counts[best] * 2 > values.length ? columns[best] : undefined;
    const why = values.length === 0
      ? 'the column is empty'
      : values.length === 1
        ? `its one value, ${quoteValue(String(values[0]))}, fits ${counts[0] && counts[1] ? 'both lists' : best < 0 ? 'neither list' : `the ${columns[best].header} list, not the ${columns[1 - best].header} list`}`
        : `${counts[0]} of its ${values.length} values fit the ${columns[0].header} list, ${counts[1]} the ${columns[1].header} list`;
    if (column) take(tie, column, why, Math.round((100 * counts[best]) / values.length));
    else settled.push({ index: tie.index, header: tie.header, why });
  }

  function take(tie: HeaderMap['ties'][number], column: InputColumn, why: string, score: number) {
    settled.push({ index: tie.index, header: tie.header, column, why });
    read.add(column.name);
    map.fields.set(tie.index, column.name);
    map.matched.push({ index: tie.index, header: tie.header, reads: column.header, score });
  }
  const taken = new Set(settled.filter((s) => s.column).map((s) => s.index));
  map.ties = map.ties.filter((t) => !taken.has(t.index));
  map.matched.sort((a, b) => a.index - b.index);
  map.missingRequired = map.missingRequired.filter((f) => !read.has(f));
  return settled;
}
