// A GARE plan's "% complete" on every surface the committee reads it, on both stores: a phase with an item still
// in progress and no % typed never reads 100 %, and each surface says how the figure is counted.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERCENT_COMPLETE_RULE } from '../../../shared/status/workplan-progress';
import { runCli } from '../../../sync/cli/main';
import { dashboardPage } from '../../../sync/dashboard/dashboard-page';
import { demandMetricsSchema, type DemandMetrics } from '../../../sync/metrics/metrics-schema';
import { storeBackends, type Backend } from '../../support/store-backends';
import { writeWorkbook, type Grid } from '../ingest/workbook-files';

const backends = storeBackends('percent_complete');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-percent-complete-'));
});
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  await rm(dir, { recursive: true, force: true });
});

const AS_OF = '2026-03-25';
/** A GARE status slide typed into a sheet: Normalize has three items Completed and one in progress, waiting on budget, with no %. */
const GARE: Grid = [
  ['Office of Racial Equity — Work Plan Status Update'],
  ['GARE Framework', 'Item', '% complete', 'Status'],
  ['Normalize', 'Training videos for staff on racial-equity terms', null, 'Completed'],
  [null, 'Racial-equity workshops for senior and executive staff', 1, 'Completed'],
  [null, 'Glossary of racial-equity terms adopted', null, 'Completed'],
  [null, 'Citywide racial-equity training launched', null, 'In progress - waiting on budget'],
  ['Organize', 'Departments that complete a Racial Equity Action Plan', 0.5, 'In progress'],
  [null, 'Departments that establish Racial Equity Action Teams', null, 'Not started'],
];

async function cli(b: Backend, args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const where = 'dataDir' in b.location ? ['--data', b.location.dataDir] : [];
  const env: Record<string, string> = 'dataDir' in b.location ? {} : { DATABASE_URL: b.location.databaseUrl, DATABASE_SCHEMA: b.location.schema };
  const code = await runCli([...args, ...where], { out: (t) => out.push(t), err: (t) => err.push(t), env });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe.each(backends)('% complete of a GARE plan ($name)', (backend) => {
  let metrics: DemandMetrics;
  beforeAll(async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'City ORE', sourceKind: 'file' });
    await store.close();
    const file = await writeWorkbook(join(dir, `gare-${backend.name}.xlsx`), [{ name: 'Work Plan Status', rows: GARE, merges: ['A3:A6', 'A7:A8'] }]);
    expect((await cli(backend, ['import', file, '--source', principal.id])).code).toBe(0);
    const json = await cli(backend, ['metrics', '--json', '--as-of', AS_OF]);
    expect(json.code).toBe(0);
    metrics = demandMetricsSchema.parse(JSON.parse(json.stdout));
  }, 60_000);

  it('metrics --json: Normalize is 75 %, one item in it having no %', () => {
    expect(metrics.workplan.byGoal.map((g) => [g.goal, g.items, g.percentComplete, g.noPercentRecorded])).toEqual([
      ['Phase: Normalize', 4, 75, 1], ['Phase: Organize', 2, 25, 0],
    ]);
    expect(metrics.workplan.total).toMatchObject({ items: 6, percentComplete: 58.3, noPercentRecorded: 1 });
  });

  it('metrics: the text report shows the column and says the rule under the table', async () => {
    const r = await cli(backend, ['metrics', '--as-of', AS_OF]);
    expect(r.stdout).toMatch(/\n {2}Phase: Normalize \(City ORE\) +75 +4 +1 +0 +0\n/);
    expect(r.stdout).toContain(`\n  ${PERCENT_COMPLETE_RULE}`);
    expect(r.stdout).toMatch(/\n {2}Work-plan items in progress or on hold with no % \(counted as 0%\) +1\n/);
  });

  it('the master workbook: the Summary figure, the count of items with no % beside it, and the rule', async () => {
    const file = join(dir, `master-${backend.name}.xlsx`);
    expect((await cli(backend, ['export', '--out', file, '--as-of', AS_OF])).code).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const rows = Array.from(book.getWorksheet('Summary')!.getSheetValues().slice(1), (r) => (Array.isArray(r) ? r.slice(1) : []));
    const figure = (label: string) => rows.find((r) => r[0] === label)?.[1];
    expect(figure('Work plan complete (%)')).toBe(58.3);
    expect(figure('Work-plan items in progress or on hold with no % (counted as 0%)')).toBe(1);
    const text = rows.map((r) => (typeof r[0] === 'string' && r.length === 1 ? r[0] : '\n')).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain(PERCENT_COMPLETE_RULE);
  });

  it('the dashboard: the phase row with its count of items with no %, and the rule under the table', () => {
    const html = dashboardPage({ metrics, charts: [], sources: [], form: {}, paths: { dashboard: '/dashboard', workbook: '/x.xlsx' }, changes: '' });
    expect(html).toMatch(/<th[^>]*>No % recorded<\/th>/);
    expect(html).toContain('<th scope="row">Phase: Normalize</th><td class="text">City ORE</td><td>4</td><td>75</td><td>1</td>');
    expect(html).toContain(`<p class="muted">${PERCENT_COMPLETE_RULE}</p>`);
  });
});
