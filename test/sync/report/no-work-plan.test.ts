// A report of an office that syncs requests alone: its work-plan chapter says there is no work plan, in words,
// rather than "0 work-plan items, n/a% complete".
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { annualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('report-no-plan');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const text = (html: string) => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe.each(backends)('on $name', (backend) => {
  it('says no work-plan items are synced, with no "n/a%", and counts one item as one item', async () => {
    const store = await backend.open();
    try {
      const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission TA' });
      const read = async () => text(reportHtml(await annualReport(store, { year: 2026, asOf: '2026-12-02', rules: DEFAULT_RULES }), { only: 'workplan' }));
      const none = await read();
      expect(none).not.toContain('n/a%');
      expect(none).toContain('No work-plan items are in these figures: no source has synced a work plan yet.');
      await store.applyBatch({ sourceId: principal.id, table: 'workplan', upserts: [{ rowId: 'w1', hash: 'h1', values: { itemId: 'WP-1', task: 'Draft the plan', status: 'Completed' } }], deletes: [], full: false, rejected: [], at: new Date('2026-11-02T10:00:00Z') });
      expect(await read()).toContain('1 work-plan item, 100% complete;');
    } finally {
      await store.close();
    }
  });
});
