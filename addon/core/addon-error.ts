// The add-on's one error type: a stable code and a message written for the person at the sheet. Each
// surface (menu action, sidebar call, custom function) turns it into text at exactly one edge.
import { isErrorType, TypedError } from '../../shared/typed-error';

export type AddonErrorCode =
  | 'not_configured' // no service URL or source token yet
  | 'invalid_setting'
  | 'busy' // another sync holds the lock
  | 'loading' // cells whose formulas fetch data (IMPORTRANGE) have not finished: nothing synced, try again
  | 'trigger_limit' // the person has as many schedules as Google allows
  | 'service' // the service answered with an error, or not at all
  | 'no_table' // no sheet the add-on recognises
  | 'not_found' // the request the sidebar showed is gone
  | 'ambiguous' // two rows share the Request ID typed
  | 'invalid_argument';

/** Checked with `isErrorType(e, AddonError)`. */
export class AddonError extends TypedError {
  override readonly name = 'AddonError' as const;
  constructor(
    readonly code: AddonErrorCode,
    message: string,
    /** For `service`: the service's answer (`status` 0: none), for a use-case that can say more than the service did. */
    readonly answer?: { status: number; code?: string },
  ) {
    super(message);
  }
}


/** The text a user sees for anything thrown: ours as written, anything else with its message. */
export function describeError(e: unknown): string {
  if (isErrorType(e, AddonError)) return e.message;
  const message = typeof e === 'object' && e !== null && 'message' in e ? String((e as { message: unknown }).message) : String(e);
  return `Equity Desk hit an unexpected problem: ${message}`;
}
