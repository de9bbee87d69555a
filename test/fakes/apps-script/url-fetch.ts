// UrlFetchApp: real synchronous HTTP to loopback servers, with Apps Script's defaults (GET, form
// content type, redirects followed), its limits (50 MB payload, 2 KB URL, daily calls) and its error
// texts; every request is recorded for assertions about batching.
import { Charset } from './enums.js';
import type { FakeEnv } from './env.js';
import type { WireOutcome, WireRequest } from './http-wire.js';
import { isLoopbackUrl, refusalMessage } from './loopback.js';
import { isPlainObject } from './realm.js';
import { requestSync } from './sync-http.js';
import { FakeBlob, encodeText, fromBytes, toSignedBytes } from './utilities.js';

type HTTPResponse = GoogleAppsScript.URL_Fetch.HTTPResponse;
type Options = GoogleAppsScript.URL_Fetch.URLFetchRequestOptions;
type Request = GoogleAppsScript.URL_Fetch.URLFetchRequest;

export const MAX_PAYLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_URL_LENGTH = 2 * 1024;
const USER_AGENT = 'Mozilla/5.0 (compatible; Google-Apps-Script; beanserver; +https://script.google.com; id: fake)';

export interface FetchRecord {
  url: string;
  method: string;
  headers: Record<string, string>;
  payloadBytes: number;
  /** The response code, or the error text when no response came back. */
  outcome: number | string;
}

export class FakeHttpResponse implements HTTPResponse {
  constructor(
    private readonly env: FakeEnv,
    private readonly status: number,
    private readonly rawHeaders: string[],
    private readonly body: Buffer,
  ) {}

  private headerMap(all: boolean): Record<string, string | string[]> {
    const map: Record<string, string | string[]> = {};
    for (let i = 0; i < this.rawHeaders.length; i += 2) {
      const [name, value] = [this.rawHeaders[i], this.rawHeaders[i + 1]];
      const previous = map[name];
      map[name] = all && previous !== undefined ? [...(Array.isArray(previous) ? previous : [previous]), value] : value;
    }
    return map;
  }
  getResponseCode(): number {
    return this.status;
  }
  getContentText(charset?: string): string {
    return new FakeBlob(this.env, this.body).getDataAsString(charset);
  }
  getContent(): number[] {
    return this.env.out(toSignedBytes(this.body));
  }
  getHeaders(): object {
    return this.env.out(this.headerMap(false));
  }
  getAllHeaders(): object {
    return this.env.out(this.headerMap(true));
  }
  getBlob(): GoogleAppsScript.Base.Blob {
    const typeAt = this.rawHeaders.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'content-type');
    const contentType = typeAt >= 0 ? this.rawHeaders[typeAt + 1].split(';')[0].trim() : null;
    return new FakeBlob(this.env, Buffer.from(this.body), contentType) as unknown as GoogleAppsScript.Base.Blob;
  }
  getAs(contentType: string): GoogleAppsScript.Base.Blob {
    return this.getBlob().setContentType(contentType);
  }
}

export interface UrlFetchRouting {
  /** https host → the http://127.0.0.1:PORT base that serves it (TLS ends in front of the service). */
  tlsFront?: Record<string, string>;
  /** The manifest's urlFetchWhitelist; undefined when the manifest has none (a test deployment). */
  whitelist?: readonly string[];
}

/** Apps Script's allowlist matching: the prefix itself or anything under it; `*.` matches subdomains. */
export function allowedByWhitelist(url: URL, prefixes: readonly string[]): boolean {
  return prefixes.some((prefix) => {
    const wildcard = prefix.startsWith('https://*.');
    const p = new URL(wildcard ? prefix.replace('*.', 'wildcard.') : prefix);
    const hostOk = wildcard ? url.host.endsWith(p.host.slice('wildcard'.length)) : url.host === p.host;
    if (url.protocol !== 'https:' || !hostOk) return false;
    const rest = `${url.pathname}${url.search}${url.hash}`;
    return rest.startsWith(p.pathname) && (p.pathname.endsWith('/') || rest.length === p.pathname.length || '/?#'.includes(rest[p.pathname.length]));
  });
}

export class FakeUrlFetchApp implements Partial<GoogleAppsScript.URL_Fetch.UrlFetchApp> {
  readonly requests: FetchRecord[] = [];
  /** The URL the script asked for, when the wire goes elsewhere (through the TLS front). */
  private readonly asked = new WeakMap<WireRequest, string>();

  constructor(
    private readonly env: FakeEnv,
    private readonly timeoutMs: number,
    public dailyQuota: number,
    private readonly routing: UrlFetchRouting = {},
  ) {}

  /** The loopback URL that serves `url`: itself, or through the TLS front for its https host. */
  private wireUrl(url: URL): string {
    const front = url.protocol === 'https:' ? this.routing.tlsFront?.[url.host] : undefined;
    return front ? `${front}${url.pathname}${url.search}` : url.href;
  }

  private body(payload: Options['payload'], contentType: string | undefined): { bytes: Buffer; type?: string } {
    if (payload === undefined || payload === null) return { bytes: Buffer.alloc(0) };
    if (typeof payload === 'string') return { bytes: encodeText(payload, Charset.UTF_8) };
    if (Array.isArray(payload)) return { bytes: fromBytes(payload as number[]) };
    if (payload instanceof FakeBlob) return { bytes: payload.data, type: payload.contentType ?? undefined };
    if (isPlainObject(payload)) {
      if (Object.values(payload).some((v) => v instanceof FakeBlob)) {
        this.env.fail('UrlFetchApp fake: multipart payloads (objects holding blobs) are not supported.');
      }
      const form = Object.entries(payload)
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
        .join('&');
      return { bytes: Buffer.from(form), type: contentType ?? 'application/x-www-form-urlencoded' };
    }
    return { bytes: encodeText(String(payload)) };
  }

  private prepare(url: string, params: Options = {}): WireRequest {
    if (typeof url !== 'string' || url === '') this.env.fail('Invalid argument: url');
    if (url.length > MAX_URL_LENGTH) this.env.fail('Limit Exceeded: URLFetch URL Length.');
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      this.env.fail(`Invalid argument: ${url}`);
    }
    if (this.routing.whitelist && !allowedByWhitelist(parsed, this.routing.whitelist)) {
      this.env.fail(`Exception: Request failed: ${url} is not in the add-on's urlFetchWhitelist (appsscript.json).`);
    }
    const wireUrl = this.wireUrl(parsed);
    // With TLS fronts set up, an https host none of them serves does not exist, as Apps Script words it.
    if (this.routing.tlsFront && parsed.protocol === 'https:' && wireUrl === parsed.href) this.env.fail(`DNS error: ${url}`);
    if (!isLoopbackUrl(new URL(wireUrl))) this.env.fail(refusalMessage(url));
    const method = String(params.method ?? 'get').toUpperCase();
    const hasPayload = params.payload !== undefined && params.payload !== null;
    const { bytes, type } = this.body(params.payload, params.contentType);
    if (bytes.length > MAX_PAYLOAD_BYTES) this.env.fail('Limit Exceeded: URLFetch POST Size.');
    const headers: Array<[string, string]> = Object.entries(params.headers ?? {}).map(([k, v]) => [k, String(v)]);
    const declared = headers.find(([name]) => name.toLowerCase() === 'content-type');
    const contentType = params.contentType ?? type ?? declared?.[1] ?? (hasPayload ? 'application/x-www-form-urlencoded' : undefined);
    const outgoing = headers.filter(([name]) => !/^(content-type|user-agent)$/i.test(name));
    if (contentType) outgoing.push(['Content-Type', contentType]);
    outgoing.push(['User-Agent', USER_AGENT]);
    const wire: WireRequest = {
      url: wireUrl,
      method,
      headers: outgoing,
      body: hasPayload ? new Uint8Array(bytes) : null,
      followRedirects: params.followRedirects ?? true,
      timeoutMs: this.timeoutMs,
    };
    this.asked.set(wire, url);
    return wire;
  }

  private run(requests: WireRequest[], mute: boolean[]): HTTPResponse[] {
    this.env.require('network', 'UrlFetchApp.fetch');
    if (this.requests.length + requests.length > this.dailyQuota) {
      this.env.fail('Service invoked too many times for one day: urlfetch.');
    }
    const outcomes: WireOutcome[] = requestSync(requests, this.timeoutMs + 5_000);
    return outcomes.map((outcome, i) => {
      const request = requests[i];
      this.requests.push({
        url: this.asked.get(request) ?? request.url,
        method: request.method,
        headers: Object.fromEntries(request.headers),
        payloadBytes: request.body?.length ?? 0,
        outcome: outcome.ok ? outcome.status : outcome.message,
      });
      if (!outcome.ok) this.env.fail(outcome.message);
      const response = new FakeHttpResponse(this.env, outcome.status, outcome.rawHeaders, Buffer.from(outcome.body));
      if (outcome.status >= 400 && !mute[i]) {
        const origin = new URL(this.asked.get(request) ?? request.url).origin;
        this.env.fail(
          `Request failed for ${origin} returned code ${outcome.status}. Truncated server response: ` +
            `${response.getContentText().slice(0, 200)} (use muteHttpExceptions option to examine full response)`,
        );
      }
      return response;
    });
  }

  fetch(url: string, params?: Options): HTTPResponse {
    this.env.count('UrlFetchApp.fetch');
    return this.run([this.prepare(url, params)], [params?.muteHttpExceptions === true])[0];
  }

  fetchAll(requests: Array<Request | string>): HTTPResponse[] {
    this.env.count('UrlFetchApp.fetchAll');
    const list = requests.map((r) => (typeof r === 'string' ? { url: r } : r));
    const responses = this.run(
      list.map((r) => this.prepare(r.url, r)),
      list.map((r) => r.muteHttpExceptions === true),
    );
    return this.env.out(responses);
  }

  getRequest(url: string, params?: Options): Request {
    const prepared = this.prepare(url, params);
    return this.env.out({
      url: this.asked.get(prepared) ?? prepared.url,
      method: prepared.method.toLowerCase(),
      headers: Object.fromEntries(prepared.headers),
      payload: prepared.body ? Buffer.from(prepared.body).toString('utf8') : '',
      followRedirects: prepared.followRedirects,
      muteHttpExceptions: params?.muteHttpExceptions ?? false,
    }) as unknown as Request;
  }
}
