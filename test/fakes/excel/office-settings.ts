// Where the Excel add-in keeps its settings, each over a Map the test reads: the workbook's settings
// (`Office.context.document.settings`, the service URL), the browser's storage (the token, per user) and
// the runtime's startup behavior.

/**
 * The room Office gives an add-in's settings in a document, all values together as JSON (Settings.set: "a maximum of
 * 2MB"), with no limit per value. Office documents no error text for it: the fake's own says which limit.
 */
export const SETTINGS_LIMIT_BYTES = 2 * 1024 * 1024;

type SaveResult = { status: string; error?: { message: string } };

/**
 * `Office.context.document.settings` over `map`; `saveAsync` answers at once, or on the next tick as Office does with
 * `deferred`, and fails once the settings pass `SETTINGS_LIMIT_BYTES` (what was set stays in memory, as in Office).
 * Bytes counted by TextEncoder, not Buffer: the task pane tests run this fake in the browser.
 */
export function documentSettingsOver(map: Map<string, unknown>, deferred = false) {
  const saved = (cb?: (r: SaveResult) => void) =>
    cb?.(new TextEncoder().encode(JSON.stringify(Object.fromEntries(map))).length > SETTINGS_LIMIT_BYTES
      ? { status: 'failed', error: { message: 'The settings are larger than the 2 MB Office keeps for an add-in.' } }
      : { status: 'succeeded' });
  return {
    get: (k: string) => map.get(k) ?? null,
    set: (k: string, v: unknown) => void map.set(k, v),
    remove: (k: string) => void map.delete(k),
    saveAsync: (cb?: (r: SaveResult) => void) => (deferred ? void setTimeout(() => saved(cb), 0) : saved(cb)),
  };
}

/** `localStorage` over `map`. */
export function storageOver(map: Map<string, string>) {
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

/** The values of `Office.StartupBehavior` (office.d.ts: `load = 'Load'`, `none = 'None'`); Office knows no others. */
const STARTUP_BEHAVIORS = new Set(['Load', 'None']);

/** `Office.addin.setStartupBehavior`, recording each behavior set in `log`; any other value is refused. */
export function startupBehaviorOver(log: string[]) {
  return {
    setStartupBehavior: async (behavior: string) => {
      if (!STARTUP_BEHAVIORS.has(behavior)) throw new Error(`Invalid startup behavior "${behavior}": Office.StartupBehavior is 'Load' or 'None'`);
      log.push(behavior);
    },
  };
}
