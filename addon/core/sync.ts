// "Sync now": each table read once, ids stamped, only rows whose content hash differs from what the
// service acknowledged sent (plus rows it would reject, so it stays the judge, and deletions), in
// chunks, under a lock; the service's rejections shown at their cells and cleared once fixed.
import { contentHash } from '../../shared/content-hash';
import { ANSWER_SHAPES } from '../../shared/shapes/built-shapes';
import type { SyncContext, SyncRequest } from '../../shared/wire/sync-wire';
import { LISTS_SHEET, columnLetter, columnNumber } from '../../shared/lists';
import { DEFAULT_RULES, type Rules } from '../../shared/rules';
import { formatCellIssue, inSheetWords, type CellIssue } from '../../shared/issues';
import { quoteValue } from '../../shared/quote-value';
import { MAX_FIELD_TEXT } from '../../shared/clip-text';
import { isLoadingCell } from '../../shared/cells/error-value';
import { placeRef } from '../../shared/sheet-ref';
import { counted } from '../../shared/plural';
import { sheetPosition, type SheetRow } from '../../shared/read-table';
import { itemIdTail, ownRowId, rowIdOfItem } from '../../shared/row-id';
import { idColumn, TABLES, type TableName } from '../../shared/tables';
import { DEFAULT_READ_OPTIONS, validateSheetRows, type FarDates, type LentYears, type RowResult } from '../../shared/validate-row';
import { AddonError } from './addon-error';
import { annotate, type RowMark } from './annotations';
import { pullIntoSheets, type IntoWhy, type PullReport } from './pull-rows';
import { readyRows, statusColumnsOf } from './ready-rows';
import { readsLists } from '../../shared/layout';
import { localToday, templateOf, type TemplateName } from '../../templates/build-template';
import { followOwnSheet } from './own-dashboard';
import { sheetMemoryKey } from './sheet-memory';
import { loadedNow } from './schedule';
import { writeNumbersInWords } from './lists-numbers';
import { checkedLists, sendLists } from './send-lists';
import { randomRowId, repeatedIds, rowName, stampRowIds, type HeldIds, type NewId } from './row-ids';
import { callJson, request } from './service-client';
import { connection, type Connection } from './settings';
import { readSyncedTables, rememberSyncedSheets, type TableGroup } from './synced-sheets';
import { gridWidth, headerAt, readTableSheet, spreadsheetRules, type JsonCell, type SheetReading, type TableSheet } from './table-sheet';
import type { HttpPort, LockPort, SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { joinedNames } from './not-set-up';
import { io, sequence, type Task } from './task';
import { endPeriods, typedPeriodWrites, type PeriodEnd, type PeriodsToEnd } from './typed-periods';

/** Rows per POST: under Apps Script's 50 MB fetch limit and the service's 5,000-row batches. */
export const CHUNK_ROWS = 2000;
const LOCK_WAIT_MS = 10_000;

export interface SyncDeps {
  port: SpreadsheetPort;
  http: HttpPort;
  settings: SettingsPort;
  lock: LockPort;
  newId?: NewId;
}

export interface TableSyncReport {
  sheet: string;
  table: string;
  rows: number;
  stamped: number;
  /** Rows that took back the Sync ID the service holds them under, by content or by their own ID (`StampedIds.restored`). */
  restored: number;
  sent: number;
  accepted: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  /** Each cell to fix, by its place as the sync read it and its message (`'GARE plan'!D3: Status: …`). */
  toFix: string[];
  /**
   * Rejected rows whose problems were not marked, by name (`rowName`): no row of the table held their Sync ID when
   * the marks were written (deleted, or moved above the header row, while the sync ran).
   */
  unmarked: string[];
  /**
   * Cells to fix marked by their note alone, their own fill kept: the document property has no room to remember
   * the colour to give back (decision 012). Absent when none.
   */
  noteOnly?: number;
  /** Cells whose mark (or the clearing of an old one) the host refused as protected from the person syncing, by place. Absent when none. */
  protectedMarks?: string[];
  /** Status cells whose formula the host refused as protected from the person syncing, by place. Absent when none. */
  protectedWrites?: string[];
  /** Cells whose dropdown the host refused as protected from the person syncing, by place. Absent when none. */
  protectedDropdowns?: string[];
  /** Cells whose status colors the host refused as protected from the person syncing, by place. Absent when none. */
  protectedColors?: string[];
  /** Sheets whose print area the host refused to move as protected, with the row it should have ended at. Absent when none. */
  printAreasKept?: { sheet: string; toRow: number }[];
  warnings: number;
  /**
   * Every warning the sheet's cells and headers hold now (a likely typo, a column read as nothing), each named by
   * its place (`Requests!B3: Received: …`): the rows were saved as read (what the warning says), and the cells hold a note saying it.
   */
  warned: string[];
  /** How many of `warned` have no note (no cell of a saved row to hold one); absent when none. */
  unnoted?: number;
  /** Sheet-level problems (a required column missing, another table starting below this one), one line each. */
  problems: string[];
  /** What the service had for this sheet and wrote into it first (web-form requests, survey answers). */
  pulled: PullReport;
  /** Sheets whose status formulas, dropdowns and colors this sync carried down, and the row they now reach. */
  readied: { sheet: string; toRow: number }[];
  /** Status cells holding a value typed over their formula, kept: each named by cell and header. */
  typedOver: string[];
  /** Deadlines typed as a month or a year given the period's last day, or not, and why (`PeriodEnd`). */
  periodEnds: PeriodEnd[];
  /**
   * Rows written what the service held for columns added since the last sync (by their headers), and those of them
   * written with texts clipped (`PullReport.clipped`); absent when none.
   */
  refilled?: { rows: number; headers: string[]; clipped?: string[] };
}

export interface SyncReport {
  tables: TableSyncReport[];
  /** What is said of the whole workbook, before its tables (the Lists sheet missing, Lists cells skipped). */
  notices: string[];
  summary: string;
}

type OutRow = SyncRequest['rows'][number];
type Move = NonNullable<SyncRequest['moved']>[number];
type SheetStatus = NonNullable<SyncRequest['sheets']>[number];

const compact = (raw: Record<string, unknown>): Record<string, JsonCell> => {
  const out: Record<string, JsonCell> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined && v !== '') out[k] = v as JsonCell;
  return out;
};

/** The sheets of a table's reads, each once: two tables of one kind may be stacked in one sheet. */
const sheetNames = (sheets: readonly TableSheet[]) => [...new Set(sheets.map((t) => t.sheet))];

/**
 * A row whose blank ("same as above") cells now read another row's value than when the service last saw it: rows
 * above it were sorted, inserted or deleted, so a task may have moved under another goal without a cell of its own
 * changing. Said at its first such cell, naming what it reads now.
 */
function regroupedIssue(t: TableSheet, r: TableSheet['read']['rows'][number]): CellIssue & { row: number } {
  const fields = Object.keys(r.filled ?? {});
  const column = t.columnOf(fields[0]);
  const header = (field: string) => {
    const at = t.columnOf(field);
    return (at === undefined ? undefined : headerAt(t, at)) ?? t.table.columns.find((c) => c.name === field)!.header;
  };
  const read = fields.map((f) => `${header(f)} ${quoteValue(String(r.raw[f] ?? ''))}`).join(', ');
  const blank = fields.map(header).join(' and ');
  return {
    code: 'named_above', field: fields[0], severity: 'warning', sheet: t.sheet, row: r.row,
    ...(column === undefined ? {} : { column: columnLetter(column), header: header(fields[0]) }),
    message: `${blank} ${fields.length > 1 ? 'are' : 'is'} blank, so read from the row above as ${fields.length > 1 ? read : quoteValue(String(r.raw[fields[0]] ?? ''))}; rows above it were moved or deleted since the last sync: type ${fields.length > 1 ? 'them' : 'it'} if that is not where this row belongs`,
  };
}

/** Whether a sheet holds this table and another stacked with it (`readStacked`). */
const isStacked = (t: TableSheet) => t.read.nextAt !== undefined || t.read.issues.some((i) => i.code === 'another_table');

/** Why a sheet's table could not be read (a required column missing), or undefined when it could. */
const unreadableBecause = (t: TableSheet) => {
  const errors = t.read.issues.filter((i) => i.severity === 'error');
  return errors.length ? errors.map(formatCellIssue).join('; ') : undefined;
};

/** The sheet's own warnings, each at its sheet row: what `import` stores for the Data quality sheet. */
const sheetWarningsOf = (t: TableSheet): NonNullable<SheetStatus['warnings']> =>
  t.read.issues.filter((i) => i.severity === 'warning').map((i) => sheetWarningOf({ ...i, row: i.row ?? t.headerRow }));

const sheetWarningOf = (i: CellIssue & { row: number }): NonNullable<SheetStatus['warnings']>[number] =>
  ({ row: i.row, message: i.message, ...(i.column ? { column: i.column } : {}), ...(i.header !== undefined ? { header: i.header } : {}) });

/** Sheet-level warnings compared as a set: the service keeps them grouped by row. */
const warningsKey = (warnings: readonly object[] = []) => JSON.stringify(warnings.map((w) => JSON.stringify(w, Object.keys(w).sort())).sort());

/** How the service is to read one sheet's cells, as the add-on reads them to compare: its title's year or fiscal year, the workbook's fiscal year. */
const contextOf = (t: TableSheet, rules: Rules): SyncContext => ({
  // A Timeline's label travels in the header row (`columns`), which the service reads it from (`spanLabels`).
  ...(t.read.title.titleYear === undefined ? {} : { titleYear: t.read.title.titleYear }),
  ...(t.read.title.titleFiscalYear === undefined ? {} : { titleFiscalYear: t.read.title.titleFiscalYear }),
  ...(rules.settings.fiscalYearStartMonth === DEFAULT_RULES.settings.fiscalYearStartMonth ? {} : { fiscalStartMonth: rules.settings.fiscalYearStartMonth }),
});

type SheetColumn = NonNullable<SyncContext['columns']>[number];

/**
 * The sheet's header row as the service places a problem by it (as `import` does): every column with a header
 * or a field, each with the fields read there; the end of a range typed in its start's cell is at that cell.
 */
function sheetColumnsOf(t: TableSheet): SheetColumn[] {
  const fieldsAt = new Map<number, string[]>();
  for (const c of t.read.table.columns) {
    const start = t.read.table.columns.find((s) => s.rangeEnd === c.name);
    const column = t.columnOf(c.name) ?? (start && t.columnOf(start.name));
    if (column !== undefined) fieldsAt.set(column, [...(fieldsAt.get(column) ?? []), c.name]);
  }
  const width = Math.max(t.grid[t.headerRow - 1]?.length ?? 0, ...fieldsAt.keys());
  const columns: SheetColumn[] = [];
  for (let column = 1; column <= width; column++) {
    if (column === t.syncIdColumn) continue;
    const header = headerAt(t, column);
    const fields = fieldsAt.get(column);
    if (header === undefined && fields === undefined) continue;
    columns.push({ column: columnLetter(column), ...(header === undefined ? {} : { header }), ...(fields ? { fields } : {}) });
  }
  return columns;
}

/** One request's worth: deletions and moves first, then rows of one sheet at a time (each sheet has its own context). */
interface Post { deleted: string[]; moved: Move[]; rows: OutRow[]; sheet?: number }
const sizeOf = (p: Post) => p.deleted.length + p.moved.length + p.rows.length;

/** Splits the table's changes into requests of at most CHUNK_ROWS items, which the service counts alike. */
function postsOf(deleted: readonly string[], moved: readonly Move[], rowsBySheet: readonly OutRow[][]): Post[] {
  const posts: Post[] = [];
  const room = (sheet?: number) => {
    const last = posts[posts.length - 1];
    if (last && sizeOf(last) < CHUNK_ROWS && (sheet === undefined || last.sheet === undefined || last.sheet === sheet)) return last;
    const post: Post = { deleted: [], moved: [], rows: [] };
    posts.push(post);
    return post;
  };
  for (const id of deleted) room().deleted.push(id);
  for (const m of moved) room().moved.push(m);
  rowsBySheet.forEach((rows, sheet) => {
    for (const row of rows) {
      const post = room(sheet);
      post.sheet = sheet;
      post.rows.push(row);
    }
  });
  return posts;
}

/**
 * Syncs one table kept on one or more sheets as one set of rows: ids unique across the sheets, places
 * numbered sheet after sheet, and rows the service holds that no sheet has deleted, unless a sheet
 * could not be read (its rows are unknown). Sheets that could not be read, and sheets read again since,
 * are told to the service when that differs from what it holds. Once the service has it all, the
 * document remembers which sheets hold the table.
 */
function* syncTable(deps: SyncDeps, conn: Connection, { table, sheets, synced }: TableGroup, rules: Rules, hasLists: boolean, pulled: PullReport, withLists = false, listsMissing = false): Task<{ report: Omit<TableSyncReport, 'periodEnds'>; ends: PeriodsToEnd[]; appeared: string[] }> {
  const state = yield* callJson(deps.http, request(conn, 'GET', `/api/v1/sync/state?table=${encodeURIComponent(table.name)}`), ANSWER_SHAPES.state);
  const held = new Map(state.rows.map((r) => [r.rowId, r]));
  // The choices the service checks: a row is then unchanged by the same reading on both sides, not sent again each
  // time for a choice the sheet's Lists added.
  const lists = hasLists ? checkedLists(rules) : DEFAULT_READ_OPTIONS.lists;
  const read = sheets.map((t) => {
    const context = contextOf(t, rules);
    const texts = t.read.rows.map((r) => t.textFields(r));
    const { results, lent, far } = validateSheetRows(table, t.read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, lists, ...t.read.title, fiscalYearStartMonth: context.fiscalStartMonth }, texts);
    return { texts, results, lent, far, hashes: results.map((r) => (r.ok ? contentHash(r.values) : undefined)) };
  });
  // Held rows no sheet holds by id, by content: a row whose Sync ID was cleared takes its id back (`HeldIds.takeBack`).
  const onSheets = new Set(sheets.flatMap((t) => t.grid.map((_, r) => t.syncIdAt(r + 1))));
  const free = new Map<string, string[]>();
  for (const r of state.rows) {
    if (rowIdOfItem(r.rowId) !== r.rowId || onSheets.has(r.rowId)) continue;
    const same = free.get(r.hash);
    if (same) same.push(r.rowId);
    else free.set(r.hash, [r.rowId]);
  }
  // By place too, for a row whose new id its host refused (`HeldIds.takeBackAt`); each id is taken once, either way.
  const freeAt = new Map<number, string>();
  for (const id of [...free.values()].flat()) {
    const at = held.get(id)?.sheetRow;
    if (at !== undefined && !freeAt.has(at)) freeAt.set(at, id);
  }
  const taken = new Set<string>();
  const takeOnce = (id: string | undefined) => {
    if (id === undefined || taken.has(id)) return undefined;
    taken.add(id);
    return id;
  };
  const takeBack = (hash: string) => {
    const ids = free.get(hash) ?? [];
    for (let id = ids.shift(); id !== undefined; id = ids.shift()) if (takeOnce(id)) return id;
    return undefined;
  };
  const used = new Set<string>();
  const idsBySheet: Map<number, string>[] = [];
  const idColumns: (number | null)[] = [];
  let stamped = 0;
  let restored = 0;
  const unstamped: string[] = [];
  for (const [s, t] of sheets.entries()) {
    const hashAt = new Map<number, string | undefined>();
    const ownAt = new Map<number, string>();
    const ownColumn = idColumn(table)?.name;
    t.read.rows.forEach((r, i) => {
      if (hashAt.has(r.row)) return;
      hashAt.set(r.row, read[s].hashes[i]);
      // An ID taken from the row above ("same as above") is no ID the row was typed with.
      if (ownColumn !== undefined && r.filled?.[ownColumn] === undefined) ownAt.set(r.row, ownRowId(table, read[s].results[i].values));
    });
    const known: HeldIds = { held, hashAt: (row) => hashAt.get(row), ownIdAt: (row) => ownAt.get(row) ?? '', placeOf: (row) => sheetPosition(s, row), takeBack, takeBackAt: (place) => takeOnce(freeAt.get(place)) };
    const ids = yield* stampRowIds(deps.port, t, deps.newId ?? randomRowId, used, known);
    idsBySheet.push(ids.byRow);
    idColumns.push(ids.column);
    stamped += ids.stamped;
    restored += ids.restored;
    if (ids.unstamped.length) unstamped.push(unstampedMessage(t.sheet, ids.unstamped));
  }

  // The warnings of every row as read, not only those sent: a row unchanged since keeps its note, and is counted.
  const marks: RowMark[][] = sheets.map((t, s) => warningMarks(t, read[s].results, idsBySheet[s]));
  const warned = sheets.flatMap((t, s) => [
    ...marks[s].map((m) => `${placeRef(t.sheet, m.row, columnLetter(m.column))}: ${m.message}`),
    ...t.read.issues.filter((i) => i.severity === 'warning').map((i) => formatCellIssue({ ...i, sheet: t.sheet, row: i.row ?? t.headerRow })),
  ]);
  // Noted at their cells too; added after `warned`, which already lists them as the sheet's own.
  sheets.forEach((t, s) => marks[s].push(...issueMarks(t.read.issues, idsBySheet[s])));
  // A line set aside under the table or a column missing is in no saved row: no cell of it gets a note.
  const unnoted = warned.length - marks.reduce((sum, m) => sum + m.length, 0);

  // Fields each sheet had no column for at its last sync, and has one for now: the service may hold a value there the
  // sheet never showed, so its rows blank there are sent (the service keeps the value and queues it for the sheet).
  const unshownKeys: string[] = [];
  const unshownTexts: (string | null)[] = [];
  const unshownNow: string[][] = [];
  const appeared: string[][] = [];
  for (const [s, t] of sheets.entries()) {
    const ordinal = sheets.slice(0, s).filter((x) => x.sheet === t.sheet).length;
    const { key } = yield* sheetMemoryKey(deps.port, t.sheet, 'unshown', `.${table.name}${ordinal ? `.${ordinal + 1}` : ''}`);
    const shown = new Set(sheetColumnsOf(t).flatMap((c) => c.fields ?? []));
    const now = table.columns.map((c) => c.name).filter((field) => !shown.has(field));
    const text = yield* io(deps.settings.get(key));
    const before = parsedFields(text);
    unshownKeys.push(key);
    unshownTexts.push(text);
    unshownNow.push(now);
    appeared.push(before === undefined || unreadableBecause(t) !== undefined ? [] : before.filter((field) => shown.has(field)));
  }

  const moved: Move[] = [];
  const rowsBySheet: OutRow[][] = [];
  const placeOfId = new Map<string, { sheet: number; row: number; at?: SheetRow['at'] }>();
  // What the rows around a sent row lent its dates: the service gets the row without them.
  const lentTo = new Map<string, LentYears>();
  const farFrom = new Map<string, FarDates>();
  const ends: PeriodsToEnd[] = [];
  const regrouped: (CellIssue & { row: number })[] = [];
  sheets.forEach((t, s) => {
    const { texts, results, lent, far, hashes } = read[s];
    // Ended once every table has talked to the service (`endPeriods`), each sheet read again once for all its tables.
    const idColumn = idColumns[s];
    if (idColumn !== null) ends.push({ t, idColumn, writes: typedPeriodWrites(t, results, (row) => idsBySheet[s].get(row)) });
    const outgoing: OutRow[] = [];
    t.read.rows.forEach((r, i) => {
      const syncId = idsBySheet[s].get(r.row);
      if (syncId === undefined) return;
      // A sheet row's later side-by-side items are its id and the item's place among them.
      const rowId = `${syncId}${itemIdTail(r.item)}`;
      placeOfId.set(rowId, { sheet: s, row: r.row, at: r.at });
      const result = results[i];
      const sheetRow = sheetPosition(s, r.row);
      const before = held.get(rowId);
      // Invalid rows are always sent: the service decides, and its answer is what the sheet shows. A row
      // that only moved (rows added or removed above it) is named with its new place, without its cells.
      const showsNew = result.ok && appeared[s].some((field) => (result.values[field] ?? null) === null);
      if (r.filled && result.ok && before?.sheetRow !== undefined && before.sheetRow !== sheetRow && before.hash !== hashes[i]) {
        const issue = regroupedIssue(t, r);
        regrouped.push(issue);
        marks[s].push(...issueMarks([issue], idsBySheet[s]));
      }
      if (!result.ok || before === undefined || before.hash !== hashes[i] || showsNew) {
        outgoing.push({ rowId, values: compact(r.raw), sheetRow, ...(r.at ? { at: placesOfItem(t, r.at) } : {}), ...(r.filled ? { filled: Object.keys(r.filled) } : {}), ...(texts[i] ? { texts: texts[i] } : {}) });
        // Every sent row named, so the service judges its dates by the whole sheet too (a typo year among them).
        lentTo.set(rowId, lent[i] ?? {});
        if (far[i]) farFrom.set(rowId, far[i]!);
      } else if (before.sheetRow !== sheetRow) moved.push({ rowId, sheetRow });
    });
    rowsBySheet.push(outgoing);
  });
  const repeated = repeatedIds(sheets);
  // Told once per sheet: two tables of this kind stacked in one are one sheet to the service.
  const statuses: SheetStatus[] = sheetNames(sheets).map((name) => {
    const own = sheets.filter((t) => t.sheet === name);
    const because = own.map(unreadableBecause).filter((b) => b !== undefined);
    if (because.length) return { name, unreadable: because.join('; ') };
    const warnings = [...own.flatMap(sheetWarningsOf), ...[...repeated, ...regrouped].filter((i) => i.sheet === name).map(sheetWarningOf)];
    return warnings.length ? { name, warnings } : { name };
  });
  // The Lists sheet's own warnings (a cell showing an error) reach the Data quality sheet with the first table's:
  // the service keeps a sheet's warnings by table, and sending them with every table would list each once per table.
  // Any other table is told the Lists have none, so those it holds from when it was first go (its sheet since
  // removed or moved), as do all of them once the workbook has no Lists sheet of the templates' layout.
  statuses.push({ name: LISTS_SHEET, ...(withLists && rules.issues.length ? { warnings: rules.issues.map((i) => ({ row: i.row!, column: i.column!, message: i.message })) } : {}) });
  // A row this table holds whose Sync ID now sits among another table's rows of the sheet (a table pasted over it)
  // is still the person's: it stays on the service, as it was, until its Sync ID leaves the sheet.
  const belowAnother = new Set(sheets.flatMap((t) => (isStacked(t) ? t.grid.map((_, r) => t.syncIdAt(r + 1)).filter(Boolean) : [])));
  const kept = (id: string) => placeOfId.has(id) || belowAnother.has(rowIdOfItem(id));
  const deleted = statuses.some((s) => s.unreadable) ? [] : [...held.keys()].filter((id) => !kept(id));
  // What the service holds of each sheet: a problem it no longer has, or no longer one, is told; so is a
  // problem of a sheet that is gone, and a sheet whose own warnings (an ignored column, a repeated header row
  // set aside) differ from those held, which they replace, so a warning fixed since goes.
  const heldProblems = new Map((state.unreadable ?? []).map((u) => [u.sheet, u.message]));
  const heldWarnings = new Map<string, object[]>();
  for (const { sheet, ...w } of state.sheetWarnings ?? []) heldWarnings.set(sheet, [...(heldWarnings.get(sheet) ?? []), w]);
  const told = [...statuses, ...[...heldProblems.keys()].filter((name) => !sheets.some((t) => t.sheet === name)).map((name): SheetStatus => ({ name }))]
    .filter((s) => heldProblems.get(s.name) !== s.unreadable || (s.unreadable === undefined && warningsKey(s.warnings) !== warningsKey(heldWarnings.get(s.name))));

  const posts = postsOf(deleted, moved, rowsBySheet);
  if (posts.length === 0 && told.length > 0) posts.push({ deleted: [], moved: [], rows: [] });
  const totals = { accepted: 0, unchanged: 0, deleted: 0 };
  let rejected = 0;
  const toFix: string[] = [];
  let warnings = 0;
  for (const [i, post] of posts.entries()) {
    const byRow = <T>(m: Map<string, T>) => Object.fromEntries(post.rows.flatMap((r) => (m.has(r.rowId) ? [[r.rowId, m.get(r.rowId)!] as const] : [])));
    const [years, far] = [byRow(lentTo), byRow(farFrom)];
    const context = post.sheet === undefined ? {} : { ...contextOf(sheets[post.sheet], rules), sheet: sheets[post.sheet].sheet, columns: sheetColumnsOf(sheets[post.sheet]), ...(Object.keys(years).length ? { years } : {}), ...(Object.keys(far).length ? { far } : {}) };
    const body: SyncRequest = {
      table: table.name,
      rows: post.rows,
      ...(post.deleted.length ? { deleted: post.deleted } : {}),
      ...(post.moved.length ? { moved: post.moved } : {}),
      ...(i === 0 && told.length ? { sheets: told } : {}),
      ...(Object.keys(context).length ? { context } : {}),
    };
    const answer = yield* callJson(deps.http, request(conn, 'POST', '/api/v1/sync', body), ANSWER_SHAPES.sync);
    totals.accepted += answer.accepted;
    totals.unchanged += answer.unchanged;
    totals.deleted += answer.deleted;
    warnings += answer.warnings.length;
    for (const r of answer.rejected) {
      rejected++;
      const place = placeOfId.get(r.rowId);
      if (place === undefined) continue;
      const t = sheets[place.sheet];
      for (const e of r.errors) {
        const column = t.columnOf(e.field, place.at);
        const message = column === undefined ? e.message : inSheetWords(e.message, t.read.table.columns.find((c) => c.name === e.field)?.header, headerAt(t, column));
        marks[place.sheet].push({ rowId: idsBySheet[place.sheet].get(place.row)!, row: place.row, column: column ?? firstColumn(t), message });
        toFix.push(`${placeRef(t.sheet, place.row, columnLetter(column ?? firstColumn(t)))}: ${message}`);
      }
    }
  }

  // Marks go on the rows holding their Sync IDs when they are written: a person may have sorted the sheet, or
  // inserted or deleted rows, since it was read. A row found nowhere is not marked, and the summary says so.
  const unmarked: string[] = [];
  let noteOnly = 0;
  const protectedMarks: string[] = [];
  for (const [s, t] of sheets.entries()) {
    const width = gridWidth(t.grid);
    const lastRow = t.read.rows.length ? t.read.rows[t.read.rows.length - 1].row : t.headerRow;
    const idColumn = idColumns[s];
    // A cell is remembered by its row's Sync ID and its column's header, which sorting and moves keep.
    const rows = idColumn === null ? undefined : { idColumn, cellKey: (id: string, column: number) => `${id}|${String(t.grid[t.headerRow - 1]?.[column - 1] ?? column)}`, onSheet: new Set(t.grid.map((_, r) => t.syncIdAt(r + 1))), own: new Set(t.read.rows.map((r) => t.syncIdAt(r.row))) };
    // Each table of a sheet keeps its own marks: tables stacked in one sheet each have a last row marked.
    const ordinal = sheets.slice(0, s).filter((x) => x.sheet === t.sheet).length;
    const key = yield* sheetMemoryKey(deps.port, t.sheet, 'marks', `.${table.name}${ordinal ? `.${ordinal + 1}` : ''}`);
    const annotated = yield* annotate(deps.port, deps.settings, t.sheet, key, { row: t.headerRow + 1, column: 1, numRows: lastRow - t.headerRow, numColumns: width, ...(t.read.nextAt ? { lastRow: t.read.nextAt - 1 } : {}) }, marks[s], rows);
    // Only a row to fix is said: a row with warnings alone gets its notes at the next sync.
    const notFound = annotated.unmarked.filter((id) => marks[s].some((m) => m.rowId === id && !m.warning));
    noteOnly += annotated.noteOnly;
    for (const c of annotated.refused?.cells ?? []) protectedMarks.push(placeRef(t.sheet, c.row, columnLetter(c.column)));
    // Named as the sheet was read, which is where the person last saw the row.
    for (const id of notFound) unmarked.push(rowName(t.table, t.read.rows.find((r) => r.row === marks[s].find((m) => m.rowId === id)?.row)?.raw, id));
  }
  // After the service has read them: the day it read each period typed as a date, into the sheet, where the status
  // formulas and EQ_ functions see it too.
  const readied: TableSyncReport['readied'] = [];
  const typedOver: string[] = [];
  const protectedWrites: string[] = [];
  const protectedDropdowns: string[] = [];
  const protectedColors: string[] = [];
  const printAreasKept: { sheet: string; toRow: number }[] = [];
  for (const t of sheets.filter((x) => unreadableBecause(x) === undefined)) {
    const ready = yield* readyRows(deps.port, t, hasLists, rules.missingLists);
    // Not called ready while the formulas above read a Lists sheet that is gone (`listsMissing`).
    if (ready.readyTo !== undefined && !listsMissing) readied.push({ sheet: t.sheet, toRow: ready.readyTo });
    typedOver.push(...ready.typedOver);
    protectedWrites.push(...(ready.refused ?? []));
    protectedDropdowns.push(...(ready.noDropdown ?? []));
    protectedColors.push(...(ready.noColors ?? []));
    if (ready.printAreaKept !== undefined) printAreasKept.push({ sheet: t.sheet, toRow: ready.printAreaKept });
  }
  yield* rememberSyncedSheets(deps.settings, table.name, synced, sheetNames(sheets));
  // Remembered once the service has had the rows: a sync that failed before sends them again.
  for (const [s, t] of sheets.entries()) {
    if (unreadableBecause(t) !== undefined) continue;
    const text = JSON.stringify(unshownNow[s]);
    if (unshownTexts[s] !== text) yield* io(deps.settings.set(unshownKeys[s], text));
  }

  const report = {
    sheet: sheets.length ? sheetNames(sheets).join(', ') : `${table.sheet} (no sheet left)`,
    table: table.name,
    rows: sheets.reduce((sum, t) => sum + t.read.rows.length, 0),
    stamped,
    restored,
    sent: rowsBySheet.reduce((sum, rows) => sum + rows.length, 0),
    ...totals,
    rejected,
    toFix,
    unmarked,
    ...(noteOnly ? { noteOnly } : {}),
    ...(protectedMarks.length ? { protectedMarks } : {}),
    ...(protectedWrites.length ? { protectedWrites } : {}),
    ...(protectedDropdowns.length ? { protectedDropdowns } : {}),
    ...(protectedColors.length ? { protectedColors } : {}),
    ...(printAreasKept.length ? { printAreasKept } : {}),
    warnings,
    warned,
    ...(unnoted ? { unnoted } : {}),
    // Where a table stacked below another was found is said here too, not only on the Data quality sheet.
    // So is an ID typed on two rows, which no cell shows; said without the header the message opens with.
    problems: statuses.flatMap((s) => (s.unreadable === undefined ? [] : [s.unreadable])).concat(sheets.flatMap((t) => t.read.issues.filter((i) => i.code === 'another_table').map(formatCellIssue)), repeated.map(({ header, ...i }) => formatCellIssue(i)), regrouped.map(formatCellIssue), unstamped),
    pulled,
    readied,
    typedOver,
  };
  return { report, ends, appeared: [...new Set(appeared.flat())] };
}


/** A remembered list of field names, or undefined when none was remembered (or it cannot be read). */
function parsedFields(text: string | null): string[] | undefined {
  if (text === null) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((f): f is string => typeof f === 'string') : undefined;
  } catch {
    return undefined;
  }
}

/** Rows of `sheet` left out because the host refused their new Sync IDs as protected, and what lets them sync. */
function unstampedMessage(sheet: string, rows: readonly number[]): string {
  const one = rows.length === 1;
  // A whole protected column would list every row: the first few tell where to look.
  const named = rows.length > 10 ? `${rows.slice(0, 10).join(', ')} and ${rows.length - 10} more` : rows.join(', ');
  return `${sheet} ${one ? 'row' : 'rows'} ${named} not synced: ${one ? 'its Sync ID cell is' : 'their Sync ID cells are'} protected, and a row without its Sync ID would be a new row every sync; ask whoever protected ${one ? 'it' : 'them'} to let you edit the Sync ID column`;
}

/** A side-by-side item's own columns, as letters of the sheet. */
function placesOfItem(t: TableSheet, at: NonNullable<SheetRow['at']>): NonNullable<OutRow['at']> {
  return Object.keys(at).map((field) => ({ field, column: columnLetter(t.columnOf(field, at)!) }));
}

/**
 * The warnings of the sheet's rows as the add-on reads them (as the service does), each at its cell in the sheet's
 * words. A field filled from the row above ("same as above") is warned only at the row that holds the value.
 */
function warningMarks(t: TableSheet, results: readonly RowResult[], ids: ReadonlyMap<number, string>): RowMark[] {
  return t.read.rows.flatMap((r, i) => {
    const rowId = ids.get(r.row);
    if (rowId === undefined) return [];
    return results[i].warnings.filter((w) => !r.filled?.[w.field]).map((w) => {
      const column = t.columnOf(w.field, r.at);
      const message = column === undefined ? w.message : inSheetWords(w.message, t.read.table.columns.find((c) => c.name === w.field)?.header, headerAt(t, column));
      return { rowId, row: r.row, column: column ?? firstColumn(t), message, warning: true };
    });
  });
}

/**
 * The reader's warnings at a cell of a synced row (a Timeline of two ranges read as one span, a fiscal year, a blank
 * now read from another row above): noted there as a row's own warning is, since the summary points to the notes.
 */
function issueMarks(issues: readonly CellIssue[], ids: ReadonlyMap<number, string>): RowMark[] {
  return issues.flatMap((i) => {
    const rowId = i.row === undefined ? undefined : ids.get(i.row);
    return i.severity === 'warning' && i.column && rowId !== undefined ? [{ rowId, row: i.row!, column: columnNumber(i.column), message: i.message, warning: true }] : [];
  });
}

/** Where an error with no column of its own (a missing field) is shown: the row's first mapped cell. */
function firstColumn(t: TableSheet): number {
  const columns = [...t.read.map.fields.values()].map((f) => t.columnOf(f) ?? Infinity);
  return columns.length ? Math.min(...columns) : 1;
}

const n = (x: number) => x.toLocaleString('en-US');

/** Rows a person must find, named: a few, then how many more. */
const NAMED_ROWS = 3;
function named(names: readonly string[]): string {
  const distinct = [...new Set(names)];
  const more = distinct.length - NAMED_ROWS;
  return more > 0 ? `${distinct.slice(0, NAMED_ROWS).join(', ')} and ${n(more)} more` : distinct.join(', ');
}

/** Where the warnings are noted: at every cell warned, at those of saved rows, or (none in a saved row) nowhere. */
const notesSay = (t: TableSyncReport) =>
  !t.unnoted ? '; a note on each cell warned says why' : t.unnoted < t.warned.length ? '; a note on each cell warned in a saved row says why' : '';

/** Messages a person must find, named: a few, then how many more. */
function listed(messages: readonly string[]): string {
  const more = messages.length - NAMED_ROWS;
  return more > 0 ? `${messages.slice(0, NAMED_ROWS).join('; ')}; and ${n(more)} more` : messages.join('; ');
}

/** A table's own ID column as a summary names it ("Request ID"), or "ID" for a table without one. */
const ownIdHeader = (table: string) => (table in TABLES ? idColumn(TABLES[table as TableName])?.header : undefined) ?? 'ID';

/** Cells the host would not mark or write as protected, and what lets the sync do it. */
function protectedSaid(cells: readonly string[], not: string): string {
  const one = cells.length === 1;
  return `${counted(cells.length, 'cell')} not ${not} (${listed(cells)}): ${one ? 'the cell is' : 'the cells are'} protected from you; ask the sheet's owner to let you edit ${one ? 'it' : 'them'}, or sync as someone who may`;
}

/** Why new rows went where they did, as the summary says it. */
const INTO_WHY: Record<IntoWhy, string> = {
  'last web-form requests': 'the sheet the last web-form requests went to',
  'latest received': 'the sheet holding the latest received request',
  rows: "the sheet holding the table's rows",
};

export function summarize(tables: readonly TableSyncReport[]): string {
  return tables
    .map((t) => {
      const parts: string[] = [];
      const { into } = t.pulled;
      if (t.pulled.added) parts.push(`${n(t.pulled.added)} new from the web form${into ? `, into ${into.sheet}, ${INTO_WHY[into.why]}` : ''}`);
      if (t.pulled.unmoved) parts.push(`the new ${t.pulled.added > 1 ? 'requests' : 'request'} went in above ${t.pulled.unmoved}, the table's last row, not under it: that row is protected from you, so it could not move down; ask the sheet's owner to let you edit it, or sync as someone who may`);
      const { unwritten } = t.pulled;
      if (unwritten.length) parts.push(`${counted(unwritten.length, 'web-form request')} not written in (${named(unwritten)}): ${unwritten.length > 1 ? 'their rows are' : 'its row is'} protected from you; ask the sheet's owner to let you edit the table's rows, or sync as someone who may; the service keeps ${unwritten.length > 1 ? 'them' : 'it'} and the next sync tries again`);
      const { blocked } = t.pulled;
      if (blocked) parts.push(`${n(blocked.rows)} new from the web form waiting: ${blocked.sheet} has another table below the ${blocked.table} table; move one of them to a sheet of its own and sync again`);
      if (t.pulled.updated) parts.push(`${counted(t.pulled.updated, 'survey answer')} filled in`);
      const { waiting } = t.pulled;
      if (waiting.length) parts.push(`${counted(waiting.length, 'survey answer')} waiting (${named(waiting)}): ${waiting.length > 1 ? 'their rows are' : 'its row is'} not in the table by Sync ID (deleted, or moved above the header row); the next sync tries again`);
      if (t.refilled) parts.push(`${counted(t.refilled.rows, 'row')} filled in from what the service held for the new ${t.refilled.headers.length > 1 ? 'columns' : 'column'} ${t.refilled.headers.map((h) => `"${h}"`).join(', ')}`);
      const clipped = [...(t.pulled.clipped ?? []), ...(t.refilled?.clipped ?? [])];
      if (clipped.length) parts.push(`${counted(clipped.length, 'row')} with texts clipped to the ${MAX_FIELD_TEXT} characters a field keeps (${listed(clipped)})`);
      if (t.restored) parts.push(`${counted(t.restored, 'Sync ID')} restored (${t.restored > 1 ? 'rows' : 'a row'} without one, or with another row's after a paste, matched to the service's by content or by their ${ownIdHeader(t.table)}, or by place where the Sync ID cell is protected)`);
      parts.push(`${n(t.sent)} sent`, `${n(t.accepted)} saved`, `${n(t.rows - t.sent + t.unchanged)} unchanged`);
      if (t.deleted) parts.push(`${n(t.deleted)} removed`);
      if (t.rejected) parts.push(`${n(t.rejected)} need fixing (see the highlighted cells${t.toFix.length ? `: ${listed(t.toFix)}` : ''})`);
      if (t.unmarked.length) parts.push(`${n(t.unmarked.length)} of them not marked (${named(t.unmarked)}): ${t.unmarked.length > 1 ? 'their rows were' : 'its row was'} not in the table by Sync ID when the marks were written (deleted, or moved above the header row, during the sync); sync again`);
      if (t.protectedMarks) parts.push(protectedSaid(t.protectedMarks, 'marked'));
      // A new row's cell refused its formula is refused it again when the rows are readied: named once.
      const notWritten = [...new Set([...(t.pulled.refused ?? []), ...(t.protectedWrites ?? [])])];
      if (notWritten.length) parts.push(protectedSaid(notWritten, 'written'));
      if (t.protectedDropdowns) parts.push(protectedSaid(t.protectedDropdowns, 'given their dropdowns'));
      if (t.protectedColors) parts.push(protectedSaid(t.protectedColors, 'given their status colors'));
      for (const p of t.printAreasKept ?? []) parts.push(`the print area of ${p.sheet} not moved to end at row ${n(p.toRow)}: the sheet's page setup is protected from you, so it prints as before; ask the sheet's owner to let you change it, or sync as someone who may`);
      if (t.noteOnly) parts.push(`${counted(t.noteOnly, 'cell', 'cells')} to fix marked by ${t.noteOnly > 1 ? 'their notes' : 'its note'} alone, keeping ${t.noteOnly > 1 ? 'their' : 'its'} own fill: too many filled cells for the add-on to remember their colors`);
      for (const r of t.readied) parts.push(`status formulas and dropdowns ${t.readied.length > 1 ? `on ${r.sheet} ` : ''}ready down to row ${n(r.toRow)}`);
      for (const { header, kind, count, notWritten, later, columnsChanged } of t.periodEnds) {
        const cells = `${n(count)} ${header} ${count > 1 ? 'cells' : 'cell'} typed as a ${kind}`;
        const it = count > 1 ? 'them' : 'it';
        parts.push(columnsChanged
          ? `${cells} not set to the ${kind}'s last day: the sheet's columns changed during the sync; the next sync sets ${it}`
          : notWritten === undefined
            ? `${cells} now ${count > 1 ? 'hold' : 'holds'} the ${kind}'s last day (still shown as the ${kind})`
            : `${cells} not set to the ${kind}'s last day (${notWritten.replace(/\.?$/, '.')}): the sheet's own statuses judge ${it} by the ${kind}'s first day; ${
              later === 'left' ? `later syncs leave ${it} as ${count > 1 ? 'they are' : 'it is'}` : `${later === 'full' ? 'more than the add-on can remember: ' : ''}the next sync tries ${it} again`}`);
      }
      if (t.warned.length) parts.push(`${counted(t.warned.length, 'warning')}, rows saved as read (${listed(t.warned)}${notesSay(t)})`);
      if (t.typedOver.length) parts.push(`${counted(t.typedOver.length, 'status cell holds a typed value', 'status cells hold typed values')} instead of the formula (${named(t.typedOver)}; kept; clear a cell to get its formula back)`);
      const lacking = t.pulled.missingColumns;
      const missing = lacking.length ? `. Add ${lacking.length > 1 ? 'columns' : 'a column'} ${joinedNames(lacking.map((h) => `"${h}"`))} to see all the service holds` : '';
      return `${t.sheet}: ${parts.join(', ')}${t.problems.length ? `. ${t.problems.join('; ')}` : ''}${missing}`;
    })
    .join('\n');
}

/**
 * Why the sync must wait, when cells whose formulas fetch data (IMPORTRANGE, IMPORTDATA, GOOGLEFINANCE; Excel's
 * #BUSY!) have not finished: read now, a row would be stored holding "Loading..." or rejected for a date it lacks,
 * and the Lists would offer "Loading..." as a choice. A value typed as that text is no formula's, and goes as typed.
 */
function stillLoading(sheets: readonly TableSheet[], rules: Rules): string | undefined {
  const cells = sheets.flatMap((t) =>
    t.host.flatMap((line, r) => line.flatMap((v, c) => (isLoadingCell(v, t.formulas, r, c) ? [placeRef(t.sheet, r + 1, columnLetter(c + 1))] : []))),
  );
  cells.push(...rules.issues.filter((i) => i.code === 'still_loading').map((i) => placeRef(i.sheet!, i.row!, i.column)));
  if (cells.length === 0) return undefined;
  const shown = cells.slice(0, 3).join(', ') + (cells.length > 3 ? ` and ${(cells.length - 3).toLocaleString('en-US')} more` : '');
  return `Not synced yet: ${counted(cells.length, 'cell is', 'cells are')} still loading their formulas' data (${shown}; IMPORTRANGE, IMPORTDATA or a similar formula has not finished). Nothing was sent; sync again in a moment. If they stay loading, check those formulas: nothing syncs until they show their data.`;
}

/** The Lists cells not read as choices or rules (a formula's error), the first few by cell; '' when there are none. */
function listsSkipped(rules: Rules): string {
  const shown = rules.issues.slice(0, 3).map(formatCellIssue);
  const more = rules.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${counted(more, 'more Lists cell')} with a warning` : '');
}

/**
 * The template to set up again when the workbook has no Lists sheet but a table's status formulas were laid out to
 * read one (the Lists tab deleted): undefined when Lists is there, or no status formula was ever laid out.
 */
function listsMissing(names: readonly string[], groups: readonly TableGroup[]): TemplateName | undefined {
  if (names.includes(LISTS_SHEET)) return undefined;
  // Sheets keeps a deleted sheet's name in the formula (an unresolved sheet name); Excel writes `#REF!` in its place.
  const pointsAtLists = (formula: string) => readsLists(formula) || formula.includes('#REF!');
  const laidOut = groups.flatMap((g) => g.sheets).find((t) => [...statusColumnsOf(t, true)].some((column) => t.formulas.some((line) => pointsAtLists(String(line[column - 1] ?? '')))));
  return laidOut && templateOf(laidOut.table.name);
}

function* none(): Task<{ refilled?: TableSyncReport['refilled'] }> {
  return {};
}

/** The pull again, after the push: the service's values for columns the sheets did not have before, written in. */
function* refill(deps: SyncDeps, conn: Connection, group: TableGroup, fields: readonly string[], hasLists: boolean, fiscalYearStartMonth: number): Task<{ refilled?: TableSyncReport['refilled'] }> {
  const { report } = yield* pullIntoSheets(deps.port, deps.http, conn, group.sheets.filter((t) => unreadableBecause(t) === undefined), hasLists, fiscalYearStartMonth);
  const headers = fields.map((field) => group.table.columns.find((c) => c.name === field)?.header ?? field);
  return report.updated ? { refilled: { rows: report.updated, headers, clipped: report.clipped } } : {};
}

/** The group with the sheets a pull wrote into read again (as the tables they were), the others as read before. */
function* readAgain(port: SpreadsheetPort, group: TableGroup, written: readonly string[], reading: SheetReading): Task<TableGroup> {
  const sheets: TableSheet[] = [];
  for (const name of sheetNames(group.sheets)) {
    const before = group.sheets.filter((t) => t.sheet === name);
    // Read as it was, then only the tables of this group: the others' rows are another group's.
    const again = written.includes(name) ? yield* readTableSheet(port, name, before[0].top, { ...reading, held: () => before[0].held }) : before;
    sheets.push(...again.filter((t) => t.table.name === group.table.name));
  }
  return { ...group, sheets };
}

/**
 * Syncs every table (each kept on one sheet or several); throws `busy` when another sync holds the lock.
 * The workbook's sheets are listed once, and each sheet read once, plus once more if the pull wrote into it;
 * a table's formulas come with its values, to tell a blank status cell from one whose formula shows nothing.
 */
export function* syncNow(deps: SyncDeps): Task<SyncReport> {
  const conn = yield* connection(deps.settings, deps.port.words);
  if (!(yield* io(deps.lock.tryLock(LOCK_WAIT_MS)))) throw new AddonError('busy', 'Another sync of this spreadsheet is still running; try again in a minute.');
  try {
    const names = yield* io(deps.port.sheetNames());
    const read = yield* spreadsheetRules(deps.port, names, { withFormulas: true });
    // A sheet named Lists that is not laid out as the templates' is the person's own: nothing points into it.
    const hasLists = names.includes(LISTS_SHEET) && read.ownLists !== undefined;
    // Before the sheet's formulas are read again or laid out: from this sync on they read the number the words say.
    const { notice: numbersWritten, rules } = hasLists ? yield* writeNumbersInWords(deps.port, read) : { notice: '', rules: read };
    // Legends and header ties read by the lists the rows are checked against, as `import` reads them.
    const reading = { fiscalYearStartMonth: rules.settings.fiscalYearStartMonth, ...(hasLists ? { lists: checkedLists(rules) } : {}) };
    const before = yield* readSyncedTables(deps.port, deps.settings, reading, names);
    if (before.length === 0) {
      throw new AddonError('no_table', `No sheet here looks like an Equity Desk table (Requests, Work plan, Milestones or Roadmap): ${deps.port.words.setUp()} first.`);
    }
    const loading = stillLoading(before.flatMap((g) => g.sheets), rules);
    if (loading !== undefined) throw new AddonError('loading', loading);
    yield* loadedNow(deps.settings);
    // Pulled first: the rows written into the sheet are then read with it, so the push below finds them
    // unchanged instead of sending the sheet's older version or taking a new row for a deleted one.
    // Sent before any table's rows, which the service checks against them (a work plan's statuses too).
    if (hasLists && before.some((g) => g.sheets.length > 0)) yield* sendLists(deps.http, conn, rules);
    const pulled = yield* sequence(before.map((group) => pullIntoSheets(deps.port, deps.http, conn, group.sheets.filter((t) => unreadableBecause(t) === undefined), hasLists, reading.fiscalYearStartMonth)));
    const groups = yield* sequence(before.map((group, i) => readAgain(deps.port, group, pulled[i].written, reading)));
    const missing = listsMissing(names, groups);
    const synced = yield* sequence(groups.map((group, i) => syncTable(deps, conn, group, rules, hasLists, pulled[i].report, hasLists && i === 0, missing !== undefined)));
    // After the service has read every table: the day it read each period typed as a date, into the sheet, where the
    // status formulas and EQ_ functions see it too. Two tables stacked in a sheet share one read of it.
    const ends = yield* endPeriods(deps.port, deps.settings, synced.map((s) => s.ends));
    // A column added for a field the service kept: the push had the service queue what it holds there, written in now.
    const refills = yield* sequence(synced.map((s, i) => (s.appeared.length ? refill(deps, conn, groups[i], s.appeared, hasLists, reading.fiscalYearStartMonth) : none())));
    const tables = synced.map((s, i): TableSyncReport => ({ ...s.report, periodEnds: ends[i], ...refills[i] }));
    // Last, over the sheets as this sync left them: a Dashboard counting a table's own sheet follows its columns and rows.
    const followed = yield* sequence(groups.map((group) => followOwnSheet(deps.port, group.sheets, names, rules, localToday())));
    const listsLine = missing === undefined ? '' : `The Lists sheet is missing: the status columns that read it show #REF! and have no dropdowns. To put it back (your data is kept), ${deps.port.words.setUp(missing)}.`;
    const notices = [listsLine, numbersWritten, listsSkipped(rules), ...followed].filter((line) => line !== '');
    return { tables, notices, summary: [...notices, summarize(tables)].join('\n') };
  } finally {
    yield* io(deps.lock.release());
  }
}
