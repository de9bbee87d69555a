// The routes a person opens in a browser by following a link, where a header cannot be added: only these
// accept a token in the address (traded at once for a cookie) or a cookie.

export const DASHBOARD_PATH = '/dashboard';
export const EXPORT_PATH = '/api/v1/export/master.xlsx';

export const BROWSER_PATHS: readonly string[] = [DASHBOARD_PATH, EXPORT_PATH];
