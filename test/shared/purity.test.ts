// `shared/` runs in Apps Script, Office and Node alike: it may import zod and its own files, nothing
// else, and may not touch a host (process, require, SpreadsheetApp, Excel, Office, fetch, node:*).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../shared');

const FORBIDDEN: readonly [string, RegExp][] = [
  ['process', /\bprocess\b/],
  ['require(', /\brequire\s*\(/],
  ['SpreadsheetApp', /\bSpreadsheetApp\b/],
  ['UrlFetchApp', /\bUrlFetchApp\b/],
  ['Excel.', /\bExcel\s*\./],
  ['Office.', /\bOffice\s*\./],
  ['fetch(', /\bfetch\s*\(/],
  ['Buffer', /\bBuffer\b/],
];

/** Characters after which `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = /(?:^|[(,=:[!&|?{};+\-*%<>~^]|\breturn|\btypeof|\bcase|\bof|\bin)\s*$/;

/**
 * Splits TypeScript source into code, comments, string/template text and regex literals — enough to
 * tell `process.env` in code from "process" in a message or a comment.
 */
function scan(src: string): { code: string; codeAndStrings: string } {
  let code = '';
  let codeAndStrings = '';
  const emit = (text: string, isString: boolean) => {
    codeAndStrings += text;
    code += isString ? ' '.repeat(text.length) : text;
  };
  const templateDepth: number[] = [];
  let braces = 0;
  let i = 0;
  const readQuoted = (q: string) => {
    let j = i + 1;
    while (j < src.length && src[j] !== q && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
    return j + 1;
  };
  const readTemplate = () => {
    // From just after "`" or "}", up to and including the closing "`" or the "${".
    let j = i;
    while (j < src.length && src[j] !== '`' && !(src[j] === '$' && src[j + 1] === '{')) j += src[j] === '\\' ? 2 : 1;
    return src[j] === '`' ? { end: j + 1, opens: false } : { end: j + 2, opens: true };
  };
  const templatePart = () => {
    const t = readTemplate();
    emit(src.slice(i, t.end - (t.opens ? 2 : 1)), true);
    emit(t.opens ? '${' : '`', false);
    if (t.opens) templateDepth.push(braces);
    i = t.end;
  };
  while (i < src.length) {
    const c = src[i];
    const next = src[i + 1];
    if (c === '/' && next === '/') {
      const end = src.indexOf('\n', i);
      i = end < 0 ? src.length : end;
    } else if (c === '/' && next === '*') {
      const end = src.indexOf('*/', i + 2);
      i = end < 0 ? src.length : end + 2;
    } else if (c === '"' || c === "'") {
      const end = readQuoted(c);
      emit(c, false);
      emit(src.slice(i + 1, end - 1), true);
      emit(c, false);
      i = end;
    } else if (c === '`') {
      emit('`', false);
      i += 1;
      templatePart();
    } else if (c === '/' && BEFORE_REGEX.test(codeAndStrings)) {
      let j = i + 1;
      let inClass = false;
      while (j < src.length && (inClass || src[j] !== '/') && src[j] !== '\n') {
        if (src[j] === '\\') j++;
        else if (src[j] === '[') inClass = true;
        else if (src[j] === ']') inClass = false;
        j++;
      }
      while (/[a-z]/i.test(src[j + 1] ?? '')) j++;
      emit('/', false);
      emit(src.slice(i + 1, j + 1).replace(/[^/]/g, ' '), true);
      i = j + 1;
    } else if (c === '{') {
      braces++;
      emit(c, false);
      i++;
    } else if (c === '}' && templateDepth.length > 0 && templateDepth[templateDepth.length - 1] === braces) {
      templateDepth.pop();
      emit('}', false);
      i++;
      templatePart();
    } else {
      if (c === '}') braces--;
      emit(c, false);
      i++;
    }
  }
  return { code, codeAndStrings };
}

/** Module specifiers of static imports, re-exports, side-effect imports and dynamic imports. */
function importedModules(codeAndStrings: string): string[] {
  const out: string[] = [];
  const patterns = [
    /\b(?:import|export)\b[^;'"`]*?\bfrom\s*(['"])([^'"]+)\1/g,
    /\bimport\s*(['"])([^'"]+)\1/g,
    /\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g,
  ];
  for (const p of patterns) for (const m of codeAndStrings.matchAll(p)) out.push(m[2]);
  return out;
}

/** zod itself, or its own entry points (`zod/mini`, one locale): still zod alone. */
const isZod = (m: string) => m === 'zod' || /^zod\/(mini|v4\/locales\/[a-z-]+\.js)$/.test(m);

function purityProblems(src: string): string[] {
  const { code, codeAndStrings } = scan(src);
  const problems = importedModules(codeAndStrings).filter((m) => !isZod(m) && !m.startsWith('./') && !m.startsWith('../')).map((m) => `imports "${m}"`);
  for (const [name, re] of FORBIDDEN) if (re.test(code)) problems.push(`references ${name}`);
  // `node:` specifiers live in strings (import, require, createRequire); an object key `node:` is fine.
  if (/['"`]node:/.test(codeAndStrings)) problems.push('references node:');
  // A dynamic import of anything but a literal path cannot be checked.
  if (/\bimport\s*\(\s*[^'"\s]/.test(code)) problems.push('imports a computed module');
  return problems;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : /\.(ts|tsx|mts|cts|js|mjs)$/.test(e.name) ? [join(dir, e.name)] : []);
}

describe('shared/ is pure', () => {
  const files = sourceFiles(ROOT);

  it('has files to check', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files.map((f) => [relative(ROOT, f), f]))('%s imports only zod and relative paths, and touches no host', (_name, file) => {
    const src = readFileSync(file, 'utf8');
    expect(purityProblems(src)).toEqual([]);
    // The scanner must not end a file stuck inside a string, comment or regex: a host call appended is seen.
    expect(purityProblems(`${src}\nconst leak = process.env.X;\n`)).toEqual(['references process']);
  });
});

describe('the purity check itself', () => {
  it.each([
    [`import { readFileSync } from 'node:fs';`, ['imports "node:fs"', 'references node:']],
    [`import ExcelJS from "exceljs";`, ['imports "exceljs"']],
    [`export { x } from 'hono';`, ['imports "hono"']],
    [`import type { Sheet } from '@types/google-apps-script';`, ['imports "@types/google-apps-script"']],
    [`import 'side-effect';`, ['imports "side-effect"']],
    [`const m = await import('pg');`, ['imports "pg"']],
    [`const m = await import(name);`, ['imports a computed module']],
    [`const token = process.env.TOKEN;`, ['references process']],
    [`const fs = require('fs');`, ['references require(']],
    [`SpreadsheetApp.getActive();`, ['references SpreadsheetApp']],
    [`await Excel.run(async (ctx) => ctx.sync());`, ['references Excel.']],
    [`Office.onReady();`, ['references Office.']],
    [`const r = await fetch (url);`, ['references fetch(']],
    [`const s = \`\${process.env.X}\`;`, ['references process']],
    [`const id = 'node:crypto';`, ['references node:']],
    [`import { z } from 'zod-extras';`, ['imports "zod-extras"']],
    [`const s = \`a \${ { a: process }.a } b\`;`, ['references process']],
  ])('flags %s', (src, problems) => {
    expect(purityProblems(src)).toEqual(problems);
  });

  it.each([
    `import { z } from 'zod';\nimport { x } from './x';\nexport * from '../y';`,
    `import * as z from 'zod/mini';\nimport en from 'zod/v4/locales/en.js';`,
    `// process, require(), SpreadsheetApp, node:crypto in a comment\nconst a = 1;`,
    `/* Excel. Office. fetch( */ const b = 2;`,
    `const msg = "Open it in Excel. Then fetch( the process";`,
    `const t = \`see node:crypto and \${'process'} stay text\`;`,
    `const re = /"process"/g; const s = 'x'.replace(/"/g, '""'); const process2 = 1;`,
    `const half = a / b; const q = c / d / e; // not a regex`,
    `const tree = { node: 1, label: 'x' };`,
  ])('accepts %j', (src) => {
    expect(purityProblems(src)).toEqual([]);
  });
});
