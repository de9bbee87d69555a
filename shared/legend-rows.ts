// A legend pasted with a table ("Completed | In progress | Not started" under a plan, from the document's status
// key): a line of one list's choices and nothing else, which read as a row would be a task named "In progress".
import { isBlankCell, readCell, type CellInput, type ReadOptions } from './cells/read-cell';
import type { HeaderMap } from './header-map';
import { CHOICE_SYNONYMS } from './lists';
import type { InputColumn, TableDef } from './tables';
import { foldText, matchScore, phrase, SAME_WORDS } from './word-match';

export interface LegendRow {
  /** The choice column whose list the line spells out. */
  column: InputColumn;
  /** The choices as typed, in sheet order, and the 0-based column of the line's first cell. */
  texts: string[];
  first: number;
}

/**
 * Whether `text` is the choice `value` alone, in other capitals, plurals or order, or one of the words offices use for
 * it ("Complete"): a legend names its choices and nothing more ("Not started. Targets with units:" is a sentence).
 */
const namesAlone = (text: string, value: string) =>
  matchScore(phrase(text), phrase(value)) >= SAME_WORDS || (CHOICE_SYNONYMS[value] ?? []).some((s) => foldText(typeof s === 'string' ? s : s.word) === foldText(text));

/** The label a legend may open with ("Status legend:", "Key", in a cell of its own or before the choices), set apart from them. */
const LEGEND_LABEL = /^[^:\n]{0,30}\b(?:legend|key)\b\s*:?\s*/i;

/** Between the choices of a legend typed in one cell: a run of spaces or a tab (columns pasted as text), or a list mark. */
const BETWEEN_CHOICES = /\s{2,}|\t|\s*[·•|;,]\s*|\s+\/\s+/;

/**
 * The legend a line is, or undefined: two or more cells, all text, each a different choice of one closed list of the
 * table, read as a cell of its column reads it (the document's capitals, plurals and own words: "Not Started",
 * "Complete"), and one at least outside that list's columns: choices each in a column of their list are a row's
 * values (a side-by-side roadmap's statuses with no action yet), reported as such. One cell holding the choices
 * apart ("Completed · In progress · Not started", "Status legend: Completed  In Progress  Not Started") is one too.
 */
export function legendRow(table: TableDef, map: HeaderMap, line: readonly CellInput[], opts: ReadOptions): LegendRow | undefined {
  const cells = line.flatMap((v, i) => (isBlankCell(v) || v === false ? [] : [{ v, i }]));
  if (cells.length === 0 || cells.some(({ v }) => typeof v !== 'string')) return undefined;
  const typed = cells.map(({ v }) => String(v).trim());
  typed[0] = typed[0].replace(LEGEND_LABEL, '');
  const texts = (typed.length === 1 ? typed[0].split(BETWEEN_CHOICES) : typed).filter((t) => t !== '');
  if (texts.length < 2) return undefined;
  for (const column of table.columns) {
    if (column.type !== 'choice' || column.openList || !column.list) continue;
    const read = new Set<unknown>();
    // One text that is no choice, or a choice again, settles it: most lines are rows and fail on their first cell.
    const allChoices = texts.every((text) => {
      const cell = readCell(column, text, opts);
      if (typeof cell.value !== 'string' || read.has(cell.value) || cell.issues.some((i) => i.severity === 'error') || !namesAlone(text, cell.value)) return false;
      read.add(cell.value);
      return true;
    });
    if (!allChoices) continue;
    const own = listColumns(table, map, column.list);
    if (cells.length > 1 && cells.every(({ i }) => own.has(i))) continue;
    return { column, texts, first: cells[0].i };
  }
  return undefined;
}

/** The columns a row's choices of `list` sit in: the fields read with that list, a side-by-side item's own among them. */
function listColumns(table: TableDef, map: HeaderMap, list: string): Set<number> {
  const read = [...map.fields, ...[...map.valueColumns.values()].flatMap((v) => [...(v.own ?? [])])];
  return new Set(read.filter(([, field]) => table.columns.find((c) => c.name === field)?.list === list).map(([i]) => i));
}
