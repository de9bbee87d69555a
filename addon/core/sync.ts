// "Sync now": each table read once, ids stamped, only rows whose content hash differs from what the
// service acknowledged sent (plus rows it would reject, so it stays the judge, and deletions), in
// chunks, under a lock; the service's rejections shown at their cells and cleared once fixed.
import { LISTS_SHEET, columnLetter } from '../../shared/lists';
import type { Rules } from '../../shared/rules';
import { formatCellIssue } from '../../shared/issues';
import { isLoadingCell } from '../../shared/cells/error-value';
import { placeRef } from '../../shared/sheet-ref';
import { counted } from '../../shared/plural';
import { AddonError } from './addon-error';
import { pullIntoSheets } from './pull-rows';
import { statusColumnsOf } from './ready-rows';
import { readsLists } from '../../shared/layout';
import { localToday, templateOf, type TemplateName } from '../../templates/build-template';
import { followOwnSheet } from './own-dashboard';
import { loadedNow } from './schedule';
import { writeNumbersInWords } from './lists-numbers';
import { checkedLists, sendLists } from './send-lists';
import { connection, type Connection } from './settings';
import { readSyncedTables, type TableGroup } from './synced-sheets';
import { readTableSheet, spreadsheetRules, type SheetReading, type TableSheet } from './table-sheet';
import type { LockPort } from '../port/host-ports';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { io, sequence, type Task } from './task';
import { endPeriods } from './typed-periods';
import type { SyncReport, TableSyncReport } from './sync-report';
import { summarize } from './sync-summary';
import { sheetNames, unreadableBecause } from './sheet-status';
import { syncTable, type TableSyncDeps } from './sync-table';

const LOCK_WAIT_MS = 10_000;

export interface SyncDeps extends TableSyncDeps {
  lock: LockPort;
}

/**
 * Why the sync must wait, when cells whose formulas fetch data (IMPORTRANGE, IMPORTDATA, GOOGLEFINANCE; Excel's
 * #BUSY!) have not finished: read now, a row would be stored holding "Loading..." or rejected for a date it lacks,
 * and the Lists would offer "Loading..." as a choice. A value typed as that text is no formula's, and goes as typed.
 */
function stillLoading(sheets: readonly TableSheet[], rules: Rules): string | undefined {
  const cells = sheets.flatMap((t) =>
    t.host.flatMap((line, r) => line.flatMap((v, c) => (isLoadingCell(v, t.formulas, r, c) ? [placeRef(t.sheet, r + 1, columnLetter(c + 1))] : []))),
  );
  cells.push(...rules.issues.filter((i) => i.code === 'still_loading').map((i) => placeRef(i.sheet!, i.row!, i.column)));
  if (cells.length === 0) return undefined;
  const shown = cells.slice(0, 3).join(', ') + (cells.length > 3 ? ` and ${(cells.length - 3).toLocaleString('en-US')} more` : '');
  return `Not synced yet: ${counted(cells.length, 'cell is', 'cells are')} still loading their formulas' data (${shown}; IMPORTRANGE, IMPORTDATA or a similar formula has not finished). Nothing was sent; sync again in a moment. If they stay loading, check those formulas: nothing syncs until they show their data.`;
}

/** The Lists cells not read as choices or rules (a formula's error), the first few by cell; '' when there are none. */
function listsSkipped(rules: Rules): string {
  const shown = rules.issues.slice(0, 3).map(formatCellIssue);
  const more = rules.issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${counted(more, 'more Lists cell')} with a warning` : '');
}

/**
 * The template to set up again when the workbook has no Lists sheet but a table's status formulas were laid out to
 * read one (the Lists tab deleted): undefined when Lists is there, or no status formula was ever laid out.
 */
function listsMissing(names: readonly string[], groups: readonly TableGroup[]): TemplateName | undefined {
  if (names.includes(LISTS_SHEET)) return undefined;
  // Sheets keeps a deleted sheet's name in the formula (an unresolved sheet name); Excel writes `#REF!` in its place.
  const pointsAtLists = (formula: string) => readsLists(formula) || formula.includes('#REF!');
  const laidOut = groups.flatMap((g) => g.sheets).find((t) => [...statusColumnsOf(t, true)].some((column) => t.formulas.some((line) => pointsAtLists(String(line[column - 1] ?? '')))));
  return laidOut && templateOf(laidOut.table.name);
}

function* none(): Task<{ refilled?: TableSyncReport['refilled'] }> {
  return {};
}

/** The pull again, after the push: the service's values for columns the sheets did not have before, written in. */
function* refill(deps: SyncDeps, conn: Connection, group: TableGroup, fields: readonly string[], hasLists: boolean, fiscalYearStartMonth: number): Task<{ refilled?: TableSyncReport['refilled'] }> {
  const { report } = yield* pullIntoSheets(deps.port, deps.http, conn, group.sheets.filter((t) => unreadableBecause(t) === undefined), hasLists, fiscalYearStartMonth);
  const headers = fields.map((field) => group.table.columns.find((c) => c.name === field)?.header ?? field);
  return report.updated ? { refilled: { rows: report.updated, headers, clipped: report.clipped } } : {};
}

/** The group with the sheets a pull wrote into read again (as the tables they were), the others as read before. */
function* readAgain(port: SpreadsheetPort, group: TableGroup, written: readonly string[], reading: SheetReading): Task<TableGroup> {
  const sheets: TableSheet[] = [];
  for (const name of sheetNames(group.sheets)) {
    const before = group.sheets.filter((t) => t.sheet === name);
    // Read as it was, then only the tables of this group: the others' rows are another group's.
    const again = written.includes(name) ? yield* readTableSheet(port, name, before[0].top, { ...reading, held: () => before[0].held }) : before;
    sheets.push(...again.filter((t) => t.table.name === group.table.name));
  }
  return { ...group, sheets };
}

/**
 * Syncs every table (each kept on one sheet or several); throws `busy` when another sync holds the lock.
 * The workbook's sheets are listed once, and each sheet read once, plus once more if the pull wrote into it;
 * a table's formulas come with its values, to tell a blank status cell from one whose formula shows nothing.
 */
export function* syncNow(deps: SyncDeps): Task<SyncReport> {
  const conn = yield* connection(deps.settings, deps.port.words);
  if (!(yield* io(deps.lock.tryLock(LOCK_WAIT_MS)))) throw new AddonError('busy', 'Another sync of this spreadsheet is still running; try again in a minute.');
  try {
    const names = yield* io(deps.port.sheetNames());
    const read = yield* spreadsheetRules(deps.port, names, { withFormulas: true });
    // A sheet named Lists that is not laid out as the templates' is the person's own: nothing points into it.
    const hasLists = names.includes(LISTS_SHEET) && read.ownLists !== undefined;
    // Before the sheet's formulas are read again or laid out: from this sync on they read the number the words say.
    const { notice: numbersWritten, rules } = hasLists ? yield* writeNumbersInWords(deps.port, read) : { notice: '', rules: read };
    // Legends and header ties read by the lists the rows are checked against, as `import` reads them.
    const reading = { fiscalYearStartMonth: rules.settings.fiscalYearStartMonth, ...(hasLists ? { lists: checkedLists(rules) } : {}) };
    const before = yield* readSyncedTables(deps.port, deps.settings, reading, names);
    if (before.length === 0) {
      throw new AddonError('no_table', `No sheet here looks like an Equity Desk table (Requests, Work plan, Milestones or Roadmap): ${deps.port.words.setUp()} first.`);
    }
    const loading = stillLoading(before.flatMap((g) => g.sheets), rules);
    if (loading !== undefined) throw new AddonError('loading', loading);
    yield* loadedNow(deps.settings);
    // Pulled first: the rows written into the sheet are then read with it, so the push below finds them
    // unchanged instead of sending the sheet's older version or taking a new row for a deleted one.
    // Sent before any table's rows, which the service checks against them (a work plan's statuses too).
    if (hasLists && before.some((g) => g.sheets.length > 0)) yield* sendLists(deps.http, conn, rules);
    const pulled = yield* sequence(before.map((group) => pullIntoSheets(deps.port, deps.http, conn, group.sheets.filter((t) => unreadableBecause(t) === undefined), hasLists, reading.fiscalYearStartMonth)));
    const groups = yield* sequence(before.map((group, i) => readAgain(deps.port, group, pulled[i].written, reading)));
    const missing = listsMissing(names, groups);
    const synced = yield* sequence(groups.map((group, i) => syncTable(deps, conn, group, rules, hasLists, pulled[i].report, hasLists && i === 0, missing !== undefined)));
    // After the service has read every table: the day it read each period typed as a date, into the sheet, where the
    // status formulas and EQ_ functions see it too. Two tables stacked in a sheet share one read of it.
    const ends = yield* endPeriods(deps.port, deps.settings, synced.map((s) => s.ends));
    // A column added for a field the service kept: the push had the service queue what it holds there, written in now.
    const refills = yield* sequence(synced.map((s, i) => (s.appeared.length ? refill(deps, conn, groups[i], s.appeared, hasLists, reading.fiscalYearStartMonth) : none())));
    const tables = synced.map((s, i): TableSyncReport => ({ ...s.report, periodEnds: ends[i], ...refills[i] }));
    // Last, over the sheets as this sync left them: a Dashboard counting a table's own sheet follows its columns and rows.
    const followed = yield* sequence(groups.map((group) => followOwnSheet(deps.port, group.sheets, names, rules, localToday())));
    const listsLine = missing === undefined ? '' : `The Lists sheet is missing: the status columns that read it show #REF! and have no dropdowns. To put it back (your data is kept), ${deps.port.words.setUp(missing)}.`;
    const notices = [listsLine, numbersWritten, listsSkipped(rules), ...followed].filter((line) => line !== '');
    return { tables, notices, summary: [...notices, summarize(tables)].join('\n') };
  } finally {
    yield* io(deps.lock.release());
  }
}
