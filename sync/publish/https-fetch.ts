// A `fetch` over node:https with a caller's Agent: Node's built-in fetch takes no Agent, so it cannot be told to
// trust an extra root certificate (a corporate TLS proxy, or the test stand-in's self-signed one) without
// loosening TLS for the whole process. It does not follow redirects: the Graph client's RedirectHandler does.
import { request, type Agent } from 'node:https';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

const NULL_BODY_STATUS = new Set([101, 204, 205, 304]);

export function httpsFetch(agent: Agent): Fetch {
  return async (input, init = {}) => {
    const base = input instanceof Request ? input : undefined;
    const url = new URL(base ? base.url : String(input));
    if (url.protocol !== 'https:') throw new TypeError(`httpsFetch only speaks https, not ${url.protocol}`);
    const headers = new Headers(base?.headers);
    new Headers(init.headers).forEach((value, key) => headers.set(key, value));
    const body = await bodyBytes(init.body ?? (base?.body ? await base.arrayBuffer() : undefined));
    if (body) headers.set('content-length', String(body.byteLength));

    return new Promise<Response>((resolve, reject) => {
      const req = request(url, {
        method: init.method ?? base?.method ?? 'GET',
        headers: Object.fromEntries(headers),
        agent,
        signal: init.signal ?? undefined,
      }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', (cause) => reject(new TypeError('fetch failed', { cause })));
        res.on('end', () => {
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(res.headers)) {
            for (const v of [value ?? []].flat()) responseHeaders.append(key, v);
          }
          const status = res.statusCode ?? 0;
          resolve(new Response(NULL_BODY_STATUS.has(status) ? null : Buffer.concat(chunks), {
            status,
            statusText: res.statusMessage,
            headers: responseHeaders,
          }));
        });
      });
      // Same shape as the built-in fetch's network failures, so callers handle both alike.
      req.on('error', (cause) => reject(new TypeError('fetch failed', { cause })));
      req.end(body);
    });
  };
}

async function bodyBytes(body: BodyInit | ArrayBuffer | null | undefined): Promise<Buffer | undefined> {
  if (body === null || body === undefined) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  throw new TypeError('httpsFetch cannot send a streamed or form body');
}
