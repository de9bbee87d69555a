// LibreOffice headless for tests: recalculate a workbook as a third spreadsheet engine would, or render it to PDF.
// Conversions run in a small pool of persistent profiles, each guarded by flock(1), so parallel workers never share one.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { access, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join, resolve } from 'node:path';
import { readXlsxCells, type XlsxCell, type XlsxCells } from './xlsx-cells';

/** A conversion that LibreOffice refused, failed or did not finish in time; `output` is what it printed. */
export class LibreOfficeError extends Error {
  override readonly name = 'LibreOfficeError';
  constructor(message: string, readonly output = '') {
    super(output ? `${message}\n${output}` : message);
  }
}

export interface LibreOfficeOptions {
  /** Everything included: waiting for a free profile, a first start in a fresh one (several seconds), the conversion. */
  timeoutMs?: number;
}

/**
 * Opens the workbook with every formula recalculated on load (whatever results it had cached), saves it as .xlsx
 * and reads back each cell's new cached value and formula. Takes a few seconds: give tests a generous timeout.
 */
export async function recalcWithLibreOffice(xlsxPath: string, options: LibreOfficeOptions = {}): Promise<XlsxCells> {
  const outDir = await mkdtemp(join(tmpdir(), 'equity-desk-recalc-'));
  try {
    const sheets = await readXlsxCells(await convert(xlsxPath, 'xlsx', outDir, options));
    for (const cells of sheets.values()) {
      for (const [address, cell] of cells) if (cell.formula) cells.set(address, withoutBooleanCalls(cell));
    }
    return sheets;
  } finally {
    await rm(outDir, { recursive: true, force: true });
  }
}

// LibreOffice saves the constants TRUE and FALSE as calls (`FALSE()`), and a plain boolean cell as the formula
// `TRUE()`: undo both, outside string literals, so formulas compare with the ones we wrote.
function withoutBooleanCalls(cell: XlsxCell): XlsxCell {
  const formula = cell.formula!.replace(/("(?:[^"]|"")*")|\b(TRUE|FALSE)\(\)/g, (_match, literal, constant) => literal ?? constant);
  return formula === 'TRUE' || formula === 'FALSE' ? { value: cell.value } : { value: cell.value, formula };
}

/**
 * The workbook as LibreOffice saves it to `outDir` (every formula recalculated, each result cached as LibreOffice
 * writes it, an error as Excel's spelling); returns its path. For a file a person made in LibreOffice.
 */
export const saveWithLibreOffice = (xlsxPath: string, outDir: string, options: LibreOfficeOptions = {}): Promise<string> => convert(xlsxPath, 'xlsx', outDir, options);

/** Renders the workbook (recalculated) to a PDF in `outDir`, a fresh temporary folder by default; returns its path. */
export async function convertToPdf(xlsxPath: string, outDir?: string, options: LibreOfficeOptions = {}): Promise<string> {
  const dir = outDir ?? (await mkdtemp(join(tmpdir(), 'equity-desk-pdf-')));
  return convert(xlsxPath, 'pdf', dir, options);
}

// Recalculation on load is off by default for OOXML (cached results are trusted): force it for OOXML and ODF.
// A fixed locale keeps number and date rendering in PDFs the same on every machine.
const SETTINGS = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>en-US</value></prop></item>
</oor:items>
`;

// Profiles persist across test runs (a first start costs several seconds); the settings' hash is in their name, so
// changing SETTINGS starts new ones. Three slots: one per vitest worker plus slack.
const SLOT_COUNT = 3;
const PROFILE_ROOT = join(tmpdir(), `equity-desk-libreoffice-${process.getuid?.() ?? 'user'}`);
const SETTINGS_KEY = createHash('sha256').update(SETTINGS).digest('hex').slice(0, 10);
const SLOT_BUSY = 75;

// Runs under the slot's lock: (re)seeds a profile that lacks our settings, clears a lock file left by a killed
// instance (flock already proves nobody uses the profile), then becomes soffice.
const IN_SLOT = `p="$1"; shift
grep -q OOXMLRecalcMode "$p/user/registrymodifications.xcu" 2>/dev/null || {
  rm -rf "$p" && mkdir -p "$p/user" && printf '%s' "$EQUITY_DESK_LO_SETTINGS" > "$p/user/registrymodifications.xcu"
} || exit 1
rm -f "$p/.lock"
exec soffice "-env:UserInstallation=file://$p" "$@"`;

async function convert(inputPath: string, format: 'xlsx' | 'pdf', outDir: string, options: LibreOfficeOptions): Promise<string> {
  const input = resolve(inputPath);
  await access(input).catch(() => {
    throw new LibreOfficeError(`no such workbook: ${input}`);
  });
  await mkdir(PROFILE_ROOT, { recursive: true });
  const deadline = Date.now() + (options.timeoutMs ?? 180_000);
  const args = ['--headless', '--norestore', '--nologo', '--nodefault', '--convert-to', format, '--outdir', outDir, input];
  let output = '';
  let attempt = 0;
  for (;;) {
    // Free slots first, in order (the low ones are warm); when all are busy, queue on one at random.
    const waiting = attempt >= SLOT_COUNT;
    const slot = waiting ? Math.floor(Math.random() * SLOT_COUNT) : attempt;
    const lockArgs = waiting ? ['-w', String(Math.max(1, Math.ceil((deadline - Date.now()) / 1000)))] : ['-n'];
    const result = await runInSlot(slot, lockArgs, args, deadline - Date.now());
    output = result.output;
    if (result.code !== SLOT_BUSY) {
      if (result.code !== 0) throw new LibreOfficeError(`soffice exited with ${result.code ?? result.signal}`, output);
      break;
    }
    if (waiting) throw new LibreOfficeError('timed out waiting for a free LibreOffice profile');
    attempt += 1;
  }
  const outPath = join(outDir, `${basename(input, extname(input))}.${format}`);
  // soffice exits 0 even when it could not load or convert the file.
  await access(outPath).catch(() => {
    throw new LibreOfficeError(`LibreOffice wrote no ${format} for ${input}`, output);
  });
  return outPath;
}

interface SlotRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  output: string;
}

function runInSlot(slot: number, lockArgs: string[], sofficeArgs: string[], timeoutMs: number): Promise<SlotRun> {
  const profile = join(PROFILE_ROOT, `profile-${SETTINGS_KEY}-${slot}`);
  const argv = [...lockArgs, '-E', String(SLOT_BUSY), `${profile}.lock`, 'sh', '-c', IN_SLOT, 'sh', profile, ...sofficeArgs];
  return new Promise((resolvePromise, reject) => {
    // Its own process group, so a timeout kills soffice.bin and not only the flock in front of it.
    const child = spawn('flock', argv, {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EQUITY_DESK_LO_SETTINGS: SETTINGS },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone: the close handler reports how it ended.
      }
      reject(new LibreOfficeError(`LibreOffice did not finish within ${timeoutMs} ms`, output));
    }, Math.max(1, timeoutMs));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(new LibreOfficeError(`could not start flock/soffice: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, output });
    });
  });
}
