// The service's canonical text, compiled per table, must be the add-ons' `canonicalRow` byte for byte, or every
// sync would resend every row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TABLES, canonicalRow, contentHash, hashOfCanonical, type TypedRow } from '../../../shared';
import { canonicalTexts, compileCanonicalText } from '../../../sync/ingest/canonical-text';
import { anyValue } from '../../support/random-rows';

/** Any value a cell may give, and plain texts (printable ASCII, quotes and backslashes among it), most cells' kind. */
const value = fc.oneof(anyValue, fc.string({ maxLength: 12 }));

/** Rows with each of `fields` holding a value, or left out. */
const rowOf = (fields: readonly string[]): fc.Arbitrary<TypedRow> =>
  fc.tuple(...fields.map(() => fc.option(value, { nil: undefined }))).map((values) => {
    const r: TypedRow = {};
    fields.forEach((f, i) => {
      if (values[i] !== undefined) r[f] = values[i];
    });
    return r;
  });

describe('compileCanonicalText', () => {
  it('makes exactly canonicalRow of rows of its fields, whatever their names', () => {
    const fields = ['b', 'a', 'Z', 'with space', 'é', 'a_1', 'quote"d', 'back\\slash', "it's", '${x}'];
    const canonical = compileCanonicalText(fields);
    fc.assert(fc.property(rowOf(fields), (r) => canonical(r) === canonicalRow(r) && hashOfCanonical(canonical(r)) === contentHash(r)), { numRuns: 3000 });
  });

  it('agrees on random rows of every table', () => {
    for (const table of Object.values(TABLES)) {
      fc.assert(fc.property(rowOf(table.columns.map((c) => c.name)), (r) => canonicalTexts[table.name](r) === canonicalRow(r)), { numRuns: 1000 });
    }
  });

  it('agrees on every table with all, some and no fields blank', () => {
    for (const table of Object.values(TABLES)) {
      const names = table.columns.map((c) => c.name);
      for (const fill of [() => 'x "quoted"\n', (i: number) => (i % 2 ? null : i), () => null, (i: number) => (i % 3 ? 'plain' : true)]) {
        const r = Object.fromEntries(names.map((n, i) => [n, fill(i)]));
        expect(canonicalTexts[table.name](r)).toBe(canonicalRow(r));
      }
    }
  });
});
