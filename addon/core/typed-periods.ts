// A date typed as a month or a year (`Aug 2027` under `mmm yyyy`) made the day the service read it as, in the sheet:
// the sheet's status formulas and EQ_ functions see only the month's first day, which the cell holds, and no formula
// can ask a cell's format in every host (Sheets has no CELL("format")). Decision 016.
import { isIsoDate } from '../../shared/cells/dates';
import type { SheetRow } from '../../shared/read-table';
import type { RowResult } from '../../shared/validate-row';
import { isSyncIdHeader, placeByRowId } from '../port/rows-by-id';
import type { MergedRange } from '../port/merged-ranges';
import { isHostDate, type HostCell, type RowCells, type SheetCells, type SpreadsheetPort, type WriteCell } from '../port/spreadsheet-port';
import type { SettingsPort } from '../port/host-ports';
import { PROPERTY_BYTES, utf8Bytes } from './property-room';
import { readSheetMemory, sheetMemoryKey } from './sheet-memory';
import { isErrorType } from '../../shared/typed-error';
import { ProtectedCellsError } from '../port/protected-cells';
import { headerAt, jsonCell, type JsonCell, type TableSheet } from './table-sheet';
import { io, type Task } from './task';

/**
 * The cells to write so the sheet holds what the reader made of each deadline (an End, a Due) typed as a month or a
 * year: its last day, in place, its format kept so it still shows the month. Only a cell the person typed so: a day
 * typed with its day, a start, a period typed as text, a formula (its result is the formula's to make) and the
 * cells a merged one hides are left as they are. A blank end beside a start typed as a month is read as that month but never filled: a day written
 * there would no longer follow the start, and a start moved later would then end before it begins.
 * `results`: the rows of `t.read` as validated; `rowIdAt`: each sheet row's Sync ID.
 */
export function typedPeriodWrites(t: TableSheet, results: readonly RowResult[], rowIdAt: (row: number) => string | undefined): RowCells[] {
  const byRow = new Map<number, RowCells & { cells: { column: number; cell: WriteCell }[] }>();
  const asRead: PeriodCells = { values: t.host, formulas: t.formulas, merged: t.merged, shown: (row, column) => t.grid[row - 1]?.[column - 1] ?? null };
  t.read.rows.forEach((r: SheetRow, i) => {
    const values = results[i]?.values as Record<string, unknown> | undefined;
    const rowId = rowIdAt(r.row);
    if (!values || !rowId) return;
    for (const c of t.table.columns) {
      if (c.type !== 'date' || !c.deadline) continue;
      const column = t.columnOf(c.name, r.at);
      if (column === undefined) continue;
      if (typedPeriodAt(asRead, r.row, column) === undefined) continue;
      const value = values[c.name];
      if (!isIsoDate(value)) continue;
      const cells = byRow.get(r.row)?.cells ?? [];
      cells.push({ column, cell: { date: value } });
      byRow.set(r.row, { rowId, row: r.row, cells });
    }
  });
  return [...byRow.values()];
}

/**
 * Of `writes`, the cells that still hold the month or year `t` read, in `now` (the sheet read again just before the
 * write), on the row holding their Sync ID then, as the write finds it. A person may type over one while the sync
 * talks to the service: what they typed stays, for the next sync to read. `tableTop`: the table's first data row as read.
 * Null when `now` has no Sync ID header over the Sync ID column, or no row with the headers read over the cells' columns:
 * a column inserted or deleted during the sync moved them, and the next sync, reading the sheet as it is then, writes them.
 */
export function stillAsRead(port: SpreadsheetPort, t: TableSheet, idColumn: number, tableTop: number, writes: readonly RowCells[], now: SheetCells): RowCells[] | null {
  const header = t.host[t.headerRow - 1] ?? [];
  const columns = writes.flatMap((w) => w.cells.map((c) => c.column));
  // The Sync ID column is compared by its header alone: a first sync adds it after the sheet was read.
  if (!now.values.some((line) => isSyncIdHeader(line[idColumn - 1])) || !now.values.some((line) => columns.every((c) => String(line[c - 1]) === String(header[c - 1])))) return null;
  const ids = now.values.map((line) => line[idColumn - 1] ?? null);
  const cells: PeriodCells = { values: now.values, formulas: now.formulas, merged: now.merged ?? [], shown: (row, column) => jsonCell(port, now.values[row - 1]?.[column - 1] ?? null, now.numberFormats[row - 1]?.[column - 1]) };
  const tagged = writes.map((w, i) => ({ ...w, cells: w.cells.map(({ column, cell }) => ({ column, cell: { i, cell } })) }));
  const kept = new Map<number, { column: number; cell: WriteCell }[]>();
  for (const { row, column, cell: { i, cell } } of placeByRowId(tagged, 1, ids, tableTop).cells) {
    if (typedPeriodAt(cells, row, column) !== t.grid[writes[i].row - 1]?.[column - 1]) continue;
    kept.set(i, [...(kept.get(i) ?? []), { column, cell }]);
  }
  return writes.flatMap((w, i) => (kept.has(i) ? [{ ...w, cells: kept.get(i)! }] : []));
}

/**
 * The cells of `writes` whose write a host refused as protected, by the document's memory of them (decision 012):
 * each is tried once per period typed there, not read and refused again every sync. `remember(refused)` adds the
 * cells of this sync's protected write, and answers whether a cell is now held (one left out for room is not, and is
 * tried again); the memory holds only cells still to write (a table stacked in the sheet keeps its own), so one typed
 * anew (another month, a day) is forgotten. A cell is its row's Sync ID, its column's header and the period it shows.
 */
function* refusedBefore(port: SpreadsheetPort, settings: SettingsPort, t: TableSheet, writes: readonly RowCells[]) {
  const memoryKey = yield* sheetMemoryKey(port, t.sheet, 'refusedEnds');
  const { key } = memoryKey;
  const { text, byName } = yield* readSheetMemory(settings, memoryKey);
  const before = new Set<string>(JSON.parse(text ?? '[]'));
  const keyOf = (w: RowCells, column: number) => [w.rowId, t.host[t.headerRow - 1]?.[column - 1], t.grid[w.row - 1]?.[column - 1]].join('|');
  const kept = writes.flatMap((w) => w.cells.map((c) => keyOf(w, c.column))).filter((k) => before.has(k));
  // Another table stacked in the sheet shares its memory: its cells stay while their rows are on the sheet.
  const own = new Set(t.read.rows.map((r) => t.syncIdAt(r.row)));
  const onSheet = new Set(t.grid.map((_, r) => t.syncIdAt(r + 1)));
  const others = [...before].filter((k) => {
    const id = k.split('|')[0];
    return !own.has(id) && onSheet.has(id);
  });
  return {
    writes: writes.flatMap((w) => {
      const cells = w.cells.filter((c) => !before.has(keyOf(w, c.column)));
      return cells.length ? [{ ...w, cells }] : [];
    }),
    *remember(refused: readonly RowCells[]): Task<(w: RowCells, column: number) => boolean> {
      if (!byName && !refused.length && kept.length + others.length === before.size) return (w, column) => before.has(keyOf(w, column));
      // The cells remembered already come first: a sheet past the room keeps the same ones from sync to sync.
      // A cell left out for room is tried again, as every cell was before the memory, and the summary says so.
      let room = PROPERTY_BYTES - utf8Bytes(key) - 2;
      const keys = [...others, ...kept, ...refused.flatMap((w) => w.cells.map((c) => keyOf(w, c.column)))].filter((k) => (room -= utf8Bytes(JSON.stringify(k)) + 1) >= 0);
      yield* io(settings.set(key, keys.length ? JSON.stringify(keys) : null));
      // Kept by the sheet's name before: the tables stacked in a sheet shared it, and every one is in `keys` now.
      if (byName) yield* io(settings.set(memoryKey.byName, null));
      const held = new Set(keys);
      return (w, column) => held.has(keyOf(w, column));
    },
  };
}

/** A table's deadlines typed as a period, to end in its sheet (`typedPeriodWrites`), with the sheet's Sync ID column. */
export interface PeriodsToEnd {
  t: TableSheet;
  idColumn: number;
  writes: RowCells[];
}

/**
 * Deadlines typed as a month or a year given the period's last day, by header and period: the cell shows what it
 * showed, so only the summary says its value changed. `notWritten`: why the host refused the write or the read
 * before it, which leaves the rest of the sync as it was; `later`, what the next syncs do: leave a protected cell
 * remembered (`left`), or try again one that failed otherwise (a timeout, a quota: `retried`) or that the memory
 * had no room for (`full`). `columnsChanged`: not written, as a column was inserted or deleted during the
 * sync; the next sync writes them.
 */
export interface PeriodEnd {
  header: string;
  kind: string;
  count: number;
  notWritten?: string;
  later?: 'left' | 'retried' | 'full';
  columnsChanged: boolean;
}

/**
 * Ends the periods `tables` found (each table's, on its sheets), once the service has read them all, and says what
 * became of them, table by table. A sheet is read again just before its first write, once: a month typed over since
 * the sheet was read is the person's, not ours to end. Tables stacked in one sheet share that read, their rows being
 * apart. Only a sheet with a period to end pays for the read, and it ends them once: the next sync reads days, and
 * skips a cell the host refused as protected.
 */
export function* endPeriods(port: SpreadsheetPort, settings: SettingsPort, tables: readonly (readonly PeriodsToEnd[])[]): Task<PeriodEnd[][]> {
  const readNow = new Map<string, SheetCells>();
  const reports: PeriodEnd[][] = [];
  for (const ends of tables) {
    const periodEnds: PeriodEnd[] = [];
    reports.push(periodEnds);
    for (const { t, idColumn, writes: found } of ends) {
      if (!found.length) continue;
      const memory = yield* refusedBefore(port, settings, t, found);
      let writes: RowCells[] | null = memory.writes;
      let written = new Set<string>();
      let refused: RowCells[] = [];
      let notWritten: string | undefined;
      let lasting = false;
      try {
        if (writes.length) {
          let now = readNow.get(t.sheet);
          if (!now) readNow.set(t.sheet, (now = yield* io(port.readSheetWithFormulas(t.sheet))));
          writes = stillAsRead(port, t, idColumn, t.headerRow + 1, writes, now);
        }
        if (writes?.length) written = new Set(yield* io(port.writeRowsById(t.sheet, idColumn, t.headerRow + 1, writes)));
      } catch (e) {
        // The rows are stored already: a cell the person may not edit costs the sheet this day, not the sync.
        // A host that wrote around its protected cells names them; the cells beside them hold their days.
        const partly = isErrorType(e, ProtectedCellsError) && e.cells.every((c) => c.rowId !== undefined) ? e : undefined;
        const isRefused = partly ? (w: RowCells, column: number) => partly.cells.some((c) => c.rowId === w.rowId && c.column === column) : () => true;
        refused = (writes ?? []).flatMap((w) => {
          const cells = w.cells.filter((c) => isRefused(w, c.column));
          return cells.length ? [{ ...w, cells }] : [];
        });
        written = new Set(partly ? partly.written : refused.map((r) => r.rowId));
        notWritten = e instanceof Error ? e.message : String(e);
        // Only a protected cell is refused again next time: a timeout or a quota may not be.
        lasting = port.isProtectedError(e);
      }
      const held = yield* memory.remember(lasting ? refused : []);
      const columnsChanged = writes === null;
      const failed = new Set(refused.flatMap((r) => r.cells.map((c) => `${r.rowId}|${c.column}`)));
      for (const r of writes ?? memory.writes) {
        if (!columnsChanged && !written.has(r.rowId)) continue;
        for (const { column } of r.cells) {
          const kind = /^\d{4}$/.test(String(t.grid[r.row - 1]?.[column - 1])) ? 'year' : 'month';
          const header = headerAt(t, column) ?? 'date';
          const why = failed.has(`${r.rowId}|${column}`) ? notWritten : undefined;
          const later = why === undefined ? undefined : !lasting ? 'retried' : held(r, column) ? 'left' : 'full';
          const same = periodEnds.find((p) => p.header === header && p.kind === kind && p.notWritten === why && p.later === later && p.columnsChanged === columnsChanged);
          if (same) same.count++;
          else periodEnds.push({ header, kind, count: 1, columnsChanged, notWritten: why, later });
        }
      }
    }
  }
  return reports;
}

/** A sheet's cells as read: as the host gave them, their formulas, merged ranges, and each as the reader takes it. */
interface PeriodCells {
  values: readonly (readonly HostCell[])[];
  formulas: readonly (readonly string[])[];
  merged: readonly MergedRange[];
  shown(row: number, column: number): JsonCell;
}

/**
 * The month or year a cell holds as a person typed it (`Aug 2027`, `2027`), or undefined: a date cell whose format
 * shows only its month or year (jsonCell reads it as text), neither a formula's result nor a cell a merged range hides.
 */
function typedPeriodAt(cells: PeriodCells, row: number, column: number): string | undefined {
  if (cells.formulas[row - 1]?.[column - 1] || hiddenByMerge(cells.merged, row, column)) return undefined;
  const shown = cells.shown(row, column);
  return isHostDate(cells.values[row - 1]?.[column - 1]) && typeof shown === 'string' && !isIsoDate(shown) ? shown : undefined;
}

/** A cell a merged range covers but does not start at: its value is the range's, read again; written, it stays unseen. */
function hiddenByMerge(merged: readonly MergedRange[], row: number, column: number): boolean {
  return merged.some((m) => row >= m.row && row < m.row + m.numRows && column >= m.column && column < m.column + m.numColumns && (row !== m.row || column !== m.column));
}
