// "Refresh custom functions": Sheets runs a custom function again only when its arguments change, so one
// whose day defaults to today, that reads the Lists rules, or that counts the service's rows goes stale.
// Entering its formula again is the one way a script can make Sheets recalculate it. The names come from the
// handlers, not from the entry list, whose custom-function docs (for the build's JSDoc) would go into Code.js.

import { callOf } from '../core/refresh-functions';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** Formula cells of one column, one below the other: cleared and written back as one range. */
interface Run {
  sheet: Sheet;
  row: number;
  column: number;
  formulas: string[];
}

function runsIn(sheet: Sheet, call: RegExp): Run[] {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow === 0 || lastColumn === 0) return [];
  const formulas = sheet.getRange(1, 1, lastRow, lastColumn).getFormulas();
  const runs: Run[] = [];
  for (let c = 0; c < lastColumn; c++) {
    let open: Run | null = null;
    for (let r = 0; r < lastRow; r++) {
      const f = formulas[r][c];
      if (f && call.test(f)) {
        if (open && open.row + open.formulas.length === r + 1) open.formulas.push(f);
        else runs.push((open = { sheet, row: r + 1, column: c + 1, formulas: [f] }));
      } else open = null;
    }
  }
  return runs;
}

/** Re-enters every formula that calls one of our custom functions (`names`); returns how many cells. */
export function refreshCustomFunctionCells(app: GoogleAppsScript.Spreadsheet.SpreadsheetApp, spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, names: readonly string[]): number {
  const call = callOf(names);
  const runs = spreadsheet.getSheets().flatMap((sheet) => runsIn(sheet, call));
  if (runs.length === 0) return 0;
  const range = (run: Run) => run.sheet.getRange(run.row, run.column, run.formulas.length, 1);
  for (const run of runs) range(run).clearContent();
  // Without a flush Sheets may fold the clear and the rewrite into no change at all.
  app.flush();
  for (const run of runs) range(run).setFormulas(run.formulas.map((f) => [f]));
  return runs.reduce((n, run) => n + run.formulas.length, 0);
}
