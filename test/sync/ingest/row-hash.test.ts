// The service's row hash must be the add-ons' content hash byte for byte, or every sync would resend every row.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TABLES, contentHash } from '../../../shared';
import { rowHash } from '../../../sync/ingest/ingest-batch';

describe('rowHash', () => {
  it('equals the add-ons’ plain-TypeScript content hash on every table', () => {
    const value = fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), fc.constant(''), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer(), fc.boolean(), fc.constant(null));
    for (const table of Object.values(TABLES)) {
      const names = table.columns.map((c) => c.name);
      const row = fc.tuple(...names.map(() => value)).map((vs) => Object.fromEntries(names.map((n, i) => [n, vs[i]])));
      fc.assert(fc.property(row, (r) => rowHash(table.name, r) === contentHash(r)), { numRuns: 300 });
    }
  });
});
