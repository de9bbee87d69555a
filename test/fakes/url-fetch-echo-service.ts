// A throwaway HTTP service for the UrlFetchApp fake's tests, hosted in a worker by startServerInWorker.
import type http from 'node:http';
import { Hono } from 'hono';

let received = 0;

/** Fetch-style (Hono) app: echoes requests, answers with chosen status codes, redirects. */
export function createEchoApp(greeting: string) {
  const app = new Hono();
  app.use(async (_c, next) => {
    received++;
    await next();
  });
  app.all('/echo', async (c) => {
    const body = new Uint8Array(await c.req.arrayBuffer());
    return c.json({
      greeting,
      method: c.req.method,
      query: c.req.query(),
      headers: Object.fromEntries(c.req.raw.headers),
      bodyBase64: Buffer.from(body).toString('base64'),
    });
  });
  app.get('/status/:code', (c) => c.text(`status body ${'x'.repeat(300)}`, Number(c.req.param('code')) as 500));
  app.get('/redirect', (c) => c.redirect('/echo?from=redirect', 302));
  app.get('/bytes', () => new Response(new Uint8Array([0, 127, 128, 255]), { headers: { 'Content-Type': 'application/octet-stream' } }));
  app.get('/cookies', () => {
    const headers = new Headers({ 'Content-Type': 'text/plain' });
    headers.append('Set-Cookie', 'a=1');
    headers.append('Set-Cookie', 'b=2');
    return new Response('ok', { headers });
  });
  return app;
}

/** Node request-listener form of a handler. */
export function createPlainListener(): http.RequestListener {
  return (_req, res) => {
    received++;
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('plain listener');
  };
}

export function requestsReceived(): number {
  return received;
}
