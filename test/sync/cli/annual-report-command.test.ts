// `equity-desk report`: the year's report written as an HTML page (the PDF path is the printer tested with
// the report), the narrative merged, and one-line errors for what a person can fix.
import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { seededCli } from './seeded-cli';

const cli = seededCli('report');
const report = cli.run;

describe('equity-desk report', () => {
  test('writes the year as an HTML page with the narrative beside the figures', async () => {
    const narrative = cli.path('story.md');
    await writeFile(narrative, '## Capacity\nWe asked for a third position.\n');
    const out = cli.path('report.html');
    const run = await report(['--year', '2024', '--as-of', '2024-06-30', '--out', out, '--narrative', narrative]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^Wrote .*report\.html \(the 2024 report, as of Jun 30, 2024\): 7 requests, \d+ work-plan items, 1 narrative section\.\n$/);
    const html = await readFile(out, 'utf8');
    expect(html).toMatch(/<section id="capacity"[^>]*>[\s\S]*We asked for a third position\.[\s\S]*<\/section>/);
  });

  test.each([
    [['--out', 'r.pdf'], {}, /--year is required/],
    [['--year', '24', '--out', 'r.pdf'], {}, /--year must be a year/],
    [['--year', '2024', '--out', 'r.docx'], {}, /--out must name a \.pdf or \.html file/],
    [['--year', '2024', '--out', 'r.html', '--narrative', '/no/such/story.md'], {}, /cannot read --narrative \/no\/such\/story\.md: no such file/],
  ])('refuses %j with one line and exit 2', async (args, env, message) => {
    const run = await report(args as string[], env as Record<string, string>);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });

  test('says where Chromium was looked for when a PDF cannot be printed', async () => {
    const run = await report(['--year', '2024', '--out', cli.path('r.pdf')], { EQUITY_DESK_CHROMIUM: '/nowhere/chromium' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not at \/nowhere\/chromium: install it .* or write \.html/);
  });
});
