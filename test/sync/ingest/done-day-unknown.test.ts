// A log with no Fulfilled column, first imported with requests already Fulfilled: each such row is warned at its
// Status, on both databases, while the service keeps its day unknown (decision 025), in the import's answer and on
// the Data quality sheet (`warnings()`); a request the service saw open before it was fulfilled is not.
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { ingestBatch, type IngestRow } from '../../../sync/ingest/ingest-batch';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('done_day_unknown');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const request = (rowId: string, cells: IngestRow['cells']): IngestRow =>
  ({ rowId, sheet: 'TA log', sheetRow: Number(rowId.slice(3)) + 1, cells: { requestId: rowId, receivedOn: '2026-03-02', requesterOrg: `Org of ${rowId}`, status: 'New', ...cells } });

describe.each(backends)('a request fulfilled before the service first read it ($name)', (backend) => {
  it('is warned at its Status while its day is not known, and not once the service has seen the request open', async () => {
    const store = await backend.open();
    onTestFinished(() => store.close());
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'file' });
    const ingest = (day: string, rows: IngestRow[]) => ingestBatch(store, { sourceId: principal.id, table: 'requests', rows, at: new Date(`${day}T15:00:00Z`) });
    const said = (result: Awaited<ReturnType<typeof ingest>>) => result.warnings.flatMap((w) => w.issues.map((i) => [w.row.rowId, i.field, i.code]));
    const quality = async () => (await store.warnings({ table: 'requests' })).flatMap((w) => w.errors.map((e) => [w.rowId, e.field, e.message.startsWith('Status: fulfilled before the service first read this request, on a day not known')]));

    const first = await ingest('2026-06-01', [request('TA-1', { status: 'Fulfilled' }), request('TA-2', { status: 'In progress' })]);
    expect(said(first)).toEqual([['TA-1', 'status', 'done_day_unknown']]);
    expect(await quality()).toEqual([['TA-1', 'status', true]]);

    // A note edited leaves the day unknown; a request seen open and fulfilled since has the day it was seen.
    const second = await ingest('2026-06-10', [request('TA-1', { status: 'Fulfilled', notes: 'Sent the slides' }), request('TA-2', { status: 'Fulfilled' })]);
    expect(said(second)).toEqual([['TA-1', 'status', 'done_day_unknown']]);
    expect(await quality()).toEqual([['TA-1', 'status', true]]);

    // Reopened: open, no warning.
    await ingest('2026-06-12', [request('TA-1', { status: 'In progress' })]);
    expect(await quality()).toEqual([]);
  }, 60_000);
});
