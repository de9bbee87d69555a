// "Set up from template": builds the template's sheets in the open spreadsheet from the same plan the
// xlsx templates are written from (headers, Lists validation, formats, native formulas, Dashboard with its
// helper columns hidden, print settings where the host keeps them), adding sheets and filling empty ones,
// never overwriting a sheet that already holds something but a Dashboard it wrote over an office's own sheet.
import { LISTS_SHEET } from '../../shared/lists';
import { tableNamed } from '../../shared/read-table';
import { TABLES } from '../../shared/tables';
import type { SheetPlan } from '../../shared/workbook-plan';
import { contentTemplatePlan, ownSheetDashboard, type TemplateContent, type TemplateName } from '../../templates/build-template';
import { isTemplateDashboard, ownDashboardNames, ownSheetOf, writeDashboard } from './own-dashboard';
import { sheetLayout } from './sheet-layout';
import { readTableSheets, spreadsheetRules, type TableSheet } from './table-sheet';
import { TEMPLATE_LABELS } from '../port/host-words';
import type { SpreadsheetPort } from '../port/spreadsheet-port';
import { aroundProtection, joinedNames, notSetUpSaid, type NotSetUp } from './not-set-up';
import { io, type Task } from './task';

export interface SetupReport {
  template: TemplateName;
  /** Sheets added, or empty sheets filled. */
  created: string[];
  /** Sheets left as they were, with why. */
  kept: { sheet: string; reason: string }[];
  /** Sheets protected from the person, with the cells and settings set-up could not write there. */
  notSetUp: NotSetUp[];
  summary: string;
}


const isTableSheet = (name: string) => Object.values(TABLES).some((t) => t.sheet === name);

/**
 * Builds the template's sheets; `asOf` is the day the cached statuses are computed for, `content` where the template's
 * own rows come from (the host's).
 */
export function* setupTemplate(port: SpreadsheetPort, template: TemplateName, asOf: string, content: TemplateContent): Task<SetupReport> {
  const plan = contentTemplatePlan(template, content, asOf);
  // Lists first: the other sheets' dropdowns point into it.
  const ordered = [...plan.sheets].sort((a, b) => Number(b.name === LISTS_SHEET) - Number(a.name === LISTS_SHEET));
  const names = yield* io(port.sheetNames());
  const existing = new Set(names);
  const created: string[] = [];
  const kept: SetupReport['kept'] = [];
  const notSetUp: NotSetUp[] = [];
  let dataSheetWritten = false;

  // An office that keeps the table in a sheet of its own (its name, its headers) gets a Dashboard counting that sheet,
  // not an empty template sheet beside it: the first sheet the add-on reads as the table, unless one is named as it.
  const table = plan.sheets.map((s) => tableNamed(s.name)).find((t) => t !== undefined)!;
  const own = existing.has(table.sheet) ? undefined : (yield* readTableSheets(port, { only: table.name, names })).find((t) => t.headerRow > 0);
  if (own) return yield* setupOverOwnSheet(port, template, asOf, own, ordered.filter((s) => s.name === LISTS_SHEET), existing);

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
    notSetUp.push(yield* writeSheet(port, target, sheet, isData));
    created.push(target);
    if (isData) dataSheetWritten = true;
  }

  return setupReport(template, created, kept, notSetUp);
}

/**
 * Set-up over an office's own sheet of the table: Lists when missing, and a Dashboard counting that sheet where its
 * headers put each column. A Dashboard set-up wrote before over it is written again, so a column renamed or moved
 * since is followed; a sheet of the person's own named Dashboard is kept, and this one goes beside it.
 */
function* setupOverOwnSheet(port: SpreadsheetPort, template: TemplateName, asOf: string, own: TableSheet, lists: readonly SheetPlan[], existing: ReadonlySet<string>): Task<SetupReport> {
  const created: string[] = [];
  const kept: SetupReport['kept'] = [];
  const notSetUp: NotSetUp[] = [];
  for (const sheet of lists) {
    if (existing.has(sheet.name) && (yield* io(port.readSheet(sheet.name))).length > 0) {
      kept.push({ sheet: sheet.name, reason: 'already there' });
      continue;
    }
    notSetUp.push(yield* writeSheet(port, sheet.name, sheet, false));
    created.push(sheet.name);
  }
  kept.push({ sheet: own.sheet, reason: `is counted by the Dashboard, read by its headers and kept as it is` });

  const rules = yield* spreadsheetRules(port, [...existing, ...created]);
  const dashboard = ownSheetDashboard(template, ownSheetOf(port, own), rules, asOf);
  let written: string | undefined;
  for (const target of ownDashboardNames(own.sheet)) {
    const before = existing.has(target) ? (yield* io(port.readSheetWithFormulas(target))).values : [];
    if (before.length > 0 && !isTemplateDashboard(before, template)) continue;
    notSetUp.push(yield* writeDashboard(port, target, dashboard, before));
    if (before.length > 0) kept.push({ sheet: target, reason: `written again over ${own.sheet}'s columns as they are now` });
    else created.push(target);
    written = target;
    break;
  }
  if (written === undefined) kept.push({ sheet: dashboard.name, reason: 'already there' });
  return setupReport(template, created, kept, notSetUp);
}

/** What set-up did, said; a sheet protected from the person is named with what it kept, whatever else was done. */
function setupReport(template: TemplateName, created: string[], kept: SetupReport['kept'], notSetUp: readonly NotSetUp[]): SetupReport {
  const refused = notSetUp.filter((n) => n.cells.length || n.settings.length);
  const summary = [setupSummary(TEMPLATE_LABELS[template], created, kept), ...refused.map((n) => notSetUpSaid(n, 'set up again'))].join(' ');
  return { template, created, kept, notSetUp: refused, summary };
}

/** Writes a sheet from its plan: where it is protected from the person, what the host allows, and answers the rest. */
function* writeSheet(port: SpreadsheetPort, target: string, plan: SheetPlan, isData: boolean): Task<NotSetUp> {
  const { cells, format } = sheetLayout(plan, isData);
  const notSetUp: NotSetUp = { sheet: target, cells: [], settings: [] };
  yield* io(port.ensureSheet(target));
  yield* aroundProtection(notSetUp, () => io(port.writeBlock(target, 1, 1, cells)));
  yield* aroundProtection(notSetUp, () => io(port.formatSheet(target, format)));
  return notSetUp;
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
