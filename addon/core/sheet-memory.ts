// What the document remembers of a sheet (decision 012) is kept under the sheet's lasting id, not its name, so a
// renamed sheet keeps its memory; what an earlier version kept under the sheet's name is moved the first time it is read.
import type { SettingsPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { io, type Task } from './task';

/** A sheet's memory of one kind: its key, and the key an earlier version kept it under, by the sheet's name. */
export interface SheetMemoryKey {
  key: string;
  byName: string;
}

/** `part`: one table's own memory in a sheet that may hold several (`.workplan`). */
export function* sheetMemoryKey(port: SpreadsheetPort, sheet: string, kind: 'marks' | 'refusedEnds' | 'unshown', part = ''): Task<SheetMemoryKey> {
  const id = yield* io(port.sheetId(sheet));
  return { key: `equityDesk.sheet.${id}.${kind}${part}`, byName: `equityDesk.${kind}.${sheet}` };
}

/**
 * The memory under its key, else what was kept by the sheet's name (`byName`: then the caller writes it under its key,
 * and clears or shortens the old one). The old key is read only while the new one is absent.
 */
export function* readSheetMemory(settings: SettingsPort, { key, byName }: SheetMemoryKey): Task<{ text: string | null; byName: boolean }> {
  const text = yield* io(settings.get(key));
  if (text !== null) return { text, byName: false };
  const old = yield* io(settings.get(byName));
  return { text: old, byName: old !== null };
}
