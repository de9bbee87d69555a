// The Excel add-in as built (scripts/excel-build.mjs), built once per test file and its task pane script run
// in a fresh realm with stand-ins for what Excel provides: `Office`, `Excel` (the in-repo fake),
// `CustomFunctions` (collects what the script associates, and makes error values), storage and a fixed clock.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { buildExcel } from '../../../scripts/excel-build.mjs';
import { FakeExcel } from '../../fakes/excel/excel-fake';
import { documentSettingsOver, storageOver } from '../../fakes/excel/office-settings';

export interface BuiltExcel {
  dir: string;
  script: string;
  functionsJson: { functions: { id: string; parameters: { name: string; optional?: boolean }[]; options?: { volatile?: boolean } }[] };
}

let built: Promise<BuiltExcel> | undefined;

export function builtExcel(): Promise<BuiltExcel> {
  built ??= (async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'equity-desk-excel-'));
    process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
    const files = await buildExcel({ outDir: dir });
    return { dir, script: readFileSync(files.script, 'utf8'), functionsJson: JSON.parse(readFileSync(files.functions, 'utf8')) };
  })();
  return built;
}

/**
 * `CustomFunctions.Error` as the runtime declares it (CustomFunctionsRuntime 1.2): a code, which is the error's text
 * (`ErrorCode.notAvailable` is `"#N/A"`), and a message Excel shows beside #VALUE! and #N/A.
 */
export class FunctionError {
  constructor(readonly code: string, readonly message?: string) {}
}

export interface LoadedTaskpane {
  excel: FakeExcel;
  associated: Map<string, (...args: unknown[]) => unknown>;
  settings: Map<string, unknown>;
  storage: Map<string, string>;
}

/** Runs the built task pane script; Office never becomes ready, so only what loads with the runtime runs. */
export async function loadTaskpane(options: { today: string; excel?: FakeExcel }): Promise<LoadedTaskpane> {
  const { script } = await builtExcel();
  const excel = options.excel ?? new FakeExcel();
  const associated = new Map<string, (...args: unknown[]) => unknown>();
  const settings = new Map<string, unknown>();
  const storage = new Map<string, string>();
  const fixed = new Date(`${options.today}T12:00:00`).getTime();
  class FixedDate extends Date {
    constructor(...args: unknown[]) {
      if (args.length === 0) super(fixed);
      else super(...(args as [string]));
    }
    static override now() {
      return fixed;
    }
  }
  const localStorage = storageOver(storage);
  const context = vm.createContext({
    Office: {
      context: { partitionKey: undefined, requirements: excel.requirements, document: { settings: documentSettingsOver(settings) } },
      onReady: () => new Promise(() => undefined),
    },
    Excel: { run: excel.run },
    CustomFunctions: { associate: (id: string, fn: (...args: unknown[]) => unknown) => associated.set(id, fn), Error: FunctionError },
    window: { localStorage },
    document: { getElementById: () => null },
    Date: FixedDate,
    setTimeout,
    clearTimeout,
    setInterval,
    clearInterval,
    console,
    TextEncoder,
    URL,
    fetch: () => Promise.reject(new Error('no network in this test')),
  });
  vm.runInContext(script, context, { filename: 'taskpane.js' });
  return { excel, associated, settings, storage };
}
