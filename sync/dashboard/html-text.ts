// Escaping and number display for the server-rendered dashboard: every value from a sheet is escaped once, here.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

/** A figure as the dashboard shows it: grouped thousands, the decimals the metrics kept, "n/a" when absent. */
export function figure(v: number | null | undefined): string {
  if (v === null || v === undefined) return '<span class="na" title="not available">n/a</span>';
  return esc(v.toLocaleString('en-US', { maximumFractionDigits: 2 }));
}

/** A query string from pairs, leaving out empty values. */
export function queryString(pairs: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(pairs)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The start of every page the service renders: language, phone-width viewport, no referrer, one inline stylesheet. */
export function pageHead(title: string, css: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${css}</style>
</head>`;
}
