// Writing the file a command's --out names: every command says why it cannot in the same words, naming the
// user's path and its folder, never Node's error code or an internal file name.
import { constants } from 'node:fs';
import { access, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CliError } from './command';

/** The folder as the user typed it ("." when they gave a bare file name). */
const folderOf = (file: string) => dirname(file);

function reason(file: string, e: unknown): string {
  const folder = folderOf(file);
  switch ((e as NodeJS.ErrnoException)?.code) {
    case 'ENOENT': return `the folder ${folder} does not exist`;
    case 'ENOTDIR': return `part of ${folder} is a file, not a folder`;
    case 'EACCES':
    case 'EPERM': return `no permission to write in the folder ${folder}`;
    case 'EISDIR': return 'it is a folder';
    case 'EROFS': return `the folder ${folder} is on a read-only disk`;
    case 'ENOSPC': return 'the disk is full';
    default: return (e as Error)?.message ?? String(e);
  }
}

/** The one-line failure (exit 1) for `file`, whatever path the error itself names (a temporary file beside it). */
export function cannotWrite(file: string, e: unknown): CliError {
  return new CliError(`cannot write ${file}: ${reason(file, e)}`, 1);
}

/**
 * Fails at once when `file` could not be written, so a command that works for a while first (a PDF, a
 * database query) does not spend that time only to fail at the end.
 */
export async function checkOutFile(file: string): Promise<void> {
  const isFolder = await stat(file).then((s) => s.isDirectory(), () => false);
  if (isFolder) throw cannotWrite(file, Object.assign(new Error(), { code: 'EISDIR' }));
  await access(resolve(folderOf(file)), constants.W_OK).catch((e: unknown) => {
    throw cannotWrite(file, e);
  });
}

/** Writes `data` to `file`, a failure as one line. */
export async function writeOutFile(file: string, data: string | Uint8Array): Promise<void> {
  await writeFile(file, data).catch((e: unknown) => {
    throw cannotWrite(file, e);
  });
}
