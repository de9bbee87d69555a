// The other direction of "Sync now": rows the service holds that this sheet has not written yet (requests
// from the public form, survey answers), written into the table and then acknowledged, before the sheet's
// own rows are sent. Design: docs/decisions/010-rows-from-the-service-to-sheets.md.
import { idColumn, inputCellValue, type FieldOf, type TableDef, type TypedValue } from '../../shared/tables';
import { DEFAULT_READ_OPTIONS } from '../../shared/validate-row';
import { readCell } from '../../shared/cells/read-cell';
import { isIsoDate } from '../../shared/cells/dates';
import { localToday } from '../../templates/build-template';
import { ANSWER_SHAPES } from '../../shared/shapes/built-shapes';
import type { OutboxItem } from '../../shared/wire/sync-answers';
import type { OutboxAck } from '../../shared/wire/sync-wire';
import type { HostCell, NewRow, RowCells, SpreadsheetPort, WriteCell } from '../port/spreadsheet-port';
import type { HttpPort } from '../port/host-ports';
import { isSpareRow, statusColumnsOf } from './ready-rows';
import { rowName } from './row-ids';
import { callJson, request } from './service-client';
import type { Connection } from './settings';
import { SYNC_ID_HEADER, gridWidth, type TableSheet } from './table-sheet';
import { io, type Task } from './task';
import { ProtectedCellsError } from '../port/protected-cells';
import { isErrorType } from '../../shared/typed-error';
import { placeRef } from '../../shared/sheet-ref';
import { isWebFormRowId } from '../../shared/row-id';
import { columnLetter } from '../../shared/lists';
import { clipText, MAX_FIELD_TEXT } from '../../shared/clip-text';

export interface PullReport {
  /** New rows appended (web-form requests). */
  added: number;
  /** Existing rows whose fields were filled in (survey answers). */
  updated: number;
  /**
   * Survey answers not written, for a row no sheet's table holds by its Sync ID (deleted, or moved above the header
   * row, before or while the sync ran), each by the name of its row (`rowName`): not acknowledged, so the next sync
   * tries again. The service drops them once the row is removed.
   */
  waiting: string[];
  /**
   * New rows the host refused as protected, their Sync ID cell with them (a log whose rows are all locked), each by the
   * name of its row: not in the sheet, so not acknowledged; the service keeps them and the next sync tries again.
   */
  unwritten: string[];
  /** Fields the sheet has no column for, by header: said in the summary so staff can add the column. */
  missingColumns: string[];
  /**
   * Cells the host refused as protected from the person syncing, by place: of survey answers, which are not
   * acknowledged, so a sync once the cells may be edited writes them; of new rows, added with the cells around them.
   * Absent when none.
   */
  refused?: string[];
  /**
   * The table's last row, by place, when the host refused to move it under the new rows as protected from the person
   * syncing: they went in above it, still inside the table. Absent when it moved, or none went in inside.
   */
  unmoved?: string;
  /**
   * New rows not written, the sheet and its table's name: every table of this kind has another stacked below it, where they would be
   * read as that table's rows. Not acknowledged, so a sync after the tables are moved apart writes them.
   */
  blocked?: { rows: number; sheet: string; table: string };
  /** Rows written with texts clipped (`cellOf`), each as its name and the headers clipped: "Request ID TA-1: Description". */
  clipped?: string[];
  /** The sheet new rows went into, and why, when another sheet of the table could have taken them; absent when none went in. */
  into?: { sheet: string; why: IntoWhy };
}

/** What a pull reported, and the sheets it wrote into (read again before the push). */
export interface Pulled {
  report: PullReport;
  written: string[];
}

const NOTHING: Pulled = { report: { added: 0, updated: 0, waiting: [], unwritten: [], missingColumns: [] }, written: [] };

/** Why new rows went into a sheet another sheet of the table could have taken them in, as the summary says it. */
export type IntoWhy = 'last web-form requests' | 'latest received' | 'rows';

const RECEIVED = 'receivedOn' satisfies FieldOf<'requests'>;

/**
 * The latest day a sheet's rows were received on (ISO), as its cells read with its title's year; undefined when none
 * reads as a day. A day after today is a year typed wrong (2206), not the log in use.
 */
function latestReceived(t: TableSheet, fiscalYearStartMonth: number, today: string): string | undefined {
  const column = t.table.columns.find((c) => c.name === RECEIVED);
  if (column === undefined) return undefined;
  const options = { ...DEFAULT_READ_OPTIONS, ...t.read.title, fiscalYearStartMonth };
  let latest: string | undefined;
  for (const { raw } of t.read.rows) {
    const { value } = readCell(column, raw[RECEIVED], options);
    if (isIsoDate(value) && value <= today && (latest === undefined || value > latest)) latest = value;
  }
  return latest;
}

/**
 * The sheet new rows go into: under a table with none stacked below it, where they stay its rows (under another, they
 * would be the next table's). Of several, the one the last web-form requests went to (the latest web-form Sync ID), else
 * the one holding the latest received request (a log kept per fiscal year: this year's), else the first holding rows,
 * so an office's own log wins over the template's empty Requests sheet beside it; `into` says which and why when there
 * was such a choice. All of it from the sheets as read: no host call.
 */
function newRowsSheet(sheets: readonly TableSheet[], fiscalYearStartMonth: number): { sheet?: TableSheet; into?: { sheet: string; why: IntoWhy } } {
  const open = sheets.filter((sheet) => sheet.read.nextAt === undefined);
  if (open.length < 2) return { sheet: open[0] ?? sheets[0] };
  let latest: { sheet: TableSheet; id: string } | undefined;
  for (const sheet of open) {
    for (const { row } of sheet.read.rows) {
      const id = sheet.syncIdAt(row);
      if (isWebFormRowId(id) && (latest === undefined || id > latest.id)) latest = { sheet, id };
    }
  }
  if (latest) return { sheet: latest.sheet, into: { sheet: latest.sheet.sheet, why: 'last web-form requests' } };
  const held = open.filter((sheet) => sheet.read.rows.length > 0);
  if (held.length === 0) return { sheet: open[0] };
  const today = localToday();
  const days = held.map((sheet) => latestReceived(sheet, fiscalYearStartMonth, today) ?? '');
  const newest = days.reduce((best, day, i) => (day > days[best] ? i : best), 0);
  // Only a later day than the first sheet's moves the rows: logs received into on the same day keep the sheet order.
  const why: IntoWhy = days[newest] !== '' && days.some((day) => day !== days[newest]) ? 'latest received' : 'rows';
  return { sheet: held[newest], into: { sheet: held[newest].sheet, why } };
}

/**
 * A stored value as a cell: dates as date cells, text always as text (never run as a formula). Text longer than a
 * field keeps (stored before the service kept text to that) is clipped as a sync would store it, with the marker, so
 * no host's cell limit refuses the write; its header goes into `clipped`.
 */
function cellOf(table: TableDef, field: string, value: unknown, clipped: string[]): WriteCell {
  if (value === null || value === undefined) return null;
  const column = table.columns.find((c) => c.name === field);
  if (typeof value === 'string' && value.length > MAX_FIELD_TEXT) {
    clipped.push(column?.header ?? field);
    value = clipText(value, MAX_FIELD_TEXT);
  }
  if (column?.type === 'date' && typeof value === 'string') return { date: value };
  return column ? inputCellValue(column, value as TypedValue) : (value as TypedValue);
}

/** The Sync IDs a sheet's column holds, as read. */
function idsIn(values: readonly (readonly HostCell[])[], column: number): Set<string> {
  return new Set(values.map((line) => String(line[column - 1] ?? '')).filter((id) => id !== ''));
}

/**
 * The own IDs (`Request ID`) of rows whose Sync ID cell is blank, as read, but for those of `before` (the sheet's own
 * rows as read before the pull): new rows written with every cell but their Sync ID, which the host refused. Empty for
 * a table without an own ID.
 */
function ownIdsWithoutSyncId(t: TableSheet, values: readonly (readonly HostCell[])[], syncColumn: number): Set<string> {
  const own = idColumn(t.table);
  const column = own === undefined ? undefined : t.columnOf(own.name);
  if (own === undefined || column === undefined) return new Set();
  const before = new Set(t.read.rows.map(({ raw }) => String(raw[own.name] ?? '').trim()));
  const found = new Set<string>();
  for (const line of values) {
    const id = String(line[column - 1] ?? '').trim();
    if (id !== '' && String(line[syncColumn - 1] ?? '') === '' && !before.has(id)) found.add(id);
  }
  return found;
}

/**
 * Writes the source's outbox items for this table into its sheets and acknowledges those written: new rows
 * under the table of the sheet `newRowsSheet` picks (with none open below, they wait in the outbox), answers into the row holding their Sync ID when the port writes (a person may
 * sort the sheet meanwhile). A new row whose id a sheet already holds was written by an earlier sync that failed
 * before acknowledging: it is acknowledged, not written twice. An answer whose row no sheet holds is neither. Returns what changed; the caller reads the sheets written into again. `hasLists`: whether the
 * workbook has the Lists sheet most status formulas read; `fiscalYearStartMonth`, its setting, for received days
 * typed without a year.
 */
export function* pullIntoSheets(port: SpreadsheetPort, http: HttpPort, conn: Connection, sheets: readonly TableSheet[], hasLists: boolean, fiscalYearStartMonth: number): Task<Pulled> {
  const { sheet: t, into } = newRowsSheet(sheets, fiscalYearStartMonth);
  if (t === undefined) return NOTHING;
  const { items } = yield* callJson(http, request(conn, 'GET', `/api/v1/outbox?table=${encodeURIComponent(t.table.name)}`), ANSWER_SHAPES.outbox);
  if (items.length === 0) return NOTHING;

  const rowOfId = new Map<string, number>();
  const added = new Set<string>();
  const elsewhere = new Map<string, { sheet: TableSheet; row: number }>();
  for (const sheet of sheets) {
    for (const { row } of sheet.read.rows) {
      const id = sheet.syncIdAt(row);
      if (id === '' || rowOfId.has(id) || elsewhere.has(id)) continue;
      if (sheet === t) rowOfId.set(id, row);
      else elsewhere.set(id, { sheet, row });
    }
  }
  const width = gridWidth(t.grid);
  // The Sync ID column: the sheet's own, else a new one after the last used column (as stamping adds it).
  const syncColumn = t.syncIdColumn ?? width + 1;
  const addsSyncId = t.syncIdColumn === null && t.headerRow > 0;
  if (addsSyncId) yield* io(port.writeBlock(t.sheet, t.headerRow, syncColumn, [[SYNC_ID_HEADER]]));
  const blockWidth = Math.max(width, syncColumn);
  // New rows go on the first rows below the table holding nothing but status formulas (the template's spare
  // rows), whose formulas they keep: the status cells are left out of the write, and readying rows fills any
  // that lack one, so no formula is written twice. The port checks each row is still free as it writes: a
  // person may have typed into it since the sheet was read.
  const statusColumns = statusColumnsOf(t, hasLists);
  const tableEnd = Math.max(t.headerRow, t.read.rows.length ? t.read.rows[t.read.rows.length - 1].row : t.headerRow);
  let held = t.host.length;
  while (held > tableEnd && isSpareRow(t, held, statusColumns)) held--;
  const below = Math.max(held, tableEnd) + 1;
  // Something the office keeps under its table (a totals line, a note): new rows below it would be outside the
  // table and its SUMs. They go in as the table's last rows instead, inside every range over its rows, as a person
  // expects of a log: neither host grows a range for rows inserted right under it, so the port inserts them above the
  // last row and moves that row's content up over them. With nothing below, a table whose last row holds formulas of
  // the office's own (not the status columns a spare row keeps) gets its new rows the same way. Either way each takes
  // the formulas of the row above. A table of one row has no range to go in inside: they go right under it (decision
  // 010).
  const ownFormula = (row: number) => (t.formulas[row - 1] ?? []).some((f, i) => f !== '' && i + 1 !== syncColumn && !statusColumns.has(i + 1));
  const insertUnder = held > tableEnd || (t.read.rows.length && ownFormula(tableEnd)) ? tableEnd : undefined;
  const inside = t.read.rows.length > 1;
  const copied = (column: number) => insertUnder !== undefined && column !== syncColumn && (t.formulas[insertUnder - 1]?.[column - 1] ?? '') !== '';

  const report: PullReport = { added: 0, updated: 0, waiting: [], unwritten: [], missingColumns: [] };
  const refusedAt = (e: ProtectedCellsError, sheet = t.sheet) => {
    for (const c of e.cells) (report.refused ??= []).push(placeRef(sheet, c.row, columnLetter(c.column)));
  };
  const missing = new Set<string>();
  const newRows: NewRow[] = [];
  /** The items of `newRows`, in order: acknowledged once their rows are in the sheet. */
  const newItems: OutboxItem[] = [];
  /** The same rows as they go on spare rows, should the host refuse to insert rows. */
  const spareRows: NewRow[] = [];
  const answers = new Map<TableSheet, { rows: RowCells[]; items: OutboxItem[] }>();
  const acked: number[] = [];
  /** The headers of each item's clipped texts, by item: said once the item is written. */
  const clippedOf = new Map<OutboxItem, string[]>();
  const cellOfItem = (item: OutboxItem, field: string) => {
    const clipped = clippedOf.get(item) ?? [];
    clippedOf.set(item, clipped);
    return cellOf(t.table, field, item.values[field], clipped);
  };
  let blocked = 0;
  for (const item of items) {
    const existing = rowOfId.get(item.rowId);
    if (item.kind === 'row') {
      if (existing !== undefined || elsewhere.has(item.rowId) || added.has(item.rowId)) {
        acked.push(item.id);
        continue;
      }
      if (t.read.nextAt !== undefined) {
        blocked++;
        continue;
      }
      newItems.push(item);
      const line: WriteCell[] = new Array<WriteCell>(blockWidth).fill(null);
      for (const [field, value] of Object.entries(item.values)) {
        const at = t.columnOf(field);
        if (at !== undefined) line[at - 1] = cellOfItem(item, field);
        else if (value !== null) missing.add(field);
      }
      line[syncColumn - 1] = item.rowId;
      newRows.push(line.map((cell, i) => (statusColumns.has(i + 1) || copied(i + 1) ? undefined : cell)));
      spareRows.push(line.map((cell, i) => (statusColumns.has(i + 1) ? undefined : cell)));
      added.add(item.rowId);
      continue;
    }
    // An answer for a row no sheet holds (deleted before this sync) waits: the push removes the row, and the
    // service then drops the answer.
    const holder = existing !== undefined ? { sheet: t, row: existing } : elsewhere.get(item.rowId);
    if (holder === undefined) {
      report.waiting.push(rowName(t.table, item.values, item.rowId));
      continue;
    }
    const cells: { column: number; cell: WriteCell }[] = [];
    for (const field of item.fields ?? []) {
      const at = holder.sheet.columnOf(field);
      if (at !== undefined) cells.push({ column: at, cell: cellOfItem(item, field) });
      else if (item.values[field] !== null && item.values[field] !== undefined) missing.add(field);
    }
    // Nothing the sheet has a column for: written as far as it can be (the summary asks for the columns).
    if (cells.length === 0) {
      acked.push(item.id);
      continue;
    }
    const pending = answers.get(holder.sheet) ?? { rows: [], items: [] };
    answers.set(holder.sheet, pending);
    pending.rows.push({ rowId: item.rowId, row: holder.row, cells });
    pending.items.push(item);
  }
  // Answers land on rows far apart: one scattered write per sheet, however many there are, each into the row
  // holding its Sync ID as the port writes.
  for (const [sheet, { rows, items: answered }] of answers) {
    let found: Set<string>;
    const refusedRows = new Set<string>();
    // A protected cell keeps what it holds: the port writes the cells around it.
    try {
      found = new Set(yield* io(port.writeRowsById(sheet.sheet, sheet.syncIdColumn!, sheet.headerRow + 1, rows)));
    } catch (e) {
      if (!isErrorType(e, ProtectedCellsError)) throw e;
      found = new Set(e.written);
      for (const c of e.cells) if (c.rowId !== undefined) refusedRows.add(c.rowId);
      refusedAt(e, sheet.sheet);
    }
    for (const item of answered) {
      if (refusedRows.has(item.rowId)) continue;
      if (!found.has(item.rowId)) {
        report.waiting.push(rowName(t.table, item.values, item.rowId));
        continue;
      }
      acked.push(item.id);
      report.updated++;
    }
  }
  let inserted = false;
  // Cells of the new rows the host refused: the Sync ID cell may be among them, and a row without one is not in the sheet.
  let refusedNew = false;
  let unmoved: string | undefined;
  if (newRows.length && insertUnder !== undefined) {
    try {
      // Under the row they were placed under by its Sync ID: a person may add or delete rows above meanwhile.
      const above = t.syncIdAt(insertUnder);
      yield* io(port.insertRows(t.sheet, insertUnder, newRows, { inside, ...(above === '' ? {} : { anchor: { idColumn: syncColumn, rowId: above } }) }));
      inserted = true;
    } catch (e) {
      // A sheet protected from this person refuses new rows inside its table, and inserts none: they go below it,
      // as before insertion, rather than wait for a sync the same protection refuses again.
      if (!isErrorType(e, ProtectedCellsError)) throw e;
      // Inserted, with the protected cells left as they were, or above a last row that would not move.
      inserted = e.cells.length > 0 || e.unmoved !== undefined;
      if (e.unmoved !== undefined) unmoved = placeRef(t.sheet, e.unmoved);
      refusedNew = e.cells.length > 0;
      refusedAt(e);
    }
  }
  if (newRows.length && !inserted) {
    // The rows are there with the cells around the protected ones: taken as added, so they are not added again.
    try {
      yield* io(port.appendRows(t.sheet, below, spareRows));
    } catch (e) {
      if (!isErrorType(e, ProtectedCellsError)) throw e;
      refusedNew = e.cells.length > 0;
      refusedAt(e);
    }
  }
  // Acknowledged only once in the sheet: the service then takes a row missing from the push for one deleted. After a
  // refusal the Sync ID column says which went in (one read more, only then); the rest wait at the service. A row in
  // with all but its Sync ID (that column protected) is in too, known by its own ID: offered again, it would go in once
  // more at every sync. The push knows it by that ID or its content and syncs it under its id (`stampRowIds`).
  const read = refusedNew ? yield* io(port.readSheet(t.sheet)) : undefined;
  const inSheet = read && idsIn(read, syncColumn);
  const inWithoutId = read && ownIdsWithoutSyncId(t, read, syncColumn);
  const own = idColumn(t.table)?.name;
  for (const item of newItems) {
    const ownId = own === undefined ? '' : String(item.values[own] ?? '').trim();
    if (inSheet && !inSheet.has(item.rowId) && !(ownId !== '' && inWithoutId?.has(ownId))) report.unwritten.push(rowName(t.table, item.values, item.rowId));
    else {
      acked.push(item.id);
      report.added++;
    }
  }
  const ackedIds = new Set(acked);
  const clipped = [...clippedOf].filter(([item, headers]) => headers.length && ackedIds.has(item.id)).map(([item, headers]) => `${rowName(t.table, item.values, item.rowId)}: ${headers.join(', ')}`);
  if (clipped.length) report.clipped = clipped;
  if (unmoved !== undefined && report.added > 0) report.unmoved = unmoved;
  if (into && report.added > 0) report.into = into;
  if (acked.length) {
    // The fields no column showed: their answers stay held over the sheet's blank, not taken as written in.
    const ack: OutboxAck = { table: t.table.name, ids: acked, ...(missing.size ? { unshown: [...missing] } : {}) };
    yield* callJson(http, request(conn, 'POST', '/api/v1/outbox/ack', ack));
  }
  if (blocked) report.blocked = { rows: blocked, sheet: t.sheet, table: t.table.sheet };
  report.missingColumns = [...missing].map((field) => t.table.columns.find((c) => c.name === field)?.header ?? field);
  const written = new Set([...answers.keys()].map((sheet) => sheet.sheet));
  if (newRows.length || addsSyncId) written.add(t.sheet);
  return { report, written: [...written] };
}
