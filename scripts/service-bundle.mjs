// The service and CLI bundled with esbuild into build/service/ (equity-desk.mjs and its chunks), made on
// first use and remade whenever a source file it was built from has changed since. Node loads it in a
// fraction of the time and memory tsx's per-module loader takes (about 60 MB less for the service and for
// every CLI run, which keeps the master workbook export within its memory budget), and a clean clone
// still needs no build step. Packages stay outside the bundle and load from node_modules as usual.
import { mkdir, readFile, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'build', 'service');
export const SERVICE_BUNDLE = path.join(OUT_DIR, 'equity-desk.mjs');
/** The source files the bundle was made from, relative to the project. */
const INPUTS = path.join(OUT_DIR, 'inputs.json');

async function isFresh() {
  try {
    const [bundle, inputs] = await Promise.all([stat(SERVICE_BUNDLE), readFile(INPUTS, 'utf8')]);
    const times = await Promise.all(JSON.parse(inputs).map((f) => stat(path.join(ROOT, f)).then((s) => s.mtimeMs, () => Infinity)));
    return times.every((t) => t <= bundle.mtimeMs);
  } catch {
    return false;
  }
}

/**
 * Builds the bundle: the entry file and, split off at each lazy `import()`, chunks named by their content,
 * so a command loads only the packages it uses. Each process writes new files under temporary names and
 * renames them into place, chunks first and the entry last, so commands started together never read a
 * half-written file; chunks of earlier builds stay for processes still running them (`npm run build`
 * starts afresh). The entry is dated when the build began: a file saved during the build is newer, and
 * the next run builds again.
 */
export async function buildServiceBundle({ clean = false } = {}) {
  const began = new Date();
  if (clean) await rm(OUT_DIR, { recursive: true, force: true });
  await mkdir(OUT_DIR, { recursive: true });
  // Loaded only to build: esbuild's module costs every run that finds the bundle fresh ~15 MB.
  const { build } = await import('esbuild');
  const result = await build({
    absWorkingDir: ROOT,
    // Worker threads' modules are entries of their own, loaded by URL beside the chunks (sync/worker-module.ts).
    entryPoints: { 'equity-desk': 'sync/cli/main.ts', 'ingest-worker': 'sync/api/ingest-worker.ts', 'sqlite-read-worker': 'sync/store/sqlite-read-worker.ts', 'data-sheet-worker': 'sync/master/data-sheet-worker.ts' },
    outdir: OUT_DIR,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunk-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const tmp = `.${process.pid}.tmp`;
  const place = async (file, contents) => {
    await writeFile(file + tmp, contents);
    await rename(file + tmp, file);
  };
  const chunks = result.outputFiles.filter((f) => f.path !== SERVICE_BUNDLE);
  await Promise.all(chunks.map((f) => place(f.path, f.contents)));
  await place(INPUTS, JSON.stringify(Object.keys(result.metafile.inputs)));
  const entry = result.outputFiles.find((f) => f.path === SERVICE_BUNDLE);
  await writeFile(SERVICE_BUNDLE + tmp, entry.contents);
  await utimes(SERVICE_BUNDLE + tmp, began, began);
  await rename(SERVICE_BUNDLE + tmp, SERVICE_BUNDLE);
  return SERVICE_BUNDLE;
}

/** The bundle's path, built first if it is missing or older than its sources. */
export async function serviceBundle() {
  return (await isFresh()) ? SERVICE_BUNDLE : buildServiceBundle();
}
