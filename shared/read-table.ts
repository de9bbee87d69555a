// Reads a sheet's grid into raw rows keyed by canonical field: headers matched by name or alias,
// reordered or renamed columns tolerated, "same as above" blanks filled down, spans split.
import { foldText, isBlankCell, type CellInput } from './cells/read-cell';
import { parseDateText } from './cells/dates';
import type { CellIssue } from './issues';
import { columnLetter } from './lists';
import { excerpt, quoteValue } from './quote-value';
import { TABLES, TABLE_NAMES, type TableDef } from './tables';
import type { RawRow } from './validate-row';

export interface HeaderMap {
  /** 0-based column index → field name. */
  fields: Map<number, string>;
  /** 0-based column index → span (two fields at once). */
  spans: Map<number, readonly [string, string]>;
  /** Headers recognised as derived columns (ignored on read). */
  derived: Set<number>;
  unknown: { index: number; header: string }[];
  missingRequired: string[];
}

function matchers(table: TableDef) {
  const m = new Map<string, { field?: string; span?: readonly [string, string]; derived?: boolean }>();
  for (const c of table.columns) for (const h of [c.name, c.header, ...(c.aliases ?? [])]) if (!m.has(foldText(h))) m.set(foldText(h), { field: c.name });
  for (const s of table.spans ?? []) for (const h of [s.header, ...s.aliases]) if (!m.has(foldText(h))) m.set(foldText(h), { span: s.into });
  for (const d of table.derived) for (const h of [d.name, d.header]) if (!m.has(foldText(h))) m.set(foldText(h), { derived: true });
  return m;
}

export function mapHeaders(table: TableDef, header: readonly CellInput[]): HeaderMap {
  const m = matchers(table);
  const fields = new Map<number, string>();
  const spans = new Map<number, readonly [string, string]>();
  const derived = new Set<number>();
  const unknown: HeaderMap['unknown'] = [];
  const taken = new Set<string>();
  header.forEach((h, i) => {
    if (isBlankCell(h)) return;
    const hit = m.get(foldText(String(h)));
    if (hit?.field && !taken.has(hit.field)) {
      fields.set(i, hit.field);
      taken.add(hit.field);
    } else if (hit?.span) spans.set(i, hit.span);
    else if (hit?.derived) derived.add(i);
    else unknown.push({ index: i, header: String(h) });
  });
  const spanned = new Set([...spans.values()].flat());
  const missingRequired = table.columns.filter((c) => (c.required || c.keptWhenBlank) && !taken.has(c.name) && !spanned.has(c.name)).map((c) => c.name);
  return { fields, spans, derived, unknown, missingRequired };
}

/** How many of the headers a table recognises: the table of a sheet with an unfamiliar name. */
export function detectTable(sheetName: string, header: readonly CellInput[]): TableDef | undefined {
  const byName = TABLE_NAMES.map((n) => TABLES[n]).find((t) => foldText(t.sheet) === foldText(sheetName) || foldText(t.name) === foldText(sheetName));
  if (byName) return byName;
  let best: { table: TableDef; score: number } | undefined;
  for (const n of TABLE_NAMES) {
    const map = mapHeaders(TABLES[n], header);
    const score = map.fields.size + map.spans.size * 2;
    if (map.missingRequired.length === 0 && score >= 3 && (!best || score > best.score)) best = { table: TABLES[n], score };
  }
  return best?.table;
}

export interface SheetRow {
  /** The sheet's own row number (1-based, header included). */
  row: number;
  raw: RawRow;
}

export interface ReadTableResult {
  table: TableDef;
  headerRow: number;
  map: HeaderMap;
  rows: SheetRow[];
  /** Sheet-level problems (missing required columns, ignored headers, several date ranges in one span cell). */
  issues: CellIssue[];
}

/** How many non-blank rows may sit above the header (a title, a note, the office's name). */
const HEADER_SEARCH_ROWS = 10;

/** The row among the first non-blank ones that names the most columns of the table; else the first non-blank row. */
function headerRowIndex(table: TableDef, grid: readonly (readonly CellInput[])[]): number {
  let best = -1;
  let bestScore = 0;
  for (let r = 0, seen = 0; r < grid.length && seen < HEADER_SEARCH_ROWS; r++) {
    if (!grid[r].some((v) => !isBlankCell(v))) continue;
    seen++;
    if (best < 0) best = r;
    const map = mapHeaders(table, grid[r]);
    const score = map.fields.size + map.spans.size;
    if (score > bestScore) [best, bestScore] = [r, score];
  }
  return best;
}

/**
 * Reads a grid whose header is its first non-blank row, or the row below a title that names the
 * table's columns. Blank rows are skipped; a cell left blank in a fill-down column takes the value
 * above (people leave "same as above" blank in plans).
 */
export function readTable(table: TableDef, sheet: string, grid: readonly (readonly CellInput[])[]): ReadTableResult {
  const headerIndex = headerRowIndex(table, grid);
  const header = headerIndex >= 0 ? grid[headerIndex] : [];
  const map = mapHeaders(table, header);
  const issues: CellIssue[] = [];
  for (const u of map.unknown) {
    issues.push({ code: 'unknown_column', field: '', sheet, row: headerIndex + 1, column: columnLetter(u.index + 1), header: excerpt(u.header), severity: 'warning', message: `column ${quoteValue(u.header)} is not part of ${table.sheet}; ignored` });
  }
  for (const f of map.missingRequired) {
    const c = table.columns.find((col) => col.name === f)!;
    issues.push({ code: 'missing_column', field: f, sheet, row: headerIndex + 1, header: c.header, severity: 'error', message: `no "${c.header}" column (or one of: ${(c.aliases ?? []).join(', ')})` });
  }
  const fillDown = new Set(table.columns.filter((c) => c.fillDown).map((c) => c.name));
  const above: Record<string, CellInput> = {};
  const rows: SheetRow[] = [];
  for (let r = headerIndex + 1; r < grid.length && headerIndex >= 0; r++) {
    const line = grid[r];
    const raw: RawRow = {};
    let any = false;
    for (const [i, field] of map.fields) {
      const v = line[i];
      if (!isBlankCell(v)) any = true;
      raw[field] = v;
    }
    for (const [i, [start, end]] of map.spans) {
      const v = line[i];
      if (isBlankCell(v)) continue;
      any = true;
      const parsed = typeof v === 'string' ? parseDateText(v) : undefined;
      if (parsed?.kind === 'date') {
        if (isBlankCell(raw[start])) raw[start] = parsed.start;
        if (isBlankCell(raw[end])) raw[end] = parsed.end ?? parsed.start;
        // Several ranges in one cell are merged into one span: say so, as a date column would.
        for (const note of parsed.notes) {
          issues.push({ code: 'date_range', field: start, sheet, row: r + 1, column: columnLetter(i + 1), header: excerpt(String(header[i])), severity: 'warning', message: `${excerpt(String(header[i]))}: ${note}` });
        }
      } else if (isBlankCell(raw[start])) raw[start] = v;
    }
    if (!any) continue;
    for (const f of fillDown) {
      if (isBlankCell(raw[f]) && !isBlankCell(above[f])) raw[f] = above[f];
      above[f] = raw[f];
    }
    rows.push({ row: r + 1, raw });
  }
  return { table, headerRow: headerIndex + 1, map, rows, issues };
}

/** Where a field sits in the sheet, for placing an issue at its cell. */
export function fieldColumn(map: HeaderMap, field: string): { column?: string; header?: string; index?: number } {
  for (const [i, f] of map.fields) if (f === field) return { column: columnLetter(i + 1), index: i };
  for (const [i, pair] of map.spans) if (pair.includes(field)) return { column: columnLetter(i + 1), index: i };
  return {};
}
