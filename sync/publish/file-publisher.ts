// Publishes to a folder (a mapped network share, a synced OneDrive folder, or tests): temp file, flush, rename.
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PublishError } from './publish-error';
import { asBuffer, assertPublishName, type Publisher, type PublishResult } from './publisher';

export class FilePublisher implements Publisher {
  readonly directory: string;

  constructor(directory: string) {
    this.directory = resolve(directory);
  }

  /** Readers see the old file or the new one, never a half-written one: rename is atomic within a folder. */
  async publish(name: string, content: Buffer | Uint8Array): Promise<PublishResult> {
    assertPublishName(name);
    const bytes = asBuffer(content);
    const target = join(this.directory, name);
    // The temp file sits in the same folder so the rename never crosses file systems; the dot hides it from listings.
    const temp = join(this.directory, `.equity-desk-${randomBytes(6).toString('hex')}.tmp`);
    let created = false;
    try {
      await mkdir(this.directory, { recursive: true });
      const handle = await open(temp, 'wx');
      created = true;
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, target);
    } catch (cause) {
      if (created) await rm(temp, { force: true });
      const reason = cause instanceof Error ? cause.message : String(cause);
      throw new PublishError('file-system', `Could not write ${target}: ${reason}`, { cause });
    }
    return { location: target, bytes: bytes.byteLength, method: 'file' };
  }
}
