// The publisher port: where the master workbook goes once built (a folder, or OneDrive/SharePoint through Graph).
import { PublishError } from './publish-error';

export interface PublishResult {
  /** Where the file now is: an absolute path, or the drive path on Graph. */
  location: string;
  bytes: number;
  method: 'simple' | 'upload-session' | 'file';
  webUrl?: string;
}

/** Replaces the file called `name` with `content`, all or nothing. Throws `PublishError`. */
export interface Publisher {
  publish(name: string, content: Buffer | Uint8Array): Promise<PublishResult>;
}

// The characters OneDrive and SharePoint refuse, which Windows shares refuse too: one rule for both publishers.
const FORBIDDEN = /["*:<>?/\\|\u0000-\u001f]/;

/** Rejects names that would fail on OneDrive/SharePoint or escape the target folder. */
export function assertPublishName(name: string): void {
  const problem =
    name.length === 0 ? 'is empty'
    : name.length > 255 ? 'is longer than 255 characters'
    : FORBIDDEN.test(name) ? 'contains one of " * : < > ? / \\ | or a control character'
    : name !== name.trim() ? 'starts or ends with a space'
    : name.endsWith('.') ? 'ends with a dot'
    : undefined;
  if (problem) throw new PublishError('invalid-name', `File name ${JSON.stringify(name)} ${problem}.`);
}

/** A Buffer over the same bytes, so a view into a larger buffer publishes exactly its own bytes. */
export function asBuffer(content: Buffer | Uint8Array): Buffer {
  return Buffer.isBuffer(content) ? content : Buffer.from(content.buffer, content.byteOffset, content.byteLength);
}
