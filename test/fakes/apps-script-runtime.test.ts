// loadBundle runs a plain-script bundle against the fakes in its own V8 context, as Apps Script would;
// assertAppsScriptShape rejects module syntax and Node-only globals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertAppsScriptShape,
  findShapeProblems,
  loadBundle,
  startServerInWorker,
  type WorkerServer,
} from '../support/apps-script-runtime.js';
import { FakeClock } from './apps-script/index.js';

// Shaped like esbuild's output for the add-on: helpers, then plain top-level functions.
const bundle = String.raw`
"use strict";
var __defProp = Object.defineProperty;
var SERVICE_URL_KEY = "serviceUrl";
var HELP = "Describe the triage process. Don't import or require( anything; see process.env docs.";
var pattern = /require\(|process\.|\/\*/g;
var ratio = 10 / 2 / 5;
function onOpen(e) {
  SpreadsheetApp.getUi().createAddonMenu()
    .addItem("Sync now", "syncNow")
    .addItem("Open triage sidebar", "openSidebar")
    .addToUi();
}
function openSidebar() {
  var template = HtmlService.createTemplateFromFile("Sidebar");
  template.user = Session.getActiveUser().getEmail();
  SpreadsheetApp.getUi().showSidebar(template.evaluate().setTitle("Equity Desk"));
}
function include(name) {
  return HtmlService.createHtmlOutputFromFile(name).getContent();
}
/**
 * Doubles every number of a range.
 * @customfunction
 */
function EQ_DOUBLE(input) {
  return Array.isArray(input) ? input.map(function (row) { return row.map(function (v) { return v * 2; }); }) : input * 2;
}
function syncNow() {
  var lock = LockService.getDocumentLock();
  if (!lock || !lock.tryLock(10000)) throw new Error("Another sync is running");
  try {
    var sheet = SpreadsheetApp.getActiveSpreadsheet().getSheetByName("Requests");
    var values = sheet.getDataRange().getValues();
    var rows = values.slice(1).map(function (r) { return { rowId: r[0], values: { status: r[1] } }; });
    var url = PropertiesService.getDocumentProperties().getProperty(SERVICE_URL_KEY);
    var response = UrlFetchApp.fetch(url + "/echo", {
      method: "post",
      contentType: "application/json",
      headers: { Authorization: "Bearer " + ScriptApp.getOAuthToken() },
      payload: JSON.stringify({ table: "requests", rows: rows }),
      muteHttpExceptions: true,
    });
    var echoed = JSON.parse(response.getContentText());
    var stamp = Utilities.formatDate(new Date(), Session.getScriptTimeZone(), "yyyy-MM-dd");
    sheet.getRange(2, 3, rows.length, 1).setNotes(rows.map(function () { return ["synced " + stamp]; }));
    SpreadsheetApp.getActiveSpreadsheet().toast("Synced " + rows.length + " rows", "Equity Desk");
    return { code: response.getResponseCode(), sent: JSON.parse(Utilities.newBlob(Utilities.base64Decode(echoed.bodyBase64)).getDataAsString()) };
  } finally {
    lock.releaseLock();
  }
}
function probe() {
  var sheet = SpreadsheetApp.getActiveSheet();
  var caught;
  try { sheet.getRange(1, 1, 2, 2).setValues([[1, 2]]); } catch (e) { caught = e; }
  return {
    dateIsDate: sheet.getRange("B1").getValue() instanceof Date,
    valuesAreArrays: sheet.getRange("A1:B1").getValues() instanceof Array,
    errorIsError: caught instanceof Error,
    errorText: String(caught),
    now: new Date().getTime(),
    nowFn: Date.now(),
    globals: [typeof require, typeof process, typeof Buffer, typeof setTimeout, typeof fetch, typeof URL].join(","),
  };
}
`;

const htmlFiles = {
  Sidebar: '<style><?!= include("Styles") ?></style><p>Signed in as <?= user ?></p>',
  Styles: 'p { color: #333; }',
};

let server: WorkerServer;
beforeAll(async () => {
  server = await startServerInWorker(new URL('./url-fetch-echo-service.ts', import.meta.url), 'createEchoApp', ['runtime']);
});
afterAll(async () => {
  await server?.close();
});

describe('loadBundle', () => {
  it('turns top-level functions into callable globals and checks menu wiring', () => {
    const runtime = loadBundle(bundle, { htmlFiles });
    expect(runtime.functionNames()).toEqual(['onOpen', 'openSidebar', 'include', 'EQ_DOUBLE', 'syncNow', 'probe', '__defProp']);
    runtime.callAs({ authMode: 'NONE' }, 'onOpen', { authMode: 'NONE' });
    expect(runtime.fakes.ui.menus[0].entries.map((e) => (e.kind === 'item' ? e.functionName : e.kind))).toEqual(['syncNow', 'openSidebar']);
    expect(runtime.missingMenuHandlers()).toEqual([]);

    const typo = loadBundle(bundle.replace('"syncNow")', '"synNow")'));
    typo.call('onOpen');
    expect(typo.missingMenuHandlers()).toEqual(['synNow']);
    expect(() => runtime.call('nope')).toThrow('The bundle defines no top-level function nope()');
  });

  it('gives the bundle its own realm: Dates, arrays and errors pass instanceof there', () => {
    const clock = new FakeClock().freeze(Date.UTC(2026, 2, 1, 12));
    const runtime = loadBundle(bundle, { clock });
    runtime.fakes.seedSheet('Sheet1', [['id', new Date(Date.UTC(2026, 0, 5))]]);
    expect(runtime.call('probe')).toEqual({
      dateIsDate: true,
      valuesAreArrays: true,
      errorIsError: true,
      errorText: 'Exception: The number of rows in the data does not match the number of rows in the range. The data has 1 but the range has 2.',
      now: Date.UTC(2026, 2, 1, 12),
      nowFn: Date.UTC(2026, 2, 1, 12),
      globals: 'undefined,undefined,undefined,undefined,undefined,undefined',
    });
  });

  it('runs custom functions on whole ranges and templates against the bundle globals', () => {
    const runtime = loadBundle(bundle, { htmlFiles, activeUserEmail: 'lead@equity.example.gov' });
    expect(runtime.callAs({ authMode: 'CUSTOM_FUNCTION' }, 'EQ_DOUBLE', [[1], [2], [3]])).toEqual([[2], [4], [6]]);
    runtime.call('openSidebar');
    expect(runtime.fakes.ui.shown).toEqual([
      expect.objectContaining({
        kind: 'sidebar',
        title: 'Equity Desk',
        content: '<style>p { color: #333; }</style><p>Signed in as lead@equity.example.gov</p>',
      }),
    ]);
  });

  it('syncs through real synchronous HTTP to a service in a worker, with one read and one write', () => {
    const runtime = loadBundle(bundle, { sheets: ['Requests'], timeZone: 'UTC', clock: new FakeClock().freeze(Date.UTC(2026, 4, 6)) });
    runtime.fakes.seedSheet('Requests', [['requestId', 'status'], ...Array.from({ length: 10_000 }, (_, i) => [`REQ-${i}`, 'New'])]);
    runtime.fakes.properties.document.map.set('serviceUrl', server.url);
    const result = runtime.call<{ code: number; sent: { rows: unknown[] } }>('syncNow');
    expect(result.code).toBe(200);
    expect(result.sent.rows).toHaveLength(10_000);
    expect(result.sent.rows[9_999]).toEqual({ rowId: 'REQ-9999', values: { status: 'New' } });
    expect(runtime.fakes.rangeIo()).toEqual({ reads: 1, writes: 1 });
    expect(runtime.fakes.count('UrlFetchApp.fetch')).toBe(1);
    expect(runtime.fakes.readSheet('Requests', { range: 'C2:C10001', pick: 'note' }).flat()).toEqual(
      new Array(10_000).fill('synced 2026-05-06'),
    );
    expect(runtime.fakes.toasts).toEqual([{ message: 'Synced 10000 rows', title: 'Equity Desk', timeoutSeconds: 5 }]);
    expect(() => runtime.callAs({ authMode: 'NONE' }, 'syncNow')).toThrow(/permission/);
  });

  it('refuses a bundle that needs Node at load time', () => {
    expect(() => loadBundle('var env = process.env.HOME;', { checkShape: false })).toThrow(
      'The bundle uses process while loading; Apps Script has no process.',
    );
    expect(() => loadBundle('export function onOpen() {}')).toThrow(/not a plain Apps Script file/);
  });
});

describe('assertAppsScriptShape', () => {
  it('accepts the hand-written bundle and Node-looking words outside code', () => {
    expect(() => assertAppsScriptShape(bundle)).not.toThrow();
    const tricky = [
      '// require("fs"); process.exit()',
      '/* import x from "y" */',
      'var a = `template ${ok ? "{" : "}"} with process.env and ${`nested ${value} Buffer`} require(x)`;',
      'core.$ZodPreprocess.init(inst, def);',
      'var o = { import: 1, export: 2, process: 3 }; o.process.x = o.require(1);',
      'if (typeof process !== "undefined" && typeof setTimeout === "function") {}',
      'var r = /import|require\\(|setTimeout/g, half = total / 2 / count;',
    ].join('\n');
    expect(findShapeProblems(tricky)).toEqual([]);
  });

  it('reports module syntax and Node-only globals with their line', () => {
    const code = [
      'import { z } from "zod";',
      'export function onOpen() {}',
      'var fs = require("fs");',
      'var home = process.env.HOME;',
      'var b = Buffer.from("x");',
      'var d = __dirname;',
      'setTimeout(function () {}, 10);',
      'var m = import("./lazy.js");',
      'var t = `a ${`b ${Buffer.from(x)}`} c`;',
    ].join('\n');
    expect(findShapeProblems(code).map((p) => p.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => assertAppsScriptShape(code)).toThrow(/3:10 require\(\) does not exist in Apps Script/);
  });
});
