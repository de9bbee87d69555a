// Rejected cells shown where they are: a note prefixed `Equity Desk: ` and a fixed background colour.
// One read and (only when something changed) one write of the table's notes and colours; notes the
// user wrote and colours the user chose are left alone.
import type { Annotations, SpreadsheetPort } from '../port/spreadsheet-port';
import { io, type Task } from './task';

export const NOTE_PREFIX = 'Equity Desk: ';
export const FLAG_COLOUR = '#fde2e1';

export interface CellMark {
  /** Sheet row and column, 1-based. */
  row: number;
  column: number;
  message: string;
}

export interface Region {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
}

const sameColour = (a: string | null, b: string) => typeof a === 'string' && a.toLowerCase() === b;

/** The note with our lines replaced by `ours`; the user's own lines stay, first. */
export function mergeNote(existing: string, ours: readonly string[]): string {
  const theirs = existing === '' ? [] : existing.split('\n').filter((line) => !line.startsWith(NOTE_PREFIX));
  return [...theirs, ...ours.map((m) => `${NOTE_PREFIX}${m}`)].join('\n');
}

/** What the region should hold given `marks`; `changed` counts the cells that differ from `current`. */
export function planAnnotations(current: Annotations, region: Region, marks: readonly CellMark[]): { next: Annotations; changed: number } {
  const byCell = new Map<string, string[]>();
  for (const m of marks) {
    const r = m.row - region.row;
    const c = m.column - region.column;
    if (r < 0 || c < 0 || r >= region.numRows || c >= region.numColumns) continue;
    const key = `${r}:${c}`;
    byCell.set(key, [...(byCell.get(key) ?? []), m.message]);
  }
  let changed = 0;
  const notes = current.notes.map((line, r) =>
    line.map((note, c) => {
      const ours = byCell.get(`${r}:${c}`) ?? [];
      const next = ours.length === 0 && !note.includes(NOTE_PREFIX) ? note : mergeNote(note, ours);
      if (next !== note) changed++;
      return next;
    }),
  );
  const backgrounds = current.backgrounds.map((line, r) =>
    line.map((colour, c) => {
      const flagged = byCell.has(`${r}:${c}`);
      const next = flagged ? FLAG_COLOUR : sameColour(colour, FLAG_COLOUR) ? null : colour;
      if (flagged !== sameColour(colour, FLAG_COLOUR)) changed++;
      return next;
    }),
  );
  return { next: { notes, backgrounds }, changed };
}

/** Shows `marks` in the region and clears our earlier marks from every other cell of it. */
export function* annotate(port: SpreadsheetPort, sheet: string, region: Region, marks: readonly CellMark[]): Task<number> {
  if (region.numRows < 1 || region.numColumns < 1) return 0;
  const current = yield* io(port.readAnnotations(sheet, region.row, region.column, region.numRows, region.numColumns));
  const { next, changed } = planAnnotations(current, region, marks);
  if (changed > 0) yield* io(port.writeAnnotations(sheet, region.row, region.column, next));
  return changed;
}
