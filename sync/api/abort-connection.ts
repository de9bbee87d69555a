// How a streamed response that fails after its status went out reaches the client as a failure. With chunked framing
// (HTTP/1.1) a connection closed before the last chunk is an error for every client; we reset it (RST) rather than
// close it. HTTP/1.0 has no such framing: the body ends where the connection closes, so a client (or a proxy that
// talks HTTP/1.0 to us, as nginx does by default) would take a short file for a whole one. Those get a length instead.
import type { HttpBindings } from '@hono/node-server';

const incomingOf = (env: unknown) => (env as Partial<HttpBindings> | undefined)?.incoming;

/** An HTTP/1.0 request: stream to it only what has a `Content-Length`. False without a Node request (`app.request`). */
export const isHttp10 = (env: unknown): boolean => incomingOf(env)?.httpVersion === '1.0';

/**
 * Resets the TCP connection under a Node response (a RST, not a FIN), so the client reports an error rather than
 * an end of data. Returns false where there is no socket (a test calling `app.request`).
 */
export function resetConnection(env: unknown): boolean {
  const socket = (env as Partial<HttpBindings> | undefined)?.outgoing?.socket;
  if (!socket || socket.destroyed) return false;
  socket.resetAndDestroy();
  return true;
}
