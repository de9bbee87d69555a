// Values cross from the fakes (host realm) into the bundle's vm context: arrays, Dates and errors must be
// built from that context's own constructors, or `instanceof Date` / `instanceof Error` fail in the bundle.
import vm from 'node:vm';

/** The constructors of one JavaScript realm: the host's, or a vm context's. */
export interface Realm {
  Array: ArrayConstructor;
  Object: ObjectConstructor;
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export const hostRealm: Realm = { Array, Object, Date, Error };

export function realmOf(context: vm.Context): Realm {
  return vm.runInContext('({ Array, Object, Date, Error })', context) as Realm;
}

/** Cross-realm test: `instanceof Date` is false for a Date made in another realm. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value) || isDate(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || Object.getPrototypeOf(proto) === null;
}

/** Deep copy of arrays, Dates and plain objects into `realm`; fake service objects pass through. */
export function toRealm<T>(realm: Realm, value: T): T {
  if (Array.isArray(value)) {
    const out = new realm.Array(value.length);
    for (let i = 0; i < value.length; i++) out[i] = toRealm(realm, value[i]);
    return out as T;
  }
  if (isDate(value)) return new realm.Date(value.getTime()) as T;
  if (isPlainObject(value)) {
    const out = new realm.Object() as Record<string, unknown>;
    for (const [k, v] of Object.entries(value)) out[k] = toRealm(realm, v);
    return out as T;
  }
  return value;
}

/**
 * Apps Script's V8 runtime throws service errors as `Error` objects named "Exception", so
 * `String(e)` reads "Exception: <message>" as in the execution log.
 */
export function appsScriptError(realm: Realm, message: string): Error {
  const error = new realm.Error(message);
  error.name = 'Exception';
  return error;
}
