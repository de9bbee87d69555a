// `equity-desk import` of a 20,000-row TA log (`template ta-intake --sample 20000`), run as users run it, in its own
// process: its peak RSS and CPU seconds, against the same command listing sources, what any run of it costs. The
// import reads the workbook from the XML parser's events (decision 026), where a model of the workbook with an object
// per cell took several times the memory.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { figure, type Figure } from './figure';
import { measuredCli } from './master-bench';

const ROWS = 20_000;
const CLI = fileURLToPath(new URL('../../bin/equity-desk.mjs', import.meta.url));
const run = promisify(execFile);

/**
 * The peak holds the command itself, the grids of the workbook's sheets and the rows validated and stored from them,
 * so it grows with the log. The target is under half of what the import took while exceljs built a model of the
 * workbook; most of what is left is held after reading, by the rows. The CPU target: the reader's one pass plus the
 * validating and storing every import does.
 */
const TARGET_RSS_MB = 400;
const TARGET_CPU_SECONDS = 8;

export async function importFigures(): Promise<Figure[]> {
  const dir = await mkdtemp(join(tmpdir(), 'equity-desk-import-bench-'));
  try {
    const file = join(dir, 'ta-log.xlsx');
    const data = join(dir, 'data');
    await run(process.execPath, [CLI, 'template', 'ta-intake', '--out', file, '--sample', String(ROWS)], { timeout: 120_000 });
    const { stdout } = await run(process.execPath, [CLI, 'source', 'add', 'Import bench', '--kind', 'file', '--data', data], { timeout: 60_000 });
    const source = /src_[0-9a-f]+/.exec(stdout)?.[0];
    if (!source) throw new Error(`no source id in: ${stdout}`);
    const idle = await measuredCli(['source', 'list', '--data', data]);
    const imported = await measuredCli(['import', file, '--source', source, '--data', data]);
    const fileMb = Math.round(((await stat(file)).size / 1024 / 1024) * 10) / 10;
    const detail = { rows: ROWS, fileMb, seconds: Math.round(imported.seconds * 10) / 10 };
    return [
      figure({ figure: `import of a ${ROWS.toLocaleString('en-US')}-row TA log, peak RSS`, value: imported.peakRssMb, unit: 'MB', target: { op: '<=', value: TARGET_RSS_MB }, baseline: { figure: 'source list, same store', value: idle.peakRssMb, unit: 'MB' }, detail }),
      figure({ figure: `import of a ${ROWS.toLocaleString('en-US')}-row TA log, CPU`, value: Math.round(imported.cpuSeconds * 100) / 100, unit: 's', target: { op: '<=', value: TARGET_CPU_SECONDS }, baseline: { figure: 'source list, same store', value: idle.cpuSeconds, unit: 's' }, detail }),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
