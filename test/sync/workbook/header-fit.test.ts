// Every header row this project writes, read as a committee member reads it on paper: each header wraps at its spaces
// in its column, into lines that read as words, a right-aligned one beside its indent.
import { expect, it } from 'vitest';
import { DEFAULT_RULES, TABLES, type TableName } from '../../../shared/index';
import { planColumn } from '../../../shared/layout';
import { headerWordsFit, keepsRightHeaderIndent } from '../../../shared/printed-text';
import { printedColumns } from '../../../shared/pages-wide';
import { alignsRight, type PlanColumn, type WorkbookPlan } from '../../../shared/workbook-plan';
import type { ChangesReport } from '../../../sync/changes/changes-schema';
import { changesWorkbookPlan } from '../../../sync/changes/changes-workbook';
import { masterPlan } from '../../../sync/master/master-plan';
import { aggregateMetrics, type MetricsInput } from '../../../sync/metrics/aggregate-metrics';
import { buildTemplatePlan, TEMPLATE_NAMES } from '../../../templates/build-template';
import { AS_OF, MILESTONES, REQUESTS, ROADMAP, WORKPLAN } from '../metrics/demand-rows';

const ROWS: MetricsInput = { requests: REQUESTS, workplan: WORKPLAN, milestones: MILESTONES, roadmap: ROADMAP };
const metrics = aggregateMetrics(ROWS, { asOf: AS_OF, rules: DEFAULT_RULES });
const master = masterPlan({ metrics, rows: <T extends TableName>(t: T) => ROWS[t] ?? [], rejections: [], rules: DEFAULT_RULES, charts: [] });
const changes: ChangesReport = {
  since: '2026-11-05', until: '2026-12-03',
  requests: { received: [], fulfilled: [], closed: [], wentOverdue: [], dateNotRecorded: 0 },
  workplan: [], milestones: { done: [], missed: [] }, removed: [], dataQuality: { rejected: [], fixed: [] }, sources: [],
};
const books: WorkbookPlan[] = [master, changesWorkbookPlan(changes), ...TEMPLATE_NAMES.flatMap((name) => [buildTemplatePlan(name), buildTemplatePlan(name, { sample: 12, asOf: AS_OF })])];

const headerFits = (c: PlanColumn) => (alignsRight(c) ? keepsRightHeaderIndent(c.header, c.width) : headerWordsFit(c.header, c.width));

it('writes every header in a column where it wraps at its spaces into lines that read as words', () => {
  const unfit: string[] = [];
  for (const book of books) {
    for (const sheet of book.sheets) {
      if (sheet.header === false) continue;
      for (const c of printedColumns(sheet)) {
        if (c.hidden) continue;
        if (!headerFits(c)) unfit.push(`${book.title} › ${sheet.name} › ${c.header} at ${c.width}`);
      }
    }
  }
  expect(unfit).toEqual([]);
});

it('declares every table column as wide as its header needs, so the width the definition gives is the one printed', () => {
  const unfit = Object.values(TABLES).flatMap((table) => [...table.columns, ...table.derived]
    .filter((c) => !headerFits({ ...planColumn(c), width: c.width }))
    .map((c) => `${table.sheet} › ${c.header} at ${c.width}`));
  expect(unfit).toEqual([]);
});
