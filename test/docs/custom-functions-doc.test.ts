// The Apps Script guide lists every custom function with the parameters and states it really has.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { CUSTOM_FUNCTIONS, customFunctionSignature } from '../../shared/custom-functions';
import { TABLES } from '../../shared/tables';

const guide = readFileSync(new URL('../../docs/apps-script.md', import.meta.url), 'utf8');

test.each(CUSTOM_FUNCTIONS.map((fn) => [fn.name, fn] as const))('docs/apps-script.md shows %s as declared', (_name, fn) => {
  const row = guide.split('\n').find((line) => line.startsWith(`| \`=${fn.name}(`));
  expect(row).toContain(`\`=${customFunctionSignature(fn)}\``);
  if (fn.outputs.length === 1) {
    const palette = TABLES[fn.table].derived.find((d) => d.name === fn.outputs[0])!.palette!;
    expect(row).toContain(Object.keys(palette).join(' · '));
  }
});
