// Reports remembered until the data changes: repeated views read no rows, any write is seen at once,
// concurrent requests share one read, failures are not remembered, and only the last reports are kept.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import type { MetricsOptions } from '../../../sync/metrics/aggregate-metrics';
import { computeMetrics } from '../../../sync/metrics/compute-metrics';
import { changesReport } from '../../../sync/changes/changes-report';
import { cachedByDataVersion } from '../../../sync/store/data-version-cache';
import { openStore } from '../../../sync/store/open-store';
import type { RowStore } from '../../../sync/store/row-store';

let dir: string;
let store: RowStore;
let reads: number;
let historyReads: number;
let failNextRead: boolean;
let sync: (rows: number, at: string) => Promise<void>;

const report = (extra: Partial<MetricsOptions> = {}): MetricsOptions => ({ asOf: '2026-06-30', rules: DEFAULT_RULES, ...extra });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-metrics-cache-'));
  const real = await openStore({ dataDir: dir });
  reads = 0;
  historyReads = 0;
  failNextRead = false;
  // The store as the cache sees it, counting (and on demand failing) every read of the requests.
  store = Object.assign(Object.create(real) as RowStore, {
    rows: (table: Parameters<RowStore['rows']>[0], opts?: Parameters<RowStore['rows']>[1]) => {
      if (table === 'requests') reads++;
      if (table === 'requests' && failNextRead) {
        failNextRead = false;
        throw new Error('disk gone');
      }
      return real.rows(table, opts);
    },
    changes: (table: Parameters<RowStore['changes']>[0], opts?: Parameters<RowStore['changes']>[1]) => {
      if (table === 'requests') historyReads++;
      return real.changes(table, opts);
    },
  });
  const { principal } = await real.createPrincipal({ kind: 'source', name: 'County intake' });
  sync = async (rows, at) => {
    const upserts = Array.from({ length: rows }, (_, i) => ({ rowId: `r${i}`, hash: `h${i}`, values: { requestId: `TA-${i}`, receivedOn: '2026-03-02', status: 'New' } }));
    await real.applyBatch({ sourceId: principal.id, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date(at) });
  };
  await sync(3, '2026-03-02T10:00:00Z');
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const cachedMetrics = (s: RowStore, size?: number) => cachedByDataVersion(s, (o: MetricsOptions) => computeMetrics(s, o), size);

describe('cachedByDataVersion', () => {
  it('reads the rows once for the same report while the data stays the same', async () => {
    const metrics = cachedMetrics(store);
    const first = await metrics(report());
    expect(await metrics(report())).toBe(first);
    expect(first.demand.total).toBe(3);
    expect(reads).toBe(1);
    await metrics(report({ from: '2026-03-01' }));
    expect(reads).toBe(2);
  });

  it('sees a sync at once', async () => {
    const metrics = cachedMetrics(store);
    expect((await metrics(report())).demand.total).toBe(3);
    await sync(5, '2026-03-03T10:00:00Z');
    expect((await metrics(report())).demand.total).toBe(5);
    expect(reads).toBe(2);
  });

  it('shares one read among requests that arrive together', async () => {
    const metrics = cachedMetrics(store);
    const all = await Promise.all([metrics(report()), metrics(report()), metrics(report())]);
    expect(new Set(all).size).toBe(1);
    expect(reads).toBe(1);
  });

  it('does not remember a failed read', async () => {
    const metrics = cachedMetrics(store);
    failNextRead = true;
    await expect(metrics(report())).rejects.toThrow('disk gone');
    expect((await metrics(report())).demand.total).toBe(3);
    expect(reads).toBe(2);
  });

  it('keeps only the most recent reports', async () => {
    const metrics = cachedMetrics(store, 2);
    for (const asOf of ['2026-06-28', '2026-06-29', '2026-06-30']) await metrics(report({ asOf }));
    await metrics(report({ asOf: '2026-06-30' }));
    expect(reads).toBe(3);
    await metrics(report({ asOf: '2026-06-28' }));
    expect(reads).toBe(4);
  });

  it('walks the history once for the same changes report, and again after a sync', async () => {
    const changes = cachedByDataVersion(store, (p: Parameters<typeof changesReport>[1]) => changesReport(store, p));
    const period = { since: '2026-03-01', until: '2026-03-31', rules: DEFAULT_RULES };
    const first = await changes(period);
    expect(await changes(period)).toBe(first);
    expect(first.requests.received).toHaveLength(3);
    expect(historyReads).toBe(1);
    await sync(5, '2026-03-03T10:00:00Z');
    expect((await changes(period)).requests.received).toHaveLength(5);
    expect(historyReads).toBe(2);
  });
});
