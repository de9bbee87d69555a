// Random rows for the tests that hold two ways of hashing a row equal (canonical text compiled or not,
// the service's hash and the add-ons'): every field filled with a value of any kind a cell may give.
import fc from 'fast-check';
import type { TypedRow } from '../../shared';

/**
 * Text of any UTF-16 (lone surrogates too), blank, numbers of every kind (NaN, infinities and -0 included:
 * two hashes must agree even on values validation never lets through), booleans and nothing.
 */
export const anyValue = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constant(''), fc.double(), fc.integer(), fc.boolean(), fc.constant(null));

/** Rows keyed by exactly `fields`, as `validateRow` makes them. */
export const rowOf = (fields: readonly string[]): fc.Arbitrary<TypedRow> =>
  fc.tuple(...fields.map(() => anyValue)).map((values) => Object.fromEntries(fields.map((field, i) => [field, values[i]])));
