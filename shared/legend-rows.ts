// A legend pasted with a table ("Completed | In progress | Not started" under a plan, from the document's status
// key): a line of one list's choices and nothing else, which read as a row would be a task named "In progress".
import { isBlankCell, type CellInput, type ReadOptions } from './cells/read-cell';
import type { HeaderMap } from './header-map';
import { CHOICE_SYNONYMS } from './lists';
import type { InputColumn, TableDef } from './tables';
import { wordsOf } from './word-match';

export interface LegendRow {
  /** The choice column whose list the line spells out. */
  column: InputColumn;
  /** The choices as typed, in sheet order, and the 0-based column of the line's first cell. */
  texts: string[];
  first: number;
  /**
   * What makes the line, with no label, a row all the same (kept with a warning, which is better than a row lost), or
   * undefined. `cell`, the 0-based column that tells it: either one of two choices sits in its list's column, as a
   * task named by a status word sits beside its status ("Planning | Completed"); or a choice sits outside its list's
   * columns in a word the list does not spell (`word`: as typed, and the choice a row's reading takes it for): a goal
   * "Planning", a task "Done; ongoing", a task "Planning" beside its timeline "Ongoing". A legend names a list's values
   * as the list does; other words for them are read only in a row's place.
   */
  row?: { cell: number; word?: { text: string; names: string } };
}

/** A choice's words, for telling one typed in other capitals, plurals or order: "Not Started", "started not". */
const wordsKey = (text: string) => [...new Set(wordsOf(text))].sort().join(' ');

/**
 * The choices of a list by the keys a line may name them with: their words, and the words offices use for them
 * ("Complete" for Completed, CHOICE_SYNONYMS) where the list's column reads them so (`index`); `spelled`, the keys of
 * the list's own values, as a legend names them. Built once per list.
 */
interface ChoiceIndex { index: Map<string, string>; spelled: Set<string> }
const choiceIndexes = new WeakMap<readonly string[], ChoiceIndex>();
function choiceIndex(column: InputColumn, values: readonly string[]): ChoiceIndex {
  let found = choiceIndexes.get(values);
  if (found) return found;
  const index = new Map<string, string>();
  for (const value of values) {
    const synonyms = (CHOICE_SYNONYMS[value] ?? []).filter((s) => typeof s === 'string' || s.list === undefined || s.list === column.list);
    for (const name of [value, ...synonyms.map((s) => (typeof s === 'string' ? s : s.word))]) if (!index.has(wordsKey(name))) index.set(wordsKey(name), value);
  }
  found = { index, spelled: new Set(values.map(wordsKey)) };
  choiceIndexes.set(values, found);
  return found;
}

/** The label a legend may open with ("Status legend:", "Key", in a cell of its own or before the choices), set apart from them. */
const LEGEND_LABEL = /^[^:\n]{0,30}\b(?:legend|key)\b\s*:?\s*/i;

/** Between the choices of a legend typed in one cell: a run of spaces or a tab (columns pasted as text), or a list mark. */
const BETWEEN_CHOICES = /\s{2,}|\t|\s*[·•|;,]\s*|\s+\/\s+/;

/** A closed list of a table's choice column: its choices' index and the columns a row holds them in. */
interface ClosedList extends ChoiceIndex { column: InputColumn; own: Set<number> }

function closedLists(table: TableDef, map: HeaderMap, opts: Pick<ReadOptions, 'lists'>): ClosedList[] {
  return table.columns.flatMap((column) => {
    const values = column.type === 'choice' && !column.openList && column.list ? opts.lists[column.list] : undefined;
    return values ? [{ column, ...choiceIndex(column, values), own: listColumns(table, map, column.list!) }] : [];
  });
}

/**
 * What a table's lines are asked of its lists: the legend a line is (`legendOf`), and whether it holds a choice in a
 * column of its list (`inPlace`: "Email" under Channel, a value in its place, so the line is a row even when its
 * words also name columns, Email, Fulfilled). The lists are read and indexed once per table read, as every line of it
 * is asked.
 */
export function choiceLines(table: TableDef, map: HeaderMap, opts: Pick<ReadOptions, 'lists'>): {
  legendOf: (line: readonly CellInput[]) => LegendRow | undefined;
  inPlace: (line: readonly CellInput[]) => boolean;
} {
  const lists = closedLists(table, map, opts);
  return {
    legendOf: legendReader(lists),
    inPlace: (line) => lists.some(({ index, own }) => [...own].some((i) => typeof line[i] === 'string' && index.has(wordsKey(line[i] as string)))),
  };
}

/**
 * The legends of a table's lists as its lines may hold them: for a line, the legend it is, or undefined. A legend is
 * two or more cells, all text, each a different choice of one closed list of the table named alone, in the
 * document's capitals, plurals or order ("Not Started"; "Not started. Targets with units:" is a sentence), one at
 * least outside that list's columns: choices each in a column of their list are a row's values (a side-by-side
 * roadmap's statuses with no action yet), reported as such. One cell holding the choices apart ("Completed · In
 * progress · Not started", "Status legend: Completed  In Progress  Not Started") is one too. The words offices use
 * for a choice ("Done", "Planning") make a legend only after a label ("Key:", "Status legend:"): unlabeled, they are
 * a row's text (`LegendRow.row`).
 */
function legendReader(lists: readonly ClosedList[]): (line: readonly CellInput[]) => LegendRow | undefined {
  // What no choice can be, told before its words are read: longer than any choice twice over (spaces, plurals and
  // marks aside), or holding a digit when no choice does (an ID, a date typed as text).
  const names = lists.flatMap(({ index }) => [...index.values()]);
  const longest = 2 * Math.max(0, ...names.map((n) => n.length));
  const digits = names.some((n) => /\d/.test(n));
  const mayBeChoice = (text: string) => text.length <= longest && (digits || !/\d/.test(text));
  return (line) => {
    if (lists.length === 0) return undefined;
    // Most lines are rows with a number or a date among their cells: told without building anything.
    const cells: { v: string; i: number }[] = [];
    for (let i = 0; i < line.length; i++) {
      const v = line[i];
      if (isBlankCell(v) || v === false) continue;
      if (typeof v !== 'string') return undefined;
      cells.push({ v, i });
    }
    if (cells.length === 0) return undefined;
    const typed = cells.map(({ v }) => v.trim());
    const unlabeled = typed[0];
    typed[0] = typed[0].replace(LEGEND_LABEL, '');
    const texts = (typed.length === 1 ? typed[0].split(BETWEEN_CHOICES) : typed).filter((t) => t !== '');
    if (texts.length < 2) return undefined;
    // Most lines are rows: their first text is no choice of any list, and no other text is read.
    if (!mayBeChoice(texts[0])) return undefined;
    const first = wordsKey(texts[0]);
    const candidates = lists.filter(({ index }) => index.has(first));
    if (candidates.length === 0) return undefined;
    const keys = [first, ...texts.slice(1).map(wordsKey)];
    const legend = candidates.find(({ index, own }) => {
      const choices = new Set(keys.map((k) => index.get(k)));
      return !choices.has(undefined) && choices.size === keys.length && (cells.length === 1 || cells.some(({ i }) => !own.has(i)));
    });
    if (!legend) return undefined;
    const row = typed[0] === unlabeled ? rowAllTheSame(legend, texts, cells) : undefined;
    return { column: legend.column, texts, first: cells[0].i, ...(row === undefined ? {} : { row }) };
  };
}

/**
 * Why an unlabeled line of one list's choices is a row (`LegendRow.row`), or undefined for a legend: two choices in two
 * cells, one in its list's column; else the first choice outside the list's columns (or among others in one cell) in a
 * word the list does not spell. `texts` are the line's choices; `cells` its filled cells, one per text unless one cell
 * holds them all.
 */
function rowAllTheSame(list: ClosedList, texts: readonly string[], cells: readonly { i: number }[]): LegendRow['row'] {
  const placed = texts.length === 2 && cells.length === 2 ? cells.find(({ i }) => list.own.has(i)) : undefined;
  if (placed) return { cell: placed.i };
  // A row's word for a choice is read in its list's column, one to a cell: several in one cell are no row's value there.
  const at = (k: number) => (cells.length === 1 ? cells[0].i : cells[k].i);
  const k = texts.findIndex((text, n) => (cells.length === 1 || !list.own.has(at(n))) && !list.spelled.has(wordsKey(text)));
  return k < 0 ? undefined : { cell: at(k), word: { text: texts[k], names: list.index.get(wordsKey(texts[k]))! } };
}

/** The columns a row's choices of `list` sit in: the fields read with that list, a side-by-side item's own among them. */
function listColumns(table: TableDef, map: HeaderMap, list: string): Set<number> {
  const read = [...map.fields, ...[...map.valueColumns.values()].flatMap((v) => [...(v.own ?? [])])];
  return new Set(read.filter(([, field]) => table.columns.find((c) => c.name === field)?.list === list).map(([i]) => i));
}
