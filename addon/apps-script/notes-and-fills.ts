// The marks a sync leaves on cells, written into Sheets: fills and notes changed only where they differ, and
// around the cells a protection keeps, naming those refused.
import { columnLetter } from '../../shared/lists';
import { ProtectedCellsError, blocksAround, type RefusedCell } from '../port/protected-cells';
import type { Annotations } from '../port/spreadsheet-port';
import { PROTECTED_TEXT, lockedCells } from './sheets-protection';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Touches only the cells whose color differs from what they hold now, one RangeList call per distinct
 * color, so the person's own fills, banding and alternating colors elsewhere stay. Notes go in one
 * setNotes over the block the changed ones span (the cells between get the note they hold): notes differ
 * cell by cell, and a call per note would be a call per rejected cell.
 */
export function writeAnnotations(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, sheet: Sheet, row: number, column: number, current: Annotations, annotations: Annotations): void {
  const colours = new Map<string | null, { row: number; column: number; a1: string }[]>();
  const changed = { top: Infinity, bottom: -1, left: Infinity, right: -1 };
  annotations.notes.forEach((line, r) =>
    line.forEach((note, c) => {
      const wanted = annotations.backgrounds[r]?.[c] ?? null;
      const now = current.backgrounds[r][c];
      if ((wanted?.toLowerCase() ?? null) !== (now?.toLowerCase() ?? null)) {
        const a1 = `${columnLetter(column + c)}${row + r}`;
        colours.set(wanted, [...(colours.get(wanted) ?? []), { row: row + r, column: column + c, a1 }]);
      }
      if (note !== current.notes[r][c]) {
        changed.top = Math.min(changed.top, r);
        changed.bottom = Math.max(changed.bottom, r);
        changed.left = Math.min(changed.left, c);
        changed.right = Math.max(changed.right, c);
      }
    }),
  );
  // One protected cell refuses a call whole: the cells around it are marked, the protections asked once, and
  // the refused ones named once the rest is written.
  let refusal: string | undefined;
  let locked: ((row: number, column: number) => boolean) | undefined;
  const refused = new Map<string, RefusedCell>();
  // Sheets' words follow the person's language: a failure in other words is a refusal when the protections lock
  // a cell of the call, asked only when a call fails.
  const refuse = (e: unknown, cells: readonly { row: number; column: number }[]) => {
    const message = e instanceof Error ? e.message : String(e);
    let isLocked: (row: number, column: number) => boolean;
    try {
      isLocked = locked ??= lockedCells(app, sheet);
    } catch {
      throw e;
    }
    if (!PROTECTED_TEXT.test(message) && !cells.some((c) => isLocked(c.row, c.column))) throw e;
    refusal ??= message;
    return isLocked;
  };
  for (const [colour, cells] of colours) {
    try {
      sheet.getRangeList(cells.map((c) => c.a1)).setBackground(colour);
    } catch (e) {
      const isLocked = refuse(e, cells);
      for (const c of cells.filter((c) => isLocked(c.row, c.column))) refused.set(`${c.row}:${c.column}`, { row: c.row, column: c.column });
      const free = cells.filter((c) => !isLocked(c.row, c.column));
      if (free.length) sheet.getRangeList(free.map((c) => c.a1)).setBackground(colour);
    }
  }
  if (changed.bottom >= 0) {
    const { top, bottom, left, right } = changed;
    const block = annotations.notes.slice(top, bottom + 1).map((line) => line.slice(left, right + 1));
    const range = sheet.getRange(row + top, column + left, block.length, block[0].length);
    try {
      range.setNotes(block);
    } catch (e) {
      const span = { top: row + top, bottom: row + bottom, left: column + left, right: column + right };
      const inSpan: { row: number; column: number }[] = [];
      for (let r = span.top; r <= span.bottom; r++) for (let c = span.left; c <= span.right; c++) inSpan.push({ row: r, column: c });
      const isLocked = refuse(e, inSpan);
      const isChanged = (r: number, c: number) => annotations.notes[r - row][c - column] !== current.notes[r - row][c - column];
      for (const b of blocksAround(span, isLocked, isChanged)) {
        const part = annotations.notes.slice(b.top - row, b.bottom - row + 1).map((line) => line.slice(b.left - column, b.right - column + 1));
        sheet.getRange(b.top, b.left, part.length, part[0].length).setNotes(part);
      }
      for (let r = span.top; r <= span.bottom; r++) for (let c = span.left; c <= span.right; c++) if (isLocked(r, c) && isChanged(r, c)) refused.set(`${r}:${c}`, { row: r, column: c });
    }
  }
  if (refusal !== undefined) throw new ProtectedCellsError(refusal, [...refused.values()]);
}
