// The templates' sheets as they print, measured when the add-on is built: the data sheets' narrowed column widths and
// the Lists sheet's row height, which set-up gives a template's sheets. scripts/built-data.mjs evaluates this module
// at build time and bundles its value as data, so the Sheets add-on carries the figures and not the text measuring.
import { contentTemplatePlan, templateContent, TEMPLATE_NAMES, type TemplateName } from '../../templates/build-template';
import { dataSheet } from '../../templates/data-sheet';
import { DEFAULT_LISTS_GRID, readRules } from '../../shared/rules';
import { TABLES } from '../../shared/tables';
import { computeDerived } from '../../shared/layout';
import { addDays } from '../../shared/cells/dates';
import type { PlanCell, SheetPlan } from '../../shared/workbook-plan';
import { measuredLayout } from './printed-layout';
import { printKey } from './print-key';

export interface TemplatePrint {
  widths: number[];
  evenRowPoints?: number;
}

const days = (from: string, count: number) => Array.from({ length: count }, (_, i) => addDays(from, i));

/**
 * The days measured for each template, and whether its rows are dated from the day of set-up (the milestones'). A
 * work plan's derived statuses, and so its columns' widest words, follow the day of set-up: every day from a year
 * before its first date to a year after its last, past which they no longer change. The other templates' rows are
 * undated or dated from the day of set-up: eight weeks of days.
 */
const MEASURED: Readonly<Record<TemplateName, { days: readonly string[]; datedRows?: true }>> = {
  'ta-intake': { days: days('2026-03-01', 56) },
  workplan: { days: days('2021-01-01', 3652) },
  milestones: { days: days('2026-03-01', 56), datedRows: true },
  roadmap: { days: days('2026-03-01', 56) },
};

/**
 * The template's sheets set-up narrows or evens: all of them on its first day, and its data sheet on each later day
 * whose rows or derived texts (what the widest words come from) differ from every day's before.
 */
function* printedSheets(name: TemplateName): Iterable<SheetPlan> {
  const { days: [first, ...later], datedRows } = MEASURED[name];
  const sheets = contentTemplatePlan(name, templateContent, first).sheets;
  yield* sheets;
  const table = Object.values(TABLES).find((t) => t.sheet === sheets[0].name)!;
  const rules = readRules(DEFAULT_LISTS_GRID);
  const fixed = datedRows ? undefined : templateContent(name, first);
  const seen = new Set<string>();
  for (const asOf of later) {
    const rows = fixed ?? templateContent(name, asOf);
    const texts = JSON.stringify(rows.map((r) => [r, Object.values(computeDerived(table, r, rules, asOf)).filter((v) => typeof v === 'string')]));
    if (seen.has(texts)) continue;
    seen.add(texts);
    yield dataSheet(table, rows, rules, asOf, '').plan;
  }
}

/** Each template sheet set-up narrows or evens, by its `printKey`. */
function measured(): Record<string, TemplatePrint> {
  const prints: Record<string, TemplatePrint> = {};
  for (const name of TEMPLATE_NAMES) {
    for (const sheet of printedSheets(name)) {
      if (!sheet.print?.narrowToPrint && !sheet.evenRows) continue;
      const key = printKey(sheet);
      if (key in prints) continue;
      const { columns, evenRowPoints } = measuredLayout(sheet, [...(sheet.rows as Iterable<readonly PlanCell[]>)]);
      prints[key] = { widths: columns.map((c) => c.width), ...(evenRowPoints === undefined ? {} : { evenRowPoints }) };
    }
  }
  return prints;
}

export const TEMPLATE_PRINTS: Readonly<Record<string, TemplatePrint>> = measured();
