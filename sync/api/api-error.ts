// The service's one error type: a status and a stable code, turned into `{error: {code, message}}` by
// the app's single error handler.
import { TypedError } from '../../shared/typed-error';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ApiErrorCode =
  | 'unauthorized' // no token, or one the service does not know
  | 'forbidden' // a known token whose role may not use this route
  | 'rate_limited'
  | 'not_found'
  | 'malformed_json'
  | 'invalid_body' // well-formed JSON of the wrong shape
  | 'invalid_query'
  | 'unknown_table'
  | 'invalid_batch' // a row id repeated, or both sent and deleted
  | 'payload_too_large'
  | 'not_fulfilled' // a feedback link asked for a request not fulfilled yet
  | 'ambiguous' // a feedback link asked by a Request ID that several requests of the source carry
  | 'unavailable' // the database is out of reach for now: retry after Retry-After
  | 'internal';

/** Checked with `isErrorType(e, ApiError)`. */
export class ApiError extends TypedError {
  override readonly name = 'ApiError' as const;
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: ApiErrorCode,
    message: string,
    /** Extra response headers, e.g. `Retry-After`. */
    readonly headers: Record<string, string> = {},
    /** The unexpected error this answer stands for, reported as a 500's would be (an outage is not). */
    readonly fault?: unknown,
  ) {
    super(message);
  }
}

