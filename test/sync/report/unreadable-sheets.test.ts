// A sheet that could not be read at all: the Data quality chapter says so, in the words the master's Summary uses,
// instead of "every row was accepted", and says whether rows stored from an earlier read are still counted.
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
    expect(html).toContain('could not be read, and no milestones from City ODE are in these figures, so none of its rows is counted');
    expect(html).not.toContain('none of whose rows');
  } finally {
    await store.close();
  }
});

it('says the rows stored from an earlier read of a sheet that now cannot be read are still counted, not "none"', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-report-unreadable-'));
  dirs.push(dir);
  const store = await openStore({ dataDir: dir });
  try {
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'City ODE' });
    const milestone = (n: number) => ({ rowId: `2026 Timeline:M${n}`, hash: `m${n}`, values: { milestoneId: `M${n}`, milestone: `Forum ${n}`, date: `2026-0${n}-10`, status: 'Completed' } });
    await store.applyBatch({ sourceId: principal.id, table: 'milestones', upserts: [milestone(1), milestone(2)], deletes: [], full: false, rejected: [], at: new Date('2026-10-02T10:00:00Z') });
    await store.applyBatch({
      sourceId: principal.id, table: 'milestones', upserts: [], deletes: [], full: false, rejected: [], at: new Date('2026-11-02T10:00:00Z'),
      unreadable: [{ sheet: '2026 Timeline', headerRow: 3, errors: [{ field: 'milestone', message: 'no column for Milestone; headers seen: What, When' }] }],
    });
    const report = await annualReport(store, { year: 2026, asOf: '2026-12-02', rules: DEFAULT_RULES });
    expect(report.metrics.sources.find((s) => s.name === 'City ODE')?.milestones).toBe(2);
    expect(report.unreadable).toEqual(['City ODE: the "2026 Timeline" sheet (milestones) could not be read, so its rows stay as last read: the 2 milestones from City ODE in these figures are counted as they were. The cause: no column for Milestone; headers seen: What, When']);
    const html = reportHtml(report, { only: 'data-quality' });
    expect(html).not.toContain('none of');
  } finally {
    await store.close();
  }
});
