// The master workbook as a plan, built by pure code from the metrics document, the rows (streamed lazily,
// never all in memory), the rejections and the rendered charts. The writer streams it with exceljs.
import type { Rules } from '../../shared/index';
import type { WorkbookPlan } from '../../shared/workbook-plan';
import { MetricsAccumulator } from '../metrics/aggregate-metrics';
import type { DemandMetrics } from '../metrics/metrics-schema';
import type { Rejection } from '../store/row-store';
import { backlogSheet, capacitySheet, dataQualitySheet, demandSheet, fulfilmentSheet } from './breakdown-sheets';
import { dataSheet, type RowSource } from './data-sheets';
import { summarySheet, type ChartImage } from './summary-sheet';

export interface MasterInput {
  metrics: DemandMetrics;
  /** Rows of a table, already limited to the metrics' sources; the date filter is applied here. */
  rows: RowSource;
  rejections: readonly Rejection[];
  rules: Rules;
  charts: readonly ChartImage[];
}

export function masterPlan({ metrics: m, rows, rejections, rules, charts }: MasterInput): WorkbookPlan {
  const total = (k: 'requests' | 'workplan' | 'milestones' | 'roadmap') => m.sources.reduce((a, s) => a + s[k], 0);
  const common = { rules, asOf: m.asOf };
  const { from, to } = m.filters;
  const inPeriod = (r: { values: Record<string, unknown> }) => MetricsAccumulator.inPeriod(r.values, from ?? undefined, to ?? undefined);
  return {
    title: `Equity Desk master workbook, ${m.asOf}`,
    sheets: [
      summarySheet(m, charts),
      dataSheet({ table: 'requests', rows: rows('requests'), keep: inPeriod, expectedRows: total('requests'), ...common }),
      dataSheet({ table: 'workplan', rows: rows('workplan'), expectedRows: total('workplan'), dataBars: ['percentComplete'], ...common }),
      dataSheet({ table: 'milestones', rows: rows('milestones'), expectedRows: total('milestones'), ...common }),
      ...(total('roadmap') > 0 ? [dataSheet({ table: 'roadmap', rows: rows('roadmap'), expectedRows: total('roadmap'), ...common })] : []),
      demandSheet(m),
      fulfilmentSheet(m),
      backlogSheet(m),
      capacitySheet(m),
      dataQualitySheet(rejections),
    ],
  };
}
