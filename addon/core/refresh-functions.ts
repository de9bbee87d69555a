// "Refresh custom functions", what both hosts share: which formulas call the add-on's functions, how a host that can
// recalculate the whole workbook counts them, and what the refresh says. Sheets re-enters those formulas (it runs a
// custom function again only when its arguments change); Excel recalculates the workbook in full.
import { counted } from '../../shared/plural';
import type { HostWords } from '../port/host-words';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { io, type Task } from './task';

/** A call of one of `names` (as the host's formulas spell them), not of a function whose name only ends in one. */
export const callOf = (names: readonly string[]) => new RegExp(`(^|[^A-Za-z0-9_.])(${names.map((n) => n.replace('.', '\\.')).join('|')})\\s*\\(`, 'i');

/** The cells of every sheet whose formula calls one of `names`: one read of each sheet. */
export function* functionCells(port: SpreadsheetPort, names: readonly string[]): Task<number> {
  const call = callOf(names);
  let cells = 0;
  for (const sheet of yield* io(port.sheetNames())) {
    for (const line of (yield* io(port.readSheetWithFormulas(sheet))).formulas) cells += line.filter((f) => f !== '' && call.test(f)).length;
  }
  return cells;
}

/** What a refresh did, in the host's words. */
export const refreshedSummary = (cells: number, words: HostWords): string =>
  cells === 0
    ? `No Equity Desk functions (such as ${words.functionName('EQ_SLA')}) in this ${words.document} to refresh.`
    : `Recalculated ${counted(cells, 'cell')} with Equity Desk functions: today's date, the Lists rules and the service's counts are current.`;
