// The Excel add-in's static files (build/excel, served by the service at /addin/excel/): the task pane
// page, which is also the custom-functions page of the shared runtime, its script and style, functions.json
// (the EQ. functions' metadata, from the same entry list as the Sheets functions) and the ribbon icons.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { Resvg } from '@resvg/resvg-js';
import { builtData } from './built-data.mjs';
import { MINIFIED, namedForStacks } from './stack-names.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADDON = path.join(ROOT, 'addon');
export const EXCEL_OUT = path.join(ROOT, 'build', 'excel');
export const ICON_SIZES = [16, 32, 64, 80];

async function bundle(entry, options) {
  const result = await build({ entryPoints: [path.join(ADDON, entry)], bundle: true, write: false, target: 'es2020', legalComments: 'none', logLevel: 'silent', ...options });
  return result.outputFiles[0].text;
}

/**
 * taskpane.js: minified and named for stack traces as Code.js is (scripts/stack-names.mjs), since Excel downloads and
 * parses it each time the pane opens. Custom functions are associated by id, not by a function's name.
 */
async function taskpaneScript() {
  const result = await build({
    entryPoints: [path.join(ADDON, 'excel', 'main.ts')],
    bundle: true,
    write: false,
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'silent',
    format: 'iife',
    platform: 'browser',
    ...MINIFIED,
    absWorkingDir: ROOT,
    // The shapes are evaluated here, as for Code.js: the pane loads them as data, with no zod.
    plugins: [builtData],
  });
  return namedForStacks(result, { root: ROOT, entry: 'addon/excel/main.ts' });
}

/** functions.json, computed by the very module the task pane associates its handlers from. */
async function functionsJson() {
  const code = await bundle('excel/functions-metadata.ts', { format: 'esm', platform: 'neutral', mainFields: ['module', 'main'] });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return `${JSON.stringify(mod.functionsJson(), null, 2)}\n`;
}

/** Builds into `outDir` (default build/excel); returns the paths written by name. */
export async function buildExcel({ outDir = EXCEL_OUT } = {}) {
  const [html, css, script, functions, svg] = await Promise.all([
    readFile(path.join(ADDON, 'excel', 'taskpane.html'), 'utf8'),
    readFile(path.join(ADDON, 'sidebar', 'sidebar.css'), 'utf8'),
    taskpaneScript(),
    functionsJson(),
    readFile(path.join(ADDON, 'excel', 'icon.svg'), 'utf8'),
  ]);
  await mkdir(outDir, { recursive: true });
  const files = {
    taskpane: path.join(outDir, 'taskpane.html'),
    style: path.join(outDir, 'taskpane.css'),
    script: path.join(outDir, 'taskpane.js'),
    functions: path.join(outDir, 'functions.json'),
    ...Object.fromEntries(ICON_SIZES.map((s) => [`icon${s}`, path.join(outDir, `icon-${s}.png`)])),
  };
  const header = '// Equity Desk for Excel. Built by `npm run build` from addon/; do not edit.\n';
  await Promise.all([
    writeFile(files.taskpane, html),
    writeFile(files.style, css),
    writeFile(files.script, `${header}${script}`),
    writeFile(files.functions, functions),
    ...ICON_SIZES.map((s) => writeFile(files[`icon${s}`], new Resvg(svg, { fitTo: { mode: 'width', value: s } }).render().asPng())),
  ]);
  return files;
}
