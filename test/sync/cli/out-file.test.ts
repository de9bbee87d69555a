// Every command that writes an --out file says why it cannot in the same words: the user's path and its
// folder, never Node's error code or the temporary file an export writes first.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { cannotWrite } from '../../../sync/cli/out-file';
import { seededStore, type SeededStore } from '../master/seed-store';
import { runInThisProcess } from './cli-process';

let seeded: SeededStore;
let dir: string;
beforeAll(async () => {
  seeded = await seededStore();
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-out-file-'));
});
afterAll(async () => {
  await seeded?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('an --out in a folder that does not exist', () => {
  test.each([
    ['export', 'm.xlsx', []],
    ['template', 'r.xlsx', ['roadmap']],
    ['changes', 'c.xlsx', ['--since', '2024-01-01', '--until', '2024-01-31']],
    ['report', 'r.html', ['--year', '2024']],
    ['excel-manifest', 'm.xml', ['--url', 'https://desk.example.gov']],
  ])('%s names the folder, in one line with exit 1', async (command, name, args) => {
    const folder = join(dir, 'no-such-folder');
    const file = join(folder, name);
    const storage = command === 'template' || command === 'excel-manifest' ? [] : ['--data', seeded.dataDir];
    const run = await runInThisProcess([command, ...args, '--out', file, ...storage]);
    expect(run.stderr).toBe(`equity-desk ${command}: cannot write ${file}: the folder ${folder} does not exist\n`);
    expect([run.code, run.stdout]).toEqual([1, '']);
  });
});

describe('cannotWrite', () => {
  test('says a folder without write permission is one, and names the folder as the user typed it', () => {
    expect(cannotWrite('reports/2026/r.pdf', Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' })).message)
      .toBe('cannot write reports/2026/r.pdf: no permission to write in the folder reports/2026');
    expect(cannotWrite('r.pdf', Object.assign(new Error('EPERM'), { code: 'EPERM' })).message).toBe('cannot write r.pdf: no permission to write in the folder .');
    expect(cannotWrite('a/b.xlsx', Object.assign(new Error('x'), { code: 'ENOTDIR' })).message).toBe('cannot write a/b.xlsx: part of a is a file, not a folder');
  });
});
