// The four template workbooks as plans: a data sheet from the table definition (pre-filled content and
// `sample` generated rows), its Dashboard and the Lists sheet, written by the one workbook writer.
import { isIsoDate, isoFromParts, shortDay } from '../shared/cells/dates';
import { DEFAULT_LISTS_GRID, readRules, type Rules } from '../shared/rules';
import { TABLES, type DerivedOf, type TableName, type TypedRow } from '../shared/tables';
import type { SheetPlan, WorkbookPlan } from '../shared/workbook-plan';
import { milestoneContent, roadmapContent } from './content/roadmap-content';
import { workplanContent } from './content/workplan-content';
import type { DashboardBuilder } from './dashboard-sheet';
import { milestonesDashboard, requestsDashboard, roadmapDashboard, workplanDashboard } from './dashboards';
import { dataSheet, ownDataSheet, type DashboardData, type OwnSheet } from './data-sheet';
import { listsSheet } from './lists-sheet';
import { sampleRows } from './samples';

export const TEMPLATE_NAMES = ['ta-intake', 'workplan', 'milestones', 'roadmap'] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/** Where a template's own content comes from: `templateContent`, or the add-on's copy built from it. */
export type TemplateContent = (name: TemplateName, asOf: string) => TypedRow[];

export const isTemplateName = (name: unknown): name is TemplateName => TEMPLATE_NAMES.includes(name as TemplateName);

interface TemplateDef<T extends TableName = TableName> {
  table: T;
  title: string;
  tabColor: string;
  /** `asOf`: the day the cached figures are computed for, as the sheet's TODAY() gives it. */
  dashboard(sheet: DashboardData<NoInfer<T>>, rules: Rules, asOf: string): DashboardBuilder;
  /** The derived columns its Dashboard reads: computed on the Dashboard when it counts an office's own sheet. */
  reads: readonly DerivedOf<NoInfer<T>>[];
}

/** A template of one table: its Dashboard and the derived columns it reads are that table's. */
const template = <T extends TableName>(def: TemplateDef<T>): TemplateDef => def;

const TEMPLATES: Readonly<Record<TemplateName, TemplateDef>> = {
  'ta-intake': template({ table: 'requests', title: 'TA requests log', tabColor: '#2E75B6', dashboard: requestsDashboard, reads: ['daysOpen', 'slaState', 'ageBucket'] }),
  workplan: template({ table: 'workplan', title: 'Racial equity work plan', tabColor: '#7030A0', dashboard: workplanDashboard, reads: ['derivedStatus'] }),
  milestones: template({ table: 'milestones', title: 'Milestone calendar', tabColor: '#C55A11', dashboard: milestonesDashboard, reads: ['derivedStatus'] }),
  roadmap: template({ table: 'roadmap', title: 'Equity roadmap', tabColor: '#BF8F00', dashboard: roadmapDashboard, reads: ['derivedStatus'] }),
};

/** The template a table's sheet is set up from. */
export const templateOf = (table: TableName): TemplateName => TEMPLATE_NAMES.find((name) => TEMPLATES[name].table === table)!;

export interface TemplateOptions {
  /** Generated rows added after the template's own content. */
  sample?: number;
  /** The day cached statuses are computed for; today (local time, as TODAY() sees it) by default. */
  asOf?: string;
  seed?: number;
}

/**
 * A template's own content as of `asOf` (the milestones are dated from it). The Apps Script add-on reads the fixed
 * part of it from a project file instead (addon/apps-script/template-content.ts), so Code.js does not carry it.
 */
export function templateContent(name: TemplateName, asOf: string): TypedRow[] {
  return { 'ta-intake': () => [], workplan: workplanContent, milestones: () => milestoneContent(asOf), roadmap: roadmapContent }[name]();
}

/** Today's date as the spreadsheet's TODAY() gives it: the local calendar day. */
export function localToday(now = new Date()): string {
  return isoFromParts(now.getFullYear(), now.getMonth() + 1, now.getDate())!;
}

/** The largest `sample` a template accepts: it is a template, not a load test. */
export const MAX_SAMPLE_ROWS = 50_000;

/** A template's definition and the day its statuses are computed for, each checked. */
function checkedTemplate(name: TemplateName, asOf = localToday()): { def: TemplateDef; asOf: string } {
  const def = TEMPLATES[name];
  if (!def) throw new RangeError(`unknown template "${String(name)}" (templates: ${TEMPLATE_NAMES.join(', ')})`);
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a date as YYYY-MM-DD, not "${asOf}"`);
  return { def, asOf };
}

/** The typed rows a template's data sheet holds: its own content, then `sample` generated rows. */
export function templateRows(name: TemplateName, options: TemplateOptions = {}): { table: TableName; asOf: string; rows: TypedRow[] } {
  const { sample = 0, seed = 1 } = options;
  if (!Number.isInteger(sample) || sample < 0 || sample > MAX_SAMPLE_ROWS) throw new RangeError(`sample must be a whole number from 0 to ${MAX_SAMPLE_ROWS}`);
  const { def, asOf } = checkedTemplate(name, options.asOf);
  return { table: def.table, asOf, rows: [...templateContent(name, asOf), ...sampleRows(def.table, sample, { asOf, seed })] };
}

export function buildTemplatePlan(name: TemplateName, options: TemplateOptions = {}): WorkbookPlan {
  const { asOf, rows } = templateRows(name, options);
  return templatePlan(name, rows, asOf);
}

/**
 * A template with its own content (`content`: `templateContent` or a host's copy of it) and no sample rows, as the
 * add-ons set one up. It never reaches the sample generator or the content's source, so a bundle that builds templates
 * only through it leaves them out: Apps Script loads all of Code.js on every execution (docs/apps-script.md).
 */
export function contentTemplatePlan(name: TemplateName, content: TemplateContent, asOf?: string): WorkbookPlan {
  const checked = checkedTemplate(name, asOf);
  return templatePlan(name, content(name, checked.asOf), checked.asOf);
}

/** A template holding these rows, its statuses and figures cached as of `asOf` by the rules of its `lists` grid. */
export function templatePlan(name: TemplateName, rows: readonly TypedRow[], asOf: string, lists = DEFAULT_LISTS_GRID): WorkbookPlan {
  const def = TEMPLATES[name];
  const table = def.table;
  const rules = readRules(lists);
  const data = dataSheet(TABLES[table], rows, rules, asOf, def.tabColor);
  return { title: def.title, sheets: [data.plan, dashboardPlan(name, data, rules, asOf), listsSheet(lists)] };
}

/** The Dashboard's title cell: how set-up knows a Dashboard it wrote, which it may write again. */
export const dashboardTitle = (name: TemplateName): string => `${TEMPLATES[name].title}: dashboard`;

function dashboardPlan(name: TemplateName, data: DashboardData, rules: Rules, asOf: string): SheetPlan {
  const def = TEMPLATES[name];
  const own = data.sheet !== data.table.sheet;
  const read = own ? `, read by its headers (set up again after changing them)` : '';
  const built = def.dashboard(data, rules, asOf);
  // Once built: the columns it lacks that its figures read.
  const absent = data.absent?.length ? ` It has no ${data.absent.join(', ')} column: counted as blank.` : '';
  const note = `Native formulas over the ${data.sheet} sheet${read}: they recalculate in Excel, Google Sheets and LibreOffice.${absent} Values saved as of ${shortDay(asOf)}.`;
  return built.plan(dashboardTitle(name), note);
}

/**
 * The Dashboard of a template counting an office's own sheet of its table (`OwnSheet`: found by its headers, under
 * its own name), in place of the template's data sheet; `rules`, the workbook's Lists.
 */
export function ownSheetDashboard(name: TemplateName, own: OwnSheet, rules: Rules, asOf: string): SheetPlan {
  return dashboardPlan(name, ownDataSheet(own, rules, asOf, TEMPLATES[name].reads), rules, asOf);
}
