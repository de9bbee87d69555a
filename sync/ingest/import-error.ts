// Why a workbook could not be imported at all (row problems are results, not errors).

export type ImportErrorCode = 'file-not-found' | 'not-a-workbook' | 'no-tables' | 'unknown-source';

/** Checked with `isImportError`, which looks at `name` so it works across realms. */
export class ImportError extends Error {
  override readonly name = 'ImportError' as const;
  constructor(readonly code: ImportErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export const isImportError = (e: unknown): e is ImportError =>
  typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'ImportError';
