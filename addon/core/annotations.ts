// Rejected cells shown where they are: a note prefixed `Equity Desk: ` and a fixed background colour.
// One read and (only when something changed) one write of the table's notes and colours. Notes the user
// wrote stay; a cell the user had coloured gets its colour back once fixed (remembered with the document,
// by row id and column, so sorting does not misplace it); a row emptied since the last sync is still cleared.
// Marks go on the row holding their row's Sync ID when they are written: a person may sort while the sync runs.
import type { SettingsPort } from '../port/host-ports';
import { ProtectedCellsError } from '../port/protected-cells';
import { placeByRowId } from '../port/rows-by-id';
import { isErrorType } from '../../shared/typed-error';
import type { Annotations, RowCells, SpreadsheetPort } from '../port/spreadsheet-port';
import { PROPERTY_BYTES, utf8Bytes } from './property-room';
import { readSheetMemory, type SheetMemoryKey } from './sheet-memory';
import { io, type Task } from './task';
import { clipText } from '../../shared/clip-text';

export const NOTE_PREFIX = 'Equity Desk: ';
export const FLAG_COLOUR = '#fde2e1';
/** A warning's note: the row was saved as read (what the warning says), and a person may want to fix the cell. */
export const WARNING_PREFIX = `${NOTE_PREFIX}Saved, but check: `;

export interface CellMark {
  /** Sheet row and column, 1-based. */
  row: number;
  column: number;
  message: string;
  /** A warning: the cell gets its note only, keeping its own fill, milder than a cell to fix. */
  warning?: boolean;
}

/** A mark of a row known by its Sync ID, at the sheet row where the sync read that row. */
export interface RowMark extends CellMark {
  rowId: string;
}

/** How marks follow their rows: the sheet's Sync ID column, and a cell's lasting name from its row's id. */
export interface MarkedRows {
  idColumn: number;
  cellKey(rowId: string, column: number): string;
  /** The Sync IDs anywhere on the sheet as read: a colour remembered for a row no longer there is forgotten. */
  onSheet: ReadonlySet<string>;
  /** The Sync IDs of this table's rows as read: what it takes of a memory the sheet's tables once shared. */
  own: ReadonlySet<string>;
}

export interface Region {
  row: number;
  column: number;
  numRows: number;
  numColumns: number;
  /** The last row it may grow to (the sheet's marks of last time reach further): another table's rows start below. */
  lastRow?: number;
}

const sameColour = (a: string | null, b: string) => typeof a === 'string' && a.toLowerCase() === b;

/** The fewest characters our lines are given in a note: the prefix, a few words and the clip marker. */
const LEAST_MARK = 100;

/**
 * The note with our lines replaced by `ours`; the user's own lines stay, first and whole. Ours are clipped to the room
 * the host's `limit` leaves them (the host refuses a longer note, and the whole write with it), and left out where
 * less than `LEAST_MARK` is left: the cell's fill and the sync's summary still say what to fix.
 */
export function mergeNote(existing: string, ours: readonly string[], limit = Infinity): string {
  const theirs = existing === '' ? [] : existing.split('\n').filter((line) => !line.startsWith(NOTE_PREFIX));
  const mark = ours.map((m) => `${NOTE_PREFIX}${m}`).join('\n');
  const room = limit - theirs.join('\n').length - (theirs.length ? 1 : 0);
  const fitted = mark.length <= room ? mark : room >= LEAST_MARK ? clipText(mark, room) : '';
  return [...theirs, ...(fitted ? [fitted] : [])].join('\n');
}

/** The person's own colours under our marks, by cell key; and how far down marks reached last time. */
export interface MarkMemory {
  lastRow: number;
  colours: Record<string, string>;
}

/** A cell's lasting name (row id and column) for remembering its colour; null when it has none. */
export type CellKey = (row: number, column: number) => string | null;

const positionKey = (row: number, column: number): string => `@${row}:${column}`;

/** Colours kept as `[colour, what follows a key's first '|' (its header) or null, [what precedes it (its Sync ID)]]`. */
type Fills = [string, string | null, string[]][];

const splitKey = (key: string): [string, string | null] => {
  const at = key.indexOf('|');
  return at < 0 ? [key, null] : [key.slice(0, at), key.slice(at + 1)];
};

/** The memory as stored: each colour and header once, not once a cell, so a column of one fill costs a Sync ID a cell. */
function storedMemory({ lastRow, colours }: MarkMemory): string {
  const groups = new Map<string, Fills[number]>();
  for (const [key, colour] of Object.entries(colours)) {
    const [item, group] = splitKey(key);
    const id = JSON.stringify([colour, group]);
    const fill = groups.get(id) ?? [colour, group, []];
    groups.set(id, fill);
    fill[2].push(item);
  }
  return JSON.stringify({ lastRow, fills: [...groups.values()] });
}

/**
 * What the region should hold given `marks`; `changed` counts the cells that differ from `current`.
 * A cell about to be flagged has its own colour remembered; an unflagged one gets it back (else no fill).
 * The memory stays within `room` bytes as stored: a flagged cell whose colour it has no room for keeps that colour
 * and is marked by its note alone (`noteOnly`), those remembered before staying filled. Notes stay within `noteLimit`
 * characters (`mergeNote`).
 */
export function planAnnotations(
  current: Annotations,
  region: Region,
  marks: readonly CellMark[],
  memory: MarkMemory = { lastRow: 0, colours: {} },
  keyOf: CellKey = positionKey,
  room = Infinity,
  noteLimit = Infinity,
): { next: Annotations; changed: number; memory: MarkMemory; noteOnly: number } {
  const byCell = new Map<string, string[]>();
  // The cells to fix: a cell with only warnings is marked by its note.
  const toFix = new Set<string>();
  let lastRow = 0;
  for (const m of marks) {
    const r = m.row - region.row;
    const c = m.column - region.column;
    if (r < 0 || c < 0 || r >= region.numRows || c >= region.numColumns) continue;
    const key = `${r}:${c}`;
    byCell.set(key, [...(byCell.get(key) ?? []), m.warning ? `${WARNING_PREFIX.slice(NOTE_PREFIX.length)}${m.message}` : m.message]);
    if (!m.warning) toFix.add(key);
    lastRow = Math.max(lastRow, m.row);
  }
  let changed = 0;
  const notes = current.notes.map((line, r) =>
    line.map((note, c) => {
      const ours = byCell.get(`${r}:${c}`) ?? [];
      const next = ours.length === 0 && !note.includes(NOTE_PREFIX) ? note : mergeNote(note, ours, noteLimit);
      if (next !== note) changed++;
      return next;
    }),
  );
  const colours = { ...memory.colours };
  // Flagged cells whose colour is remembered, those remembered before first: the last are the first given up for room.
  // `shown`: filled by an earlier sync, so giving it up is a change.
  const kept: { key: string; r: number; c: number; shown: boolean }[] = [];
  const added: typeof kept = [];
  const keyAt = (r: number, c: number) => keyOf(region.row + r, region.column + c) ?? positionKey(region.row + r, region.column + c);
  const backgrounds = current.backgrounds.map((line, r) =>
    line.map((colour, c) => {
      const flagged = toFix.has(`${r}:${c}`);
      const ours = sameColour(colour, FLAG_COLOUR);
      if (flagged && ours && room < Infinity) {
        const key = keyAt(r, c);
        if (key in colours) kept.push({ key, r, c, shown: true });
      }
      if (flagged === ours) return colour;
      changed++;
      const key = keyAt(r, c);
      if (flagged) {
        if (colour !== null) {
          (key in memory.colours ? kept : added).push({ key, r, c, shown: false });
          colours[key] = colour;
        }
        return FLAG_COLOUR;
      }
      const theirs = colours[key] ?? null;
      delete colours[key];
      return theirs;
    }),
  );
  const given = [...kept, ...added];
  let over = room === Infinity ? 0 : utf8Bytes(storedMemory({ lastRow, colours })) - room;
  let noteOnly = 0;
  // Each cell given up shortens the stored value by at least its quoted Sync ID.
  for (let cell = given.pop(); over > 0 && cell; cell = given.pop()) {
    const { key, r, c, shown } = cell;
    over -= utf8Bytes(JSON.stringify(splitKey(key)[0]));
    changed += shown ? 1 : -1;
    backgrounds[r][c] = colours[key];
    delete colours[key];
    noteOnly++;
  }
  return { next: { notes, backgrounds }, changed, memory: { lastRow, colours }, noteOnly };
}

function parsedMemory(text: string | null): MarkMemory {
  try {
    const parsed = text ? (JSON.parse(text) as Partial<MarkMemory> & { fills?: Fills }) : null;
    // `colours`, a colour a cell, is how the memory was kept before `fills`.
    const colours = { ...parsed?.colours };
    for (const [colour, group, items] of parsed?.fills ?? []) for (const item of items) colours[group === null ? item : `${item}|${group}`] = colour;
    return { lastRow: Number(parsed?.lastRow) || 0, colours };
  } catch {
    return { lastRow: 0, colours: {} };
  }
}

/**
 * The table's memory of its marks. One kept by the sheet's name was shared by the tables stacked in the sheet: this
 * table takes the colours of its own rows (all of them without `rows`), and the rest stay there for the others.
 */
function* readMemory(settings: SettingsPort, key: SheetMemoryKey, rows?: MarkedRows): Task<{ stored: MarkMemory; shared?: MarkMemory }> {
  const { text, byName } = yield* readSheetMemory(settings, key);
  const stored = parsedMemory(text);
  if (!byName) return { stored };
  const mine = (cell: string) => !rows || rows.own.has(splitKey(cell)[0]);
  const part = (keep: (cell: string) => boolean) => ({ ...stored, colours: Object.fromEntries(Object.entries(stored.colours).filter(([cell]) => keep(cell))) });
  return { stored: part(mine), shared: part((cell) => !mine(cell) && rows!.onSheet.has(splitKey(cell)[0])) };
}

/** The marks on the rows holding their ids in `ids` (the block's, from sheet row `top`), and the ids of rows in none. */
function followRows(marks: readonly RowMark[], top: number, ids: readonly string[]): { placed: CellMark[]; unmarked: string[] } {
  const rows = new Map<string, RowCells<RowMark> & { cells: { column: number; cell: RowMark }[] }>();
  for (const m of marks) {
    const line = rows.get(m.rowId) ?? { rowId: m.rowId, row: m.row, cells: [] };
    line.cells.push({ column: m.column, cell: m });
    rows.set(m.rowId, line);
  }
  const { cells, written } = placeByRowId([...rows.values()], top, ids, top);
  const found = new Set(written);
  return { placed: cells.map(({ row, column, cell }) => ({ ...cell, row, column })), unmarked: [...rows.keys()].filter((id) => !found.has(id)) };
}

/** Cells the host refused to mark as protected, at their sheet row and column as written, and the host's words. */
export interface Refused {
  message: string;
  cells: { row: number; column: number }[];
}

/**
 * Shows `marks` in the region and clears our earlier marks from every other cell of it, down to the
 * lowest row marked last time (a last row emptied since is no longer part of the table, but keeps its mark
 * otherwise). The region is read once and only the cells that change are written (the port's updateAnnotations).
 * With `rows`, each mark goes on the row holding its Sync ID as the port writes, and the region reaches the last
 * row holding an id; a row found nowhere in it (deleted meanwhile, or moved above the region into the title rows)
 * is not marked, and its Sync ID is listed in `unmarked`. `noteOnly`: cells marked by their note alone, their own
 * colour kept, as the document property has no room to remember it (`planAnnotations`). `refused`: cells the host
 * refused to mark as protected from the person syncing, the cells around them marked.
 */
export function* annotate(
  port: SpreadsheetPort,
  settings: SettingsPort,
  sheet: string,
  key: SheetMemoryKey,
  region: Region,
  marks: readonly RowMark[],
  rows?: MarkedRows,
): Task<{ changed: number; unmarked: string[]; noteOnly: number; refused?: Refused }> {
  const { stored, shared } = yield* readMemory(settings, key, rows);
  // A deleted row's colours have no cell to go back to, and would take the room of cells still to fix.
  const memory = rows ? { ...stored, colours: Object.fromEntries(Object.entries(stored.colours).filter(([key]) => rows.onSheet.has(splitKey(key)[0]))) } : stored;
  const room = (settings.valueBytes ?? PROPERTY_BYTES) - utf8Bytes(key.key);
  const numRows = Math.min(Math.max(region.numRows, memory.lastRow - region.row + 1), (region.lastRow ?? Infinity) - region.row + 1);
  const reach = { ...region, numRows };
  if (reach.numRows < 1 || reach.numColumns < 1) return { changed: 0, unmarked: [], noteOnly: 0 };
  // With no marks to place and none of ours left by the last sync, nothing follows a row: the ids are not read.
  const follow = rows && (marks.length > 0 || memory.lastRow > 0 || Object.keys(memory.colours).length > 0) ? rows : undefined;
  const planned = { changed: 0, unmarked: [] as string[], memory, noteOnly: 0 };
  let refused: Refused | undefined;
  // A cell protected from the person syncing takes no mark: the port marks the cells around it, and the sync goes on.
  try {
    yield* io(port.updateAnnotations(sheet, reach.row, reach.column, reach.numRows, reach.numColumns, (current, ids, top = reach.row) => {
      const block = { ...reach, row: top, numRows: current.notes.length };
      const { placed, unmarked } = follow && ids ? followRows(marks, block.row, ids) : { placed: marks, unmarked: [] };
      const keyOf: CellKey | undefined = follow && ids && ((row, column) => (ids[row - block.row] ? follow.cellKey(ids[row - block.row], column) : null));
      const { next, changed, memory: after, noteOnly } = planAnnotations(current, block, placed, memory, keyOf, room, port.limits.noteText);
      Object.assign(planned, { changed, unmarked, memory: after, noteOnly });
      return changed > 0 ? next : null;
    }, follow?.idColumn));
  } catch (e) {
    if (!isErrorType(e, ProtectedCellsError)) throw e;
    refused = { message: e.message, cells: e.cells.map(({ row, column }) => ({ row, column })) };
  }
  const after = planned.memory;
  const isEmpty = (m: MarkMemory) => m.lastRow === 0 && Object.keys(m.colours).length === 0;
  if (shared || JSON.stringify(after) !== JSON.stringify(stored)) yield* io(settings.set(key.key, isEmpty(after) ? null : storedMemory(after)));
  if (shared) yield* io(settings.set(key.byName, Object.keys(shared.colours).length === 0 ? null : storedMemory(shared)));
  return { changed: planned.changed, unmarked: planned.unmarked, noteOnly: planned.noteOnly, ...(refused ? { refused } : {}) };
}
