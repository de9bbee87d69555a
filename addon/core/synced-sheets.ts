// Which sheets the add-on synced for each table, kept with the document: a sheet found by its headers that
// stops reading as its table (a header renamed) is still taken for it and reported unreadable, never taken
// for deleted, which would turn its rows into tombstones.
import { TABLES, TABLE_NAMES, type TableDef, type TableName } from '../../shared/tables';
import type { SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { byTable, readTableSheet, readTableSheets, type SheetReading, type TableSheet } from './table-sheet';
import { io, type Task } from './task';

const partKey = (table: TableName, part: number) => `equityDesk.syncedSheets.${table}.${part}`;
/**
 * Apps Script allows 9 KB per property, key and value; a UTF-16 unit is at most 3 bytes of UTF-8, so a part
 * of this many characters always fits, and the names of a table kept on many sheets take as many parts as they need.
 */
const PART_CHARS = 2_600;

/** The sheets last synced as `table`, and how many properties hold them. */
export interface SyncedSheets {
  names: string[];
  parts: number;
}

export function* syncedSheets(settings: SettingsPort, table: TableName): Task<SyncedSheets> {
  const names: string[] = [];
  for (let part = 0; ; part++) {
    const text = yield* io(settings.get(partKey(table, part)));
    let parsed: unknown;
    try {
      parsed = text === null ? null : JSON.parse(text);
    } catch {
      parsed = null;
    }
    if (!Array.isArray(parsed)) return { names, parts: part };
    names.push(...parsed.filter((n): n is string => typeof n === 'string'));
  }
}

/** Keeps `names` as the sheets synced as `table`, writing only when they differ from `before`. */
export function* rememberSyncedSheets(settings: SettingsPort, table: TableName, before: SyncedSheets, names: readonly string[]): Task<void> {
  if (names.length === before.names.length && names.every((n, i) => n === before.names[i])) return;
  const parts: string[][] = [];
  for (const name of names) {
    const last = parts[parts.length - 1];
    if (last && JSON.stringify([...last, name]).length <= PART_CHARS) last.push(name);
    else parts.push([name]);
  }
  for (const [i, part] of parts.entries()) yield* io(settings.set(partKey(table, i), JSON.stringify(part)));
  for (let i = parts.length; i < before.parts; i++) yield* io(settings.set(partKey(table, i), null));
}

/** A table's sheets in the workbook's order (none when every sheet synced as it was deleted), and what the document remembered of them. */
export interface TableGroup {
  table: TableDef;
  sheets: TableSheet[];
  synced: SyncedSheets;
}

/**
 * Every table to sync: the sheets found by name or headers, plus each sheet synced before as a table that
 * still exists but no longer reads as any table, read as the one it was (so it says what is missing and its
 * rows stay), plus each table synced before whose sheets are all gone (its rows are then removed). A table a sheet
 * held stacked with another whose header broke is read there as unreadable too (`readStacked`).
 * `order`: the workbook's sheets, listed once by the caller.
 */
export function* readSyncedTables(port: SpreadsheetPort, settings: SettingsPort, reading: SheetReading, order: readonly string[]): Task<TableGroup[]> {
  const synced = new Map<TableName, SyncedSheets>();
  for (const name of TABLE_NAMES) synced.set(name, yield* syncedSheets(settings, name));
  const heldBy = (sheet: string) => TABLE_NAMES.filter((name) => synced.get(name)!.names.includes(sheet)).map((name) => TABLES[name]);
  const withHeld = { ...reading, held: heldBy };
  const found = yield* readTableSheets(port, { reading: withHeld, names: order });
  const lost: TableSheet[] = [];
  for (const [table, { names }] of synced) {
    for (const sheet of names) {
      if (!order.includes(sheet) || found.some((t) => t.sheet === sheet) || lost.some((t) => t.sheet === sheet)) continue;
      lost.push(...(yield* readTableSheet(port, sheet, TABLES[table], withHeld)));
    }
  }
  const sheets = [...found, ...lost].sort((a, b) => order.indexOf(a.sheet) - order.indexOf(b.sheet));
  const groups = byTable(sheets).map((group): TableGroup => ({ table: group[0].table, sheets: group, synced: synced.get(group[0].table.name)! }));
  for (const [table, kept] of synced) {
    if (kept.names.length > 0 && !groups.some((g) => g.table.name === table)) groups.push({ table: TABLES[table], sheets: [], synced: kept });
  }
  return groups;
}
