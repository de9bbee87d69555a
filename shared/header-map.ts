// Which sheet column holds which field: every header scored against every column's names as words,
// each column given to at most one field and each field to at most one column, best score first.
import { isBlankCell, type CellInput } from './cells/read-cell';
import type { TableDef } from './tables';
import { LIST_BLOCKS } from './lists';
import { quoteValue } from './quote-value';
import { customField, isOwnColumn, SHAREPOINT_LIST, toolExportOf, toolNames, type NotedColumn, type ToolExport } from './tool-exports';
import { bestScore, closestChoice, foldText, phrase, SAME_WORDS, type Phrase } from './word-match';

/** A side-by-side column: the field it holds, and the value its header gives another field (`by`). */
export interface ValueColumn {
  field: string;
  by: string;
  value: string;
  /** Columns of this item's own, after it (`Early Actions` | `Status`): 0-based column index → field. */
  own?: Map<number, string>;
}

export interface HeaderMap {
  /** 0-based column index → field name. */
  fields: Map<number, string>;
  /** 0-based column index → span (two fields at once). */
  spans: Map<number, readonly [string, string]>;
  /**
   * 0-based column index → the field it holds and the value its header gives another field: side-by-side
   * columns such as `Early Actions` | `Additional Strategies` (actions, with their kind), in sheet order.
   */
  valueColumns: Map<number, ValueColumn>;
  /** 0-based column index → the derived column its header names (ignored on read; sync fills its formulas). */
  derived: Map<number, string>;
  /** Headers read as nothing; `reason` says why when it is not just an unfamiliar name. */
  unknown: { index: number; header: string; reason?: string }[];
  /** Headers that named two fields equally well: read as neither, so a person picks. */
  ties: { index: number; header: string; candidates: readonly [string, string] }[];
  /** Every header read as something, with the table's own name for it and how sure the match is. */
  matched: { index: number; header: string; reads: string; score: number }[];
  missingRequired: string[];
  /** The planning tool whose export the header row is (`shared/tool-exports`), when it is one. */
  tool?: ToolExport;
  /** 0-based column index → a tool's column kept in the row's Notes. */
  noted: Map<number, NotedColumn>;
}

interface Target {
  key: string;
  /** The table's own header for it, as the mapping and warnings show it. */
  label: string;
  names: readonly Phrase[];
  apply(map: HeaderMap, index: number): void;
  /** Derived columns may appear twice (both ignored); fields and spans once. */
  exclusive: boolean;
  isDate: boolean;
}

const targetCache = new WeakMap<TableDef, Target[]>();

function targets(table: TableDef): Target[] {
  let list = targetCache.get(table);
  if (list) return list;
  list = [
    // The question the service's own intake form asks is a name too: an office that copied it into a form of its own
    // heads its responses sheet with it.
    ...table.columns.map((c): Target => ({
      key: `field:${c.name}`, label: c.header, names: [c.name, c.header, ...(c.aliases ?? []), ...(c.intake ? [c.intake.label] : [])].map(headerPhrase),
      apply: (m, i) => m.fields.set(i, c.name), exclusive: true, isDate: c.type === 'date',
    })),
    ...(table.spans ?? []).map((s): Target => ({
      key: `span:${s.header}`, label: s.header, names: [s.header, ...s.aliases].map(phrase),
      apply: (m, i) => m.spans.set(i, s.into), exclusive: true, isDate: true,
    })),
    ...table.derived.map((d): Target => ({
      key: `derived:${d.name}`, label: d.header, names: [d.name, d.header].map(phrase),
      apply: (m, i) => m.derived.set(i, d.name), exclusive: false, isDate: d.type === 'date',
    })),
  ];
  targetCache.set(table, list);
  return list;
}

/**
 * A form's question without the asking, as its responses sheet heads a column with it (Google Forms, Microsoft Forms):
 * "What type of organization are you?" names the organization's type, "Please describe your request" the request, "Is
 * there a deadline? If so, when?" the deadline. Only the asking at either end goes, so a header of asking words alone
 * (a plan's "Who", "When") stays as typed.
 */
const ASKING: readonly RegExp[] = [
  /\((?:optional|required)\)|\*+\s*$/gi,
  /[,.]?\s*\bif so\b.*$/i,
  /\?/g,
  /^\s*(?:(?:what|which)\s+(?:is|are)\s+|(?:please\s+)?(?:describe|provide|enter|give|list|share|tell us)\s+|(?:is|are)\s+there\s+(?:an?|any)\s+|(?:what|which)\s+(?=\w+\s+of\s))(?:the\s+)?/i,
  /^\s*your\s+/i,
  /\s+(?:are|do|would)\s+you(?:\s+\w+)?\s*$/i,
];

function asked(header: string): string {
  const rest = ASKING.reduce((text, asking) => text.replace(asking, ''), header).trim();
  return rest === '' ? header : rest;
}

const headerPhrase = (header: string): Phrase => phrase(asked(header));

/** A header as every message names it: on one line, whatever line breaks or spacing its cell holds. */
export const headerText = (h: CellInput): string => String(h).trim().replace(/\s+/g, ' ');

/**
 * The field each column of the sheet is read into (0-based index): its own field, a span's first field, a side-by-side
 * item's field and the item's own columns. Derived columns are read as nothing and are not among them.
 */
export function fieldsByColumn(map: HeaderMap): Map<number, string> {
  const out = new Map<number, string>(map.fields);
  for (const [index, [start]] of map.spans) out.set(index, start);
  for (const [index, v] of map.valueColumns) {
    out.set(index, v.field);
    for (const [own, field] of v.own ?? []) out.set(own, field);
  }
  return out;
}

/** A header that says "date" names a date: `Target date` is not the number column `Target`. */
function score(header: Phrase, target: Target): number {
  const s = bestScore(header, target.names);
  if (s < SAME_WORDS && !target.isDate && header.words.includes('date')) return 0;
  return s;
}

/**
 * Headers that name a value of a column laid out side by side (`Early Actions`, `Additional Strategies`), read
 * as columns of the field it heads (`headsColumnsOf`) when no header names that column itself.
 */
export function mapHeaders(table: TableDef, header: readonly CellInput[]): HeaderMap {
  const sideBySide = valueColumnsOf(table, header);
  if (sideBySide.size === 0) return mapColumns(table, header, sideBySide);
  const map = mapColumns(table, header, sideBySide);
  const by = [...sideBySide.values()][0].by;
  if ([...map.fields.values()].includes(by)) return mapColumns(table, header, new Map());
  return (sideBySide.size > 1 && withItemColumns(table, header, sideBySide)) || map;
}

/**
 * Side-by-side columns with columns of their own (`Early Actions` | `Status` | `Additional Strategies` | `Status`):
 * the headers after each, up to the next, are its item's; those before the first are every item's. Undefined
 * when none stands between two of them (`Early Actions` | `Additional Strategies` | `Lead`: the lead is the row's).
 */
function withItemColumns(table: TableDef, header: readonly CellInput[], valueColumns: HeaderMap['valueColumns']): HeaderMap | undefined {
  const starts = [...valueColumns.keys()].sort((a, b) => a - b);
  const only = (keep: (i: number) => boolean) => header.map((h, i) => (keep(i) ? h : null));
  const groups = starts.map((s, k) => mapColumns(table, only((i) => i > s && i < (starts[k + 1] ?? header.length)), new Map()));
  if (!groups.slice(0, -1).some((g) => g.fields.size > 0)) return undefined;
  const map = mapColumns(table, only((i) => i < starts[0] || valueColumns.has(i)), valueColumns);
  starts.forEach((s, k) => {
    valueColumns.get(s)!.own = groups[k].fields;
    for (const [i, d] of groups[k].derived) map.derived.set(i, d);
  });
  map.matched.push(...groups.flatMap((g) => g.matched));
  map.matched.sort((a, b) => a.index - b.index);
  map.unknown.push(...groups.flatMap((g) => g.unknown));
  map.ties.push(...groups.flatMap((g) => g.ties));
  return map;
}

function valueColumnsOf(table: TableDef, header: readonly CellInput[]): HeaderMap['valueColumns'] {
  const found: HeaderMap['valueColumns'] = new Map();
  for (const c of table.columns) {
    const values = c.headsColumnsOf && LIST_BLOCKS.find((b) => b.key === c.list)?.values.map(String);
    if (!values) continue;
    header.forEach((h, index) => {
      if (typeof h !== 'string') return;
      const named = closestChoice(h, values);
      if (named.kind === 'one') found.set(index, { field: c.headsColumnsOf!, by: c.name, value: named.value });
    });
  }
  return found;
}

/** Below any header's likeness to a name, so a tool's stand-in column gives way to the office's own. */
const STAND_IN_SCORE = 1;

function mapColumns(table: TableDef, header: readonly CellInput[], valueColumns: HeaderMap['valueColumns']): HeaderMap {
  const map: HeaderMap = { fields: new Map(), spans: new Map(), valueColumns, derived: new Map(), unknown: [], ties: [], matched: [], missingRequired: [], noted: new Map() };
  const all = targets(table);
  const tool = toolExportOf(header);
  const toolColumns = tool && toolNames(tool);
  const toolFields = toolColumns?.fields.get(table.name);
  // A sheet of no tool's may still be a SharePoint list, exported and then trimmed of SharePoint's own columns: its
  // Title still names what the list holds where no header of the office's own does.
  const standIns = (toolColumns ?? toolNames(SHAREPOINT_LIST)).standIns.get(table.name);
  const hasNotes = table.columns.some((c) => c.name === 'notes');
  if (tool) map.tool = tool;
  const pairs: { index: number; target: Target; score: number }[] = [];
  const taken = new Map<string, number>();
  const done = new Set<number>();
  for (const [index, v] of valueColumns) {
    const label = table.columns.find((c) => c.name === v.field)!.header;
    taken.set(`field:${v.field}`, taken.get(`field:${v.field}`) ?? index);
    done.add(index);
    map.matched.push({ index, header: headerText(header[index]), reads: `${label} (${v.value})`, score: 100 });
  }
  header.forEach((h, index) => {
    if (isBlankCell(h) || h instanceof Date || done.has(index)) return;
    const folded = foldText(String(h));
    // A tool's column is read as the tool means it, whatever field its words resemble ("Progress" is Planner's status).
    const field = toolFields?.get(folded);
    const target = field === undefined ? undefined : all.find((t) => t.key === `field:${field}`);
    if (target) return pairs.push({ index, target, score: 100 });
    // A stand-in is read by its name alone, after every header that names its field.
    const standIn = standIns?.get(folded);
    const byName = standIn && all.find((t) => t.key === `field:${standIn.field}`);
    if (byName) return pairs.push({ index, target: byName, score: STAND_IN_SCORE });
    if (toolColumns) {
      // A tool that names the tables its export holds keeps its columns in Notes of those alone: the Priority of a
      // SharePoint list of requests is the request's own.
      const noted = (toolFields || toolColumns.fields.size === 0) && toolColumns.noted.get(folded);
      if (noted && hasNotes) {
        map.noted.set(index, noted);
        done.add(index);
        return;
      }
      // A customer's address names no field, whatever its words resemble: "Requester Email" is no organization.
      if (noted || isOwnColumn(tool, String(h)) || toolColumns.customers.has(customField(String(h)))) return;
    }
    const p = headerPhrase(String(h));
    for (const target of all) {
      const s = score(p, target);
      if (s > 0) pairs.push({ index, target, score: s });
    }
  });
  // Best score first; among equals, the leftmost column (the first of two `Email` columns wins).
  pairs.sort((a, b) => b.score - a.score || a.index - b.index);
  const text = (i: number) => headerText(header[i]);
  // A header typed twice is one field's: its copy is not read as the next field it resembles.
  const readAs = new Map<string, string>();
  for (const { index, target, score: s } of pairs) {
    if (done.has(index) || (target.exclusive && taken.has(target.key))) continue;
    const copyOf = readAs.get(text(index).toLowerCase());
    if (copyOf !== undefined && copyOf !== target.key) continue;
    const rival = pairs.find((p) => p.index === index && p.score === s && p.target !== target && p.target.label !== target.label && !(p.target.exclusive && taken.has(p.target.key)));
    done.add(index);
    if (rival) {
      map.ties.push({ index, header: text(index), candidates: [target.label, rival.target.label] });
      continue;
    }
    taken.set(target.key, index);
    readAs.set(text(index).toLowerCase(), target.key);
    target.apply(map, index);
    map.matched.push({ index, header: text(index), reads: target.label, score: s });
  }
  header.forEach((h, index) => {
    if (isBlankCell(h) || done.has(index)) return;
    const lost = pairs.find((p) => p.index === index && p.target.exclusive && taken.has(p.target.key));
    const reason = lost ? `${lost.target.label} is read from column ${quoteValue(text(taken.get(lost.target.key)!))}` : undefined;
    map.unknown.push(reason ? { index, header: text(index), reason } : { index, header: text(index) });
  });
  map.matched.sort((a, b) => a.index - b.index);
  const spanned = new Set([...map.spans.values()].flat());
  // A desk's requester is named by the domain of their address where the export has no column for the organization.
  const byDomain = tool?.byDomain?.[table.name];
  const byAddress = (field: string) => byDomain?.field === field && (taken.has(`field:${byDomain.email}`) || header.some((h) => typeof h === 'string' && !!toolColumns?.customers.has(customField(h))));
  map.missingRequired = table.columns.filter((c) => (c.required || c.keptWhenBlank) && !taken.has(`field:${c.name}`) && !spanned.has(c.name) && !byAddress(c.name)).map((c) => c.name);
  return map;
}

/** How much of a table a header row names: the sum of its matches, a full match counting 1. */
export const headerWeight = (map: HeaderMap): number => map.matched.reduce((sum, m) => sum + m.score / 100, 0) + map.spans.size;
