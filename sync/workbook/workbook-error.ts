// The one error type the workbook writer throws: a plan it cannot write, or an output that failed.

export type WorkbookErrorCode =
  | 'invalid-plan' // a cell or part the plan describes cannot be written as given
  | 'output-failed'; // the destination stream failed while the workbook was being written

/** Thrown by `writeWorkbook`; checked with `isWorkbookError`, which looks at `name` so it works across realms. */
export class WorkbookError extends Error {
  override readonly name = 'WorkbookError' as const;

  constructor(readonly code: WorkbookErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isWorkbookError(value: unknown): value is WorkbookError {
  return typeof value === 'object' && value !== null && (value as { name?: unknown }).name === 'WorkbookError';
}
