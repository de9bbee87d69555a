// `equity-desk template`: writes a workbook the importer reads, and fails in one line on bad input.
import { chmod, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../sync/cli/main';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';

let dir: string;

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t), env: {} });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-template-cli-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('template command', () => {
  it('writes the named template with N sample rows', async () => {
    const file = join(dir, 'intake.xlsx');
    const r = await cli('template', 'ta-intake', '--out', file, '--sample', '12');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain(file);
    const sheets = await readWorkbookGrids(file);
    expect(sheets.map((s) => s.name)).toEqual(['Requests', 'Dashboard', 'Lists']);
    const requests = sheets[0].grid.slice(1).filter((row) => row[0] !== null && row[0] !== undefined);
    expect(requests).toHaveLength(12);
  });

  it('is reproducible with a seed and date', async () => {
    const a = join(dir, 'a.xlsx');
    const b = join(dir, 'b.xlsx');
    for (const f of [a, b]) expect((await cli('template', 'workplan', '--out', f, '--sample', '5', '--seed', '9', '--as-of', '2026-06-01')).code).toBe(0);
    const [ga, gb] = await Promise.all([readWorkbookGrids(a), readWorkbookGrids(b)]);
    expect(ga).toEqual(gb);
  });

  it.each([
    [['template', 'intake', '--out', 'x.xlsx'], /unknown template "intake"; templates: ta-intake, workplan, milestones, roadmap/],
    [['template', '--out', 'x.xlsx'], /missing the template NAME/],
    [['template', 'roadmap'], /missing --out FILE\.xlsx/],
    [['template', 'roadmap', '--out', 'x.xlsx', '--sample', '2.5'], /--sample must be a whole number/],
    [['template', 'roadmap', '--out', 'x.xlsx', '--as-of', 'tomorrow'], /--as-of must be a date/],
    [['template', 'roadmap', '--out', 'x.xlsx', '--as-of', '2026-02-30'], /--as-of must be a date/],
  ])('refuses %j in one line', async (argv, message) => {
    const r = await cli(...argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err.split('\n')).toHaveLength(1);
  });

  it('says in one line when the path cannot be written, leaving no file behind', async () => {
    const missing = await cli('template', 'roadmap', '--out', join(dir, 'no-such-folder', 'r.xlsx'));
    expect(missing).toMatchObject({ code: 1, out: '' });
    expect(missing.err).toMatch(/^equity-desk template: cannot write .*r\.xlsx: the folder .*no-such-folder does not exist$/);
    const folder = await cli('template', 'roadmap', '--out', dir);
    expect(folder.err).toMatch(/cannot write .*: it is a folder$/);
    if (process.getuid?.() !== 0) {
      const locked = join(dir, 'locked');
      await mkdir(locked);
      await chmod(locked, 0o500);
      expect((await cli('template', 'roadmap', '--out', join(locked, 'r.xlsx'))).err).toMatch(/no permission to write in the folder .*locked$/);
      expect(await readdir(locked)).toEqual([]);
    }
  });
});
