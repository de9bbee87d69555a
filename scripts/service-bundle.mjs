// The service and CLI as one esbuild bundle, build/service/equity-desk.mjs, made on first use and remade
// whenever a source file it was built from has changed since. Node loads one file in a fraction of the
// time and memory tsx's per-module loader takes (about 60 MB less for the service and for every CLI run,
// which is what keeps the master workbook export under its memory budget), and a clean clone still needs
// no build step. Packages stay outside the bundle and load from node_modules as usual.
import { mkdir, readFile, rename, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

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
 * Builds the bundle. Each process writes its own temporary files and renames them into place, so CLI
 * runs started together never read a half-written bundle. The bundle is dated when the build began:
 * a file saved during the build is newer, and the next run builds again.
 */
export async function buildServiceBundle() {
  const began = new Date();
  await mkdir(OUT_DIR, { recursive: true });
  const tmp = `.${process.pid}.tmp`;
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ['sync/cli/main.ts'],
    outfile: SERVICE_BUNDLE + tmp,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  await writeFile(INPUTS + tmp, JSON.stringify(Object.keys(result.metafile.inputs)));
  await utimes(SERVICE_BUNDLE + tmp, began, began);
  await rename(INPUTS + tmp, INPUTS);
  await rename(SERVICE_BUNDLE + tmp, SERVICE_BUNDLE);
  return SERVICE_BUNDLE;
}

/** The bundle's path, built first if it is missing or older than its sources. */
export async function serviceBundle() {
  return (await isFresh()) ? SERVICE_BUNDLE : buildServiceBundle();
}
