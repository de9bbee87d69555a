// Gzip for the pages people open in a browser: the dashboard's inline SVG charts and the annual report are
// text that shrinks several times over, and committee members read them on phones.
//
// BREACH: a compressed page that both echoes text an attacker chose and holds a secret lets the attacker
// learn the secret from the response's size, one guessed character at a time. What is compressed here holds
// no secret an outsider could probe: the dashboard and the report echo their filters, but their token lives
// in an HttpOnly, SameSite=Strict cookie and never in the page, and a request another site starts carries no
// cookie, so it is refused before anything is read; the intake form and the API docs are public and hold
// nothing private but the form's one-time key, which each served form makes anew and only a same-origin post (the
// form sent back to fix, with the answers echoed) repeats; a confirmation holds its request's status link but echoes
// nothing a requester or an outsider chose. The feedback survey and the status page (`/requests/{token}`) are left
// out: their address is their key, and the survey repeats that address in its form and echoes the requester's
// answers. The master workbook is left out too
// (a zip already, and streamed), and so are the sync API's bodies, which are hashes and ids more than text.
// The Excel add-in's files (`/addin/excel/`) are the same static files for everyone, echo nothing and hold no secret;
// Excel fetches its task pane script again whenever it changed, over an office's own connection.
import { compress } from 'hono/compress';
import type { Hono } from 'hono';
import type { ApiEnv } from './auth';
import { DASHBOARD_PATH, REPORT_PATH } from './browser-paths';

const COMPRESSED_PATHS: readonly string[] = [DASHBOARD_PATH, REPORT_PATH, '/intake/*', '/docs', '/openapi.json', '/addin/excel/*'];

/** Registers gzip (or deflate, as the browser asks) on the page paths; call it before the routes are added. */
export function compressPages(app: Hono<ApiEnv>): void {
  const gzip = compress();
  for (const path of COMPRESSED_PATHS) app.use(path, gzip);
}
