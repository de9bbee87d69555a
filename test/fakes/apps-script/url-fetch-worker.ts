// Worker thread behind the UrlFetchApp fake: performs the requests of one fetch/fetchAll call with
// node:http, following redirects itself so every hop is checked against the loopback rule.
import http from 'node:http';
import { parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { timeoutMessage, type WireCall, type WireOutcome, type WireRequest } from './http-wire.js';
import { isLoopbackUrl, refusalMessage } from './loopback.js';

const MAX_REDIRECTS = 10;

function headerObject(headers: Array<[string, string]>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of headers) {
    const previous = out[name];
    out[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  }
  return out;
}

function send(url: URL, request: WireRequest): Promise<WireOutcome> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      // A fresh connection per request, as UrlFetchApp keeps none between calls: a pooled socket the
      // server has just closed would turn a refused address into "socket hang up".
      { method: request.method, headers: headerObject(request.headers), timeout: request.timeoutMs, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            ok: true,
            status: res.statusCode ?? 0,
            rawHeaders: res.rawHeaders,
            body: new Uint8Array(Buffer.concat(chunks)),
            url: url.href,
          }),
        );
        res.on('error', (error) => resolve({ ok: false, message: `${error.message}: ${url.href}` }));
      },
    );
    let timedOut = false;
    req.on('timeout', () => {
      timedOut = true;
      req.destroy();
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (timedOut) resolve({ ok: false, message: timeoutMessage(url.href) });
      else if (error.code === 'ECONNREFUSED') resolve({ ok: false, message: `Address unavailable: ${url.href}` });
      else resolve({ ok: false, message: `${error.message}: ${url.href}` });
    });
    req.end(request.body ?? undefined);
  });
}

function headerValue(rawHeaders: string[], name: string): string | null {
  for (let i = 0; i < rawHeaders.length; i += 2) if (rawHeaders[i].toLowerCase() === name) return rawHeaders[i + 1];
  return null;
}

async function perform(request: WireRequest, hops = 0): Promise<WireOutcome> {
  const url = new URL(request.url);
  if (!isLoopbackUrl(url)) return { ok: false, message: refusalMessage(url.href) };
  const outcome = await send(url, request);
  if (!outcome.ok || !request.followRedirects || ![301, 302, 303, 307, 308].includes(outcome.status)) return outcome;
  const location = headerValue(outcome.rawHeaders, 'location');
  if (!location) return outcome;
  if (hops >= MAX_REDIRECTS) return { ok: false, message: `Too many redirects: ${request.url}` };
  const becomesGet = outcome.status === 303 || ((outcome.status === 301 || outcome.status === 302) && request.method === 'POST');
  return perform(
    {
      ...request,
      url: new URL(location, url).href,
      method: becomesGet ? 'GET' : request.method,
      body: becomesGet ? null : request.body,
      headers: becomesGet ? request.headers.filter(([name]) => name.toLowerCase() !== 'content-type') : request.headers,
    },
    hops + 1,
  );
}

parentPort!.on('message', async ({ signal, port, requests }: WireCall & { port: MessagePort }) => {
  let outcomes: WireOutcome[];
  try {
    outcomes = await Promise.all(requests.map((request) => perform(request)));
  } catch (error) {
    outcomes = requests.map(() => ({ ok: false, message: String(error) }));
  }
  port.postMessage(outcomes);
  port.close();
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});

const { ready } = workerData.data as { ready: Int32Array };
Atomics.store(ready, 0, 1);
Atomics.notify(ready, 0);
