// One table's sync: its rows read and checked, Sync IDs stamped, only what changed sent, the service's answers
// marked at their cells, and the sheets readied and remembered.
import { contentHash } from '../../shared/content-hash';
import { ANSWER_SHAPES } from '../../shared/shapes/built-shapes';
import type { SyncRequest } from '../../shared/wire/sync-wire';
import { LISTS_SHEET, columnLetter } from '../../shared/lists';
import type { Rules } from '../../shared/rules';
import { formatCellIssue, inSheetWords, type CellIssue } from '../../shared/issues';
import { placeRef } from '../../shared/sheet-ref';
import { sheetPosition, type SheetRow } from '../../shared/read-table';
import { itemIdTail, ownRowId, rowIdOfItem } from '../../shared/row-id';
import { idColumn } from '../../shared/tables';
import { DEFAULT_READ_OPTIONS, validateSheetRows, type FarDates, type LentYears } from '../../shared/validate-row';
import { annotate, type RowMark } from './annotations';
import type { PullReport } from './pull-rows';
import { readyRows } from './ready-rows';
import { sheetMemoryKey } from './sheet-memory';
import { checkedLists } from './send-lists';
import { randomRowId, repeatedIds, rowName, stampRowIds, type HeldIds, type NewId } from './row-ids';
import { callJson, request } from './service-client';
import type { Connection } from './settings';
import { rememberSyncedSheets, type TableGroup } from './synced-sheets';
import { gridWidth, headerAt, type JsonCell, type TableSheet } from './table-sheet';
import type { HttpPort, SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { io, type Task } from './task';
import { typedPeriodWrites, type PeriodsToEnd } from './typed-periods';
import { contextOf, isStacked, sheetColumnsOf, sheetNames, sheetWarningOf, sheetWarningsOf, unreadableBecause, warningsKey, type SheetStatus } from './sheet-status';
import { firstColumn, issueMarks, regroupedIssue, warningMarks } from './sync-marks';
import { postsOf, type Move, type OutRow } from './sync-posts';
import type { TableSyncReport } from './sync-report';

/** What a table's sync works with: the host's ports, and how new Sync IDs are made (`SyncDeps` adds the lock). */
export interface TableSyncDeps {
  port: SpreadsheetPort;
  http: HttpPort;
  settings: SettingsPort;
  newId?: NewId;
}

const compact = (raw: Record<string, unknown>): Record<string, JsonCell> => {
  const out: Record<string, JsonCell> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined && v !== '') out[k] = v as JsonCell;
  return out;
};

/**
 * Syncs one table kept on one or more sheets as one set of rows: ids unique across the sheets, places
 * numbered sheet after sheet, and rows the service holds that no sheet has deleted, unless a sheet
 * could not be read (its rows are unknown). Sheets that could not be read, and sheets read again since,
 * are told to the service when that differs from what it holds. Once the service has it all, the
 * document remembers which sheets hold the table.
 */
export function* syncTable(deps: TableSyncDeps, conn: Connection, { table, sheets, synced }: TableGroup, rules: Rules, hasLists: boolean, pulled: PullReport, withLists = false, listsMissing = false): Task<{ report: Omit<TableSyncReport, 'periodEnds'>; ends: PeriodsToEnd[]; appeared: string[] }> {
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
