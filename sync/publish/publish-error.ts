// The one error type publishing throws: a stable `code` the CLI and service turn into a message or status.
import { TypedError } from '../../shared/typed-error';

export type PublishErrorCode =
  | 'invalid-settings' // settings or environment incomplete or malformed
  | 'invalid-name' // the file name cannot be a OneDrive/SharePoint or file-system name
  | 'auth-failed' // the token endpoint refused the app credentials, or Graph refused the token
  | 'forbidden' // authenticated, but the app lacks permission on the drive
  | 'not-found' // drive, site, user or folder does not exist
  | 'throttled' // still throttled after the allowed attempts, or asked to wait longer than we allow
  | 'server-error' // 5xx after the allowed attempts
  | 'network' // connection failures after the allowed attempts
  | 'session-lost' // the upload session expired or vanished and could not be resumed
  | 'rejected' // any other 4xx: the request itself is wrong
  | 'file-system'; // the file publisher could not write

export interface PublishErrorDetails {
  status?: number;
  attempts?: number;
  cause?: unknown;
  /** The service's full answer when the message keeps only its first line (see `verboseText`). */
  verboseText?: string;
}

/** Thrown by every `Publisher`; checked with `isErrorType(e, PublishError)`. */
export class PublishError extends TypedError {
  override readonly name = 'PublishError' as const;
  readonly code: PublishErrorCode;
  readonly status?: number;
  readonly attempts?: number;
  /**
   * The message is one line for the CLI and the schedule log; trace ids and timestamps the service adds on
   * further lines are kept here, for `--verbose`.
   */
  readonly verboseText?: string;

  constructor(code: PublishErrorCode, message: string, details: PublishErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.code = code;
    this.status = details.status;
    this.attempts = details.attempts;
    this.verboseText = details.verboseText;
  }
}
