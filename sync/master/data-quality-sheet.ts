// The committee's view of every problem: the Data quality sheet (each error and warning with its source,
// sheet, the user's own header and the cell, and the row's own ID, or the row id for rows sent through the API) and the
// Summary's count of rejected rows per source, which no figure includes.
import { isolated } from '../../shared/isolated-text';
import { inputColumn, TABLES, type TableName } from '../../shared/index';
import { counted, nounFor } from '../../shared/plural';
import { quoteValue } from '../../shared/quote-value';
import { headerWidth, oneLineWidth } from '../../shared/printed-text';
import { placeRef } from '../../shared/sheet-ref';
import { fittedWidth, numberColumn, textColumn, type PlanCell, type SheetPlan } from '../../shared/workbook-plan';
import { importRowId } from '../ingest/import-row-id';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { FieldError, Rejection, RowWarnings } from '../store/row-store';
import { widestOnOnePage } from '../workbook/write-workbook';

export const DATA_QUALITY_SHEET = 'Data quality';
export const NO_PROBLEMS = 'No errors or warnings: every row of every source was read as written.';
/** The index of the Sheet and Cell columns in each row. */
const SHEET_COLUMN = 2;
const CELL_COLUMN = 4;
const ROW_ID_COLUMN = 7;
const MESSAGE_WIDTH = 70;
/** A row's own ID ("TA-2024-031") fits on a line up to this width; a longer one wraps. */
const WIDEST_ROW_ID = 16;
const NARROWEST_ROW_ID = 8;
/** A sheet's name ("Work plan 2026-29") fits on a line from this width up to the widest; a longer one wraps. */
const SHEET_WIDTH = 14;
const WIDEST_SHEET = 24;

/** `Milestones!B28` (`'Work plan'!O11`) when the sheet, row and column are known; `Milestones row 28` without a column; blank for API rows. */
function cellOf(p: Rejection, e: FieldError): string | null {
  if (p.sheet === undefined || p.sheetRow === undefined) return null;
  return placeRef(p.sheet, p.sheetRow, e.column);
}

/**
 * The row's own ID as its sheet shows it; none for a row of a sheet without one, which the Sheet and Row columns name;
 * for a row sent with no place and no ID (the API), the id it was sent with, the only name it has.
 */
const rowIdOf = (p: Rejection): string | null =>
  importRowId.ownId(p.rowId, p) || (p.sheet === undefined || p.sheetRow === undefined ? p.rowId : '') || null;

/** The header as the user wrote it when known, else the table's own. */
const headerOf = (table: TableName, e: FieldError) => e.header ?? TABLES[table].columns.find((c) => c.name === e.field)?.header ?? e.field;

/**
 * Every error (rejected rows) and warning (rows kept, read loosely), by source, then in sheet order
 * (row 10 after row 3), errors before warnings on one row.
 */
export function dataQualitySheet(rejections: readonly Rejection[], warnings: readonly RowWarnings[] = [], typoDates: DemandMetrics['dataQuality']['likelyTypoDates'] = []): SheetPlan {
  const problems = [...rejections.map((p) => ({ p, severity: 'Error' })), ...warnings.map((p) => ({ p, severity: 'Warning' }))];
  problems.sort((a, b) =>
    a.p.sourceName.localeCompare(b.p.sourceName) || a.p.sourceId.localeCompare(b.p.sourceId)
    || (a.p.sheet ?? TABLES[a.p.table].sheet).localeCompare(b.p.sheet ?? TABLES[b.p.table].sheet)
    || (a.p.sheetRow ?? 0) - (b.p.sheetRow ?? 0) || importRowId.order(a.p.rowId, b.p.rowId) || a.severity.localeCompare(b.severity));
  const rows: PlanCell[][] = problems.flatMap(({ p, severity }) => p.errors.map((e): PlanCell[] => [
    p.sourceName, severity, p.sheet ?? TABLES[p.table].sheet, p.sheetRow ?? null, cellOf(p, e), headerOf(p.table, e), e.message, rowIdOf(p),
  ]));
  rows.push(...typoDateRows(typoDates));
  // The Row ID as wide as its IDs (rows of a sheet without IDs have none), the Sheet as its names on one line (a name
  // wrapped broke at its hyphen, "2026-" above "29"), the Message given the rest.
  const textsIn = (column: number) => rows.flatMap((r) => (typeof r[column] === 'string' ? [r[column] as string] : []));
  const rowIdWidth = oneLineWidth(textsIn(ROW_ID_COLUMN), headerWidth('Row ID', NARROWEST_ROW_ID), WIDEST_ROW_ID);
  const sheetWidth = oneLineWidth(textsIn(SHEET_COLUMN), headerWidth('Sheet', SHEET_WIDTH), WIDEST_SHEET);
  const columns = [
    textColumn('Source', 24), textColumn('Severity', 9), textColumn('Sheet', sheetWidth), numberColumn('Row', 9, '0'), textColumn('Cell', 14),
    textColumn('Column', 22), textColumn('Message', MESSAGE_WIDTH + WIDEST_ROW_ID - rowIdWidth - (sheetWidth - SHEET_WIDTH)), textColumn('Row ID', rowIdWidth),
  ];
  // The cell reference is what a person types into the Name box to find the problem: never clipped. As wide as
  // the longest, up to what keeps the sheet one page wide: a long sheet's name wraps in its cell instead, as it
  // does in the Row ID (run past the last column, it would shrink the whole page to fit).
  const widest = widestOnOnePage(columns.map((c) => c.width), CELL_COLUMN);
  columns[CELL_COLUMN] = textColumn('Cell', fittedWidth(rows.map((r) => r[CELL_COLUMN]), columns[CELL_COLUMN].width, widest));
  // With no problem, one line under the header: a row in the Source column would wrap it into a narrow block.
  const whenEmpty = rows.length === 0 ? NO_PROBLEMS : undefined;
  return { name: DATA_QUALITY_SHEET, columns, rows, freeze: { rows: 1, columns: 0 }, autoFilter: true, expectedRows: rows.length, ...(whenEmpty ? { whenEmpty } : {}) };
}

/**
 * The dates the trends left out as likely typos, with how many requests of each source carry each, so they are
 * found and fixed where they were typed rather than lost.
 */
function typoDateRows(typoDates: DemandMetrics['dataQuality']['likelyTypoDates']): PlanCell[][] {
  const { sheet } = TABLES.requests;
  const header = (field: 'receivedOn' | 'fulfilledOn') => inputColumn('requests', field).header;
  return typoDates.flatMap((d) => (['receivedOn', 'fulfilledOn'] as const).flatMap((field) => d.sources.flatMap((s) => {
    const requests = s[field === 'receivedOn' ? 'received' : 'fulfilled'];
    if (requests === 0) return [];
    const message = `${d.date} is far from every other date, likely a typo: left out of the trend charts, the quarter columns and the days to fulfill (${counted(requests, 'request')}; filter ${header(field)} in the ${sheet} sheet to find ${nounFor(requests, 'it', 'them')})`;
    return [[s.sourceName, 'Warning', sheet, null, null, header(field), message, null]];
  })));
}

/**
 * One line per source with rejected rows: how many of what it sent were rejected, per table
 * ("Riverside: 6 of 15 requests rejected"), since rejected rows are in no figure; else one line saying none were.
 * Then one line per sheet that could not be read at all, saying whether rows stored before are still counted.
 */
export function rejectedSummary(m: Pick<DemandMetrics, 'sources'>, rejections: readonly Rejection[]): string[] {
  const rows = rejectedRowsSummary(m, rejections.filter((r) => !r.unreadable));
  const sheets = rejections.filter((r) => r.unreadable).map((r) => unreadableSheetLine(r, m));
  if (rows.length + sheets.length === 0) return ['No rows were rejected.'];
  return sheets.length === 0 ? rows : [...rows, ...sheets, `Fix each such sheet and sync or import it again; until then it is listed in the ${DATA_QUALITY_SHEET} sheet.`];
}

/**
 * A sheet that could not be read at all, said for the committee. Its rows from the last good read stay stored (a sheet
 * not read is not a sheet emptied), so they are in the figures as they were; only with nothing stored is none counted.
 * The store does not know which sheet a row came from, so the count is the source's rows of that table in the figures `m`.
 */
export function unreadableSheetLine(r: Rejection, m: Pick<DemandMetrics, 'sources'>): string {
  const { noun } = TABLES[r.table];
  const stored = m.sources.find((s) => s.id === r.sourceId)?.[r.table] ?? 0;
  const source = isolated(r.sourceName);
  const sheet = `${source}: the ${quoteValue(r.sheet ?? TABLES[r.table].sheet)} sheet (${noun}s) could not be read`;
  const cause = r.errors.map((e) => e.message).join('; ');
  if (stored === 0) return `${sheet}, and no ${noun}s from ${source} are in these figures, so none of its rows is counted: ${cause}`;
  return `${sheet}, so its rows stay as last read: the ${counted(stored, noun)} from ${source} in these figures ${nounFor(stored, 'is', 'are')} counted as ${nounFor(stored, 'it was', 'they were')}. The cause: ${cause}`;
}

function rejectedRowsSummary(m: Pick<DemandMetrics, 'sources'>, rejections: readonly Rejection[]): string[] {
  const bySource = new Map<string, Map<TableName, number>>();
  for (const r of rejections) {
    const counts = bySource.get(r.sourceId) ?? new Map<TableName, number>();
    counts.set(r.table, (counts.get(r.table) ?? 0) + 1);
    bySource.set(r.sourceId, counts);
  }
  if (bySource.size === 0) return [];
  const names = new Map(rejections.map((r) => [r.sourceId, r.sourceName]));
  const lines = [...bySource].map(([sourceId, counts]) => {
    const kept = m.sources.find((s) => s.id === sourceId);
    const parts = [...counts].map(([table, rejected]) => {
      const sent = rejected + (kept?.[table] ?? 0);
      return `${rejected.toLocaleString('en-US')} of ${counted(sent, TABLES[table].noun)}`;
    });
    return `${isolated(names.get(sourceId) ?? '')}: ${parts.join(', ')} rejected.`;
  });
  return [`Rows rejected are in none of these figures; each is listed with its cell in the ${DATA_QUALITY_SHEET} sheet.`, ...lines];
}
