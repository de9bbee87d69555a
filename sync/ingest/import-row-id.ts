// How `import` names a workbook row in the store, and how that name reads back for people.
import { itemIdTail } from '../../shared/row-id';
import { sheetWarningId } from './sheet-warnings';

const NATURAL = new Intl.Collator('en-US', { numeric: true });

/**
 * `<sheet>:<ID>` for a row with an ID, else `<sheet>#<row>`: stable while the ID or the row stays put. A sheet
 * row's later side-by-side items add `~<n>`, n counting its side-by-side columns, so each keeps its id.
 */
export const importRowId = {
  withId: (sheet: string, id: string, item?: number) => `${sheet}:${id}${itemIdTail(item)}`,
  atRow: (sheet: string, row: number, item?: number) => `${sheet}#${row}${itemIdTail(item)}`,
  /** What follows the sheet's name in an id of either kind. */
  tail: /^(:.+|#\d+(~\d+)?)$/s,
  /**
   * The sheet an id of either kind names, read from the id alone (a sheet's name holds no `:`), for a sheet the
   * workbook no longer has; `sheetOfRowId` reads it against the workbook's sheets. Undefined for other ids.
   */
  sheet: (rowId: string): string | undefined => /^(?:([^:]+):.+|(.*)#\d+(?:~\d+)?)$/s.exec(rowId)?.slice(1).find((s) => s !== undefined),
  /**
   * A row's own ID as its sheet shows it: the one kept with it (`ownId`), else, for a row `import` keyed by its ID at
   * its place, that ID (`TA Log:TA-7` → `TA-7`: the sheet's name before it is the store's alone); '' for a row with
   * none, whose sheet and row name it, or whose id is its sender's key (an add-on's Sync ID, a web-form request's).
   */
  ownId: (rowId: string, at: NamedPlace): string => {
    if (at.ownId !== undefined) return at.ownId;
    return at.sheet !== undefined && at.sheetRow !== undefined && rowId.startsWith(`${at.sheet}:`) ? rowId.slice(at.sheet.length + 1) : '';
  },
  /**
   * A row as the office finds it, on a line that names it alone: its noun and own ID, then its place, `Request
   * TA-2024-031, Requests row 14`; with a blank ID its place, `2026 Work Plan row 16`, `Roadmap row 4, item 2`; with
   * no place its ID, `Request TA-2026-0007`. A row with neither (sent by the API with no ID, or logged before the
   * rejection log kept either) by the id it was stored under, whatever it looks like: `Request me@12`.
   */
  label: (rowId: string, at: NamedPlace, noun: string) => {
    const numbered = byRowNumber(rowId, at);
    const place = numbered ? `${numbered.sheet} row ${numbered.row}${numbered.item ? `, item ${numbered.item}` : ''}`
      : at.sheet !== undefined && at.sheetRow !== undefined ? `${at.sheet} row ${at.sheetRow}` : '';
    const own = importRowId.ownId(rowId, at);
    const named = `${noun.charAt(0).toUpperCase()}${noun.slice(1)} ${own || rowId}`;
    return own && place ? `${named}, ${place}` : place || named;
  },
  /**
   * The id of the sheet row an item's id by row number belongs to: `Roadmap#4~2` → `Roadmap#4`. An id by ID
   * stays as it is, since its tail may be a person's own (`TA Log:TA~12`); a sheet's name holds no `:`.
   */
  sheetRowId: (rowId: string) => rowId.replace(/^([^:]*#\d+)~\d+$/s, '$1'),
  /** Row ids in sheet order: `Plan#8` before `Plan#16`, `TA-9` before `TA-10`. */
  order: (a: string, b: string) => NATURAL.compare(a, b),
};

/** Where a stored row was read: import and the add-ons send its sheet and row, the API need not. */
export interface RowPlace { sheet?: string; sheetRow?: number }
/** A row's place and its own ID as its sheet showed it (`RejectedRow.ownId`), as a rejection or log entry keeps them. */
export interface NamedPlace extends RowPlace { ownId?: string }

/**
 * The sheet row (and side-by-side item) an id names when `import` made it from that row number: `atRow`, or a
 * sheet's own warning (`sheetWarningId`). Only the ids made from the row's place, so a person's own id that ends in
 * `#12` or `@12` (sent by the API or as the add-on's Sync ID) names none, and a row with no place names none.
 */
function byRowNumber(rowId: string, at: RowPlace): { sheet: string; row: number; item?: number } | undefined {
  if (at.sheet === undefined || at.sheetRow === undefined) return undefined;
  const found = { sheet: at.sheet, row: at.sheetRow };
  if (rowId === sheetWarningId(at.sheet, at.sheetRow)) return found;
  const ownRow = importRowId.atRow(at.sheet, at.sheetRow);
  if (rowId === ownRow) return found;
  const item = rowId.startsWith(ownRow) ? /^~(\d+)$/.exec(rowId.slice(ownRow.length)) : null;
  return item && importRowId.atRow(at.sheet, at.sheetRow, +item[1]) === rowId ? { ...found, item: +item[1] } : undefined;
}
