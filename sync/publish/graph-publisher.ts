// Publishes to OneDrive/SharePoint through Microsoft Graph with app credentials: simple PUT under 4 MiB,
// otherwise an upload session in 320 KiB-multiple ranges, each retried and resumed by us.
import { isErrorType } from '../../shared/typed-error';
import type { Agent } from 'node:https';
import { ClientSecretCredential, type TokenCredential } from '@azure/identity';
import {
  AuthenticationHandler,
  Client,
  GraphError,
  RedirectHandler,
  RedirectHandlerOptions,
  RetryHandler,
  RetryHandlerOptions,
  TelemetryHandler,
  type AuthenticationProvider,
  type Context,
  type Middleware,
} from '@microsoft/microsoft-graph-client';
import { describeNetworkError, failureFromStatus, networkFailure } from './graph-failures';
import { driveRoot, type GraphSettings } from './graph-settings';
import { httpsFetch, type Fetch } from './https-fetch';
import { PublishError } from './publish-error';
import { asBuffer, assertPublishName, type Publisher, type PublishResult } from './publisher';
import { defaultRetryOptions, RetryBudget, type RetryableFailure, type RetryOptions } from './retry-budget';
import { cachedTokenProvider } from './token-cache';
import { assertChunkSize, cancelSession, DEFAULT_CHUNK, isSessionGone, uploadInChunks, type DriveItem } from './upload-session';

/** Files from this size go through an upload session (the design's rule; Graph's own simple-upload cap is higher). */
export const SIMPLE_UPLOAD_LIMIT = 4 * 1024 * 1024;

export interface GraphPublisherOptions {
  settings: GraphSettings;
  /**
   * TLS settings for every connection (Graph, the token endpoint, upload URLs), e.g. an Agent trusting a
   * corporate proxy's root certificate. Without it Node's defaults and built-in fetch are used.
   */
  agent?: Agent;
  /** Defaults to a `ClientSecretCredential` built from the settings. */
  credential?: TokenCredential;
  /** Bytes per upload-session range: a multiple of 320 KiB under 60 MiB; 10 × 320 KiB unless set. */
  chunkSize?: number;
  retry?: Partial<RetryOptions>;
  /** Per upload request; a request with no answer by then counts as a network failure and is retried. */
  requestTimeoutMs?: number;
}

export class GraphPublisher implements Publisher {
  private readonly settings: GraphSettings;
  private readonly fetch: Fetch;
  private readonly client: Client;
  private readonly tokens: AuthenticationProvider;
  private readonly chunkSize: number;
  private readonly retry: RetryOptions;
  private readonly timeoutMs: number;

  constructor(options: GraphPublisherOptions) {
    const { settings, agent } = options;
    this.settings = settings;
    this.chunkSize = options.chunkSize ?? DEFAULT_CHUNK;
    assertChunkSize(this.chunkSize);
    this.retry = { ...defaultRetryOptions, ...options.retry };
    this.timeoutMs = options.requestTimeoutMs ?? 120_000;
    this.fetch = agent ? httpsFetch(agent) : (input, init) => fetch(input, init);

    // Instance discovery checks the authority against Microsoft's public list; the authority host is our own
    // setting, and private clouds and the test stand-in are not on that list.
    const credential = options.credential ?? new ClientSecretCredential(settings.tenantId, settings.clientId, settings.clientSecret, {
      authorityHost: settings.authorityHost,
      disableInstanceDiscovery: true,
      agent,
    });
    const base = new URL(settings.baseUrl);
    this.tokens = cachedTokenProvider(credential, `${base.origin}/.default`);
    this.client = Client.initWithMiddleware({
      baseUrl: settings.baseUrl,
      middleware: middlewareChain(this.tokens, this.retry, this.fetch),
      // The client sends the token only to well-known Graph hosts and these; naming the configured host covers
      // proxies and stand-ins (for graph.microsoft.us and the like it changes nothing).
      customHosts: new Set([base.hostname]),
    });
  }

  async publish(name: string, content: Buffer | Uint8Array): Promise<PublishResult> {
    assertPublishName(name);
    const bytes = asBuffer(content);
    const segments = [...(this.settings.folder ? this.settings.folder.split('/') : []), name];
    const root = `${driveRoot(this.settings)}/root:`;
    const itemPath = `${root}/${segments.map(encodeURIComponent).join('/')}:`;
    // Getting the token first makes credential problems surface as ours rather than wrapped in a GraphError.
    await this.tokens.getAccessToken();
    const simple = bytes.byteLength < SIMPLE_UPLOAD_LIMIT;
    const item = simple ? await this.simpleUpload(itemPath, bytes, name) : await this.sessionUpload(itemPath, bytes, name);
    return {
      location: `${root}/${segments.join('/')}`,
      bytes: bytes.byteLength,
      method: simple ? 'simple' : 'upload-session',
      ...(item.webUrl ? { webUrl: item.webUrl } : {}),
    };
  }

  private async simpleUpload(itemPath: string, bytes: Buffer, name: string): Promise<DriveItem> {
    const task = `Uploading ${name}`;
    const budget = new RetryBudget(task, this.retry);
    for (;;) {
      try {
        return await this.client
          .api(`${itemPath}/content`)
          .query({ '@microsoft.graph.conflictBehavior': 'replace' })
          .header('Content-Type', 'application/octet-stream')
          .option('signal', AbortSignal.timeout(this.timeoutMs))
          .put(bytes);
      } catch (cause) {
        await budget.failed(graphFailure(task, cause));
      }
    }
  }

  /**
   * A session that expires or vanishes mid-way is replaced once; with conflictBehavior replace that is safe.
   * A session given up on while it still exists is cancelled, so no half-uploaded file lingers in the drive.
   */
  private async sessionUpload(itemPath: string, bytes: Buffer, name: string): Promise<DriveItem> {
    const transfer = { fetch: this.fetch, timeoutMs: this.timeoutMs };
    for (let session = 1; ; session++) {
      const uploadUrl = await this.createSession(itemPath, name);
      try {
        return await uploadInChunks(uploadUrl, bytes, { ...transfer, chunkSize: this.chunkSize, retry: this.retry, label: name });
      } catch (error) {
        if (!isSessionGone(error)) await cancelSession(uploadUrl, transfer);
        if (session >= 2 || !isErrorType(error, PublishError) || error.code !== 'session-lost') throw error;
      }
    }
  }

  private async createSession(itemPath: string, name: string): Promise<string> {
    const task = `Starting the upload of ${name}`;
    let session: { uploadUrl?: unknown } | undefined;
    try {
      session = await this.client
        .api(`${itemPath}/createUploadSession`)
        .post({ item: { '@microsoft.graph.conflictBehavior': 'replace' } });
    } catch (cause) {
      // The client's retry handler has already retried this JSON request; what is left is final.
      const failure = graphFailure(task, cause);
      throw new PublishError(failure.code, `${task} failed: ${failure.detail}`, { status: failure.status, cause });
    }
    if (typeof session?.uploadUrl !== 'string') throw new PublishError('rejected', `${task} failed: Graph returned no uploadUrl.`);
    return session.uploadUrl;
  }
}

/**
 * The client's default chain, ending in our fetch so the caller's Agent applies. Its retry handler covers JSON
 * requests (createUploadSession), honouring Retry-After; it skips octet-stream bodies, which we retry ourselves.
 */
function middlewareChain(tokens: AuthenticationProvider, retry: RetryOptions, send: Fetch): Middleware {
  const chain: Middleware[] = [
    new AuthenticationHandler(tokens),
    // The client refuses more than 10 retries or a base delay over 180 s.
    new RetryHandler(new RetryHandlerOptions(Math.min(180, retry.baseDelayMs / 1000), Math.min(10, retry.maxAttempts - 1))),
    new RedirectHandler(new RedirectHandlerOptions()),
    new TelemetryHandler(),
    new FetchHandler(send),
  ];
  chain.reduce((previous, next) => {
    previous.setNext?.(next);
    return next;
  });
  return chain[0];
}

/** A GraphError carries the status (-1 when no answer came) and, for service errors, Graph's code and message. */
function graphFailure(task: string, cause: unknown): RetryableFailure {
  if (!(cause instanceof GraphError)) return networkFailure(cause);
  // No answer: the message is FetchHandler's description of the network failure.
  if (cause.statusCode < 0) return { code: 'network', detail: cause.message, cause };
  const body = cause.code ? { error: { code: cause.code, message: cause.message } } : undefined;
  return failureFromStatus(task, cause.statusCode, cause.headers, body);
}

class FetchHandler implements Middleware {
  private readonly send: Fetch;

  constructor(send: Fetch) {
    this.send = send;
  }

  async execute(context: Context): Promise<void> {
    try {
      context.response = await this.send(context.request, context.options);
    } catch (error) {
      // The client keeps only the message of what we throw; make it say what actually failed.
      throw new Error(describeNetworkError(error), { cause: error });
    }
  }
}
