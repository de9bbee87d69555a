// The marks a sync leaves on cells: notes and fills, read and changed only where the plan differs, found by
// Sync ID where rows moved, and named where a protected sheet refuses them.
import { idsOverBlock } from '../port/rows-by-id';
import { ProtectedCellsError, type RefusedCell } from '../port/protected-cells';
import type { AnnotationPlan } from '../port/spreadsheet-port';
import { a1, cellOf } from './a1-address';
import { codeOf } from './office-errors';
import type { CellProperties, RequestContext, Worksheet } from './office-types';
import { loadIdColumn } from './row-writes';

const DEFAULT_FILL = '#FFFFFF';

/**
 * One Excel.run: the sheet's notes, the block's fills and the Sync ID column (when asked for) loaded together,
 * then (only when there are any) the notes' cells with the fills of the rows the ids reach below the block, then
 * (only when the table moved, rows inserted or deleted above it) its fills where it is now; then the plan's changes,
 * if any, in one request. Office.js reports no fill as white: read as the port's default (null), so it is never written back
 * as a white fill.
 */
export async function updateNotesAndFills(context: RequestContext, sheet: Worksheet, hasNotes: boolean, row: number, column: number, asked: number, numColumns: number, plan: AnnotationPlan, idColumn?: number): Promise<void> {
  const notes = hasNotes ? sheet.notes.load('items/content') : null;
  const fill = { format: { fill: { color: true } } } as const;
  const props = sheet.getRangeByIndexes(row - 1, column - 1, asked, numColumns).getCellProperties(fill);
  const idCells = idColumn === undefined ? null : loadIdColumn(sheet, idColumn);
  await context.sync();
  const ids = idCells && idsOverBlock(idCells.isNullObject ? [] : idCells.values.map((line) => line[0]), idCells.isNullObject ? 1 : idCells.rowIndex + 1, row, asked);
  const numRows = ids?.ids.length ?? asked;
  // A table moved by rows inserted or deleted above it has its fills loaded again where it is now.
  const from = ids?.row ?? row;
  const moved = from === row ? null : sheet.getRangeByIndexes(from - 1, column - 1, numRows, numColumns).getCellProperties(fill);
  const below = !moved && numRows > asked ? sheet.getRangeByIndexes(row - 1 + asked, column - 1, numRows - asked, numColumns).getCellProperties(fill) : null;
  const noted = notes?.items ?? [];
  const locations = noted.map((n) => n.getLocation().load('address'));
  // Nothing to ask when the sheet has no notes and the block is where it was asked for: no round trip for nothing.
  if (locations.length > 0 || below || moved) await context.sync();
  const range = sheet.getRangeByIndexes(from - 1, column - 1, numRows, numColumns);
  const noteAt = new Map(noted.map((note, i) => {
    const at = cellOf(locations[i].address);
    return [`${at.row}:${at.column}`, note] as const;
  }));
  // The block may end above the rows asked, where a table stacked below starts (`idsOverBlock`).
  const fills = (moved?.value ?? [...props.value, ...(below?.value ?? [])]).slice(0, numRows).map((line) => line.map((p) => (p.format?.fill?.color ?? DEFAULT_FILL).toUpperCase()));
  const next = plan(
    {
      notes: Array.from({ length: numRows }, (_, r) => Array.from({ length: numColumns }, (_, c) => noteAt.get(`${from + r}:${column + c}`)?.content ?? '')),
      backgrounds: fills.map((line) => line.map((colour) => (colour === DEFAULT_FILL ? null : colour))),
    },
    ids?.ids,
    ids?.row,
  );
  if (!next) return;
  // Fills and notes, each queued by its own function so either can be sent again alone.
  const changedFills: RefusedCell[] = [];
  const changedNotes: RefusedCell[] = [];
  const writeFills = () => {
    const colours: CellProperties[][] = next.backgrounds.map((line, r) =>
      line.map((colour, c) => {
        const now = fills[r][c];
        if (colour === null ? now !== DEFAULT_FILL : colour.toUpperCase() !== now) changedFills.push({ row: from + r, column: column + c });
        // "No fill" is not a colour Office.js can set per cell: clear only the cells that have one.
        if (colour === null && now !== DEFAULT_FILL) sheet.getRangeByIndexes(from + r - 1, column + c - 1, 1, 1).format.fill.clear();
        // Only a colour that changes is set: a fill written over every cell would hide a table's banded rows.
        return colour === null || colour.toUpperCase() === now ? {} : { format: { fill: { color: colour } } };
      }),
    );
    if (colours.some((line) => line.some((p) => p.format))) range.setCellProperties(colours);
  };
  const writeNotes = () =>
    next.notes.forEach((line, r) =>
      line.forEach((wanted, c) => {
        const note = noteAt.get(`${from + r}:${column + c}`);
        if (note ? note.content === wanted : wanted === '') return;
        changedNotes.push({ row: from + r, column: column + c });
        if (note && wanted === '') note.delete();
        else if (note) note.content = wanted;
        else notes!.add(a1(from + r, column + c), wanted);
      }),
    );
  writeFills();
  // With no notes in this Excel, the fill is the whole mark.
  if (notes) writeNotes();
  try {
    await context.sync();
  } catch (e) {
    if (codeOf(e) !== 'AccessDenied') throw e;
    // A protected sheet refuses every fill unless its protection allows formatting cells, and every note unless
    // it allows editing objects, locked cells or not: each is sent again alone (refused whole, as Excel refuses a
    // kind at its first change), and the cells whose change was refused are named once the rest is written.
    const refused = new Map<string, RefusedCell>();
    for (const [write, cells] of [[writeFills, changedFills], ...(notes ? [[writeNotes, changedNotes] as const] : [])] as const) {
      cells.length = 0;
      write();
      try {
        await context.sync();
      } catch (again) {
        if (codeOf(again) !== 'AccessDenied') throw again;
        for (const cell of cells) refused.set(`${cell.row}:${cell.column}`, cell);
      }
    }
    if (refused.size) throw new ProtectedCellsError(e instanceof Error ? e.message : String(e), [...refused.values()]);
  }
}
