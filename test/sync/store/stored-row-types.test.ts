// Rows read back from the store are typed by their table, so a misspelled field in the metrics, the
// changes report, the master workbook or a route fails `npm run typecheck` (each `@ts-expect-error`
// below fails the typecheck if its line ever compiles, that is if the typing is lost).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, expectTypeOf, it } from 'vitest';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import { openStore } from '../../../sync/store/open-store';
import type { StoredRow, StoredValues } from '../../../sync/store/row-store';

const dir = mkdtempSync(join(tmpdir(), 'eq-stored-types-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('reads rows, history and single rows typed by the table asked for', async () => {
  const store = await openStore({ dataDir: dir });
  try {
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log' });
    const values = { requestId: 'TA-1', receivedOn: '2026-03-02', requesterOrg: 'Marin County', status: 'New' } satisfies StoredValues<'requests'>;
    await store.applyBatch({ sourceId: principal.id, table: 'requests', upserts: [{ rowId: 'r1', hash: 'h1', values }], deletes: [], full: false, rejected: [], at: new Date('2026-03-02T10:00:00Z') });

    const rows: StoredRow<'requests'>[] = [];
    for await (const row of store.rows('requests')) rows.push(row);
    expect(rows.map((r) => r.values.receivedOn)).toEqual(['2026-03-02']);
    // @ts-expect-error: requests have no field `recievedOn`
    expect(rows[0].values.recievedOn).toBeUndefined();

    for await (const change of store.changes('requests')) {
      expect(change.values?.requesterOrg).toBe('Marin County');
      // @ts-expect-error: requests have no field `org`
      expect(change.values?.org).toBeUndefined();
    }
    const one = await store.storedRow(principal.id, 'requests', 'r1');
    expect(one?.status).toBe('New');
    // @ts-expect-error: a request's status is `status`, not `state`
    expect(one?.state).toBeUndefined();
  } finally {
    await store.close();
  }
});

it('types each table apart, and leaves code that reads any table the general view', () => {
  expectTypeOf<StoredValues<'workplan'>['percentComplete']>().toEqualTypeOf<number | null | undefined>();
  expectTypeOf<StoredValues<'milestones'>['partnership']>().toEqualTypeOf<boolean | null | undefined>();
  expectTypeOf<MetricsRow<'roadmap'>['values']>().toEqualTypeOf<StoredValues<'roadmap'>>();
  // @ts-expect-error: roadmap items have no `partnership` column
  expectTypeOf<StoredValues<'roadmap'>['partnership']>().toBeUnknown();
  expectTypeOf<StoredRow['values']>().toEqualTypeOf<Readonly<Record<string, unknown>>>();
});
