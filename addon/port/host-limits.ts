// How much text one cell and one note of a host hold: a longer write is refused whole, so text that came from
// elsewhere (a row stored before a limit, a person's own note with a mark added) is fitted before it is written.

export interface HostLimits {
  /** Characters of text a cell holds. */
  cellText: number;
  /** Characters a cell's note holds. */
  noteText: number;
}

/** Google Sheets' cell limit, as its own refusal names it; it documents none for notes, which are held to the same. */
export const SHEETS_LIMITS: HostLimits = { cellText: 50_000, noteText: 50_000 };

/** Excel's "Total number of characters that a cell can contain"; it documents none for notes, which are held to the same. */
export const EXCEL_LIMITS: HostLimits = { cellText: 32_767, noteText: 32_767 };
