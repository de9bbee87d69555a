// A sheet that could not be read at all is in none of the report's figures: the Data quality chapter says
// so, in the words the master's Summary uses, instead of "every row was accepted".
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { annualReport } from '../../../sync/report/annual-report';
import { reportHtml } from '../../../sync/report/report-html';
import { openStore } from '../../../sync/store/open-store';

const dirs: string[] = [];
afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

it("names a sheet that could not be read in the Data quality chapter, not 'every row was accepted'", async () => {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-report-unreadable-'));
  dirs.push(dir);
  const store = await openStore({ dataDir: dir });
  try {
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'City ODE' });
    const read = () => annualReport(store, { year: 2026, asOf: '2026-12-02', rules: DEFAULT_RULES });
    expect(reportHtml(await read(), { only: 'data-quality' })).toContain('Every row of every source was accepted');
    await store.applyBatch({
      sourceId: principal.id, table: 'milestones', upserts: [], deletes: [], full: false, rejected: [], at: new Date('2026-11-02T10:00:00Z'),
      unreadable: [{ sheet: '2024 Timeline', headerRow: 3, errors: [{ field: 'milestone', message: 'no column for Milestone; headers seen: What, When' }] }],
    });
    const report = await read();
    expect(report.unreadable).toEqual([expect.stringMatching(/^City ODE: the "2024 Timeline" sheet \(milestones\) could not be read.*headers seen: What, When$/)]);
    const html = reportHtml(report, { only: 'data-quality' });
    expect(html).not.toContain('Every row of every source was accepted');
    expect(html).toContain('could not be read, so none of its rows is counted');
  } finally {
    await store.close();
  }
});
