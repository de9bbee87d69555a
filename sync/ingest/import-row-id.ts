// How `import` names a workbook row in the store, and how that name reads back for people.
import { itemIdTail } from '../../shared/row-id';

const NATURAL = new Intl.Collator('en-US', { numeric: true });

/**
 * A stored row id as people see it: a sheet's own warning at a row (`Plan@10`, `sheetWarningId`) in the same
 * `#` form as that row's other warnings (`Plan#10`), since the `@` form is the store's alone.
 */
const shown = (rowId: string) => rowId.replace(/@(\d+)$/, '#$1');

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
   * A stored row id as a committee member finds the row: `2026 Work Plan#16` → `2026 Work Plan row 16`,
   * `Roadmap#4~2` → `Roadmap row 4, item 2`; `TA Log:TA-7` (sheet and ID) and ids the add-on or the API
   * sent stay as they are.
   */
  label: (rowId: string) => shown(rowId).replace(/#(\d+)(?:~(\d+))?$/, (_, row: string, item?: string) => ` row ${row}${item ? `, item ${item}` : ''}`),
  shown,
  /**
   * The id of the sheet row an item's id by row number belongs to: `Roadmap#4~2` → `Roadmap#4`. An id by ID
   * stays as it is, since its tail may be a person's own (`TA Log:TA~12`); a sheet's name holds no `:`.
   */
  sheetRowId: (rowId: string) => rowId.replace(/^([^:]*#\d+)~\d+$/s, '$1'),
  /** Row ids in sheet order: `Plan#8` before `Plan#16`, `TA-9` before `TA-10`. */
  order: (a: string, b: string) => NATURAL.compare(a, b),
};
