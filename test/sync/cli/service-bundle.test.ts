// The bundle `equity-desk` runs from: made on first use, reused while its sources are unchanged, remade
// after an edit, and safe when several commands start at once.
import { execFile } from 'node:child_process';
import { stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';
import { buildServiceBundle, SERVICE_BUNDLE, serviceBundle } from '../../../scripts/service-bundle.mjs';
import { ROOT } from './cli-process';

const run = promisify(execFile);
const builtAt = async () => (await stat(SERVICE_BUNDLE)).mtimeMs;
const SOURCE = join(ROOT, 'sync/metrics/figures.ts');

/** Runs `fn` with a source file dated after the bundle, as if just edited, and puts its date back. */
async function withEditedSource<T>(fn: () => Promise<T>): Promise<T> {
  const before = await stat(SOURCE);
  try {
    await utimes(SOURCE, before.atime, new Date((await builtAt()) + 5_000));
    return await fn();
  } finally {
    await utimes(SOURCE, before.atime, before.mtime);
  }
}

test('is reused while no source changed, and rebuilt once one has', async () => {
  await buildServiceBundle();
  const first = await builtAt();
  await serviceBundle();
  expect(await builtAt()).toBe(first);

  await withEditedSource(() => serviceBundle());
  expect(await builtAt()).not.toBe(first);
}, 60_000);

test('commands started together after an edit all rebuild or wait for a whole bundle, and run', async () => {
  await buildServiceBundle();
  const results = await withEditedSource(() => Promise.all([1, 2, 3, 4].map(() => run(process.execPath, [join(ROOT, 'bin/equity-desk.mjs'), 'template', '--help'], { cwd: ROOT }))));
  for (const r of results) expect(r.stdout).toContain('Usage: npx equity-desk template');
}, 60_000);
