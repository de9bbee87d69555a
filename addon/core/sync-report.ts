// What "Sync now" reports of each table and of the workbook: its counts, the cells to fix and what a protected
// sheet refused, as data; sync-summary.ts says it in words.
import type { PullReport } from './pull-rows';
import type { PeriodEnd } from './typed-periods';

export interface TableSyncReport {
  sheet: string;
  table: string;
  rows: number;
  stamped: number;
  /** Rows that took back the Sync ID the service holds them under, by content or by their own ID (`StampedIds.restored`). */
  restored: number;
  sent: number;
  accepted: number;
  unchanged: number;
  deleted: number;
  rejected: number;
  /** Each cell to fix, by its place as the sync read it and its message (`'GARE plan'!D3: Status: …`). */
  toFix: string[];
  /**
   * Rejected rows whose problems were not marked, by name (`rowName`): no row of the table held their Sync ID when
   * the marks were written (deleted, or moved above the header row, while the sync ran).
   */
  unmarked: string[];
  /**
   * Cells to fix marked by their note alone, their own fill kept: the document property has no room to remember
   * the colour to give back (decision 012). Absent when none.
   */
  noteOnly?: number;
  /** Cells whose mark (or the clearing of an old one) the host refused as protected from the person syncing, by place. Absent when none. */
  protectedMarks?: string[];
  /** Status cells whose formula the host refused as protected from the person syncing, by place. Absent when none. */
  protectedWrites?: string[];
  /** Cells whose dropdown the host refused as protected from the person syncing, by place. Absent when none. */
  protectedDropdowns?: string[];
  /** Cells whose status colors the host refused as protected from the person syncing, by place. Absent when none. */
  protectedColors?: string[];
  /** Sheets whose print area the host refused to move as protected, with the row it should have ended at. Absent when none. */
  printAreasKept?: { sheet: string; toRow: number }[];
  warnings: number;
  /**
   * Every warning the sheet's cells and headers hold now (a likely typo, a column read as nothing), each named by
   * its place (`Requests!B3: Received: …`): the rows were saved as read (what the warning says), and the cells hold a note saying it.
   */
  warned: string[];
  /** How many of `warned` have no note (no cell of a saved row to hold one); absent when none. */
  unnoted?: number;
  /** Sheet-level problems (a required column missing, another table starting below this one), one line each. */
  problems: string[];
  /** What the service had for this sheet and wrote into it first (web-form requests, survey answers). */
  pulled: PullReport;
  /** Sheets whose status formulas, dropdowns and colors this sync carried down, and the row they now reach. */
  readied: { sheet: string; toRow: number }[];
  /** Status cells holding a value typed over their formula, kept: each named by cell and header. */
  typedOver: string[];
  /** Deadlines typed as a month or a year given the period's last day, or not, and why (`PeriodEnd`). */
  periodEnds: PeriodEnd[];
  /**
   * Rows written what the service held for columns added since the last sync (by their headers), and those of them
   * written with texts clipped (`PullReport.clipped`); absent when none.
   */
  refilled?: { rows: number; headers: string[]; clipped?: string[] };
}

export interface SyncReport {
  tables: TableSyncReport[];
  /** What is said of the whole workbook, before its tables (the Lists sheet missing, Lists cells skipped). */
  notices: string[];
  summary: string;
}
