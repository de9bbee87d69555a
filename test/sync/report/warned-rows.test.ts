// Rows kept with an assumption (a date read from text, a choice read loosely): the Data quality chapter counts them
// per source and points to the master's Data quality sheet, instead of saying only that every row was accepted.
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { annualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { storeBackends } from '../../support/store-backends';

const backends = storeBackends('report-warned');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

const item = (n: number) => ({ rowId: `r${n}`, hash: `h${n}`, values: { itemId: `WP-${n}`, task: `Task ${n}`, status: 'In progress' } });

describe.each(backends)('on $name', (backend) => {
  it('counts the rows each source had read with an assumption, and says where each one is listed', async () => {
    const store = await backend.open();
    try {
      const city = (await store.createPrincipal({ kind: 'source', name: 'City ODE' })).principal;
      const assoc = (await store.createPrincipal({ kind: 'source', name: 'Association' })).principal;
      const warning = (n: number) => ({ rowId: `r${n}`, sheet: 'Work plan', sheetRow: n + 1, errors: [{ field: 'endOn', message: `read "Jun-30" as 2030-06-30` }] });
      await store.applyBatch({ sourceId: city.id, table: 'workplan', upserts: [1, 2, 3].map(item), deletes: [], full: false, rejected: [], at: new Date('2026-11-02T10:00:00Z'), warned: [warning(1), warning(3)] });
      await store.applyBatch({ sourceId: assoc.id, table: 'workplan', upserts: [4].map(item), deletes: [], full: false, rejected: [], at: new Date('2026-11-02T10:00:00Z'), warned: [warning(4)] });
      const report = await annualReport(store, { year: 2026, asOf: '2026-12-02', rules: DEFAULT_RULES });
      expect(report.warned).toEqual([{ sourceName: 'City ODE', rows: 2 }, { sourceName: 'Association', rows: 1 }]);
      const html = reportHtml(report, { only: 'data-quality' });
      expect(html).toContain('Every row of every source was accepted');
      expect(html).toContain('3 rows were kept with an assumption');
      expect(html).toMatch(/City ODE<\/th><td[^>]*>2</);
    } finally {
      await store.close();
    }
  });

  it('counts one rejected row in the singular, and several in the plural', async () => {
    const store = await backend.fresh().open();
    try {
      const city = (await store.createPrincipal({ kind: 'source', name: 'City ODE' })).principal;
      const rejected = (n: number) => ({ rowId: `r${n}`, sheet: 'Work plan', sheetRow: n + 1, errors: [{ field: 'percentComplete', message: '% complete: 150 is outside 0-100%' }] });
      const reject = (rows: number[]) => store.applyBatch({ sourceId: city.id, table: 'workplan', upserts: [], deletes: [], full: false, rejected: rows.map(rejected), at: new Date('2026-11-02T10:00:00Z') });
      const html = async () => reportHtml(await annualReport(store, { year: 2026, asOf: '2026-12-02', rules: DEFAULT_RULES }), { only: 'data-quality' });
      await reject([1]);
      expect(await html()).toContain('1 row is rejected and left out of these figures');
      await reject([1, 2]);
      expect(await html()).toContain('2 rows are rejected and left out of these figures');
    } finally {
      await store.close();
    }
  });
});
