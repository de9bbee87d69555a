// The add-on tests start the real sync service one way, through useSyncService (test/fixtures): a test file that
// starts it itself, in its own beforeAll, is the copy-with-a-small-variation this fixture replaced.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const TEST_ROOT = resolve(import.meta.dirname, '..');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|mts)$/.test(e.name) ? [join(dir, e.name)] : []));
}

const outsideFixtures = files(TEST_ROOT).filter((f) => !relative(TEST_ROOT, f).startsWith('fixtures/') && f !== import.meta.filename);

it('no file outside test/fixtures starts the sync service by its module or export name', () => {
  const starting = outsideFixtures.filter((f) => /createSyncService|sync-service\.ts/.test(readFileSync(f, 'utf8')));
  expect(starting.map((f) => relative(TEST_ROOT, f))).toEqual([]);
});

it('test files take the service from useSyncService, not from startSyncService in hooks of their own', () => {
  const tests = outsideFixtures.filter((f) => f.endsWith('.test.ts'));
  const own = tests.filter((f) => /\bstartSyncService\b/.test(readFileSync(f, 'utf8')));
  expect(own.map((f) => relative(TEST_ROOT, f))).toEqual([]);
  expect(tests.filter((f) => /\buseSyncService\(\)/.test(readFileSync(f, 'utf8'))).length).toBeGreaterThanOrEqual(6);
});
