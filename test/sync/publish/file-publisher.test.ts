// FilePublisher: the shared contract, plus what "atomic" means on disk.
import { isErrorType } from '../../../shared/typed-error';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { FilePublisher } from '../../../sync/publish/file-publisher';
import { PublishError } from '../../../sync/publish/publish-error';
import { publisherContract } from '../../contracts/publisher.contract';

const folders: string[] = [];
const freshFolder = async () => {
  const folder = await mkdtemp(join(tmpdir(), 'equity-desk-publish-'));
  folders.push(folder);
  return folder;
};
afterAll(async () => {
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

publisherContract('FilePublisher', async () => {
  const folder = await freshFolder();
  return {
    publisher: new FilePublisher(folder),
    read: (name) => readFile(join(folder, name)).catch(() => undefined),
  };
});

describe('FilePublisher', () => {
  test('creates the folder, returns the absolute path, and leaves no temp file behind', async () => {
    const folder = join(await freshFolder(), 'nested', 'reports');
    const result = await new FilePublisher(folder).publish('master.xlsx', Buffer.from('abc'));
    expect(result).toEqual({ location: join(folder, 'master.xlsx'), bytes: 3, method: 'file' });
    expect(await readdir(folder)).toEqual(['master.xlsx']);
  });

  test('a failed rename removes its temp file and leaves what was there', async () => {
    const folder = await freshFolder();
    // A non-empty folder where the file should go: writing the temp file works, the rename cannot.
    await mkdir(join(folder, 'master.xlsx'));
    await writeFile(join(folder, 'master.xlsx', 'keep.txt'), 'kept');
    const error = await new FilePublisher(folder).publish('master.xlsx', Buffer.from('new')).then(() => undefined, (e: unknown) => e);
    expect(isErrorType(error, PublishError) && error.code).toBe('file-system');
    expect((error as Error).message).toContain(join(folder, 'master.xlsx'));
    expect(await readdir(folder)).toEqual(['master.xlsx']);
    expect(await readFile(join(folder, 'master.xlsx', 'keep.txt'), 'utf8')).toBe('kept');
  });

  test('a folder path that is a file fails with file-system, naming the path', async () => {
    const parent = await freshFolder();
    await writeFile(join(parent, 'not-a-folder'), 'x');
    const error = await new FilePublisher(join(parent, 'not-a-folder')).publish('m.xlsx', Buffer.from('x')).then(() => undefined, (e: unknown) => e);
    expect(isErrorType(error, PublishError) && error.code).toBe('file-system');
    expect((error as Error).message).toMatch(/not-a-folder/);
  });
});
