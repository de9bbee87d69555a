// US English wherever users read: the README, the user guides and the text the templates fill sheets with.
// Code identifiers and the decision records (read by developers) are not checked.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { LIST_BLOCKS, TABLES } from '../../shared/index';

const root = new URL('../../', import.meta.url).pathname;

const BRITISH = /\b(?:colou?rs?(?<=colours?)|colour\w+|recognis\w*|behaviour\w*|programmes?|licence|centres?|favourite\w*|analys(?:e|ed|es|ing)|organis(?:e|ed|es|ing|ation|ations)|finalis\w*|normalis\w*|summaris\w*|prioritis\w*|honour\w*|cancelled|cancelling|fulfil|fulfils|fulfilment)\b/gi;

/** Header aliases the reader accepts because offices write them so: they are matched, not shown. */
const ALIASES = new Set(['organisation']);

const found = (text: string) => [...text.matchAll(BRITISH)].map((m) => m[0]).filter((w) => !ALIASES.has(w.toLowerCase()));

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|html)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

/**
 * The text of a file's string and template literals, what a program can show, without its comments and names.
 * A scan, not a parser: a regular expression literal holding a quote would confuse it, and none of ours does.
 */
function strings(source: string): string {
  const out: string[] = [];
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') i = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && source[i + 1] === '*') i = source.indexOf('*/', i + 2) + 1;
    else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < source.length && source[j] !== c) j += source[j] === '\\' ? 2 : 1;
      out.push(source.slice(i + 1, j));
      i = j;
    }
  }
  return out.join('\n');
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
  const hits = files.flatMap((f) => found(strings(readFileSync(f, 'utf8'))).map((w) => `${f.slice(root.length)}: ${w}`));
  expect(hits).toEqual([]);
});

test("the Lists sheet's labels and values and the tables' headers are in US English", () => {
  const shown = [
    ...LIST_BLOCKS.flatMap((b) => [b.header, ...b.values.map(String), ...(b.paired ? [b.paired.header] : [])]),
    ...Object.values(TABLES).flatMap((t) => [t.sheet, ...t.columns.map((c) => c.header), ...t.derived.map((c) => c.header)]),
  ];
  expect(shown.flatMap(found)).toEqual([]);
});
