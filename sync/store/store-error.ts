// The one error type the row store throws on purpose: a stable `code` the API and CLI turn into a status or message.
import { TypedError } from '../../shared/typed-error';

export type StoreErrorCode =
  | 'unsupported-database' // the database URL names something other than PostgreSQL
  | 'invalid-schema' // the PostgreSQL schema name is not a plain lower-case identifier
  | 'invalid-batch' // a rowId or sheet repeats, or a row is both upserted and deleted, in one batch
  | 'unknown-source' // the batch names a principal that is not a registered source
  | 'unknown-principal' // a token was asked for a principal that does not exist
  | 'invalid-token' // an empty admin token, or one already held by a non-admin principal
  | 'answer-conflict' // a survey answer's row or holds changed between its read and its write: nothing was written
  | 'migration-failed' // the schema could not be brought up to date
  | 'unavailable'; // the database server is out of reach (stopped, restarting, unreachable)

/** Checked with `isErrorType(e, StoreError)`. */
export class StoreError extends TypedError {
  override readonly name = 'StoreError' as const;
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
