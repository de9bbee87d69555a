// How `import` names a workbook row in the store, and how that name reads back for people.

const NATURAL = new Intl.Collator('en-US', { numeric: true });

/** `<sheet>:<ID>` for a row with an ID, else `<sheet>#<row>`: stable while the ID or the row stays put. */
export const importRowId = {
  withId: (sheet: string, id: string) => `${sheet}:${id}`,
  atRow: (sheet: string, row: number) => `${sheet}#${row}`,
  /** What follows the sheet's name in an id of either kind. */
  tail: /^(:.+|#\d+)$/s,
  /**
   * A stored row id as a committee member finds the row: `2026 Work Plan#16` → `2026 Work Plan row 16`;
   * `TA Log:TA-7` (sheet and ID) and ids the add-on or the API sent stay as they are.
   */
  label: (rowId: string) => rowId.replace(/#(\d+)$/, ' row $1'),
  /** Row ids in sheet order: `Plan#8` before `Plan#16`, `TA-9` before `TA-10`. */
  order: (a: string, b: string) => NATURAL.compare(a, b),
};
