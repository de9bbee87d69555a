// A plan written in a document as headings over bulleted or numbered lists (a roadmap's focus areas and early actions,
// a work plan's goals, phases and tasks), read as the table a person would paste it into: each item a row, the headings
// above it its columns, for the same table reader as a workbook's sheets. A Word document's and an OpenDocument text's
// readers give their items and headings (`DocumentOutline`); what the headings mean is decided here.
import { columnLetter, headerText, type CellInput, type CellIssue } from '../../shared/index';
import { DONE_WORKPLAN_STATUSES, IN_PROGRESS_WORKPLAN_STATUSES, LIST_BLOCKS, NOT_STARTED_WORKPLAN_STATUSES, ON_HOLD_STATUSES, STOPPED_STATUSES } from '../../shared/lists';
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

/** What sets an item's last part off from its task: a spaced dash, a semicolon or a bar; a comma or full stop before a label. */
const SEPARATOR = String.raw`\s+[—–-]+\s*|\s*[;|]\s*`;
const LABELLED_SEPARATOR = String.raw`${SEPARATOR}|\s*[,.]\s*`;
/** A figure with its unit, as a Target cell holds one: `60 hours`, `100% of departments`, `5 plans`. */
const FIGURE = String.raw`\d[\d,]*(?:\.\d+)?\+?\s*%?(?:\s*\p{L}[\p{L}%-]*){0,4}`;
/** A year alone, which after a dash is a date, not a target. */
const YEAR = /^(?:19|20)\d{2}$/;
/** The statuses a work plan's or roadmap's Status reads, by their words (`Completed`, `Done`, `Ongoing`…). */
const STATUS_WORDS = new Set([...DONE_WORKPLAN_STATUSES, ...IN_PROGRESS_WORKPLAN_STATUSES, ...NOT_STARTED_WORKPLAN_STATUSES, ...ON_HOLD_STATUSES, ...STOPPED_STATUSES].map(foldText));

/**
 * A column an item's last part is read into, as a pasted table's cell: written after its label (`— Lead: ODE`,
 * `(Target: 5 plans)`), or bare, in parentheses or after a spaced dash, where `bare` says what it looks like
 * (`(Sep 2026 – Dec 2027)`, `— 60 hours`, `(Completed)`). `fits`: whether the plan's table has the column.
 */
interface Ending {
  header: string;
  labels: string;
  bare?: { value: string; parenthesized: boolean; dashed: boolean; accepts?: (value: string) => boolean };
  fits: (table: TableDef) => boolean;
}

const hasField = (name: string, kind?: (c: InputColumn) => boolean) => (table: TableDef) => table.columns.some((c) => c.name === name && (kind?.(c) ?? true));

/** The columns an item's end is read into, in the order they are written in the grid. */
const ENDINGS: readonly Ending[] = [
  { header: 'Timeline', labels: 'Timeline|Timeframe|Time frame', bare: { value: String.raw`[^()]*(?:\b(?:19|20)\d{2}\b|\bFY\s?\d{2}\b)[^()]*`, parenthesized: true, dashed: false }, fits: () => true },
  { header: 'Lead', labels: 'Leads?', fits: hasField('lead') },
  { header: 'Target', labels: 'Targets?', bare: { value: FIGURE, parenthesized: false, dashed: true, accepts: (v) => !YEAR.test(v) }, fits: hasField('target', (c) => c.unitField !== undefined) },
  { header: 'Status', labels: 'Status', bare: { value: String.raw`\p{L}[\p{L} ]{1,40}`, parenthesized: true, dashed: true, accepts: (v) => STATUS_WORDS.has(foldText(v)) }, fits: hasField('status') },
];

/** An ending's forms as one pattern: each alternative's one group its value. */
const endingPattern = ({ labels, bare }: Ending) => new RegExp([
  String.raw`(?:${LABELLED_SEPARATOR})(?:${labels})\s*:\s*([^()]+?)`,
  String.raw`\s*\(\s*(?:${labels})\s*:\s*([^()]+?)\s*\)`,
  ...(bare?.dashed ? [String.raw`\s+[—–-]+\s*(${bare.value})`] : []),
  ...(bare?.parenthesized ? [String.raw`\s*\((${bare.value})\)`] : []),
].map((form) => String.raw`(?:${form})\s*\.?\s*$`).join('|'), 'iu');
const PATTERNS = new Map(ENDINGS.map((e) => [e, endingPattern(e)]));

/** How much of an item's end is looked at for its timeline, lead, target and status: a few words, whatever the item's length. */
const ENDING = 200;

/** `ending` written at the end of `text`: its value, and where it starts in `text`, when it does not start it. */
function atEnd(ending: Ending, text: string): { value: string; index: number } | undefined {
  const from = Math.max(0, text.length - ENDING);
  const m = PATTERNS.get(ending)!.exec(text.slice(from));
  if (!m || from + m.index === 0) return undefined;
  // The first two forms are labelled; a bare value is taken only if it looks like the column's (`bare.accepts`).
  const form = m.slice(1).findIndex((g) => g !== undefined);
  const value = m[form + 1]!.trim();
  return value && (form < 2 || (ending.bare?.accepts?.(value) ?? true)) ? { value, index: from + m.index } : undefined;
}

/**
 * An item's text with what is written at its end (`ENDINGS` of `table`, or all of them) taken into its columns, the
 * last part first: so a lead is not read as running on into the target written after it.
 */
function itemParts(written: string, table?: TableDef): { text: string; ends: Map<string, string> } {
  let text = written;
  const ends = new Map<string, string>();
  const endings = ENDINGS.filter((e) => !table || e.fits(table));
  for (;;) {
    const last = endings.flatMap((ending) => {
      const end = ends.has(ending.header) ? undefined : atEnd(ending, text);
      return end ? [{ ending, ...end }] : [];
    }).sort((x, y) => y.index - x.index)[0];
    if (!last) return { text: text.trim(), ends };
    ends.set(last.ending.header, last.value);
    text = text.slice(0, last.index);
  }
}

/** A row of the plan: its headings, its text, and the lines of its sub-items. */
interface PlanRow {
  chain: Heading[];
  text: string;
  notes: string[];
}

/** Whether an item has its own end to read: a timeline, lead, target or status (`ENDINGS`). */
const endsOwn = (text: string) => itemParts(text).ends.size > 0;

/** Whether two items are in one list: between the same tables, under the same headings. */
const sameList = (a: ListItem, b: ListItem) => a.tablesBefore === b.tablesBefore && a.headings.length === b.headings.length && a.headings.every((h, k) => h === b.headings[k]);

/** Each item's sub-items one level under it (those it is the nearest item above of a lower level of), by index. */
function subItems(items: readonly ListItem[]): number[][] {
  const under = items.map((): number[] => []);
  const open: number[] = [];
  items.forEach((item, i) => {
    if (i > 0 && !sameList(items[i - 1]!, item)) open.length = 0;
    while (open.length && items[open[open.length - 1]!]!.depth >= item.depth) open.pop();
    if (open.length) under[open[open.length - 1]!]!.push(i);
    open.push(i);
  });
  return under;
}

/**
 * Which items head their sub-items rather than being rows they describe: one closed by a colon or naming a group
 * (`headsItems`); or one with nothing written at its end whose every sub-item carries its own timeline, lead, target or
 * status, or heads items itself, as goals do over their tasks in a numbered outline (`1. Goal` over `a. Task (Feb 2026 –
 * Aug 2027)`). Sub-items that describe their item (its steps, its deliverables) carry none, and an item with its own
 * dates is a task whatever its steps carry: both stay notes.
 */
function headingItems(items: readonly ListItem[]): boolean[] {
  const under = subItems(items);
  const heads = items.map(() => false);
  for (let i = items.length - 1; i >= 0; i--) {
    const subs = under[i]!;
    heads[i] = subs.length > 0 && (headsItems(items[i]!.text) || (!endsOwn(items[i]!.text) && subs.every((k) => heads[k] || endsOwn(items[k]!.text))));
  }
  return heads;
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
  const heads = headingItems(items);
  items.forEach((item, i) => {
    const before = items[i - 1];
    if (!before || item.tablesBefore !== before.tablesBefore) runs.push((run = []));
    if (!before || !sameList(before, item)) [groups, last] = [[], undefined];
    groups = groups.filter((g) => g.depth < item.depth);
    if (heads[i]) {
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
  const parts = rows.map((r) => itemParts(r.text, table));
  const extra = ENDINGS.map((e) => e.header).filter((header) => parts.some((p) => p.ends.has(header)));
  const header = [...columns.map((p) => p.named?.name ?? assumedName.get(p.index)!), table.columns.find((c) => c.name === table.identifiedBy[0])!.header, ...extra, 'Notes'];
  const top = title === undefined ? 0 : 1;
  const grid: CellInput[][] = [...(title === undefined ? [] : [[title]]), header, ...rows.map((r, i) => [
    ...columns.map((p) => r.chain[p.index]!.text.replace(/\s*:$/, '')),
    parts[i]!.text,
    ...extra.map((header) => parts[i]!.ends.get(header) ?? null),
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
