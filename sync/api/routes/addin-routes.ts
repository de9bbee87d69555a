// GET /addin/excel/…: the Excel add-in's static files (the task pane, its script, functions.json, icons),
// so one https origin hosts the add-in and answers its API calls. Files come from the build (build/excel);
// only names the build writes are served, each with its content type, and never cached stale.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { ApiError } from '../api-error';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
};

/** A file name the build writes: no folders, so nothing outside the add-in's folder can be asked for. */
const SERVED = /^[a-z0-9][a-z0-9-]*\.(html|js|css|json|png)$/;

export interface AddinRouteDeps {
  /** The built add-in (build/excel). */
  dir: string;
}

export function addinRoutes(deps: AddinRouteDeps) {
  return new Hono().get('/:file', async (c) => {
    const file = c.req.param('file');
    if (!SERVED.test(file)) throw new ApiError(404, 'not_found', `no add-in file ${file}`);
    let body: Buffer;
    try {
      body = await readFile(path.join(deps.dir, file));
    } catch {
      throw new ApiError(404, 'not_found', `no add-in file ${file}; run "npm run build" to build the Excel add-in`);
    }
    // Office caches add-in files hard; revalidating keeps every user on the version the service holds.
    return c.body(new Uint8Array(body), 200, { 'Content-Type': TYPES[path.extname(file)], 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  });
}
