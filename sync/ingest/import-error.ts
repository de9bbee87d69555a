// Why a workbook could not be imported at all (row problems are results, not errors).
import { TypedError } from '../../shared/typed-error';

export type ImportErrorCode = 'file-not-found' | 'not-a-workbook' | 'too-large' | 'no-tables' | 'unknown-source';

/** Checked with `isErrorType(e, ImportError)`. */
export class ImportError extends TypedError {
  override readonly name = 'ImportError' as const;
  constructor(readonly code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

