// A plan written in a document as headings over bulleted or numbered lists (a roadmap's focus areas and early actions,
// a work plan's goals, phases and tasks), read as the table a person would paste it into: each item a row, the headings
// above it its columns, for the same table reader as a workbook's sheets. A Word document's and an OpenDocument text's
// readers give their items and headings (`DocumentOutline`); what the headings mean is decided here.
import { columnLetter, headerText, type CellInput, type CellIssue } from '../../shared/index';
import { LIST_BLOCKS } from '../../shared/lists';
import { locateTable } from '../../shared/read-table';
import { TABLES, type InputColumn, type TableDef } from '../../shared/tables';
import { closestChoice, foldText } from '../../shared/word-match';
import type { Assumption } from './sheet-grid';
import type { SheetTable } from './sheet-table';

/** A heading paragraph: its outline level (0 for Heading 1), and the nearest heading of a higher rank above it. */
export interface Heading {
  text: string;
  level: number;
  parent?: Heading;
}

/** The rank of a line that heads the list items after it (`Early actions:`, a bold line): below every heading. */
export const LABEL_LEVEL = 10;

/** A list paragraph as read: its text, its list level (0 for a top bullet), the headings above it, the tables before it. */
export interface ListItem {
  text: string;
  depth: number;
  /** The headings open above it, outermost first, and the line heading its list if one does (`LABEL_LEVEL`). */
  headings: readonly Heading[];
  /** How many tables the body held before it: a table between two items parts their plans. */
  tablesBefore: number;
}

/** A plan read from lists: the title above it (its sheet's name, else the table's own sheet name), its grid, what was assumed. */
export interface ListGrid {
  title?: string;
  sheet: string;
  grid: CellInput[][];
  assumed: Assumption[];
}

/** The tables a plan in lists is read as: a roadmap (focus areas × kinds) or a work plan (goals × phases × tasks). */
const PLAN_TABLES: readonly TableDef[] = [TABLES.roadmap, TABLES.workplan];

/** A heading opening with a grouping column's name, then its number or a colon: `Focus Area 1: …`, `Phase 2 (2027)`, `Goal: …`. */
const NAMED_HEADING = /^(\p{L}+(?: \p{L}+){0,2})(?:\s+(?:\d+|[IVX]+)\b|\s*[:–—])/u;

/** A grouping column a heading's text names: by its name (`NAMED_HEADING`), or by being a value of its list (`Early Actions`). */
function namedColumn(text: string): { table: TableDef; name: string } | undefined {
  const label = NAMED_HEADING.exec(text)?.[1];
  const key = label && foldText(label).replace(/s$/, '');
  const bare = text.replace(/\s*:$/, '');
  for (const table of PLAN_TABLES) {
    for (const column of table.columns) {
      if (!column.fillDown) continue;
      const name = key && [column.header, ...(column.aliases ?? [])].find((n) => foldText(n).replace(/s$/, '') === key);
      if (name) return { table, name };
      const list = column.type === 'choice' ? LIST_BLOCKS.find((b) => b.key === column.list)?.values.map(String) : undefined;
      if (list && closestChoice(bare, list).kind === 'one') return { table, name: column.header };
    }
  }
  return undefined;
}

/**
 * Whether a line heads the list items after it, or a list item heads the items nested under it: closed by a colon
 * (`Early actions:`), or naming a grouping column or one of its values (`Phase 1`, `Additional Strategies`).
 */
export const headsItems = (text: string): boolean => /:$/.test(text) || namedColumn(text) !== undefined;

/** A timeline written in parentheses at a task's end, `(Sep 2026 – Dec 2027)`: it names a year. */
const TIMELINE = /\s*\(([^()]*(?:\b(?:19|20)\d{2}\b|\bFY\s?\d{2}\b)[^()]*)\)\s*$/i;
/** A lead written at a task's end: `— Lead: Office of Diversity & Equity`, `(Lead: ODE)`. */
const LEAD = /(?:\s+[—–-]+|\s*[;,|])\s*Leads?\s*:\s*([^()]+?)\s*$|\s*\(\s*Leads?\s*:\s*([^()]+?)\s*\)\s*$/i;

/** How much of an item's end is looked at for its timeline and lead: a few words, whatever the item's length. */
const ENDING = 200;

/** `pattern` matched at the end of `text`, with where its match starts in `text`, when it does not start it. */
function atEnd(pattern: RegExp, text: string): { groups: (string | undefined)[]; index: number } | undefined {
  const from = Math.max(0, text.length - ENDING);
  const m = pattern.exec(text.slice(from));
  return m && from + m.index > 0 ? { groups: m.slice(1), index: from + m.index } : undefined;
}

/** An item's text with the timeline and lead written at its end taken into their own columns. */
function itemParts(written: string): { text: string; timeline?: string; lead?: string } {
  let text = written;
  let timeline: string | undefined;
  let lead: string | undefined;
  for (let changed = true; changed;) {
    changed = false;
    const l = lead === undefined ? atEnd(LEAD, text) : undefined;
    if (l) [lead, text, changed] = [(l.groups[0] ?? l.groups[1])!, text.slice(0, l.index), true];
    const t = timeline === undefined ? atEnd(TIMELINE, text) : undefined;
    if (t) [timeline, text, changed] = [t.groups[0]!.trim(), text.slice(0, t.index), true];
  }
  return { text: text.trim(), timeline, lead };
}

/** A row of the plan: its headings, its text, and the lines of its sub-items. */
interface PlanRow {
  chain: Heading[];
  text: string;
  notes: string[];
}

/**
 * The rows of a body's list items: a top item a row under its headings; an item nested under one its notes (sub-bullets
 * say what their item holds: as rows of their own they would lose it), unless the item above heads them (`headsItems`:
 * `Early actions:` over its bullets), when it is a heading of theirs, not a row.
 */
function planRows(items: readonly ListItem[]): PlanRow[][] {
  const runs: PlanRow[][] = [];
  let run: PlanRow[] = [];
  /** The items open above the next one that head their sub-items, each at its list level. */
  let groups: { depth: number; heading: Heading }[] = [];
  /** The last row, while the items after it are in its list: under the same headings, with no heading item between. */
  let last: { row: PlanRow; depth: number } | undefined;
  items.forEach((item, i) => {
    const before = items[i - 1];
    if (!before || item.tablesBefore !== before.tablesBefore) runs.push((run = []));
    const sameList = before !== undefined && before.tablesBefore === item.tablesBefore && before.headings.length === item.headings.length && before.headings.every((h, k) => h === item.headings[k]);
    if (!sameList) [groups, last] = [[], undefined];
    groups = groups.filter((g) => g.depth < item.depth);
    const next = items[i + 1];
    if (next && next.tablesBefore === item.tablesBefore && next.depth > item.depth && headsItems(item.text)) {
      groups.push({ depth: item.depth, heading: { text: item.text.replace(/\s*:$/, ''), level: LABEL_LEVEL + 1 + item.depth } });
      last = undefined;
      return;
    }
    if (last && item.depth > last.depth) {
      last.row.notes.push(item.text);
      return;
    }
    const row: PlanRow = { chain: [...item.headings, ...groups.map((g) => g.heading)], text: item.text, notes: [] };
    run.push(row);
    last = { row, depth: item.depth };
  });
  return runs;
}

/**
 * A document's plans written as lists, each the grid a person would paste it into, in body order. Items between the
 * same tables whose headings have the same shape (each position's heading naming the same column, or none) are one plan:
 * a list under other headings (a meeting's attendees) is another, read only if it is a plan too. Of each position:
 * - one naming a grouping column (`Focus Area 1: …`, `Phase 2`, `Early actions`) is that column;
 * - the outermost ones holding one heading for every item are the plan's title (the nearest of them), as a sheet's title
 *   row; any other holding one heading is left out, since it groups nothing;
 * - one whose headings name nothing is read as the plan's grouping column nearest its items that no heading names
 *   (a work plan's phase, then goal; a roadmap's focus area), and said so (`assumed`). In a document that holds tables,
 *   a list whose headings name no column is no plan and is not read.
 * A plan is read only if its grid's header names a table as a pasted table's must (`locateTable`).
 */
export function listGrids(items: readonly ListItem[], hasTables: boolean): ListGrid[] {
  const grids: ListGrid[] = [];
  for (const run of planRows(items)) {
    const shapes = new Map<string, PlanRow[]>();
    for (const row of run) {
      const shape = row.chain.map((h) => namedColumn(h.text)?.name ?? '').join('\t');
      shapes.set(shape, [...(shapes.get(shape) ?? []), row]);
    }
    for (const rows of shapes.values()) {
      const plan = planGrid(rows, hasTables);
      if (plan) grids.push(plan);
    }
  }
  return grids;
}

function planGrid(rows: readonly PlanRow[], hasTables: boolean): ListGrid | undefined {
  const positions = rows[0]!.chain.map((_, p) => {
    const texts = [...new Set(rows.map((r) => r.chain[p]!.text))];
    const named = texts.map(namedColumn).find((n) => n !== undefined);
    return { texts, named };
  });
  let titled = 0;
  while (titled < positions.length && !positions[titled]!.named && positions[titled]!.texts.length === 1) titled++;
  const title = titled > 0 ? positions[titled - 1]!.texts[0] : undefined;
  const grouping = positions.flatMap((p, i) => (i >= titled && (p.named || p.texts.length > 1) ? [{ ...p, index: i }] : []));
  if (hasTables && !grouping.some((p) => p.named)) return undefined;
  const table = grouping.some((p) => p.named?.table === TABLES.roadmap) ? TABLES.roadmap : TABLES.workplan;
  const namedBy = (name: string) => table.columns.find((c) => [c.header, ...(c.aliases ?? [])].some((n) => foldText(n) === foldText(name)));
  const taken = new Set(grouping.flatMap((p) => (p.named ? [namedBy(p.named.name)] : [])));
  const open: InputColumn[] = table.columns.filter((c) => c.fillDown && c.type === 'text' && !taken.has(c)).reverse();
  const unnamed = grouping.filter((p) => !p.named).reverse();
  const assumedName = new Map(unnamed.flatMap((p, k) => (open[k] ? [[p.index, open[k]!.header] as const] : [])));
  const columns = grouping.filter((p) => p.named || assumedName.has(p.index));
  const parts = rows.map((r) => itemParts(r.text));
  const extra = [...(parts.some((p) => p.timeline) ? ['Timeline'] : []), ...(parts.some((p) => p.lead) ? ['Lead'] : [])];
  const header = [...columns.map((p) => p.named?.name ?? assumedName.get(p.index)!), table.columns.find((c) => c.name === table.identifiedBy[0])!.header, ...extra, 'Notes'];
  const top = title === undefined ? 0 : 1;
  const grid: CellInput[][] = [...(title === undefined ? [] : [[title]]), header, ...rows.map((r, i) => [
    ...columns.map((p) => r.chain[p.index]!.text.replace(/\s*:$/, '')),
    parts[i]!.text,
    ...(extra.includes('Timeline') ? [parts[i]!.timeline ?? null] : []),
    ...(extra.includes('Lead') ? [parts[i]!.lead ?? null] : []),
    r.notes.length ? r.notes.join('\n') : null,
  ])];
  const quoted = (texts: readonly string[]) => `${texts.slice(0, 3).map((t) => `"${t}"`).join(', ')}${texts.length > 3 ? ', …' : ''}`;
  const assumed = unnamed.map((p): Assumption => {
    const column = columns.indexOf(p);
    const name = assumedName.get(p.index);
    return column >= 0
      ? { row: top, column, message: `the document's headings at this level (${quoted(p.texts)}) name no column: read as each item's ${name}, the grouping nearest the items that no heading names` }
      : { row: top, column: columns.length, message: `the document's headings at this level (${quoted(p.texts)}) name no column and the plan has none left for them: not read` };
  });
  const sheet = title ?? table.sheet;
  return locateTable(sheet, grid) ? { title, sheet, grid, assumed } : undefined;
}

/** A sheet's assumptions (`SheetGrid.assumed`) as warnings at its header's cells. */
export function assumedWarnings({ sheet, header, read }: SheetTable, assumed: readonly Assumption[] | undefined): CellIssue[] {
  return (assumed ?? []).map((a) => ({
    code: 'heading_assumed', field: read.map.fields.get(a.column) ?? '', severity: 'warning', sheet, row: a.row + 1, column: columnLetter(a.column + 1),
    header: headerText(header[a.column] ?? ''), message: a.message,
  }));
}
