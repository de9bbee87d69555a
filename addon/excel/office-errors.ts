// What an Office.js error says: the code a RichApi.Error carries, and whether it is Excel refusing cells as protected.
import { isErrorType } from '../../shared/typed-error';
import { ProtectedCellsError } from '../port/protected-cells';

export const codeOf = (e: unknown) => (typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined);

/** Excel refuses a write into locked cells of a protected sheet (or a workbook opened read-only) with AccessDenied. */
export function isProtectedError(error: unknown): boolean {
  return codeOf(error) === 'AccessDenied' || isErrorType(error, ProtectedCellsError);
}
