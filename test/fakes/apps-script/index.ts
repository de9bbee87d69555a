// Builds one simulated Apps Script execution environment: every service global the add-on uses,
// sharing a realm, a clock, call counters and an auth mode, plus helpers for tests to seed and read sheets.
import { FakeClock } from './clock.js';
import { FakeEnv, type AuthModeName } from './env.js';
import { FakeHtmlService, hostCompiler, type ScriptCompiler } from './html.js';
import { hostRealm, type Realm } from './realm.js';
import { FakeScriptApp } from './script-app.js';
import { FakeLogger, FakeSession, fakeConsole, type LogRecord } from './session-and-logs.js';
import type { FakeSheet } from './sheet.js';
import { FakeSpreadsheetApp } from './spreadsheet-app.js';
import { FakeSpreadsheet } from './spreadsheet.js';
import { FakeCache, FakeLock, FakeProperties, LockScope } from './storage-services.js';
import { FakeUi } from './ui.js';
import { FakeUrlFetchApp } from './url-fetch.js';
import { FakeUtilities } from './utilities.js';
import { FakeRange } from './range.js';

export interface AppsScriptFakeOptions {
  /** The realm values are handed to (the bundle's vm context); the host realm by default. */
  realm?: Realm;
  /** Compiles HTML template code; loadBundle compiles in the bundle's context so templates see its globals. */
  compile?: ScriptCompiler;
  clock?: FakeClock;
  /** Script and spreadsheet time zone (default America/Los_Angeles). */
  timeZone?: string;
  spreadsheetId?: string;
  spreadsheetName?: string;
  /** Sheets the spreadsheet starts with (default ["Sheet1"]). */
  sheets?: readonly string[];
  /** Caption of createAddonMenu()'s menu. */
  addonName?: string;
  /** Project HTML files by name ("Sidebar" or "Sidebar.html"). */
  htmlFiles?: Record<string, string>;
  activeUserEmail?: string;
  effectiveUserEmail?: string;
  /** False simulates a script not bound to a document: getDocumentLock/Cache/Properties return null. */
  boundToDocument?: boolean;
  fetchTimeoutMs?: number;
  urlFetchDailyQuota?: number;
  /**
   * https hosts that reach a loopback server, as if TLS ended in front of it: host → its http://127.0.0.1 base.
   * Lets tests use the https URLs a real add-on must use while the service runs on loopback.
   */
  tlsFront?: Record<string, string>;
  /** The manifest's urlFetchWhitelist: when set, UrlFetchApp refuses any URL outside these prefixes. */
  urlFetchWhitelist?: readonly string[];
  oauthToken?: string;
  scriptId?: string;
}

/** Range methods that read cells; their counts summed are `rangeIo().reads`. */
export const RANGE_READS = [
  'getValues', 'getValue', 'getDisplayValues', 'getDisplayValue', 'getFormulas', 'getFormula', 'getNotes', 'getNote',
  'getBackgrounds', 'getBackground', 'getFontColors', 'getFontWeights', 'getWraps', 'getNumberFormats',
  'getNumberFormat', 'getDataValidations', 'getDataValidation', 'isBlank', 'getFormulasR1C1',
].map((m) => `Range.${m}`);

/** Range and Sheet methods that write cells; their counts summed are `rangeIo().writes`. */
export const RANGE_WRITES = [
  ...[
    'setValues', 'setValue', 'setFormulas', 'setFormula', 'setNotes', 'setNote', 'setBackgrounds', 'setBackground',
    'setFontColor', 'setFontColors', 'setFontWeight', 'setFontWeights', 'setWrap', 'setWraps', 'setNumberFormat',
    'setNumberFormats', 'setDataValidation', 'setDataValidations', 'clear', 'clearContent', 'clearNote',
    'clearDataValidations', 'sort', 'copyTo', 'setFormulasR1C1',
  ].map((m) => `Range.${m}`),
  'Sheet.appendRow',
  'RangeList.setBackground',
  'RangeList.setNote',
  'RangeList.clearNote',
];

/**
 * What else a script asks of the spreadsheet service, each a round trip to Google's servers: the sheets'
 * list and sizes, merges, the time zone. With RANGE_READS they are `hostCalls().reads`.
 */
export const SHEET_READS = [
  'Spreadsheet.getSheets', 'Spreadsheet.getSheetByName', 'Spreadsheet.getSpreadsheetTimeZone',
  'Sheet.getDataRange', 'Sheet.getLastRow', 'Sheet.getLastColumn', 'Sheet.getMaxRows', 'Sheet.getMaxColumns', 'Range.getMergedRanges', 'Sheet.getConditionalFormatRules',
  'Range.canEdit', 'Sheet.getProtections', 'Protection.getRange', 'Protection.getUnprotectedRanges', 'Protection.canEdit', 'Protection.isWarningOnly',
  'Sheet.getRowGroupDepth', 'Sheet.getRowGroup', 'Group.getRange', 'Group.getDepth', 'Group.isCollapsed',
];

/** Changes to a sheet's shape; with RANGE_WRITES they are `hostCalls().writes`. */
export const SHEET_WRITES = ['Spreadsheet.insertSheet', 'Sheet.insertRowsAfter', 'Sheet.insertRowsBefore', 'Sheet.insertRowAfter', 'Sheet.insertRowBefore', 'Sheet.insertColumnsAfter', 'Sheet.deleteRows',
  'Sheet.setConditionalFormatRules', 'Sheet.hideColumns', 'Range.shiftRowGroupDepth', 'Group.collapse', 'Group.expand'];

export function createAppsScriptFakes(options: AppsScriptFakeOptions = {}) {
  const env = new FakeEnv(options.realm ?? hostRealm, options.clock ?? new FakeClock(), options.timeZone);
  const bound = options.boundToDocument ?? true;
  const spreadsheet = new FakeSpreadsheet(
    env,
    options.spreadsheetId ?? '1FakeSpreadsheetId0000000000000000000000000',
    options.spreadsheetName ?? 'Equity Desk test sheet',
    options.sheets,
  );
  const ui = new FakeUi(env, options.addonName ?? 'Equity Desk');
  const logs: LogRecord[] = [];
  const properties = {
    document: new FakeProperties(env, 'DocumentProperties'),
    user: new FakeProperties(env, 'UserProperties'),
    script: new FakeProperties(env, 'ScriptProperties'),
  };
  const caches = { document: new FakeCache(env), script: new FakeCache(env), user: new FakeCache(env) };
  const locks = { document: new LockScope(), script: new LockScope(), user: new LockScope() };
  const html = new FakeHtmlService(env, options.htmlFiles ?? {}, options.compile ?? hostCompiler);
  const utilities = new FakeUtilities(env);
  const urlFetch = new FakeUrlFetchApp(env, options.fetchTimeoutMs ?? 60_000, options.urlFetchDailyQuota ?? 20_000, {
    tlsFront: options.tlsFront,
    whitelist: options.urlFetchWhitelist,
  });
  const session = new FakeSession(
    env,
    options.activeUserEmail ?? 'staff@equity.example.gov',
    options.effectiveUserEmail ?? options.activeUserEmail ?? 'staff@equity.example.gov',
  );
  // Triggers and user properties belong to whoever runs the script: set session.activeUserEmail (and
  // effectiveUserEmail) to act as a collaborator.
  const scriptApp = new FakeScriptApp(env, options.scriptId ?? 'fake-script-id', options.oauthToken ?? 'fake-oauth-token', {
    user: () => session.effectiveUserEmail,
    documentId: () => (bound ? spreadsheet.getId() : null),
  });
  const userProperties = new Map<string, FakeProperties>([[session.effectiveUserEmail, properties.user]]);
  const propertiesOfUser = (email: string) => {
    let props = userProperties.get(email);
    if (!props) userProperties.set(email, (props = new FakeProperties(env, 'UserProperties')));
    return props;
  };

  const globals = {
    SpreadsheetApp: new FakeSpreadsheetApp(env, spreadsheet, ui),
    PropertiesService: {
      getDocumentProperties: () => (bound ? properties.document : null),
      getUserProperties: () => propertiesOfUser(session.effectiveUserEmail),
      getScriptProperties: () => properties.script,
    },
    CacheService: {
      getDocumentCache: () => (bound ? caches.document : null),
      getScriptCache: () => caches.script,
      getUserCache: () => caches.user,
    },
    LockService: {
      getDocumentLock: () => (bound ? new FakeLock(env, locks.document) : null),
      getScriptLock: () => new FakeLock(env, locks.script),
      getUserLock: () => new FakeLock(env, locks.user),
    },
    HtmlService: html,
    Utilities: utilities,
    Session: session,
    ScriptApp: scriptApp,
    UrlFetchApp: urlFetch,
    Logger: new FakeLogger(logs),
    console: fakeConsole(logs),
  };

  const sheet = (name: string): FakeSheet => {
    const found = spreadsheet.sheetList.find((s) => s.name === name);
    if (!found) throw new Error(`No sheet named "${name}" in the fake spreadsheet`);
    return found;
  };
  const count = (method: string): number => env.counts[method] ?? 0;
  const sum = (methods: string[]) => methods.reduce((total, m) => total + count(m), 0);

  return {
    env,
    clock: env.clock,
    counts: env.counts as Readonly<Record<string, number>>,
    resetCounts: () => env.resetCounts(),
    /** How often a method ran, e.g. count('Range.getValues'); 0 when never. */
    count,
    /** Cell reads and writes since the last resetCounts(). */
    rangeIo: () => ({ reads: sum(RANGE_READS), writes: sum(RANGE_WRITES) }),
    /** Every spreadsheet-service call since the last resetCounts(): cell reads and writes plus the sheet-level ones. */
    hostCalls: () => ({ reads: sum(RANGE_READS) + sum(SHEET_READS), writes: sum(RANGE_WRITES) + sum(SHEET_WRITES) }),
    spreadsheet,
    ui,
    toasts: spreadsheet.toasts,
    properties,
    caches,
    locks,
    html,
    utilities,
    scriptApp,
    urlFetch,
    session,
    logs,
    globals,
    setAuthMode(mode: AuthModeName): void {
      env.authMode = mode;
    },
    sheet,
    /** Creates the sheet if needed and writes rows from `topLeft` as setValues would, uncounted; grows the grid to fit. */
    seedSheet(name: string, rows: unknown[][], topLeft: { row: number; column: number } = { row: 1, column: 1 }): FakeSheet {
      const target = spreadsheet.sheetList.find((s) => s.name === name) ?? spreadsheet.addSheet(name, spreadsheet.sheetList.length);
      if (rows.length === 0) return target;
      const width = Math.max(...rows.map((r) => r.length));
      target.maxRows = Math.max(target.maxRows, topLeft.row + rows.length - 1);
      target.maxColumns = Math.max(target.maxColumns, topLeft.column + width - 1);
      const padded = rows.map((r) => [...r, ...new Array(width - r.length).fill('')]);
      new FakeRange(target, { ...topLeft, numRows: rows.length, numColumns: width }).putValues(padded);
      return target;
    },
    /** Cells of `range` (default: the data range) as getValues would return them, uncounted, in the host realm. */
    readSheet(name: string, options: { range?: string; pick?: 'value' | 'formula' | 'note' | 'background' | 'filled' } = {}): unknown[][] {
      const target = sheet(name);
      const rect = options.range
        ? (target.rangeFromA1(options.range) as unknown as FakeRange).rect
        : { row: 1, column: 1, numRows: Math.max(1, target.lastRow()), numColumns: Math.max(1, target.lastColumn()) };
      const pick = options.pick ?? 'value';
      return new FakeRange(target, rect).snapshot((cell) => cell[pick]);
    },
    /** Sets what getValues returns for formula cells (formulas are stored, never evaluated). */
    setFormulaResults(name: string, a1: string, values: unknown[][]): void {
      (sheet(name).rangeFromA1(a1) as unknown as FakeRange).putCachedValues(values);
    },
  };
}

export type AppsScriptFakes = ReturnType<typeof createAppsScriptFakes>;
export type { AuthModeName } from './env.js';
export { FakeClock } from './clock.js';
