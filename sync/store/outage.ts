// The database going away, told apart from every other failure: a driver's connection error becomes a
// StoreError 'unavailable' with a short reason, so the service answers 503 (and says so on /healthz)
// instead of a 500, and the CLI prints one line. The pool reconnects by itself once the server is back.
import { StoreError } from './store-error';
import type { RowStore } from './row-store';

/** SQLSTATEs and socket codes that mean "the server is not there (now)", with how to say it. */
const REASONS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  EPIPE: 'the connection was lost',
  ETIMEDOUT: 'no answer in time',
  ENOTFOUND: 'the host name is not known',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  '57P01': 'the server is shutting down',
  '57P02': 'the server crashed',
  '57P03': 'the server is starting up',
  '53300': 'the server has too many connections',
};

/** node-postgres reports some losses only in words. */
const LOST = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|Connection ended|not queryable/i;

/** Why `error` means the database is out of reach, or undefined for any other failure. */
export function outageReason(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, message, cause, errors } = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') {
    if (REASONS[code]) return REASONS[code];
    // Class 08: connection exceptions.
    if (/^08[0-9A-Z]{3}$/.test(code)) return 'the connection failed';
  }
  if (typeof message === 'string' && LOST.test(message)) return /timeout/i.test(message) ? 'no answer in time' : 'the connection was lost';
  // pg reports a refused connection to a host with several addresses as an AggregateError.
  for (const inner of [cause, ...(Array.isArray(errors) ? errors : [])]) {
    const reason = outageReason(inner, depth + 1);
    if (reason !== undefined) return reason;
  }
  return undefined;
}

function translated(error: unknown): unknown {
  const reason = outageReason(error);
  if (reason === undefined) return error;
  return new StoreError('unavailable', `the database is unavailable (${reason}); try again shortly (a batch sent again is applied once)`, { cause: error });
}

async function* translatedIterable<T>(items: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* items;
  } catch (e) {
    throw translated(e);
  }
}

/** `store` with every connection failure of its methods, promises and streams turned into `unavailable`. */
export function reportingOutages(store: RowStore): RowStore {
  const wrapped: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(store)) {
    if (typeof value !== 'function') {
      wrapped[key] = value;
      continue;
    }
    wrapped[key] = (...args: unknown[]) => {
      let result: unknown;
      try {
        result = (value as (...a: unknown[]) => unknown).apply(store, args);
      } catch (e) {
        throw translated(e);
      }
      if (result instanceof Promise) return result.catch((e: unknown) => Promise.reject(translated(e)));
      if (typeof result === 'object' && result !== null && Symbol.asyncIterator in result) return translatedIterable(result as AsyncIterable<unknown>);
      return result;
    };
  }
  return wrapped as unknown as RowStore;
}
