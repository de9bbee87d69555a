// Code.js declares each repeated text once and reads it from there: the code must run as before, and the places
// where a text must stay written (a property's name, a directive, a `typeof` comparison) keep it.
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { shareStrings } from '../../scripts/shared-strings.mjs';

const SOURCE = `
'use strict';
const KIND = { 'On time': 'good', 'Due soon': 'warn' };
function warn(code, field) { return { severity: 'warning', code, field: field ?? 'receivedOn' }; }
function kindOf(v) { return typeof v === 'string' ? 'text warning' : typeof v; }
function label(state) {
  switch (state) { case 'receivedOn': return 'Received on'; case 'warning': return 'a warning'; default: return 'receivedOn?'; }
}
class Row { constructor(values) { this.values = values; } get receivedOn() { return this.values.receivedOn; } fulfilledOn() { return this.values.fulfilledOn ?? null; } }
function dates(rows, only) {
  const out = rows.filter((r) => r.values.receivedOn !== undefined).map((r) => ({ receivedOn: r.receivedOn, fulfilledOn: r.fulfilledOn(), own: r.values?.receivedOn === r.receivedOn }));
  if (only) out.fulfilledOn = only?.values.fulfilledOn;
  out.receivedOn = out.length; out.receivedOn++;
  return [out, out.fulfilledOn, 5e3.toLocaleString('en-US'), rows[0]?.values?.dueOn?.receivedOn];
}
export function run() {
  const a = 'receivedOn', b = 'receivedOn';
  const rows = [new Row({ receivedOn: '2026-01-02', fulfilledOn: '2026-01-09' }), new Row({ receivedOn: '2026-02-03' }), new Row({})];
  return [warn('blank_kept'), warn('blank_kept', 'dueOn'), warn('date_tbd', a), kindOf('x'), kindOf(1), label(b), label('warning'), label('other'),
    KIND['On time'], 'On time' in KIND, ['warning', 'warning', 'warning'].join(), a === b, dates(rows, rows[0]), dates(rows.slice(1))];
}
`;

async function minified(): Promise<string> {
  const result = await build({
    stdin: { contents: SOURCE, loader: 'js' },
    bundle: true, write: false, format: 'iife', globalName: 'M', platform: 'neutral', logLevel: 'silent',
    minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: true,
  });
  return result.outputFiles[0].text;
}

const run = (code: string) => (new Function(`${code}\nreturn M;`)() as { run(): unknown[] }).run();

describe('shareStrings', () => {
  test('writes each repeated text once, and the code answers as before', async () => {
    const code = await minified();
    const shared = shareStrings(code);
    expect(shared.length).toBeLessThan(code.length);
    expect(code.split('"receivedOn"').length - 1).toBeGreaterThan(2);
    expect(shared.split('"receivedOn"')).toHaveLength(2);
    expect(shared.split('"warning"')).toHaveLength(2);
    expect(run(shared)).toEqual(run(code));
    expect(run(shared)[0]).toEqual({ severity: 'warning', code: 'blank_kept', field: 'receivedOn' });
  });

  test("reads a property's repeated name from the same place, where that is shorter, and the code answers as before", async () => {
    const code = await minified();
    const shared = shareStrings(code);
    expect(code.split('.receivedOn').length - 1).toBeGreaterThan(4);
    expect(shared).not.toContain('.receivedOn');
    expect(shared).not.toContain('.values');
    expect(shared).toMatch(/\?\.\[[\w$]+\]/);
    // A class's own members and an object literal's keys keep their written names.
    expect(shared).toContain('get receivedOn(){');
    expect(shared).toMatch(/\{receivedOn:/);
    expect(run(shared)).toEqual(run(code));
    expect(run(shared).at(-2)).toEqual([Object.assign([{ receivedOn: '2026-01-02', fulfilledOn: '2026-01-09', own: true }, { receivedOn: '2026-02-03', fulfilledOn: null, own: true }], { fulfilledOn: '2026-01-09', receivedOn: 3 }), '2026-01-09', '5,000', undefined]);
  });

  test("leaves property names, directives and typeof's comparisons as written", async () => {
    const shared = shareStrings(await minified());
    expect(shared).toMatch(/^"use strict";/);
    expect(shared).toContain('"On time":');
    expect(shared).toMatch(/typeof [\w$]+=="string"/);
  });

  test('shares nothing it cannot make shorter, and names nothing the code already uses', async () => {
    const once = 'export const M1 = ["one text", "another"];';
    const result = await build({ stdin: { contents: once, loader: 'js' }, bundle: true, write: false, format: 'iife', globalName: 'M', minify: true, logLevel: 'silent' });
    const code = result.outputFiles[0].text;
    expect(shareStrings(code)).toBe(code);
    const shared = shareStrings(await minified());
    const declared = /\{var ([^;]+);/.exec(shared)![1].split(/,(?=[\w$]+=")/).map((d) => d.split('=')[0]);
    const code2 = await minified();
    for (const name of declared) expect(code2).not.toMatch(new RegExp(`(?<![\\w$])${name.replace('$', '\\$')}(?![\\w$])`));
  });
});
