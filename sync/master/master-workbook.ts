// Builds the master workbook from the store in one pass over the rows: the data sheets stream while the
// metrics gather from the same rows, then Summary (still the first tab), the charts and the breakdowns
// from the finished metrics.
import type { Writable } from 'node:stream';
import { TABLE_NAMES, type TableName } from '../../shared/index';
import type { LaterSheet, SheetPlan, WorkbookPlan } from '../../shared/workbook-plan';
import { demandCharts } from '../charts/demand-charts';
import { MetricsAccumulator, surveyFigures, type MetricsOptions } from '../metrics/aggregate-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import { withRequestsThen } from '../metrics/as-of-day';
import type { RowStore, StoredRow } from '../store/row-store';
import { writeWorkbook, type WriteOptions } from '../workbook/write-workbook';
import { dataSheetThread, historyOnThisThread, type DataSheetThread } from './data-sheet-thread';
import { masterWords, WORDS_READ_UP_TO, type MasterDataOptions, type RowSource } from './data-sheets';
import { keepLongTexts } from './long-texts-sheet';
import { streamingMasterPlan, type MasterReport } from './master-plan';

export type MasterStore = Pick<RowStore, 'rows' | 'rowCount' | 'upsertDays' | 'threadReads' | 'listSources' | 'rejections' | 'warnings' | 'surveyCounts'>;

export interface MasterBuild {
  plan: WorkbookPlan<SheetPlan | LaterSheet>;
  /** The metrics the Summary shows; settles once the plan's data sheets have been written. */
  metrics: () => Promise<DemandMetrics>;
}

/** How the workbook is laid out, beyond the report's options: a test sets a small sheet to show a table continuing. */
export interface MasterLayout { rowsPerSheet?: number }

/**
 * Where the data sheets' rows come from, and the metrics gathered from the same rows and the texts clipped in
 * them: a worker thread, or this one (which keeps the texts clipped as it writes, through `clipped`).
 */
type DataSheetRows = Pick<DataSheetThread, 'any' | 'finish'> & { rows: RowSource; clipped?: SheetPlan['clipped'] };

/** The rows through the store, and their metrics gathered on this thread: for a store no other thread reads (PostgreSQL). */
function onThisThread(store: MasterStore, opts: MetricsOptions, sources: readonly { id: string; name: string }[]): DataSheetRows {
  const acc = new MetricsAccumulator(opts);
  for (const s of sources) acc.source(s.id, s.name);
  const filter = opts.sourceIds ? { sourceIds: opts.sourceIds } : {};
  const { kept: longTexts, clipped } = keepLongTexts();
  return {
    clipped,
    async any(table) {
      for await (const _ of store.rows(table, filter)) return true;
      return false;
    },
    async *rows<T extends TableName>(table: T): AsyncGenerator<StoredRow<T>> {
      for await (const row of store.rows(table, filter)) {
        acc.add(table, row);
        yield row;
      }
    },
    finish: async () => ({ metrics: acc.finish(), longTexts }),
  };
}

/** No rows, for a table counted empty. */
async function* noRows() {}

/**
 * The widest words of each data sheet's text columns, read before any sheet is written, of tables a committee prints
 * (see `masterWords`). An empty table is not read: a read starts the store's reading thread, which the first sheet
 * would wait for.
 */
async function sheetWords(store: MasterStore, filter: { sourceIds?: string[] }, opts: MetricsOptions): Promise<MasterDataOptions['words']> {
  const words: NonNullable<MasterDataOptions['words']> = {};
  for (const table of TABLE_NAMES) {
    const count = await store.rowCount(table, { ...filter, upTo: WORDS_READ_UP_TO });
    if (count <= WORDS_READ_UP_TO) words[table] = await masterWords(table, count ? store.rows(table, filter) : noRows(), opts);
  }
  return words;
}

export async function buildMasterPlan(store: MasterStore, asked: MetricsOptions, layout: MasterLayout = {}): Promise<MasterBuild> {
  // Only a workbook as of a past day reads history; from SQLite on this thread, which waits for it anyway.
  const opts = await withRequestsThen(store.threadReads ? historyOnThisThread(store.threadReads) : store, asked);
  const filter = opts.sourceIds ? { sourceIds: opts.sourceIds } : {};
  const sources = (await store.listSources()).map((s) => ({ id: s.id, name: s.name }));
  const words = await sheetWords(store, filter, opts);
  // Where the store lets another thread read its rows, the data sheets and the metrics are made there.
  const data: DataSheetRows = store.threadReads ? dataSheetThread(store.threadReads, opts, sources, words) : onThisThread(store, opts, sources);
  const rejections = await store.rejections(filter);
  const warnings = await store.warnings(filter);
  // The Roadmap tab is left out when no source has one, and tabs are fixed before any row is read.
  const withRoadmap = await data.any('roadmap');
  let report: Promise<MasterReport> | undefined;
  const finish = () => (report ??= (async () => {
    const { metrics: fromRows, longTexts } = await data.finish();
    // The survey is counted from its links, which no row holds, so neither thread's rows give it.
    const metrics = { ...fromRows, survey: surveyFigures(await store.surveyCounts(filter)) };
    // Loaded on first use: ECharts is a large share of the process's memory, spared while the rows stream.
    const { renderPng } = await import('../charts/render-chart');
    return { metrics, longTexts, charts: await Promise.all(demandCharts(metrics).map(async (spec) => ({ spec, png: await renderPng(spec) }))) };
  })());
  const plan = streamingMasterPlan({ rows: data.rows, rejections, warnings, rules: opts.rules, asOf: opts.asOf, today: opts.today, requestsThen: opts.requestsThen, from: opts.from, to: opts.to, withRoadmap, report: finish, rowsPerSheet: layout.rowsPerSheet, clipped: data.clipped, words });
  return { plan, metrics: async () => (await finish()).metrics };
}

/** Streams the master workbook to `out`; resolves with the metrics its Summary shows. */
export async function writeMasterWorkbook(store: MasterStore, opts: MetricsOptions, out: Writable, layout: MasterLayout = {}, write: WriteOptions = {}): Promise<DemandMetrics> {
  const { plan, metrics } = await buildMasterPlan(store, opts, layout);
  await writeWorkbook(plan, out, write);
  return metrics();
}

export const masterFileName = (asOf: string) => `equity-desk-master-${asOf}.xlsx`;
