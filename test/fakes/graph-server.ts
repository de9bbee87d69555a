// A local stand-in for Microsoft Graph drive uploads and the identity platform's client-credentials flow, served
// over https with a throwaway self-signed certificate (the Graph client sends tokens to https hosts only).
// It follows Microsoft's documented protocol, records every request, and injects faults on demand.
import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { selfSignedCertificate, trustingAgent } from './self-signed-tls';

export type RequestKind =
  | 'openid-configuration' | 'token' | 'simple-upload' | 'create-session'
  | 'chunk' | 'session-status' | 'cancel-session' | 'unknown';

export interface RecordedRequest {
  kind: RequestKind;
  method: string;
  /** Path and query exactly as received. */
  path: string;
  headers: IncomingHttpHeaders;
  bodyBytes: number;
  /** Parsed `Content-Range` of a chunk; `end` inclusive, as on the wire. */
  range?: { start: number; end: number; total: number };
  /** The token request's form, or createUploadSession's JSON body. */
  form?: Record<string, string>;
  json?: unknown;
  /** The correlation id of an identity-platform error answer. */
  correlationId?: string;
  /** 0 when the connection was dropped. */
  status: number;
  at: number;
}

export type Fault =
  | { type: 'throttle'; retryAfterSeconds: number; status?: 429 | 503 }
  | { type: 'status'; status: number }
  /** Closes the connection without an answer; `keepBytes` stores a chunk first (the answer was lost, not the data). */
  | { type: 'drop'; keepBytes?: boolean }
  /** Reads the request and never answers (until the client gives up or the server closes). */
  | { type: 'stall' }
  /**
   * Answers as usual, but lists the first missing range as two entries, the first `firstLength` bytes long.
   * Microsoft documents that listed ranges need not be of a proper fragment size; clients must still send 320 KiB
   * multiples. Applies to a chunk's 202 or a session status.
   */
  | { type: 'split-ranges'; firstLength: number };

/** Applies `fault` to the `nth` (1-based, default 1) request of kind `on` after injection, and `times` in a row (default 1). */
export interface FaultRule {
  on: RequestKind;
  nth?: number;
  times?: number;
  fault: Fault;
}

export interface GraphServerOptions {
  tenantId?: string;
  clientId?: string;
  clientSecret?: string;
  /** More names the certificate covers (e.g. `graph.microsoft.us`); `agent()` resolves them to 127.0.0.1. */
  hostnames?: string[];
  tokenLifetimeSeconds?: number;
}

export interface GraphServer {
  readonly origin: string;
  readonly port: number;
  /** The self-signed certificate, PEM: the only root the client side needs to trust. */
  readonly ca: string;
  readonly tenantId: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly requests: RecordedRequest[];
  /** An https Agent that trusts `ca` and sends the extra host names to this server. */
  agent(): Agent;
  /** `https://{hostname}:{port}` for one of the extra host names. */
  urlFor(hostname: string): string;
  inject(rule: FaultRule): void;
  /** The stored bytes of `path` (e.g. `/Reports/x.xlsx`) on `drive` (e.g. `drives/d1`, `sites/s1/drive`). */
  file(drive: string, path: string): Buffer | undefined;
  /** Upload sessions neither finished nor cancelled (DELETE on the upload URL); they would linger until expiry. */
  openSessions(): number;
  /** Forgets requests and faults; keeps files and issued tokens. */
  reset(): void;
  close(): Promise<void>;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

interface Session {
  drive: string;
  path: string;
  total?: number;
  data?: Buffer;
  received: number;
  expires: string;
}

const CHUNK_UNIT = 320 * 1024;
const MAX_CHUNK = 60 * 1024 * 1024;
const SIMPLE_LIMIT = 4 * 1024 * 1024;
const ITEM_PATH = /^\/v1\.0\/(drives\/[^/]+|sites\/[^/]+\/drive|users\/[^/]+\/drive|me\/drive)\/root:(\/[^:]*):(\/content|\/createUploadSession)$/;

const graphError = (status: number, code: string, message: string, headers?: Record<string, string>): Reply =>
  ({ status, headers, body: { error: { code, message } } });

/**
 * The identity platform's error body: `error_description` carries the AADSTS message, then trace id, correlation id and
 * timestamp on lines of their own (CRLF); the correlation id echoes the client's `client-request-id` when it sent one.
 */
function identityError(req: IncomingMessage, status: number, error: string, code: number, message: string): Reply {
  const traceId = randomUUID();
  const sent = req.headers['client-request-id'];
  const correlationId = typeof sent === 'string' && sent ? sent : randomUUID();
  const timestamp = new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
  return {
    status,
    body: {
      error,
      error_description: `AADSTS${code}: ${message}\r\nTrace ID: ${traceId}\r\nCorrelation ID: ${correlationId}\r\nTimestamp: ${timestamp}`,
      error_codes: [code],
      timestamp,
      trace_id: traceId,
      correlation_id: correlationId,
      error_uri: `https://${req.headers.host}/error?code=${code}`,
    },
  };
}

/** `["3276800-"]`; split 100,000 bytes in on a 6,441,942-byte file: `["3276800-3376799", "3376800-6441941"]`. */
function expectedRanges({ received, total }: Session, splitAt: number | undefined): string[] {
  if (splitAt === undefined || total === undefined || received + splitAt >= total) return [`${received}-`];
  return [`${received}-${received + splitAt - 1}`, `${received + splitAt}-${total - 1}`];
}

function contentRange(req: IncomingMessage): RecordedRequest['range'] {
  const match = /^bytes (\d+)-(\d+)\/(\d+)$/.exec(req.headers['content-range'] ?? '');
  if (!match) return undefined;
  const [start, end, total] = match.slice(1).map(Number);
  return { start, end, total };
}

export async function startGraphServer(options: GraphServerOptions = {}): Promise<GraphServer> {
  const tenantId = options.tenantId ?? 'contoso-tenant';
  const clientId = options.clientId ?? 'equity-desk-app';
  const clientSecret = options.clientSecret ?? 'not-a-real-secret';
  const hostnames = options.hostnames ?? [];
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  const { key, cert } = selfSignedCertificate(hostnames);

  const requests: RecordedRequest[] = [];
  const rules: (FaultRule & { seen: number })[] = [];
  const tokens = new Map<string, number>();
  const files = new Map<string, Buffer>();
  const sessions = new Map<string, Session>();

  const originOf = (req: IncomingMessage) => `https://${req.headers.host}`;
  const fileKey = (drive: string, path: string) => `${drive}:${path}`;

  function driveItem(req: IncomingMessage, drive: string, path: string, bytes: Buffer) {
    const name = path.split('/').pop() ?? '';
    return {
      id: Buffer.from(fileKey(drive, path)).toString('base64url'),
      name,
      size: bytes.byteLength,
      webUrl: `${originOf(req)}/web/${drive}${path.split('/').map(encodeURIComponent).join('/')}`,
      file: { mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    };
  }

  function store(req: IncomingMessage, drive: string, path: string, bytes: Buffer): Reply {
    const existed = files.has(fileKey(drive, path));
    files.set(fileKey(drive, path), Buffer.from(bytes));
    return { status: existed ? 200 : 201, body: driveItem(req, drive, path, bytes) };
  }

  function authorised(req: IncomingMessage): boolean {
    const match = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    const expires = match ? tokens.get(match[1]) : undefined;
    return expires !== undefined && expires > Date.now();
  }

  function classify(method: string, path: string): RequestKind {
    if (/^\/[^/]+\/v2\.0\/\.well-known\/openid-configuration$/.test(path)) return 'openid-configuration';
    if (method === 'POST' && /^\/[^/]+\/oauth2\/v2\.0\/token$/.test(path)) return 'token';
    const item = ITEM_PATH.exec(path);
    if (item?.[3] === '/content' && method === 'PUT') return 'simple-upload';
    if (item?.[3] === '/createUploadSession' && method === 'POST') return 'create-session';
    if (path.startsWith('/upload/')) {
      return method === 'PUT' ? 'chunk' : method === 'GET' ? 'session-status' : method === 'DELETE' ? 'cancel-session' : 'unknown';
    }
    return 'unknown';
  }

  /** `splitAt`: list the first missing range as two entries, the first this many bytes long (a `split-ranges` fault). */
  function handle(kind: RequestKind, req: IncomingMessage, path: string, body: Buffer, record: RecordedRequest, splitAt?: number): Reply {
    const origin = originOf(req);
    switch (kind) {
      case 'openid-configuration': {
        const tenant = path.split('/')[1];
        return {
          status: 200,
          body: {
            token_endpoint: `${origin}/${tenant}/oauth2/v2.0/token`,
            authorization_endpoint: `${origin}/${tenant}/oauth2/v2.0/authorize`,
            end_session_endpoint: `${origin}/${tenant}/oauth2/v2.0/logout`,
            issuer: `${origin}/${tenant}/v2.0`,
            jwks_uri: `${origin}/${tenant}/discovery/v2.0/keys`,
            token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
            response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
          },
        };
      }
      case 'token': {
        const form = Object.fromEntries(new URLSearchParams(body.toString('utf8')));
        record.form = form;
        if (path.split('/')[1] !== tenantId) return identityError(req, 400, 'invalid_request', 90002, `Tenant '${path.split('/')[1]}' not found.`);
        if (form.grant_type !== 'client_credentials' || !form.scope?.endsWith('/.default')) {
          return identityError(req, 400, 'invalid_request', 900144, 'client_credentials with a /.default scope expected.');
        }
        if (form.client_id !== clientId || form.client_secret !== clientSecret) {
          return identityError(req, 401, 'invalid_client', 7000215, `Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '${form.client_id}'.`);
        }
        const token = `stand-in-token-${randomUUID()}`;
        tokens.set(token, Date.now() + lifetime * 1000);
        return { status: 200, body: { token_type: 'Bearer', expires_in: lifetime, ext_expires_in: lifetime, access_token: token } };
      }
      case 'simple-upload':
      case 'create-session': {
        if (!authorised(req)) return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty or invalid.');
        const [, drive, encodedPath] = ITEM_PATH.exec(path) ?? [];
        const itemPath = encodedPath.split('/').map(decodeURIComponent).join('/');
        if (kind === 'simple-upload') {
          if (body.byteLength > SIMPLE_LIMIT) return graphError(413, 'requestTooLarge', 'Simple upload is limited to 4 MB; use an upload session.');
          return store(req, drive, itemPath, body);
        }
        const json = body.byteLength ? JSON.parse(body.toString('utf8')) : {};
        record.json = json;
        if (json?.item?.['@microsoft.graph.conflictBehavior'] === 'fail' && files.has(fileKey(drive, itemPath))) {
          return graphError(409, 'nameAlreadyExists', 'The specified item name already exists.');
        }
        const id = randomUUID();
        const expires = new Date(Date.now() + 3_600_000).toISOString();
        sessions.set(id, { drive, path: itemPath, received: 0, expires });
        return { status: 200, body: { uploadUrl: `${origin}/upload/${id}?tempauth=stand-in`, expirationDateTime: expires, nextExpectedRanges: ['0-'] } };
      }
      case 'chunk':
      case 'session-status':
      case 'cancel-session': {
        const id = path.slice('/upload/'.length).split('?')[0];
        const session = sessions.get(id);
        if (!session) return graphError(404, 'itemNotFound', 'The upload session was not found.');
        // Microsoft: the upload URL is pre-authenticated; an Authorization header on it may be refused.
        if (req.headers.authorization) return graphError(401, 'unauthenticated', 'Do not send an Authorization header to an upload URL.');
        // Microsoft: DELETE on the upload URL cancels the session and discards its bytes; it answers 204.
        if (kind === 'cancel-session') {
          sessions.delete(id);
          return { status: 204 };
        }
        const status = () => ({ expirationDateTime: session.expires, nextExpectedRanges: expectedRanges(session, splitAt) });
        if (kind === 'session-status') return { status: 200, body: status() };
        return putChunk(req, id, session, body, record, status);
      }
      default:
        return graphError(404, 'itemNotFound', `No stand-in route for ${req.method} ${path}.`);
    }
  }

  function putChunk(req: IncomingMessage, id: string, session: Session, body: Buffer, record: RecordedRequest, status: () => object): Reply {
    if (!record.range) return graphError(400, 'invalidRequest', 'A Content-Range header "bytes start-end/total" is required.');
    const { start, end, total } = record.range;
    const length = end - start + 1;
    if (Number(req.headers['content-length']) !== length || body.byteLength !== length) {
      return graphError(400, 'invalidRequest', `Content-Length must equal the range length ${length}.`);
    }
    if (session.total !== undefined && session.total !== total) return graphError(400, 'invalidRequest', 'The total size changed during the session.');
    if (length >= MAX_CHUNK || (end + 1 < total && length % CHUNK_UNIT !== 0)) {
      return graphError(400, 'invalidRange', 'Each fragment but the last must be a multiple of 320 KiB, and under 60 MiB.');
    }
    // Fragments must come in order; one that is not the next expected byte is refused.
    if (start !== session.received) return graphError(416, 'invalidRange', `Expected the range starting at ${session.received}.`);
    session.total = total;
    session.data ??= Buffer.alloc(total);
    body.copy(session.data, start);
    session.received = end + 1;
    if (session.received < total) return { status: 202, body: status() };
    sessions.delete(id);
    return store(req, session.drive, session.path, session.data);
  }

  function faultFor(kind: RequestKind): Fault | undefined {
    let fault: Fault | undefined;
    for (const rule of rules) {
      if (rule.on !== kind) continue;
      rule.seen += 1;
      const nth = rule.nth ?? 1;
      if (!fault && rule.seen >= nth && rule.seen < nth + (rule.times ?? 1)) fault = rule.fault;
    }
    return fault;
  }

  function send(res: ServerResponse, reply: Reply): void {
    const json = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      ...(json === undefined ? {} : { 'content-type': 'application/json' }),
      'request-id': randomUUID(),
      ...reply.headers,
    });
    res.end(json);
  }

  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const method = req.method ?? 'GET';
      const path = req.url ?? '/';
      const pathname = path.split('?')[0];
      const kind = classify(method, pathname);
      const record: RecordedRequest = {
        kind, method, path, headers: req.headers, bodyBytes: body.byteLength, range: contentRange(req), status: 0, at: Date.now(),
      };
      requests.push(record);
      const fault = faultFor(kind);
      if (fault?.type === 'stall') return;
      if (fault?.type === 'drop') {
        if (fault.keepBytes) handle(kind, req, pathname, body, record);
        req.socket.destroy();
        return;
      }
      const reply: Reply = fault?.type === 'throttle'
        ? graphError(fault.status ?? 429, 'activityLimitReached', 'The request has been throttled.', { 'retry-after': String(fault.retryAfterSeconds) })
        : fault?.type === 'status'
          ? graphError(fault.status, fault.status >= 500 ? 'serviceNotAvailable' : 'invalidRequest', `Injected HTTP ${fault.status}.`)
          : handle(kind, req, pathname, body, record, fault?.type === 'split-ranges' ? fault.firstLength : undefined);
      record.status = reply.status;
      const correlationId = (reply.body as { correlation_id?: unknown } | undefined)?.correlation_id;
      if (typeof correlationId === 'string') record.correlationId = correlationId;
      send(res, reply);
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const ca = cert;

  return {
    origin: `https://127.0.0.1:${port}`,
    port,
    ca,
    tenantId,
    clientId,
    clientSecret,
    requests,
    agent: () => trustingAgent(ca, hostnames),
    urlFor: (hostname) => `https://${hostname}:${port}`,
    inject: (rule) => { rules.push({ ...rule, seen: 0 }); },
    file: (drive, path) => files.get(fileKey(drive, path)),
    openSessions: () => sessions.size,
    reset: () => {
      requests.length = 0;
      rules.length = 0;
    },
    close: () => new Promise<void>((resolve, reject) => {
      server.closeAllConnections();
      server.close((error) => (error ? reject(error) : resolve()));
    }),
  };
}
