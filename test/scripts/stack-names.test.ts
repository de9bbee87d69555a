// The bundle keeps the names a stack trace needs and drops esbuild's other name calls: the trimmed code
// must run as the untrimmed code does, with the same names wherever one is kept.
import { build } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { trimNames } from '../../scripts/stack-names.mjs';

const SOURCE = `
export class Failure extends Error {}
function kept(x) { return x + 1; }
function dropped(x) { return kept(x) * 2; }
const keptArrow = (x) => x - 1;
const droppedArrow = (x) => dropped(x) + keptArrow(x);
export const api = { byKey: (x) => droppedArrow(x), other: (x) => x };
export const list = [(x) => x, droppedArrow];
export const either = globalThis.missing || ((x) => x * 3);
export function run(x) { const local = (y) => y * 10; return [api.byKey(x), local(x), local.name, dropped.name, kept.name, keptArrow.name, Failure.name, either(x)]; }
`;

async function minified(): Promise<string> {
  const result = await build({
    stdin: { contents: SOURCE, loader: 'js' },
    bundle: true, write: false, format: 'iife', globalName: 'M', platform: 'neutral', logLevel: 'silent',
    minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: true, keepNames: true,
  });
  return result.outputFiles[0].text;
}

const load = (code: string) => new Function(`${code}\nreturn M;`)() as {
  run(x: number): unknown[]; api: { byKey: { name: string }; other: { name: string } }; list: { name: string }[]; Failure: { name: string };
};

describe('trimNames', () => {
  test('keeps the names asked for and every class name, and the code runs as before', async () => {
    const code = await minified();
    const trimmed = trimNames(code, (name: string) => name === 'kept' || name === 'keptArrow' || name === 'run');
    expect(trimmed.length).toBeLessThan(code.length);
    const before = load(code).run(4);
    const after = load(trimmed).run(4);
    expect(before).toEqual([(4 + 1) * 2 + (4 - 1), 40, 'local', 'dropped', 'kept', 'keptArrow', 'Failure', 12]);
    // Same answers; the dropped names (a local helper, a function declaration) are now the minified ones.
    expect([after[0], after[1], after[4], after[5], after[6], after[7]]).toEqual([before[0], before[1], 'kept', 'keptArrow', 'Failure', 12]);
    expect(after[2]).not.toBe('local');
    expect(after[3]).not.toBe('dropped');
  });

  test("a function held by an object's property keeps its key as its name without a call", async () => {
    const code = await minified();
    const trimmed = trimNames(code, () => false);
    const m = load(trimmed);
    expect([m.api.byKey.name, m.api.other.name]).toEqual(['byKey', 'other']);
    expect(trimmed).not.toContain('"byKey"');
    expect(m.Failure.name).toBe('Failure');
  });

  test('keeping every name changes only what the language names by itself', async () => {
    const code = await minified();
    const m = load(trimNames(code, () => true));
    expect(m.run(4)).toEqual(load(code).run(4));
  });
});
