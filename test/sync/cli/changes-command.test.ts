// `equity-desk changes`: the period from flags or the meeting days, the text a committee member reads, one
// JSON document with --json, a workbook with --out, and one-line errors.
import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { changesReportSchema } from '../../../sync/changes/changes-schema';
import { seededCli } from './seeded-cli';

const cli = seededCli('changes');
const changes = cli.run;

describe('equity-desk changes', () => {
  test('prints the period as sections a person reads, each with its count', async () => {
    const run = await changes(['--since', '2024-01-01', '--until', '2024-01-31']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^What changed from Jan 1, 2024 to Jan 31, 2024\n/);
    expect(run.stdout).toContain('Requests fulfilled: 1\n  Jan 25, 2024  ');
    for (const title of ['Requests received:', 'Requests closed:', 'Requests that went overdue', 'Work-plan items added:', 'Work-plan items whose status changed:', 'Milestones done:', 'Milestones missed:', 'Rows newly rejected', 'Rejected rows fixed:', 'Sources that have not synced since Jan 1, 2024:']) {
      expect(run.stdout, title).toContain(title);
    }
  });

  test('--json is one document the schema reads; --out writes the same lines to a workbook', async () => {
    const out = cli.path('changes.xlsx');
    const run = await changes(['--since', '2024-01-01', '--until', '2024-01-31', '--json', '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const report = changesReportSchema.parse(JSON.parse(run.stdout));
    expect(report.requests.fulfilled.map((r) => r.rowId)).toEqual(['R1']);
    const book = await new ExcelJS.Workbook().xlsx.readFile(out);
    const sheet = book.getWorksheet('Since last meeting')!;
    const rows = sheet.getSheetValues().slice(3).map((r) => (r as unknown[]).slice(1, 6));
    const fulfilled = rows.filter((r) => r[0] === 'Requests fulfilled');
    expect(fulfilled).toHaveLength(1);
    expect(fulfilled[0][2]).toBe(report.requests.fulfilled[0].label);
    // Every section is there, an empty one saying so.
    expect(new Set(rows.map((r) => r[0])).size).toBe(12);
  });

  test('starts at the last meeting when EQUITY_DESK_MEETINGS is set', async () => {
    const run = await changes(['--until', '2024-03-15', '--json'], { EQUITY_DESK_MEETINGS: '2024-02-01, 2024-01-01' });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).since).toBe('2024-02-01');
  });

  test.each([
    [[], {}, /--since is required .*EQUITY_DESK_MEETINGS/],
    [['--since', '2024-02-30'], {}, /--since must be a date as YYYY-MM-DD/],
    [['--since', '2024-03-01', '--until', '2024-02-01'], {}, /^equity-desk changes: --since 2024-03-01 is after --until 2024-02-01\n$/],
    [['--since', '2024-01-01', '--until', '2024-02-30'], {}, /: --until must be a date as YYYY-MM-DD, not "2024-02-30"\n$/],
    [['--since', '2024-01-01', '--out', 'changes.csv'], {}, /--out must name an \.xlsx file/],
    [[], { EQUITY_DESK_MEETINGS: '2024-13-01' }, /^equity-desk changes: EQUITY_DESK_MEETINGS: /],
  ])('refuses %j with one line and exit 2', async (args, env, message) => {
    const run = await changes(args as string[], env as Record<string, string>);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
