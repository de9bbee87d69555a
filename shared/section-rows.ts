// Headings inside a table that group the rows below them, as plans and calendars pasted from documents
// have them: a GARE stage in capitals over its items, "Phase 2: Institutionalize", a month over its milestones.
import { parseDateText } from './cells/date-text';
import { isBlankCell, type CellInput } from './cells/read-cell';
import type { HeaderMap } from './header-map';
import { LIST_BLOCKS } from './lists';
import type { InputColumn, TableDef } from './tables';
import { closestChoice, foldText, wordsOf } from './word-match';

export interface SectionRow {
  /** The heading as typed, without a closing colon. */
  text: string;
  /** The grouping column it fills for the rows below, when the sheet has no column of its own for it. */
  into?: InputColumn;
  /** What the rows below take as that column's value (with `into`): the text, in title case if typed in capitals. */
  value?: string;
}

/** A month or season named alone ("JANUARY", "Spring"): the period its rows fall in, which their own dates say. */
const isPeriodName = (text: string) => !/\d/.test(text) && parseDateText(text, { year: 2000 }).kind === 'date';

/**
 * In capitals ("NORMALIZE"; not a code such as "REQ-001"), closed by a colon, or opening with a group's name
 * and number ("Phase 2", "Goal 1 –").
 */
const GROUP_NUMBER = /^(phase|goal|stage|step|part|section|year|priority|objective|strategy)\s+(\d+|[ivx]+)\b/i;
const isCapitals = (text: string) => /^[^a-z]*$/.test(text) && (text.match(/[A-Z]/g)?.length ?? 0) >= 3 && !/^\S*\d\S*$/.test(text);
const isHeadingText = (text: string) => isCapitals(text) || /:$/.test(text) || GROUP_NUMBER.test(text);

const SMALL_WORDS = new Set(['a', 'an', 'and', 'as', 'at', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'with', 'et', 'y']);
/** Short words a title has that no acronym spells: kept in capitals they would read as one. */
const SHORT_WORDS = new Set(['all', 'new', 'our', 'key', 'one', 'two', 'six', 'ten', 'use', 'way', 'how', 'who', 'why', 'not', 'out', 'own', 'day', 'end', 'get', 'its', 'men', 'far', 'big', 'top', 'law', 'pay', 'job', 'aid', 'art', 'tax']);
/** Acronyms of equity work longer than three letters, kept in capitals where a plain word would not be. */
const LONG_ACRONYMS = new Set(['gare', 'bipoc', 'deib', 'jedi', 'lgbt', 'lgbtq', 'lgbtqia', 'naacp', 'usda', 'aapi', 'aanhpi', 'mwbe', 'osha', 'fema', 'ntia', 'cdbg']);

/**
 * A heading typed in capitals as the value it gives the rows below, in title case: stored in capitals, it
 * would shout from every row of the master and break mid-word in a column sized for words. Words of up to
 * three letters that are no small word of a title (TA, RBA, GIS), and the longer acronyms equity plans use
 * (GARE, BIPOC), are kept. A word is its letters in any alphabet with any apostrophe inside (WOMEN'S).
 */
function asValue(text: string): string {
  if (!isCapitals(text)) return text;
  let first = true;
  return text.replace(/\p{L}+(?:['’]\p{L}*)*/gu, (word) => {
    const lower = word.toLowerCase();
    const titled = word[0] + lower.slice(1);
    const letters = lower.replace(/['’]/g, '');
    const kept = SMALL_WORDS.has(lower) ? (first ? titled : lower)
      : LONG_ACRONYMS.has(letters) || (letters.length <= 3 && !SHORT_WORDS.has(letters) && !/['’]/.test(word)) ? word : titled;
    first = false;
    return kept;
  });
}

/** The list a choice column's heading must name to be its value (`Early Actions` for a roadmap's kind). */
const listOf = (c: InputColumn) => LIST_BLOCKS.find((b) => b.key === c.list)?.values.map(String);

/** The table's fill-down columns the sheet has no column for. */
function openColumns(table: TableDef, map: HeaderMap): InputColumn[] {
  const read = new Set([...map.fields.values(), ...[...map.valueColumns.values()].map((v) => v.by)]);
  return table.columns.filter((c) => c.fillDown && !read.has(c.name));
}

/** The open grouping column a heading names by its first word ("Phase 1 (2026–2027)": the phase). */
function namedColumn(table: TableDef, map: HeaderMap, text: string): InputColumn | undefined {
  const first = foldText(wordsOf(text)[0] ?? '');
  return openColumns(table, map).find((c) => [c.header, ...(c.aliases ?? [])].some((n) => foldText(wordsOf(n)[0] ?? '') === first));
}

/**
 * Which grouping column a heading fills: of the table's fill-down columns the sheet has no column for, the
 * one the heading names by its first word ("Goal 1: …"), else the one nearest before the table's first
 * read column whose values it can be (a choice column only a value of its list).
 */
function groupColumn(table: TableDef, map: HeaderMap, text: string): InputColumn | undefined {
  const named = namedColumn(table, map, text);
  if (named) return named;
  return [...openColumns(table, map)].reverse().find((c) => {
    const list = c.type === 'choice' ? listOf(c) : undefined;
    return !list || closestChoice(text, list).kind === 'one';
  });
}

/**
 * The heading a row is, or undefined: its one filled cell is in the table's first column and is a grouping
 * column's value (a goal over its tasks), reads as a heading, or names a month or season alone. Any other
 * one-cell row is a row (a task with nothing else filled in yet).
 */
export function sectionRow(table: TableDef, map: HeaderMap, header: readonly CellInput[], line: readonly CellInput[]): SectionRow | undefined {
  const firstColumn = header.findIndex((h) => !isBlankCell(h));
  const filled = line.flatMap((v, i) => (isBlankCell(v) ? [] : [i]));
  if (filled.length !== 1 || filled[0] !== firstColumn || typeof line[firstColumn] !== 'string') return undefined;
  const typed = (line[firstColumn] as string).trim();
  const text = typed.replace(/\s*:$/, '');
  const own = table.columns.find((c) => c.name === map.fields.get(firstColumn));
  // "Phase 1 (2026–2027)" over a Goal column is the rows' phase, where the sheet has no Phase column: the rows below
  // each name their own goal, so as a goal it would be lost.
  const named = GROUP_NUMBER.test(text) ? namedColumn(table, map, text) : undefined;
  if (named) return { text, into: named, value: asValue(text) };
  if (own?.fillDown) return { text, into: own, value: asValue(text) };
  if (isPeriodName(text)) return { text };
  if (!isHeadingText(typed)) return undefined;
  const into = groupColumn(table, map, text);
  return into ? { text, into, value: asValue(text) } : { text };
}

/**
 * Where a board's groups go (`ToolExport.board`): the first grouping column the sheet has none of (a plan's Goal), and
 * the column naming each row, whose item a subitem is under. Undefined where the sheet names every grouping column.
 */
export function boardGroups(table: TableDef, map: HeaderMap): { goal: InputColumn; task: InputColumn } | undefined {
  const goal = openColumns(table, map)[0];
  const task = namingColumn(table, map);
  return goal && task ? { goal, task } : undefined;
}

/** The column that names each row (a plan's Task), read from the sheet: a subtask's parent is found by it. */
export const namingColumn = (table: TableDef, map: HeaderMap): InputColumn | undefined =>
  table.columns.find((c) => c.required && (c.type === 'text' || c.type === 'longtext') && [...map.fields.values()].includes(c.name));
