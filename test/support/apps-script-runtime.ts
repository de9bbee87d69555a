// Runs the built Apps Script bundle (build/apps-script/Code.js) as Apps Script would: a fresh V8
// context whose only globals are the service fakes and standard JavaScript, the file evaluated as a
// plain script so its top-level `function` declarations become callable globals.
import vm from 'node:vm';
import { assertAppsScriptShape } from '../fakes/apps-script/bundle-shape.js';
import type { AuthModeName } from '../fakes/apps-script/env.js';
import { createAppsScriptFakes, FakeClock, type AppsScriptFakeOptions, type AppsScriptFakes } from '../fakes/apps-script/index.js';
import { realmOf, toRealm } from '../fakes/apps-script/realm.js';
import type { MenuRecord } from '../fakes/apps-script/ui.js';

export { assertAppsScriptShape, findShapeProblems } from '../fakes/apps-script/bundle-shape.js';
export { startServerInWorker, type WorkerServer } from '../fakes/apps-script/serve-in-worker.js';
export { createAppsScriptFakes, type AppsScriptFakes, type AppsScriptFakeOptions } from '../fakes/apps-script/index.js';

export interface LoadBundleOptions extends Omit<AppsScriptFakeOptions, 'realm' | 'compile'> {
  /** Run assertAppsScriptShape before loading (default true). */
  checkShape?: boolean;
  /** File name shown in stack traces (default Code.js). */
  filename?: string;
}

/** How a call runs: the auth mode of its trigger, and whether an editor UI is there to show things. */
export interface CallContext {
  authMode?: AuthModeName;
  /** False for time-driven triggers and custom functions: SpreadsheetApp.getUi() then throws. */
  ui?: boolean;
}

export interface LoadedBundle {
  context: vm.Context;
  fakes: AppsScriptFakes;
  /** Calls a top-level function of the bundle (arguments are copied into the bundle's realm). */
  call<T = unknown>(name: string, ...args: unknown[]): T;
  /** Calls a function as a trigger or custom function would run it, then restores FULL mode with UI. */
  callAs<T = unknown>(how: CallContext, name: string, ...args: unknown[]): T;
  /** Names of the functions the bundle defines at top level. */
  functionNames(): string[];
  /** Menu items whose functionName the bundle does not define (should be empty). */
  missingMenuHandlers(): string[];
}

const absentInAppsScript = ['require', 'process', 'Buffer', '__dirname', '__filename', 'module', 'exports',
  'setTimeout', 'setInterval', 'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'fetch',
  'URL', 'TextEncoder', 'TextDecoder', 'structuredClone', 'window', 'document'];

// Apps Script's clock is the test's FakeClock: `new Date()` and `Date.now()` read it.
const clockedDate = `(function (now) {
  var RealDate = Date;
  function ClockDate(a, b, c, d, e, f, g) {
    if (!new.target) return new RealDate(now()).toString();
    switch (arguments.length) {
      case 0: return new RealDate(now());
      case 1: return new RealDate(a);
      default: return new RealDate(a, b, c === undefined ? 1 : c, d || 0, e || 0, f || 0, g || 0);
    }
  }
  ClockDate.prototype = RealDate.prototype;
  ClockDate.now = function () { return now(); };
  ClockDate.parse = RealDate.parse;
  ClockDate.UTC = RealDate.UTC;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: ClockDate, writable: true, configurable: true });
  globalThis.Date = ClockDate;
})`;

function collectMenuFunctions(menu: MenuRecord, into: string[]): string[] {
  for (const entry of menu.entries) {
    if (entry.kind === 'item') into.push(entry.functionName);
    else if (entry.kind === 'submenu') collectMenuFunctions(entry.menu, into);
  }
  return into;
}

export function loadBundle(code: string, options: LoadBundleOptions = {}): LoadedBundle {
  const { checkShape = true, filename = 'Code.js', ...fakeOptions } = options;
  if (checkShape) assertAppsScriptShape(code);

  const context = vm.createContext({}, { name: filename, codeGeneration: { strings: true, wasm: false } });
  const clock = fakeOptions.clock ?? new FakeClock();
  (vm.runInContext(clockedDate, context) as (now: () => number) => void)(() => clock.now());
  const realm = realmOf(context);
  const fakes = createAppsScriptFakes({
    ...fakeOptions,
    clock,
    realm,
    compile: (source) => vm.runInContext(source, context),
  });
  for (const name of absentInAppsScript) {
    if (name in context) delete (context as Record<string, unknown>)[name];
  }
  Object.assign(context, fakes.globals);
  const before = new Set(Object.getOwnPropertyNames(context));

  try {
    new vm.Script(code, { filename }).runInContext(context);
  } catch (error) {
    const name = absentInAppsScript.find((n) => String(error).includes(`${n} is not defined`));
    if (name) throw new Error(`The bundle uses ${name} while loading; Apps Script has no ${name}.`, { cause: error });
    throw error;
  }

  const functionNames = () =>
    Object.getOwnPropertyNames(context).filter((n) => !before.has(n) && typeof context[n] === 'function');

  const call = <T>(name: string, ...args: unknown[]): T => {
    const fn = context[name];
    if (typeof fn !== 'function') throw new Error(`The bundle defines no top-level function ${name}()`);
    return fn(...toRealm(realm, args)) as T;
  };

  return {
    context,
    fakes,
    call,
    callAs<T>(how: CallContext, name: string, ...args: unknown[]): T {
      const { env } = fakes;
      env.authMode = how.authMode ?? 'FULL';
      env.uiAvailable = how.ui ?? env.authMode !== 'CUSTOM_FUNCTION';
      try {
        return call<T>(name, ...args);
      } finally {
        env.authMode = 'FULL';
        env.uiAvailable = true;
      }
    },
    functionNames,
    missingMenuHandlers() {
      const defined = new Set(functionNames());
      const wanted = fakes.ui.menus.flatMap((menu) => collectMenuFunctions(menu, []));
      return wanted.filter((name) => !defined.has(name));
    },
  };
}
