// Settings fixed when the add-on is built (scripts/build.mjs), the same ones it writes into appsscript.json.

/** Replaced by the build with the allowed service URL prefixes; absent when the bundle is not built by it. */
declare const EQUITY_DESK_SERVICE_URLS: readonly string[] | undefined;

/** The manifest's urlFetchWhitelist: the service URLs Settings accepts (empty: any https URL, a test deployment). */
export const SERVICE_URL_ALLOWLIST: readonly string[] = typeof EQUITY_DESK_SERVICE_URLS === 'undefined' ? [] : EQUITY_DESK_SERVICE_URLS;
