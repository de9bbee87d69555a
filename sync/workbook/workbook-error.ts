// The one error type the workbook writer throws: a plan it cannot write, or an output that failed.
import { TypedError } from '../../shared/typed-error';

export type WorkbookErrorCode =
  | 'invalid-plan' // a cell or part the plan describes cannot be written as given
  | 'output-failed'; // the destination stream failed while the workbook was being written

/** Thrown by `writeWorkbook`; checked with `isErrorType(e, WorkbookError)`. */
export class WorkbookError extends TypedError {
  override readonly name = 'WorkbookError' as const;

  constructor(readonly code: WorkbookErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
