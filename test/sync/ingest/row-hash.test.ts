// The service's row hash must be the add-ons' content hash byte for byte, or every sync would resend every row.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { TABLES, contentHash } from '../../../shared';
import { rowHash } from '../../../sync/ingest/ingest-batch';
import { rowOf } from '../../support/random-rows';

describe('rowHash', () => {
  it('equals the add-ons’ plain-TypeScript content hash on every table', () => {
    for (const table of Object.values(TABLES)) {
      const row = rowOf(table.columns.map((c) => c.name));
      fc.assert(fc.property(row, (r) => rowHash(table.name, r) === contentHash(r)), { numRuns: 300 });
    }
  });
});
