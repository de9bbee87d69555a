// The base of every error Equity Desk throws on purpose, and the one guard that recognizes them (as ky does).

/**
 * Subclasses set a literal `name` equal to their class name (`override readonly name = 'StoreError' as const`):
 * `isErrorType` falls back to it when `instanceof` cannot see the class.
 */
export abstract class TypedError extends Error {}

type ErrorClass<E extends Error> = abstract new (...args: never[]) => E;

/**
 * Whether `error` is an instance of `errorClass`, even from another realm: the sidebar and task pane live in
 * iframes, where `instanceof` sees a different class, so the literal `name` is compared too.
 */
export function isErrorType<E extends Error>(error: unknown, errorClass: ErrorClass<E>): error is E {
  if (error instanceof errorClass) return true;
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === errorClass.name;
}
