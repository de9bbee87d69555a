// What Sheets protects from the person running the script: whether a failed write was refused as protected, which
// cells a sheet's protections lock, and whether its own settings may be changed.

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * What Sheets throws at a write into a range or sheet protected from the person running the script, when their Google
 * account is in English ("You are trying to edit a protected cell or object…"). In another language the words are
 * others, so a failed write whose text is not this asks the range (`refusal`).
 */
export const PROTECTED_TEXT = /protected cell or object/i;

/** What a person may or may not edit: a range, or a sheet's own settings (`settingsOf`). */
export type Editable = { canEdit(): boolean };

/**
 * Whether `e`, thrown by a write into `range`, is Sheets refusing cells protected from this person. Its text follows
 * their language, so unless it is the English one the range is asked: a call only a failed write pays for.
 */
export function refusedAsProtected(range: Editable, e: unknown): boolean {
  if (PROTECTED_TEXT.test(e instanceof Error ? e.message : String(e))) return true;
  try {
    return !range.canEdit();
  } catch {
    // Asking failed too (a timeout): the write's own failure is the one to tell, and the next sync tries again.
    return false;
  }
}

type Rect = { row: number; column: number; numRows: number; numColumns: number };
const rectOf = (r: GoogleAppsScript.Spreadsheet.Range): Rect => ({ row: r.getRow(), column: r.getColumn(), numRows: r.getNumRows(), numColumns: r.getNumColumns() });
const inside = (m: Rect, row: number, column: number) => row >= m.row && row < m.row + m.numRows && column >= m.column && column < m.column + m.numColumns;

/**
 * A sheet's own settings (column widths, frozen rows, tab color, color rules, filter, rows inserted), which a
 * protection of the whole sheet keeps from those it does not let edit, however many of its cells it excepts.
 */
export function settingsOf(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, sheet: Sheet): Editable {
  return { canEdit: () => !sheet.getProtections(app.ProtectionType.SHEET).some((p) => !p.isWarningOnly() && !p.canEdit()) };
}

/**
 * The cells of the sheet protected from this person, from its protections (two calls, and a few per protection):
 * one that only warns, or whose editors include them, refuses no write of theirs.
 */
export function lockedCells(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, sheet: Sheet): (row: number, column: number) => boolean {
  const { ProtectionType } = app;
  const refusing = (type: GoogleAppsScript.Spreadsheet.ProtectionType) => sheet.getProtections(type).filter((p) => !p.isWarningOnly() && !p.canEdit());
  const areas = [
    ...refusing(ProtectionType.RANGE).map((p) => ({ within: rectOf(p.getRange()), except: [] as Rect[] })),
    ...refusing(ProtectionType.SHEET).map((p) => ({ within: rectOf(p.getRange()), except: p.getUnprotectedRanges().map(rectOf) })),
  ];
  return (row, column) => areas.some((a) => inside(a.within, row, column) && !a.except.some((e) => inside(e, row, column)));
}
