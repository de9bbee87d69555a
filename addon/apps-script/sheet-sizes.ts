// How far each sheet reaches, as far as this execution knows, so a write or a read inside it asks Sheets nothing,
// and a write past its edge grows the sheet first: Sheets refuses writes past its edge.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** How far a sheet reaches in one direction: at least `at`, or exactly `at` once Sheets was asked. */
interface Extent {
  at: number;
  exact: boolean;
}

/** `extent` made exact, asking Sheets (`ask`) only the first time. */
function exactly(extent: Extent, ask: () => number): number {
  if (!extent.exact) Object.assign(extent, { at: ask(), exact: true });
  return extent.at;
}

/** Grows one direction of a sheet to reach `last`: asks its size only when `last` is past what is known. */
function reach(extent: Extent, last: number, ask: () => number, insertAfter: (after: number, count: number) => void): void {
  if (last <= extent.at) return;
  const have = exactly(extent, ask);
  if (last > have) insertAfter(have, last - have);
  extent.at = Math.max(have, last);
}

export class SheetSizes {
  /**
   * Rows and columns each sheet is known to have (its data as read, its size as grown), so a write or a read
   * inside them does not ask its size first; once asked (or grown), a size is exact and never asked again. A
   * person deleting rows while a sync runs can make this stale: the write past the edge then fails with
   * Sheets' message, and the next sync starts afresh.
   */
  private readonly known = new Map<string, { rows: Extent; columns: Extent }>();

  constructor(private readonly sheet: (name: string) => Sheet) {}

  extents(name: string): { rows: Extent; columns: Extent } {
    let known = this.known.get(name);
    if (!known) this.known.set(name, (known = { rows: { at: 0, exact: false }, columns: { at: 0, exact: false } }));
    return known;
  }

  /** The sheet's rows, asked of Sheets only the first time. */
  maxRows(name: string): number {
    return exactly(this.extents(name).rows, () => this.sheet(name).getMaxRows());
  }

  /** Grows the sheet so a block ending at (lastRow, lastColumn) fits: Sheets refuses writes past its edge. Asks only the size it does not know. */
  fit(name: string, lastRow: number, lastColumn: number): void {
    const { rows, columns } = this.extents(name);
    reach(rows, lastRow, () => this.sheet(name).getMaxRows(), (after, count) => this.sheet(name).insertRowsAfter(after, count));
    reach(columns, lastColumn, () => this.sheet(name).getMaxColumns(), (after, count) => this.sheet(name).insertColumnsAfter(after, count));
  }

  /** Whether the sheet is known to reach (lastRow, lastColumn), without asking. */
  has(name: string, lastRow: number, lastColumn: number): boolean {
    const known = this.known.get(name);
    return known !== undefined && lastRow <= known.rows.at && lastColumn <= known.columns.at;
  }

  /** The sheet reaches at least this far (its data as read). */
  grew(name: string, rows: number, columns: number): void {
    const known = this.extents(name);
    known.rows.at = Math.max(known.rows.at, rows);
    known.columns.at = Math.max(known.columns.at, columns);
  }
}
