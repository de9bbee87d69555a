// "Sync now": each table read once, ids stamped, only rows whose content hash differs from what the
// service acknowledged sent (plus rows it would reject, so it stays the judge, and deletions), in
// chunks, under a lock; the service's rejections shown at their cells and cleared once fixed.
import { contentHash } from '../../shared/content-hash';
import { syncAnswer, syncStateAnswer, type SyncRequest } from '../../shared/wire/sync-wire';
import { formatCellIssue } from '../../shared/issues';
import { sheetPosition } from '../../shared/read-table';
import { validateRows } from '../../shared/validate-row';
import { AddonError } from './addon-error';
import { annotate, type CellMark } from './annotations';
import { pullIntoSheet, type PullReport } from './pull-rows';
import { sendLists } from './send-lists';
import { randomRowId, stampRowIds, type NewId } from './row-ids';
import { callJson, request } from './service-client';
import { connection, type Connection } from './settings';
import { readTableSheets, type JsonCell, type TableSheet } from './table-sheet';
import type { HttpPort, LockPort, SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { io, sequence, type Task } from './task';

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
  sent: number;
  accepted: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  warnings: number;
  /** Sheet-level problems (a required column missing), one line each. */
  problems: string[];
  /** What the service had for this sheet and wrote into it first (web-form requests, survey answers). */
  pulled: PullReport;
}

export interface SyncReport {
  tables: TableSyncReport[];
  summary: string;
}

type OutRow = SyncRequest['rows'][number];

const compact = (raw: Record<string, unknown>): Record<string, JsonCell> => {
  const out: Record<string, JsonCell> = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined && v !== '') out[k] = v as JsonCell;
  return out;
};

function* syncTable(deps: SyncDeps, conn: Connection, t: TableSheet, pulled: PullReport): Task<TableSyncReport> {
  const { byRow, stamped } = yield* stampRowIds(deps.port, t, deps.newId ?? randomRowId);
  const state = yield* callJson(deps.http, request(conn, 'GET', `/api/v1/sync/state?table=${encodeURIComponent(t.table.name)}`), syncStateAnswer);
  const held = new Map(state.rows.map((r) => [r.rowId, r]));

  const rawRows = t.read.rows.map((r) => r.raw);
  const results = validateRows(t.table, rawRows);
  const outgoing: OutRow[] = [];
  const moved: { rowId: string; sheetRow: number }[] = [];
  const rowOfId = new Map<string, number>();
  t.read.rows.forEach((r, i) => {
    const rowId = byRow.get(r.row)!;
    rowOfId.set(rowId, r.row);
    const result = results[i];
    const sheetRow = sheetPosition(0, r.row);
    const before = held.get(rowId);
    // Invalid rows are always sent: the service decides, and its answer is what the sheet shows. A row
    // that only moved (rows added or removed above it) is named with its new place, without its cells.
    if (!result.ok || before?.hash !== contentHash(result.values)) outgoing.push({ rowId, values: compact(r.raw), sheetRow });
    else if (before.sheetRow !== sheetRow) moved.push({ rowId, sheetRow });
  });
  const deleted = [...held.keys()].filter((id) => !rowOfId.has(id));

  const totals = { accepted: 0, unchanged: 0, deleted: 0 };
  const marks: CellMark[] = [];
  let rejected = 0;
  let warnings = 0;
  // Deletions, then moves, then rows, CHUNK_ROWS per request in all: the service counts each toward its
  // per-request limit.
  const lists = [deleted, moved, outgoing] as const;
  const total = lists.reduce((sum, list) => sum + list.length, 0);
  for (let start = 0; start < total; start += CHUNK_ROWS) {
    const [gone, moves, rows] = chunkOf(lists, start, CHUNK_ROWS);
    const body: SyncRequest = { table: t.table.name, rows, ...(gone.length ? { deleted: gone } : {}), ...(moves.length ? { moved: moves } : {}) };
    const answer = yield* callJson(deps.http, request(conn, 'POST', '/api/v1/sync', body), syncAnswer);
    totals.accepted += answer.accepted;
    totals.unchanged += answer.unchanged;
    totals.deleted += answer.deleted;
    warnings += answer.warnings.length;
    for (const r of answer.rejected) {
      rejected++;
      const row = rowOfId.get(r.rowId);
      if (row === undefined) continue;
      for (const e of r.errors) marks.push({ row, column: t.columnOf(e.field) ?? firstColumn(t), message: e.message });
    }
  }

  const width = Math.max(0, ...t.grid.map((line) => line.length));
  const lastRow = t.read.rows.length ? t.read.rows[t.read.rows.length - 1].row : t.headerRow;
  // A cell is remembered by its row's Sync ID and its column's header, which sorting and moves keep.
  const keyOf = (row: number, column: number) => {
    const id = byRow.get(row);
    return id ? `${id}|${String(t.grid[t.headerRow - 1]?.[column - 1] ?? column)}` : null;
  };
  yield* annotate(deps.port, deps.settings, t.sheet, { row: t.headerRow + 1, column: 1, numRows: lastRow - t.headerRow, numColumns: width }, marks, keyOf);

  return {
    sheet: t.sheet,
    table: t.table.name,
    rows: t.read.rows.length,
    stamped,
    sent: outgoing.length,
    ...totals,
    rejected,
    warnings,
    problems: t.read.issues.filter((i) => i.severity === 'error').map(formatCellIssue),
    pulled,
  };
}

/** Items `start` to `start + size` of the lists taken end to end, as one slice per list. */
function chunkOf<L extends readonly (readonly unknown[])[]>(lists: L, start: number, size: number): { [K in keyof L]: L[K] } {
  let offset = 0;
  return lists.map((list) => {
    const slice = list.slice(Math.max(0, start - offset), Math.max(0, start + size - offset));
    offset += list.length;
    return slice;
  }) as unknown as { [K in keyof L]: L[K] };
}

/** Where an error with no column of its own (a missing field) is shown: the row's first mapped cell. */
function firstColumn(t: TableSheet): number {
  const columns = [...t.read.map.fields.values()].map((f) => t.columnOf(f) ?? Infinity);
  return columns.length ? Math.min(...columns) : 1;
}

const n = (x: number) => x.toLocaleString('en-US');

export function summarise(tables: readonly TableSyncReport[]): string {
  return tables
    .map((t) => {
      const parts: string[] = [];
      if (t.pulled.added) parts.push(`${n(t.pulled.added)} new from the web form`);
      if (t.pulled.updated) parts.push(`${n(t.pulled.updated)} survey answer${t.pulled.updated === 1 ? '' : 's'} filled in`);
      parts.push(`${n(t.sent)} sent`, `${n(t.accepted)} saved`, `${n(t.rows - t.sent + t.unchanged)} unchanged`);
      if (t.deleted) parts.push(`${n(t.deleted)} removed`);
      if (t.rejected) parts.push(`${n(t.rejected)} need fixing (see the highlighted cells)`);
      const missing = t.pulled.missingColumns.length ? `. Add a column ${t.pulled.missingColumns.map((h) => `"${h}"`).join(', ')} to see all the service holds` : '';
      return `${t.sheet}: ${parts.join(', ')}${t.problems.length ? `. ${t.problems.join('; ')}` : ''}${missing}`;
    })
    .join('\n');
}

/** Syncs every table sheet; throws `busy` when another sync holds the lock. */
export function* syncNow(deps: SyncDeps): Task<SyncReport> {
  const conn = yield* connection(deps.settings);
  if (!(yield* io(deps.lock.tryLock(LOCK_WAIT_MS)))) throw new AddonError('busy', 'Another sync of this spreadsheet is still running; try again in a minute.');
  try {
    const sheets = yield* readTableSheets(deps.port);
    if (sheets.length === 0) {
      throw new AddonError('no_table', 'No sheet here looks like an Equity Desk table (Requests, Work plan, Milestones or Roadmap). Use "Set up from template" first.');
    }
    // Pulled first: the rows written into the sheet are then read with it, so the push below finds them
    // unchanged instead of sending the sheet's older version or taking a new row for a deleted one.
    if (sheets.some((t) => t.table.name === 'requests')) yield* sendLists(deps.port, deps.http, conn, yield* io(deps.port.sheetNames()));
    const pulled = yield* sequence(sheets.map((t) => pullIntoSheet(deps.port, deps.http, conn, t)));
    const wrote = pulled.some((p) => p.added + p.updated > 0);
    const current = wrote ? yield* readTableSheets(deps.port) : sheets;
    const tables = yield* sequence(current.map((t) => syncTable(deps, conn, t, pulled[sheets.findIndex((s) => s.table.name === t.table.name)] ?? { added: 0, updated: 0, missingColumns: [] })));
    return { tables, summary: summarise(tables) };
  } finally {
    yield* io(deps.lock.release());
  }
}
