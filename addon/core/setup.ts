// "Set up from template": builds the template's sheets in the open spreadsheet from the same plan the
// xlsx templates are written from (headers, Lists validation, formats, native formulas, Dashboard with its
// helper columns hidden, print settings where the host keeps them), adding sheets and filling empty ones,
// never overwriting a sheet that already holds something.
import { LISTS_SHEET } from '../../shared/lists';
import { TABLES } from '../../shared/tables';
import { isIsoDate } from '../../shared/cells/dates';
import { isFormulaCell, type PlanCell, type PlanColumn, type SheetPlan } from '../../shared/workbook-plan';
import { contentTemplatePlan, type TemplateName } from '../../templates/build-template';
import { SYNC_ID_HEADER } from './table-sheet';
import { TEMPLATE_LABELS } from '../port/host-words';
import type { SheetFormat, SpreadsheetPort, WriteCell } from '../port/spreadsheet-port';
import { io, type Task } from './task';

export interface SetupReport {
  template: TemplateName;
  /** Sheets added, or empty sheets filled. */
  created: string[];
  /** Sheets left as they were, with why. */
  kept: { sheet: string; reason: string }[];
  summary: string;
}

const SYNC_ID_WIDTH = 14;

/** `A`, `A and B`, `A, B and C`. */
const joinedNames = (names: readonly string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names.join(''));

/** As the workbook writer reads a plan: ISO text in a date column is a date, any other text stays text. */
const writeCell = (c: PlanCell, type: PlanColumn['type']): WriteCell =>
  isFormulaCell(c) ? { formula: `=${c.formula}` } : type === 'date' && typeof c === 'string' && isIsoDate(c) ? { date: c } : c;

/** The sheet's cells from A1 and its formats, the Sync ID column added to a data sheet. */
export function sheetLayout(plan: SheetPlan, isDataSheet: boolean): { cells: WriteCell[][]; format: SheetFormat } {
  const rows = plan.rows as Iterable<readonly PlanCell[]>;
  if (typeof (rows as Partial<Iterable<unknown>>)[Symbol.iterator] !== 'function') throw new TypeError(`${plan.name}: a template sheet's rows must be a plain iterable`);
  const headerRows = plan.header === false ? [] : [plan.columns.map((c) => c.header)];
  const extra = isDataSheet ? 1 : 0;
  const body = [
    ...[...(plan.preamble ?? []), ...headerRows].map((line) => line.map((c) => writeCell(c, 'text'))),
    ...[...rows].map((line) => line.map((c, i) => writeCell(c, plan.columns[i]?.type))),
  ];
  const width = Math.max(plan.columns.length + extra, ...body.map((line) => line.length));
  const cells = body.map((line) => [...line, ...new Array<WriteCell>(width - line.length).fill(null)]);
  const preamble = plan.preamble?.length ?? 0;
  const headerRow = headerRows.length ? preamble + 1 : undefined;
  if (isDataSheet && headerRow) cells[headerRow - 1][plan.columns.length] = SYNC_ID_HEADER;
  const firstDataRow = preamble + headerRows.length + 1;
  return {
    cells,
    format: {
      headerRow,
      firstDataRow,
      lastDataRow: Math.max(firstDataRow, cells.length),
      columns: [...plan.columns.map((c) => ({ width: c.width, numFmt: c.numFmt, ...(c.hidden ? { hidden: true } : {}) })), ...(isDataSheet ? [{ width: SYNC_ID_WIDTH }] : [])],
      freeze: plan.freeze,
      autoFilter: plan.autoFilter,
      tabColor: plan.tabColor,
      validations: plan.validations,
      conditionals: plan.conditionals,
      print: plan.print,
    },
  };
}

const isTableSheet = (name: string) => Object.values(TABLES).some((t) => t.sheet === name);

/** Builds the template's sheets; `asOf` is the day the cached statuses are computed for. */
export function* setupTemplate(port: SpreadsheetPort, template: TemplateName, asOf: string): Task<SetupReport> {
  const plan = contentTemplatePlan(template, asOf);
  // Lists first: the other sheets' dropdowns point into it.
  const ordered = [...plan.sheets].sort((a, b) => Number(b.name === LISTS_SHEET) - Number(a.name === LISTS_SHEET));
  const existing = new Set(yield* io(port.sheetNames()));
  const created: string[] = [];
  const kept: SetupReport['kept'] = [];
  let dataSheetWritten = false;

  for (const sheet of ordered) {
    const isData = isTableSheet(sheet.name);
    const isLists = sheet.name === LISTS_SHEET;
    let target = sheet.name;
    if (!isData && !isLists) {
      const dataName = plan.sheets.find((s) => isTableSheet(s.name))?.name ?? '';
      // The dashboard reads the data sheet by the template's layout: only worth adding over a sheet we wrote.
      if (!dataSheetWritten && existing.has(target)) {
        kept.push({ sheet: target, reason: 'already there' });
        continue;
      }
      if (!dataSheetWritten) {
        kept.push({ sheet: sheet.name, reason: `not added: it reads ${dataName} by the template's layout, and ${dataName} was kept as it was` });
        continue;
      }
      if (existing.has(target)) target = `${dataName} dashboard`;
    }
    if (existing.has(target) && (yield* io(port.readSheet(target))).length > 0) {
      kept.push({ sheet: target, reason: 'already there' });
      continue;
    }
    const { cells, format } = sheetLayout(sheet, isData);
    yield* io(port.ensureSheet(target));
    yield* io(port.writeBlock(target, 1, 1, cells));
    yield* io(port.formatSheet(target, format));
    created.push(target);
    if (isData) dataSheetWritten = true;
  }

  return { template, created, kept, summary: setupSummary(TEMPLATE_LABELS[template], created, kept) };
}

/**
 * Said by the menu's name: what was added, and the sheets that were there already (as set up before, or the
 * person's own) in one clause, without guessing what they hold; other sheets kept, each with why.
 */
function setupSummary(label: string, created: readonly string[], kept: SetupReport['kept']): string {
  const there = kept.filter((k) => k.reason === 'already there').map((k) => k.sheet);
  if (created.length === 0 && there.length === kept.length) return `${label} is already set up (${there.join(', ')}); nothing changed.`;
  const parts = [created.length ? `added ${created.join(', ')}` : 'nothing added'];
  const others = kept.filter((k) => k.reason !== 'already there');
  if (others.length) parts.push(others.map((k) => `${k.sheet} ${k.reason}`).join('; '));
  if (there.length) parts.push(`${joinedNames(there)} ${there.length > 1 ? 'were' : 'was'} already there, kept as ${there.length > 1 ? 'they are' : 'it is'}`);
  return `Set up ${label}: ${parts.join('. ')}.`;
}
