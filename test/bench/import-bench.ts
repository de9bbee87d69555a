// `equity-desk import` of TA logs of 20,000 and 50,000 rows (`template ta-intake --sample N`), run as users run it, in its
// own process: its peak RSS and CPU seconds, against the same command listing sources, what any run of it costs. The
// import reads the workbook from the XML parser's events (decision 026), where a model of the workbook with an object
// per cell took several times the memory, and holds the rows, not the grids, once they are read (decision 028).
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { figure, type Figure } from './figure';
import { measuredCli } from './master-bench';

const CLI = fileURLToPath(new URL('../../bin/equity-desk.mjs', import.meta.url));
const run = promisify(execFile);

/**
 * The peak holds the command itself, the grids of the workbook's sheets while they are read, and the rows validated and
 * stored from them, so it grows with the log.
 * - 20,000 rows: under half of what the import took while exceljs built a model of the workbook; the CPU, the reader's
 *   one pass plus the validating and storing every import does.
 * - 50,000 rows (a state commission's or a large office's log, the most `--sample` writes): half of what a small VM
 *   has, the rest left to the system and a running service. The CPU: two and a half times the 20,000 rows' measured
 *   figure and a quarter more for a loaded machine, so that work per row that grows with the rows (as grouping them
 *   by copying a list per row did) fails it.
 */
const SIZES: readonly { rows: number; rssMb: number; cpuSeconds: number }[] = [
  { rows: 20_000, rssMb: 400, cpuSeconds: 8 },
  { rows: 50_000, rssMb: 512, cpuSeconds: 13 },
];

export async function importFigures(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-import-bench-'));
  try {
    const figures: Figure[] = [];
    for (const { rows, rssMb, cpuSeconds } of SIZES) {
      const file = join(dir, `ta-log-${rows}.xlsx`);
      const data = join(dir, `data-${rows}`);
      await run(process.execPath, [CLI, 'template', 'ta-intake', '--out', file, '--sample', String(rows)], { timeout: 300_000 });
      const { stdout } = await run(process.execPath, [CLI, 'source', 'add', 'Import bench', '--kind', 'file', '--data', data], { timeout: 60_000 });
      const source = /src_[0-9a-f]+/.exec(stdout)?.[0];
      if (!source) throw new Error(`no source id in: ${stdout}`);
      const idle = await measuredCli(['source', 'list', '--data', data]);
      const imported = await measuredCli(['import', file, '--source', source, '--data', data]);
      const fileMb = Math.round(((await stat(file)).size / 1024 / 1024) * 10) / 10;
      const detail = { rows, fileMb, seconds: Math.round(imported.seconds * 10) / 10 };
      const log = `import of a ${rows.toLocaleString('en-US')}-row TA log`;
      figures.push(
        figure({ figure: `${log}, peak RSS`, value: imported.peakRssMb, unit: 'MB', target: { op: '<=', value: rssMb }, baseline: { figure: 'source list, same store', value: idle.peakRssMb, unit: 'MB' }, detail }),
        figure({ figure: `${log}, CPU`, value: Math.round(imported.cpuSeconds * 100) / 100, unit: 's', target: { op: '<=', value: cpuSeconds }, baseline: { figure: 'source list, same store', value: idle.cpuSeconds, unit: 's' }, detail }),
      );
    }
    return figures;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
