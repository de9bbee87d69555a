// The `metrics`, `export` and `publish` commands against a seeded SQLite store: in-process for the details,
// and `export` once as a real process, the way an administrator runs it.
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as runInProcess } from '../../../sync/cli/main';
import { demandMetricsSchema } from '../../../sync/metrics/metrics-schema';
import { readWithOpenpyxl } from '../../support/openpyxl';
import { runCli as runProcess } from '../cli/cli-process';
import { AS_OF } from '../metrics/demand-rows';
import { seededStore, type SeededStore } from './seed-store';

let seeded: SeededStore;
let out: string;

beforeAll(async () => {
  seeded = await seededStore();
  out = await mkdtemp(join(tmpdir(), 'equity-desk-report-cli-'));
});
afterAll(async () => {
  await seeded?.close();
  await rm(out, { recursive: true, force: true });
});

async function cli(args: string[], env: Record<string, string> = {}) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await runInProcess([...args, '--data', seeded.dataDir], { out: (t) => stdout.push(t), err: (t) => stderr.push(t), env });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('metrics', () => {
  it('prints one JSON document with --json', async () => {
    const r = await cli(['metrics', '--json', '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    const m = demandMetricsSchema.parse(JSON.parse(r.stdout));
    expect(m.asOf).toBe(AS_OF);
    // Programs read ISO: the text report's months in words stay YYYY-MM here.
    expect(m.demand.months.slice(0, 2)).toEqual(['2024-01', '2024-02']);
    expect(m.fulfillment.medianDays).toBe(17.5);
  });

  it('prints a readable report with the RBA sections', async () => {
    const r = await cli(['metrics', '--as-of', AS_OF, '--from', '2024-01-01', '--to', '2024-03-31']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Equity Desk demand metrics\nAs of Jun 30, 2024; requests received Jan 1, 2024 to Mar 31, 2024 \(for fulfillment, those fulfilled Jan 1, 2024 to Mar 31, 2024\); both sources\./);
    for (const heading of ['How much did we do?', 'How well did we do it?', 'Is anyone better off?', 'Capacity outlook', 'Open backlog by age']) expect(r.stdout).toContain(`\n${heading}\n`);
    // The period holds Q1 alone: a fulfillment after March 31 makes no Q2 column.
    expect(r.stdout).toMatch(/\n {2}Requests received +4 +4\n/);
  });

  it('says days and months in words as a US reader reads them, where --json keeps ISO', async () => {
    const r = await cli(['metrics', '--as-of', AS_OF]);
    expect(r.stdout).toMatch(/\nRequests by month\n +Received +Reactive +Proactive\n {2}Jan 2024 +1 +1 +0\n {2}Feb 2024 +1 +0 +1\n/);
    expect(r.stdout).not.toMatch(/\d{4}-\d{2}/);
  });

  it('exits 2 with one line on a bad filter', async () => {
    for (const args of [['--from', '31/12/2024'], ['--source', 'nope'], ['--as-of', 'today'], ['--as-of', '2026-02-30']]) {
      const r = await cli(['metrics', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^equity-desk metrics: /);
    }
  });
});

describe('a period given backwards', () => {
  it.each([
    ['metrics', []],
    ['export', ['--out', 'never-written.xlsx']],
    ['publish', ['--folder', 'never-published']],
  ])('%s names the options as typed', async (command, args) => {
    const r = await cli([command, ...args, '--from', '2026-06-01', '--to', '2026-01-01']);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(`equity-desk ${command}: --from 2026-06-01 is after --to 2026-01-01`);
    expect((await cli([command, ...args, '--from', '31/12/2024'])).stderr).toBe(`equity-desk ${command}: --from must be a date as YYYY-MM-DD, not "31/12/2024"`);
  });
});

describe('export', () => {
  it('writes the master workbook as a real process', async () => {
    const file = join(out, 'master.xlsx');
    const r = await runProcess(['export', '--out', file, '--data', seeded.dataDir, '--source', seeded.ids.s1]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*master\.xlsx \(as of [A-Z][a-z]{2} \d{1,2}, \d{4}\): 6 requests, 3 work-plan items, 3 milestones, 0 roadmap items from 1 source in [\d.]+ s\.\n$/);
    const { sheets } = await readWithOpenpyxl(file);
    expect(sheets.find((s) => s.name === 'Requests')!.rows).toHaveLength(7);
    expect((await readdir(out)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  }, 60_000);

  it('as a real process, which runs the command on a thread of its own, still fails in one line with exit 1', async () => {
    const r = await runProcess(['export', '--out', join(out, 'no-such-dir', 'm.xlsx'), '--data', seeded.dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    // The folder in words: not Node's ENOENT, nor the `.partial` file the export writes first.
    expect(r.stderr).toBe(`equity-desk export: cannot write ${join(out, 'no-such-dir', 'm.xlsx')}: the folder ${join(out, 'no-such-dir')} does not exist\n`);
  }, 60_000);

  it('refuses a missing or wrong --out, and an unwritable folder, in one line', async () => {
    expect((await cli(['export'])).stderr).toBe('equity-desk export: missing --out FILE.xlsx');
    expect((await cli(['export', '--out', 'x.csv'])).code).toBe(2);
    const r = await cli(['export', '--out', join(out, 'no-such-dir', 'm.xlsx')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^equity-desk export: cannot write .*m\.xlsx: /);
  });
});

describe('publish', () => {
  it('says which Graph settings are missing, before building anything', async () => {
    const r = await cli(['publish'], { EQUITY_DESK_GRAPH_TENANT_ID: 'contoso' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^equity-desk publish: Graph publishing is not configured: EQUITY_DESK_GRAPH_CLIENT_ID is required; .*--folder DIR\.$/);
  });

  it('publishes the master workbook into a folder', async () => {
    const folder = join(out, 'shared-drive');
    const r = await cli(['publish', '--folder', folder, '--as-of', AS_OF]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Published equity-desk-master-2024-06-30\.xlsx \([\d,]+ bytes\) to .*shared-drive.*equity-desk-master-2024-06-30\.xlsx with a file copy\.$/);
    expect((await stat(join(folder, 'equity-desk-master-2024-06-30.xlsx'))).size).toBeGreaterThan(10_000);
  });
});
