// One command run in this process against the seeded store of the master-workbook tests, with a temporary
// folder for what it writes: set up and removed around the test file that calls `seededCli`.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { seededStore, type SeededStore } from '../master/seed-store';
import { runInThisProcess, type Run } from './cli-process';

export interface SeededCli {
  run(args: string[], env?: Record<string, string>): Promise<Run>;
  /** Where the command may write its files. */
  path(name: string): string;
}

export function seededCli(command: string): SeededCli {
  let seeded: SeededStore;
  let dir: string;
  beforeAll(async () => {
    seeded = await seededStore();
    dir = await mkdtemp(join(tmpdir(), `equity-desk-${command}-`));
  });
  afterAll(async () => {
    await seeded?.close();
    await rm(dir, { recursive: true, force: true });
  });
  return {
    run: (args, env = {}) => runInThisProcess([command, '--data', seeded.dataDir, ...args], env),
    path: (name) => join(dir, name),
  };
}
