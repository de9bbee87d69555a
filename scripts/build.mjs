// `npm run build`: the Apps Script add-on as `clasp push` uploads it (build/apps-script, the rootDir of
// .clasp.json): Code.js (the bundle plus one plain top-level function per entry point, custom functions
// with their JSDoc), Sidebar.html (the sidebar bundled into one page) and appsscript.json; and the
// service's bundle (build/service), which `equity-desk` otherwise builds on first use; and the Excel
// add-in's files (build/excel, scripts/excel-build.mjs).
// The add-on's allowed service URLs (urlFetchWhitelist, required for a versioned deployment) come from
// `--service-url https://HOST/` (repeatable) or EQUITY_DESK_SERVICE_URLS (commas or spaces between them).
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildServiceBundle } from './service-bundle.mjs';
import { buildExcel } from './excel-build.mjs';
import { MINIFIED, namedForStacks } from './stack-names.mjs';
import { shareStrings } from './shared-strings.mjs';
import { builtData } from './built-data.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ADDON = path.join(ROOT, 'addon');
export const DEFAULT_OUT = path.join(ROOT, 'build', 'apps-script');

async function bundle(entry, options) {
  return (await bundled(entry, options)).outputFiles[0].text;
}

function bundled(entry, options) {
  return build({
    entryPoints: [path.join(ADDON, entry)],
    bundle: true,
    write: false,
    target: 'es2020',
    legalComments: 'none',
    logLevel: 'silent',
    ...options,
  });
}

/** The entry list, compiled and imported here so the wrappers come from the very list main.ts is checked against. */
async function entryPoints() {
  const code = await bundle('apps-script/entry-points.ts', { format: 'esm', platform: 'neutral' });
  const mod = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  return { entries: mod.ENTRY_POINTS, paramsOf: mod.paramsOf };
}

/** The allowlist rules, compiled from the add-on's own module so the build and Settings apply the same ones. */
async function serviceUrlRules() {
  const code = await bundle('core/service-url.ts', { format: 'esm', platform: 'neutral' });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

/** The checked prefixes; throws naming each one Google would refuse in a manifest. */
async function checkedAllowlist(serviceUrls) {
  const rules = await serviceUrlRules();
  const list = serviceUrls.flatMap((text) => rules.parseAllowlist(text));
  const problems = list.map(rules.allowlistProblem).filter(Boolean);
  if (problems.length) throw new Error(`allowed service URLs: ${problems.join('; ')}`);
  return [...new Set(list)];
}

/** The templates whose own rows are fixed (not dated from the day of set-up): Code.js reads them from TemplateContent.html. */
const FIXED_CONTENT = ['workplan', 'roadmap'];

/**
 * TemplateContent.html: the fixed templates' rows as JSON (addon/apps-script/template-content.ts). Apps Script reads an
 * HTML file only when asked, where it loads Code.js on every execution. Every character that HTML or a file's encoding
 * could take otherwise is escaped, so the text HtmlService hands back parses as written.
 */
async function templateContentFile() {
  const code = await bundle('../templates/build-template.ts', { format: 'esm', platform: 'neutral' });
  const { templateContent } = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const rows = Object.fromEntries(FIXED_CONTENT.map((name) => [name, templateContent(name, '2000-01-01')]));
  return JSON.stringify(rows).replace(/[<>&\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const comment = (lines) => ['/**', ...lines.map((l) => (l ? ` * ${l}` : ' *')), ' */'].join('\n');

function jsdoc(entry) {
  if (entry.kind !== 'custom') {
    const what = { trigger: 'Trigger', menu: 'Menu item', sidebar: 'Sidebar call (google.script.run)' }[entry.kind];
    // Where Apps Script calls it from; the body below says where it goes.
    return comment([`${what}.`]);
  }
  const { summary, params, returns } = entry.doc;
  return comment([
    summary,
    '',
    ...params.map((p) => `@param {${p.type}} ${p.name} ${p.optional ? '(optional) ' : ''}${p.description}`),
    `@return {${returns.type}} ${returns.description}`,
    '@customfunction',
  ]);
}

function wrappers(entries, paramsOf) {
  return entries
    .map((entry) => {
      const params = paramsOf(entry).join(', ');
      return `${jsdoc(entry)}\nfunction ${entry.name}(${params}) {\n  return EquityDesk.handlers.${entry.name}(${params});\n}\n`;
    })
    .join('\n');
}

/**
 * Code.js's bundle: minified, named where a stack trace needs it (scripts/stack-names.mjs), each repeated text
 * written once (scripts/shared-strings.mjs).
 */
async function addonBundle(allowlist) {
  const result = await bundled('apps-script/main.ts', {
    format: 'iife',
    globalName: 'EquityDesk',
    platform: 'neutral',
    // Apps Script parses all of Code.js on every execution, indentation included (docs/apps-script.md has the
    // sizes); scripts/stack-names.mjs says what is shortened and which names stay.
    ...MINIFIED,
    absWorkingDir: ROOT,
    mainFields: ['module', 'main'],
    define: { EQUITY_DESK_SERVICE_URLS: JSON.stringify(allowlist) },
    plugins: [builtData],
  });
  return shareStrings(await namedForStacks(result, { root: ROOT, entry: 'addon/apps-script/main.ts' }));
}

async function sidebarHtml() {
  const [template, css, script] = await Promise.all([
    readFile(path.join(ADDON, 'sidebar', 'sidebar.html'), 'utf8'),
    readFile(path.join(ADDON, 'sidebar', 'sidebar.css'), 'utf8'),
    bundle('sidebar/main.ts', { format: 'iife', platform: 'browser' }),
  ]);
  // Inline script text must not close its own element.
  const safe = script.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
  return template.replace('/*STYLE*/', () => css).replace('/*SCRIPT*/', () => safe);
}

/**
 * Builds into `outDir` (default build/apps-script); returns the paths written. `serviceUrls`: the service
 * URL prefixes the add-on may call; they become the manifest's urlFetchWhitelist and the list Settings checks.
 * None makes a build for test deployments, which accepts any https service URL.
 */
export async function buildAppsScript({ outDir = DEFAULT_OUT, serviceUrls = [] } = {}) {
  const allowlist = await checkedAllowlist(serviceUrls);
  const [{ entries, paramsOf }, code, html, content, manifest] = await Promise.all([
    entryPoints(),
    addonBundle(allowlist),
    sidebarHtml(),
    templateContentFile(),
    readFile(path.join(ADDON, 'apps-script', 'appsscript.json'), 'utf8').then(JSON.parse),
  ]);
  if (allowlist.length) manifest.urlFetchWhitelist = allowlist;
  const header = '// Equity Desk for Google Sheets. Built by `npm run build` from addon/; do not edit: changes are lost on the next build.\n';
  const files = {
    code: path.join(outDir, 'Code.js'),
    sidebar: path.join(outDir, 'Sidebar.html'),
    templateContent: path.join(outDir, 'TemplateContent.html'),
    manifest: path.join(outDir, 'appsscript.json'),
  };
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(files.code, `${header}${code}\n${wrappers(entries, paramsOf)}`),
    writeFile(files.sidebar, html),
    writeFile(files.templateContent, content),
    writeFile(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`),
  ]);
  return files;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const at = process.argv.indexOf('--out');
  const outDir = at > 0 ? path.resolve(process.argv[at + 1]) : DEFAULT_OUT;
  const flagged = process.argv.flatMap((arg, i) => (arg === '--service-url' && process.argv[i + 1] ? [process.argv[i + 1]] : []));
  const serviceUrls = flagged.length ? flagged : [process.env.EQUITY_DESK_SERVICE_URLS ?? ''];
  try {
    const files = [...Object.values(await buildAppsScript({ outDir, serviceUrls })), ...Object.values(await buildExcel()), await buildServiceBundle({ clean: true })];
    process.stdout.write(`built ${files.map((f) => path.relative(process.cwd(), f)).join(', ')}\n`);
    const manifest = JSON.parse(await readFile(path.join(outDir, 'appsscript.json'), 'utf8'));
    process.stdout.write(
      manifest.urlFetchWhitelist
        ? `add-on may call: ${manifest.urlFetchWhitelist.join(', ')}\n`
        : 'add-on: no allowed service URLs set (fine for a test deployment; a versioned deployment needs --service-url https://HOST/ or EQUITY_DESK_SERVICE_URLS)\n',
    );
  } catch (error) {
    process.stderr.write(`build failed: ${error?.message ?? error}\n`);
    process.exit(1);
  }
}
