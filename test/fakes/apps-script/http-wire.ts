// The messages between the UrlFetchApp fake (blocked on Atomics.wait) and the worker doing the HTTP.

export interface WireRequest {
  url: string;
  method: string;
  headers: Array<[string, string]>;
  body: Uint8Array | null;
  followRedirects: boolean;
  timeoutMs: number;
}

export type WireOutcome =
  | { ok: true; status: number; rawHeaders: string[]; body: Uint8Array; url: string }
  | { ok: false; message: string };

/** Apps Script's "Timeout: <url>", with the usual cause in tests named. */
export function timeoutMessage(url: string): string {
  return `Timeout: ${url} (UrlFetchApp fake: a server in the calling thread cannot answer while it blocks; host it with startServerInWorker)`;
}

export interface WireCall {
  /** Set to 1 and notified by the worker once `outcomes` was posted on `port`. */
  signal: Int32Array;
  port: MessagePort;
  requests: WireRequest[];
}
