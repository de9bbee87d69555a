// The routes a person opens in a browser by following a link, where a header cannot be added: only these
// accept a token in the address (traded at once for a cookie) or a cookie.

export const DASHBOARD_PATH = '/dashboard';
export const EXPORT_PATH = '/api/v1/export/master.xlsx';
export const REPORT_PATH = '/api/v1/report';

export const BROWSER_PATHS: readonly string[] = [DASHBOARD_PATH, EXPORT_PATH, REPORT_PATH];

/** Pages a browser shows: never cached or referred elsewhere, no scripts, nothing from other sites. */
export const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
};
