// A stand-in for the sync service that answers each route with what a test scripts, well-formed by default: for the
// built add-on's tests of a service that answers in a form it does not read. Hosted in a worker by startServerInWorker.
import type http from 'node:http';

let syncPosts = 0;

/** Rows posted to `/api/v1/sync` so far. */
export const rowsPosted = () => syncPosts;

/** A Node request listener; `answers`, by `METHOD /path`: the JSON to answer that route with in place of a good one. */
export function createScriptedAnswers(answers: Record<string, unknown>): http.RequestListener {
  return (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const route = `${req.method} ${url.pathname}`;
      const table = url.searchParams.get('table') ?? 'requests';
      const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { rows?: unknown[] }) : {};
      if (route === 'POST /api/v1/sync') syncPosts += body.rows?.length ?? 0;
      const good: Record<string, unknown> = {
        'GET /api/v1/sync/state': { table, rows: [] },
        'GET /api/v1/outbox': { table, items: [] },
        'POST /api/v1/sync': { accepted: body.rows?.length ?? 0, unchanged: 0, deleted: 0, rejected: [], warnings: [] },
        'POST /api/v1/lists': { lists: 0 },
        'POST /api/v1/outbox/ack': { acknowledged: 0 },
      };
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(route in answers ? answers[route] : (good[route] ?? {})));
    });
  };
}
