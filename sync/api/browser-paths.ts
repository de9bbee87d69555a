// The routes a person opens in a browser by following a link, where a header cannot be added: only these
// accept a token in the address (traded at once for a cookie) or a cookie.
import { OPEN_TO_PRINT_DIGEST } from '../dashboard/changes-section';

export const DASHBOARD_PATH = '/dashboard';
export const EXPORT_PATH = '/api/v1/export/master.xlsx';
export const REPORT_PATH = '/api/v1/report';

export const BROWSER_PATHS: readonly string[] = [DASHBOARD_PATH, EXPORT_PATH, REPORT_PATH];

/**
 * Pages a browser shows: never cached or referred elsewhere, no script but the dashboard's one that opens its folded
 * lists to print them, nothing from other sites.
 */
export const PAGE_HEADERS = {
  'Cache-Control': 'no-store',
  'Referrer-Policy': 'no-referrer',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': `default-src 'none'; script-src '${OPEN_TO_PRINT_DIGEST}'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'`,
};
