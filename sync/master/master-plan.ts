// The master workbook as a plan, built by pure code from the metrics document, the rows (streamed lazily,
// never all in memory), the rejections and the rendered charts. The writer streams it with exceljs.
import { TABLE_NAMES, TABLES, type Rules, type TableName } from '../../shared/index';
import { shortDay } from '../../shared/cells/dates';
import { nounFor } from '../../shared/plural';
import { continuationSheets, EXCEL_MAX_ROWS, type LaterSheet, type SheetPlan, type WorkbookPlan } from '../../shared/workbook-plan';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { RequestsThen } from '../metrics/as-of-day';
import type { Rejection, RowWarnings } from '../store/row-store';
import { backlogSheet, capacitySheet, demandSheet, fulfillmentSheet, targetsSheet } from './breakdown-sheets';
import { DATA_QUALITY_SHEET, dataQualitySheet, rejectedSummary } from './data-quality-sheet';
import { masterDataSheet, type MasterDataOptions, type RowSource } from './data-sheets';
import { LONG_TEXTS_SHEET, longTextsSheet, type LongText } from './long-texts-sheet';
import { SUMMARY_SHEET, summarySheet, type ChartImage } from './summary-sheet';

export interface MasterInput {
  metrics: DemandMetrics;
  /** Rows of a table, already limited to the metrics' sources; the date filter is applied here. */
  rows: RowSource;
  rejections: readonly Rejection[];
  /** Rows kept with warnings; the Data quality sheet lists them after the errors. */
  warnings?: readonly RowWarnings[];
  rules: Rules;
  charts: readonly ChartImage[];
}

/** What the figures are built from, known once every row has been read; and the texts clipped in the data sheets. */
export interface MasterReport { metrics: DemandMetrics; charts: readonly ChartImage[]; longTexts: readonly LongText[] }

/** The file's title, as a spreadsheet shows it in the file's properties: its day in words. */
const title = (asOf: string) => `Equity Desk master workbook, as of ${shortDay(asOf)}`;
const REPORT_SHEETS = ['Demand', 'Fulfillment', 'Backlog', 'Capacity', 'Targets'] as const;

/** The Summary's note on each data sheet whose rows continue on further sheets, past the rows a sheet holds. */
function continuedSummary(m: Pick<DemandMetrics, 'sources'>, rowsPerSheet: number | undefined): string[] {
  return TABLE_NAMES.flatMap((t) => {
    const more = continuationSheets(TABLES[t].sheet, m.sources.reduce((a, s) => a + s[t], 0), 1, rowsPerSheet);
    if (!more.length) return [];
    const names = more.length === 1 ? more[0] : `${more.slice(0, -1).join(', ')} and ${more[more.length - 1]}`;
    return [`The ${TABLES[t].sheet} table continues on ${nounFor(more.length, 'sheet')} ${names}: a sheet holds ${(rowsPerSheet ?? EXCEL_MAX_ROWS).toLocaleString('en-US')} rows.`];
  });
}

/** Sheets made from the finished metrics; Data quality among them, since the trends' likely typos come from the metrics. */
function reportSheets({ metrics: m, charts, longTexts }: MasterReport, rejections: readonly Rejection[], warnings: readonly RowWarnings[] = [], rowsPerSheet?: number) {
  return {
    [SUMMARY_SHEET]: summarySheet(m, charts, [...continuedSummary(m, rowsPerSheet), ...rejectedSummary(m, rejections)]), Demand: demandSheet(m), Fulfillment: fulfillmentSheet(m), Backlog: backlogSheet(m), Capacity: capacitySheet(m), Targets: targetsSheet(m),
    [DATA_QUALITY_SHEET]: dataQualitySheet(rejections, warnings, m.dataQuality.likelyTypoDates),
    [LONG_TEXTS_SHEET]: longTextsSheet(longTexts),
  };
}

interface DataInput extends MasterDataOptions {
  rows: RowSource;
  withRoadmap: boolean;
}

function dataSheets(input: DataInput): SheetPlan[] {
  const tables: TableName[] = ['requests', 'workplan', 'milestones', ...(input.withRoadmap ? ['roadmap' as const] : [])];
  return tables.map((t) => masterDataSheet(t, input.rows(t), input));
}

/** The whole plan from metrics already computed. */
export function masterPlan({ metrics: m, rows, rejections, warnings, rules, charts }: MasterInput): WorkbookPlan {
  const total = (k: TableName) => m.sources.reduce((a, s) => a + s[k], 0);
  // Texts clipped here say their source sheet holds them whole: this plan's sheets are made before any row is written.
  const report = reportSheets({ metrics: m, charts, longTexts: [] }, rejections, warnings);
  const data = dataSheets({ rows, rules, asOf: m.asOf, today: m.statusesRecordedOn ?? undefined, from: m.filters.from ?? undefined, to: m.filters.to ?? undefined, withRoadmap: total('roadmap') > 0, expected: total });
  return { title: title(m.asOf), sheets: [report[SUMMARY_SHEET], ...data, ...REPORT_SHEETS.map((name) => report[name]), report[DATA_QUALITY_SHEET]] };
}

export interface StreamingMasterInput extends Omit<MasterInput, 'metrics' | 'charts'> {
  asOf: string;
  /** See `MasterDataOptions.today`. */
  today?: string;
  /** See `MetricsOptions.requestsThen`. */
  requestsThen?: RequestsThen;
  /** Keeps the texts clipped in the data sheets written on this thread; the report brings them back with the others. */
  clipped?: SheetPlan['clipped'];
  /** See `MasterDataOptions.words`. */
  words?: MasterDataOptions['words'];
  /** Rows a sheet holds before a table continues on a next sheet; Excel's limit unless a test sets one. */
  rowsPerSheet?: number;
  from?: string;
  to?: string;
  withRoadmap: boolean;
  /** Called once the data sheets are written: `rows` has by then fed every row to the metrics. */
  report: () => Promise<MasterReport>;
}

/**
 * The same sheets in the same tab order, for one pass over the rows: the data sheets are written first
 * while the metrics gather from them, then Summary and the breakdowns from the finished metrics.
 */
export function streamingMasterPlan({ rows, rejections, warnings, rules, asOf, today, requestsThen, from, to, withRoadmap, report, rowsPerSheet, clipped, words }: StreamingMasterInput): WorkbookPlan<SheetPlan | LaterSheet> {
  let sheets: Promise<ReturnType<typeof reportSheets>> | undefined;
  const later = (name: typeof SUMMARY_SHEET | (typeof REPORT_SHEETS)[number] | typeof DATA_QUALITY_SHEET | typeof LONG_TEXTS_SHEET): LaterSheet => ({
    name,
    later: async () => (await (sheets ??= report().then((r) => reportSheets(r, rejections, warnings, rowsPerSheet))))[name],
  });
  return {
    title: title(asOf),
    rowsPerSheet,
    sheets: [later(SUMMARY_SHEET), ...dataSheets({ rows, rules, asOf, today, requestsThen, from, to, withRoadmap, clipped, words }), ...REPORT_SHEETS.map(later), later(DATA_QUALITY_SHEET), later(LONG_TEXTS_SHEET)],
  };
}
