// US English wherever users read: the README, the user guides, the text the templates fill sheets with and
// every string the code can show (labels, messages, pages). Code identifiers, comments and the decision records
// (read by developers) are not checked.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { expect, test } from 'vitest';
import { openApiDocument } from '../../sync/api/openapi';

const root = new URL('../../', import.meta.url).pathname;

// Not after `-`, `.` or `/`: a chart id (`time-to-fulfil`), a property or a module path names code. The keys of the JSON
// the service answers are words people read, and are checked on their own (the API description, below).
const BRITISH = /(?<![-./])\b(?:colou?rs?(?<=colours?)|colour\w+|recognis\w*|behaviour\w*|programmes?|licence[sd]?|centres?|centred|favourite\w*|analys(?:e|ed|es|ing)|organis(?:e|ed|es|ing|ation|ations|ational)|finalis\w*|normalis\w*|summaris\w*|prioritis\w*|authoris\w*|customis\w*|optimis\w*|utilis\w*|standardis\w*|categoris\w*|visualis\w*|serialis\w*|centralis\w*|specialis\w*|mobilis\w*|maximis\w*|minimis\w*|realis(?:e|ed|es|ing)|emphasis(?:e|ed|es|ing)|honour\w*|favour\w*|labour\w*|neighbour\w*|cancelled|cancelling|fulfil|fulfils|fulfilment\w*|catalogue[sd]?|cataloguing|modelling|modelled|labelled|labelling|travell(?:ed|ing|er)|judgement\w*|enrolment\w*|practise[sd]?|defence|grey|whilst|amongst|ageing|acknowledgement\w*)\b/gi;

/** Header aliases the reader accepts because offices write them so: they are matched, not shown. */
const ALIASES = new Set(['organisation']);
/** Words a file matches in what people type (a narrative's "Fulfilment" heading), never shows. */
const MATCHED_INPUT: Record<string, string[]> = { 'sync/report/report-html.ts': ['fulfilment'], 'shared/lists.ts': ['cancelled'] };

const found = (text: string, file = '') =>
  [...text.matchAll(BRITISH)].map((m) => m[0]).filter((w) => !ALIASES.has(w.toLowerCase()) && !MATCHED_INPUT[file]?.includes(w.toLowerCase()));

function sourceFiles(dir: string, ext = /\.(ts|html)$/): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && ext.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

test('the README and the user guides are in US English', () => {
  const docs = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
  expect(docs.length).toBeGreaterThan(2);
  const hits = docs.flatMap((f) => found(readFileSync(join(root, f), 'utf8')).map((w) => `${f}: ${w}`));
  expect(hits).toEqual([]);
});

test('the text the templates write into sheets (plans, roadmaps, sample rows) is in US English', () => {
  const files = sourceFiles('templates');
  expect(files.length).toBeGreaterThan(5);
  const hits = files.flatMap((f) => found(shownText(f)).map((w) => `${f.slice(root.length)}: ${w}`));
  expect(hits).toEqual([]);
});

/**
 * The text of a TypeScript file's string literals and the literal parts of its templates, without comments,
 * types or `${…}` expressions: esbuild drops the comments and types, then a scan that knows templates nest and
 * where a regular expression may start reads the rest.
 */
function codeStrings(source: string): string {
  const js = transformSync(source, { loader: 'ts', legalComments: 'none' }).code;
  const out: string[] = [];
  let i = 0;
  const quoted = (q: string) => {
    let j = i + 1;
    let text = '';
    while (j < js.length && js[j] !== q) {
      text += js[j] === '\\' ? js.slice(j, j + 2) : js[j];
      j += js[j] === '\\' ? 2 : 1;
    }
    out.push(text);
    i = j + 1;
  };
  const template = () => {
    i++;
    let text = '';
    while (i < js.length && js[i] !== '`') {
      if (js[i] === '\\') { text += js.slice(i, i + 2); i += 2; }
      else if (js[i] === '$' && js[i + 1] === '{') { out.push(text); text = ''; i += 2; code('}'); i++; }
      else text += js[i++];
    }
    out.push(text);
    i++;
  };
  const regex = () => {
    let inClass = false;
    for (i++; i < js.length && (inClass || js[i] !== '/'); i++) {
      if (js[i] === '\\') i++;
      else if (js[i] === '[') inClass = true;
      else if (js[i] === ']') inClass = false;
    }
    i++;
  };
  function code(end?: string) {
    let depth = 0;
    let last = '';
    while (i < js.length) {
      const c = js[i];
      if (end && c === end && depth === 0) return;
      if (c === "'" || c === '"') { quoted(c); last = 'a'; continue; }
      if (c === '`') { template(); last = 'a'; continue; }
      if (c === '/' && (last === '' || '(,=:[!&|?{};+-*%<>~^'.includes(last) || /\breturn$/.test(js.slice(Math.max(0, i - 7), i).trimEnd()))) { regex(); last = 'a'; continue; }
      if (c === '{') depth++;
      else if (c === '}') depth--;
      if (!/\s/.test(c)) last = c;
      i++;
    }
  }
  code();
  return out.join('\n');
}

/** What a source file can show: a TypeScript file's strings, any other file (a page) whole. */
const shownText = (file: string) => (file.endsWith('.ts') ? codeStrings(readFileSync(file, 'utf8')) : readFileSync(file, 'utf8'));

test('every string the code can show (labels, messages, pages) is in US English', () => {
  const files = ['shared', 'sync', 'addon'].flatMap((dir) => sourceFiles(dir));
  expect(files.length).toBeGreaterThan(100);
  const hits = files.flatMap((f) => {
    const file = f.slice(root.length);
    return found(shownText(f), file).map((w) => `${file}: ${w}`);
  });
  expect(hits).toEqual([]);
});

/** Every key and text of a JSON value, each key split at its capitals (`medianDays` → `median Days`): a key is read as its words. */
function jsonWords(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) jsonWords(v, out);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      out.push(key.replace(/([a-z])([A-Z])/g, '$1 $2'));
      jsonWords(v, out);
    }
  }
  return out;
}

test('the API description (every route, and every key of the JSON it answers: the metrics `metrics --json` prints too) is in US English', () => {
  const words = jsonWords(openApiDocument());
  expect(words).toContain('fulfilled');
  expect(words.flatMap((w) => found(w))).toEqual([]);
});
