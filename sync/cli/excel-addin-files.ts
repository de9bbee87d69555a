// Where `serve` finds the Excel add-in it hosts at /addin/excel/: build/excel in the project folder, built
// on first use like the service bundle, so a clean clone serves the add-in with no separate build step.
import { access } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The project folder: the nearest folder above this file holding scripts/excel-build.mjs. */
async function projectRoot(): Promise<string | undefined> {
  for (let dir = path.dirname(fileURLToPath(import.meta.url)); ; dir = path.dirname(dir)) {
    const script = path.join(dir, 'scripts', 'excel-build.mjs');
    if (await access(script).then(() => true, () => false)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** The built add-in's folder, built now when missing; `problem` says why it is not served. */
export async function excelAddinFiles(): Promise<{ dir?: string; problem?: string }> {
  const root = await projectRoot();
  if (!root) return { problem: 'the project folder (with scripts/excel-build.mjs) was not found' };
  const dir = path.join(root, 'build', 'excel');
  if (await access(path.join(dir, 'taskpane.html')).then(() => true, () => false)) return { dir };
  try {
    const { buildExcel } = (await import(pathToFileURL(path.join(root, 'scripts', 'excel-build.mjs')).href)) as { buildExcel(o: { outDir: string }): Promise<unknown> };
    await buildExcel({ outDir: dir });
    return { dir };
  } catch (e) {
    return { problem: `building it failed (${e instanceof Error ? e.message : String(e)}); run "npm run build"` };
  }
}
