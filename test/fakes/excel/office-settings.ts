// Where the Excel add-in keeps its settings, each over a Map the test reads: the workbook's settings
// (`Office.context.document.settings`, the service URL) and the browser's storage (the token, per user).

/** `Office.context.document.settings` over `map`; `saveAsync` answers at once, or on the next tick as Office does with `deferred`. */
export function documentSettingsOver(map: Map<string, unknown>, deferred = false) {
  const saved = (cb?: (r: { status: string }) => void) => cb?.({ status: 'succeeded' });
  return {
    get: (k: string) => map.get(k) ?? null,
    set: (k: string, v: unknown) => void map.set(k, v),
    remove: (k: string) => void map.delete(k),
    saveAsync: (cb?: (r: { status: string }) => void) => (deferred ? void setTimeout(() => saved(cb), 0) : saved(cb)),
  };
}

/** `localStorage` over `map`. */
export function storageOver(map: Map<string, string>) {
  return { getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}
