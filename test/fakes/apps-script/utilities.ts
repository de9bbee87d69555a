// Utilities and Blob. Byte arrays are plain arrays of signed numbers (-128..127), as Apps Script hands
// back Java byte[]; strings are encoded as UTF-8 unless a charset says otherwise (assumed default).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { Charset, DigestAlgorithm } from './enums.js';
import type { FakeEnv } from './env.js';
import { isDate } from './realm.js';
import { formatJavaDate } from './zoned-time.js';

type Blob = GoogleAppsScript.Base.Blob;
type Utilities = GoogleAppsScript.Utilities.Utilities;
type CharsetValue = GoogleAppsScript.Utilities.Charset;
type DigestValue = GoogleAppsScript.Utilities.DigestAlgorithm;

export function toSignedBytes(data: Uint8Array): number[] {
  return Array.from(data, (b) => (b > 127 ? b - 256 : b));
}

/** Accepts signed (Apps Script) or unsigned byte arrays, and Uint8Arrays. */
export function fromBytes(data: ArrayLike<number>): Buffer {
  return Buffer.from(Array.from(data, (b) => b & 255));
}

export function encodeText(text: string, charset: unknown = Charset.UTF_8): Buffer {
  const name = String(charset).toUpperCase().replace('-', '_');
  if (name === 'US_ASCII') return Buffer.from(Array.from(text, (ch) => (ch.charCodeAt(0) > 127 ? 63 : ch.charCodeAt(0))));
  return Buffer.from(text, 'utf8');
}

const digests: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
};

export class FakeBlob implements Partial<Blob> {
  constructor(
    private readonly env: FakeEnv,
    public data: Buffer,
    public contentType: string | null = null,
    public name: string | null = null,
  ) {}

  private self(): Blob {
    return this as unknown as Blob;
  }
  copyBlob(): Blob {
    return new FakeBlob(this.env, Buffer.from(this.data), this.contentType, this.name) as unknown as Blob;
  }
  getBytes(): number[] {
    return this.env.out(toSignedBytes(this.data));
  }
  getContentType(): string | null {
    return this.contentType;
  }
  getDataAsString(charset?: string): string {
    return charset && /ascii/i.test(charset) ? this.data.toString('latin1') : this.data.toString('utf8');
  }
  getName(): string | null {
    return this.name;
  }
  isGoogleType(): boolean {
    return false;
  }
  setBytes(data: number[]): Blob {
    this.data = fromBytes(data);
    return this.self();
  }
  setContentType(contentType: string | null): Blob {
    this.contentType = contentType;
    return this.self();
  }
  setDataFromString(text: string, charset?: string): Blob {
    this.data = encodeText(text, charset);
    return this.self();
  }
  setName(name: string): Blob {
    this.name = name;
    return this.self();
  }
  getBlob(): Blob {
    return this.self();
  }
}

export class FakeUtilities implements Partial<Utilities> {
  readonly DigestAlgorithm = DigestAlgorithm as unknown as typeof GoogleAppsScript.Utilities.DigestAlgorithm;
  readonly Charset = Charset as unknown as typeof GoogleAppsScript.Utilities.Charset;
  /** Every Utilities.sleep(ms) call; sleeping also advances the fake clock. */
  readonly sleeps: number[] = [];

  constructor(private readonly env: FakeEnv) {}

  private input(value: string | number[], charset?: CharsetValue): Buffer {
    return typeof value === 'string' ? encodeText(value, charset ?? Charset.UTF_8) : fromBytes(value);
  }

  formatDate(date: GoogleAppsScript.Base.Date, timeZone: string, format: string): string {
    if (!isDate(date)) this.env.fail(`Cannot find method formatDate(${typeof date},string,string).`);
    if (Number.isNaN(date.getTime())) this.env.fail('Invalid argument: date');
    return formatJavaDate(date.getTime(), timeZone, format);
  }
  computeDigest(algorithm: DigestValue, value: string | number[], charset?: CharsetValue): number[] {
    const name = digests[String(algorithm)];
    if (!name) this.env.fail(`Invalid argument: algorithm (${String(algorithm)} is not supported by the fake)`);
    const hash = createHash(name).update(this.input(value, charset)).digest();
    return this.env.out(toSignedBytes(hash));
  }
  computeHmacSha256Signature(value: string | number[], key: string | number[], charset?: CharsetValue): number[] {
    const mac = createHmac('sha256', this.input(key, charset)).update(this.input(value, charset)).digest();
    return this.env.out(toSignedBytes(mac));
  }
  base64Encode(data: string | number[], charset?: CharsetValue): string {
    return this.input(data, charset).toString('base64');
  }
  base64EncodeWebSafe(data: string | number[], charset?: CharsetValue): string {
    return this.base64Encode(data, charset).replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(encoded.replace(/\s/g, ''))) {
      this.env.fail('Could not decode string.');
    }
    return this.env.out(toSignedBytes(Buffer.from(encoded, 'base64')));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return this.base64Decode(encoded.replace(/-/g, '+').replace(/_/g, '/'));
  }
  newBlob(data: string | number[], contentType?: string, name?: string): Blob {
    return new FakeBlob(this.env, this.input(data), contentType ?? null, name ?? null) as unknown as Blob;
  }
  sleep(milliseconds: number): void {
    this.env.count('Utilities.sleep');
    this.sleeps.push(milliseconds);
    this.env.clock.advance(milliseconds);
  }
  getUuid(): string {
    return randomUUID();
  }
}
