// The Apps Script entry: the handlers behind every top-level function in ENTRY_POINTS, each a few lines
// handing over to a use-case, with one error edge per surface (menu, sidebar call, custom function).
// Every port here answers at once, so each use-case runs to its end with runSync and returns a plain value.
import { SHEETS_WORDS } from './host-words';
import { TEMPLATE_LABELS } from '../port/host-words';
import { CUSTOM_FUNCTIONS, type CustomFunctionDef, type CustomFunctionName } from '../../shared/custom-functions';
import { isErrorType } from '../../shared/typed-error';
import './text-encoder';
import { describeError, AddonError } from '../core/addon-error';
import { evaluateDerived, type CellContext, type Column } from '../core/custom-functions';
import { evaluateDemand, forgetDemandAnswers } from '../core/demand';
import { saveRequest, selectRequest } from '../core/save-request';
import { readSettings, saveSettings, type SettingsUpdate } from '../core/settings';
import { triageWithLastRun, unattendedSync } from '../core/unattended-sync';
import { setupTemplate } from '../core/setup';
import { syncNow } from '../core/sync';
import { requesterLinkFor, turnOffLinkFor, turnOffLinksFor } from '../core/requester-link';
import { runSync } from '../core/task';
import { spreadsheetRules } from '../core/table-sheet';
import type { ActionFailure, RequestAt, TriageUpdate } from '../core/views';
import type { TemplateName } from '../../templates/build-template';
import type { CustomEntryName, EntryName, MenuHandler, TriggerName } from './entry-points';
import { SERVICE_URL_ALLOWLIST } from './build-settings';
import { documentLock, documentSettings, scriptCache, spreadsheetOfTrigger, triggerSchedule, urlFetchHttp } from './host-services';
import { refreshCustomFunctionCells } from './refresh-functions';
import { refreshedSummary } from '../core/refresh-functions';
import { SheetsPort } from './sheets-port';
import { sheetsTemplateContent } from './template-content';

const SCHEDULED_SYNC: TriggerName = 'syncOnSchedule';

function portFor(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): SheetsPort {
  return new SheetsPort({ app: SpreadsheetApp, spreadsheet, utilities: Utilities });
}

const activePort = () => portFor(SpreadsheetApp.getActiveSpreadsheet());

/** Today as TODAY() sees it: the spreadsheet's time zone. */
const sheetToday = (port: SheetsPort) => port.isoFromDate(new Date());

const syncDeps = (port: SheetsPort) => ({ port, http: urlFetchHttp, settings: documentSettings, lock: documentLock() });
const linkDeps = (port: SheetsPort) => ({ port, http: urlFetchHttp, settings: documentSettings });

/** Only builds the menu: in AuthMode.NONE nothing else is allowed. */
function buildMenu(): void {
  const ui = SpreadsheetApp.getUi();
  const add = (menu: GoogleAppsScript.Base.Menu, caption: string, handler: MenuHandler) => menu.addItem(caption, handler);
  const setup = ui.createMenu('Set up from template');
  add(setup, TEMPLATE_LABELS['ta-intake'], 'setupTaIntake');
  add(setup, TEMPLATE_LABELS.workplan, 'setupWorkplan');
  add(setup, TEMPLATE_LABELS.milestones, 'setupMilestones');
  add(setup, TEMPLATE_LABELS.roadmap, 'setupRoadmap');
  const menu = ui.createAddonMenu().addSubMenu(setup);
  add(menu, 'Open triage sidebar', 'openTriageSidebar');
  add(menu, 'Sync now', 'syncNowFromMenu');
  add(menu, 'Refresh custom functions', 'refreshCustomFunctions');
  add(menu, 'Settings', 'openSettings');
  menu.addToUi();
}

/** The menu surface's error edge: an alert the user can read; unexpected faults still reach the log. */
function menuAction(run: (port: SheetsPort) => string | void): void {
  try {
    const port = activePort();
    const message = run(port);
    if (message) port.toast(message);
  } catch (e) {
    SpreadsheetApp.getUi().alert('Equity Desk', describeError(e), SpreadsheetApp.getUi().ButtonSet.OK);
    if (!isErrorType(e, AddonError)) throw e;
  }
}

/** The sidebar's error edge: our errors come back as a value the bridge shows at the form. */
function rpc<T>(run: (port: SheetsPort) => T): T | ActionFailure {
  try {
    return run(activePort());
  } catch (e) {
    if (!isErrorType(e, AddonError)) throw e;
    return { failed: true, message: e.message, ...(e.code === 'loading' ? { waiting: true as const } : {}) };
  }
}

/**
 * The custom functions' error edge: a readable message in the cell instead of #ERROR!. Days are read in
 * the spreadsheet's time zone, as Sheets hands a custom function a date cell (midnight there) and as
 * TODAY() counts; the script's zone is the manifest's, the same for every spreadsheet.
 */
function customFunction(name: string, run: (ctx: CellContext, port: SheetsPort) => Column): Column {
  try {
    const port = activePort();
    return run({ today: sheetToday(port), isoFromDate: (d) => port.isoFromDate(d) }, port);
  } catch (e) {
    return [[`${name}: ${describeError(e)}`]];
  }
}

/**
 * A status custom function, with the rules of this spreadsheet's Lists sheet (SLA days, impacts, margins),
 * as the native formulas read them: one read of Lists per call, which custom functions may make.
 */
const derivedFunction = (fn: CustomFunctionDef, args: readonly unknown[]) =>
  customFunction(fn.name, (ctx, port) => evaluateDerived(fn, args, ctx, runSync(spreadsheetRules(port))));

/** One handler per declared custom function; Code.js gives each its parameters and JSDoc from the same declaration. */
const derivedHandlers = Object.fromEntries(
  CUSTOM_FUNCTIONS.map((fn) => [fn.name, (...args: unknown[]) => derivedFunction(fn, args)]),
) as Record<CustomFunctionName, (...args: unknown[]) => Column>;

function showSidebar(view: 'triage' | 'settings'): void {
  const html = HtmlService.createHtmlOutputFromFile('Sidebar').getContent().replace('data-view="triage"', `data-view="${view}"`);
  SpreadsheetApp.getUi().showSidebar(HtmlService.createHtmlOutput(html).setTitle('Equity Desk'));
}

const setupFrom = (template: TemplateName) => () => menuAction((port) => runSync(setupTemplate(port, template, sheetToday(port), sheetsTemplateContent)).summary);

type Handler = (...args: any[]) => unknown;

/** Every custom function, by the name its formulas call: **Refresh custom functions** enters those formulas again. */
const customHandlers = {
  ...derivedHandlers,
  EQ_DEMAND: (requesterType: unknown, category: unknown, fromDate: unknown, toDate: unknown) =>
    customFunction('EQ_DEMAND', (ctx) => runSync(evaluateDemand({ http: urlFetchHttp, settings: documentSettings, cache: scriptCache(), ctx, words: SHEETS_WORDS }, [requesterType, category, fromDate, toDate]))),
} satisfies Record<CustomEntryName, Handler>;

export const handlers = {
  onOpen: () => buildMenu(),
  onInstall: () => buildMenu(),
  syncOnSchedule: (e?: { triggerUid?: string }) => {
    const id = SpreadsheetApp.getActiveSpreadsheet() ? null : spreadsheetOfTrigger(e?.triggerUid);
    const port = id ? portFor(SpreadsheetApp.openById(id)) : activePort();
    // A failure is thrown on, so the execution log shows it and Google emails the schedule's owner.
    return runSync(unattendedSync(syncDeps(port), new Date().toISOString(), Session.getEffectiveUser().getEmail()));
  },
  setupTaIntake: setupFrom('ta-intake'),
  setupWorkplan: setupFrom('workplan'),
  setupMilestones: setupFrom('milestones'),
  setupRoadmap: setupFrom('roadmap'),
  openTriageSidebar: () => menuAction(() => showSidebar('triage')),
  syncNowFromMenu: () => menuAction((port) => runSync(syncNow(syncDeps(port))).summary),
  openSettings: () => menuAction(() => showSidebar('settings')),
  refreshCustomFunctions: () =>
    menuAction(() => {
      runSync(forgetDemandAnswers(documentSettings, Date.now()));
      const cells = refreshCustomFunctionCells(SpreadsheetApp, SpreadsheetApp.getActiveSpreadsheet(), Object.keys(customHandlers));
      return refreshedSummary(cells, SHEETS_WORDS);
    }),
  sidebarTriage: () => rpc((port) => runSync(triageWithLastRun(port, documentSettings, sheetToday(port)))),
  sidebarSelect: (at: RequestAt) => rpc((port) => runSync(selectRequest(port, at, sheetToday(port)))),
  sidebarSave: (update: TriageUpdate) => rpc((port) => runSync(saveRequest(port, update, sheetToday(port)))),
  sidebarSync: () =>
    rpc((port) => {
      const report = runSync(syncNow(syncDeps(port)));
      port.toast(report.summary);
      return report;
    }),
  sidebarStatusLink: (requestId: string) => rpc((port) => runSync(requesterLinkFor(linkDeps(port), 'status', requestId))),
  sidebarFeedbackLink: (requestId: string) => rpc((port) => runSync(requesterLinkFor(linkDeps(port), 'feedback', requestId))),
  sidebarTurnOffLinks: (requestId: string) => rpc((port) => runSync(turnOffLinksFor(linkDeps(port), requestId))),
  sidebarTurnOffLink: (link: string) => rpc((port) => runSync(turnOffLinkFor(linkDeps(port), link))),
  sidebarSettings: () => rpc(() => runSync(readSettings(documentSettings, SERVICE_URL_ALLOWLIST, triggerSchedule(SCHEDULED_SYNC)))),
  sidebarSaveSettings: (update: SettingsUpdate) => rpc(() => runSync(saveSettings(documentSettings, triggerSchedule(SCHEDULED_SYNC), update, SERVICE_URL_ALLOWLIST))),
  ...customHandlers,
} satisfies Record<EntryName, Handler>; // a missing or unknown handler name fails to compile

