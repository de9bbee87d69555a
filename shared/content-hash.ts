// The content hash of a typed row: the add-ons and the service compute it the same way, so a client
// knows which rows changed without asking.
import type { TypedRow } from './tables/column';

/**
 * Keys sorted, blanks dropped: two rows that mean the same hash the same. The text is exactly
 * `JSON.stringify([[key, value], ...])`, built by hand because it runs for every synced row.
 */
export function canonicalRow(values: TypedRow): string {
  const keys: string[] = [];
  for (const k in values) {
    const v = values[k];
    if (v !== null && v !== undefined && v !== '') keys.push(k);
  }
  keys.sort();
  const parts = new Array<string>(keys.length);
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const v = values[k];
    // Field names need no escaping, numbers and booleans print as JSON does: only text is escaped.
    const key = PLAIN_KEY.test(k) ? `"${k}"` : JSON.stringify(k);
    parts[i] = `[${key},${typeof v === 'string' ? JSON.stringify(v) : String(v)}]`;
  }
  return `[${parts.join(',')}]`;
}

const PLAIN_KEY = /^[A-Za-z0-9_]+$/;

/** A character `JSON.stringify` escapes in a text: quotes, backslashes, control characters, surrogates. */
export const JSON_ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * `JSON.stringify` of a text. Most cell texts need no escaping, and quoting them here skips the
 * serializer's set-up, which costs more than the text itself; the rest go to `JSON.stringify`.
 */
export function jsonString(text: string): string {
  return JSON_ESCAPED.test(text) ? JSON.stringify(text) : `"${text}"`;
}

const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/**
 * SHA-256 in plain TypeScript: Apps Script, Office and Node must agree byte for byte, and
 * `shared/` may not reach for a host's crypto. The service checks it against node:crypto.
 */
export function portableSha256Hex(text: string): string {
  const msg = utf8(text);
  const len = msg.length;
  const total = ((len + 9 + 63) >> 6) << 6;
  const buf = new Uint8Array(total);
  buf.set(msg);
  buf[len] = 0x80;
  const view = new DataView(buf.buffer);
  view.setUint32(total - 8, Math.floor((len * 8) / 2 ** 32));
  view.setUint32(total - 4, (len * 8) >>> 0);
  const H = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  const W = new Uint32Array(64);
  for (let off = 0; off < total; off += 64) {
    for (let t = 0; t < 16; t++) W[t] = view.getUint32(off + t * 4);
    for (let t = 16; t < 64; t++) {
      const w15 = W[t - 15];
      const w2 = W[t - 2];
      const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
      const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
      W[t] = (W[t - 16] + s0 + W[t - 7] + s1) | 0;
    }
    let [a, b, c, d, e, f, g, h] = H;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + S1 + ch + K[t] + W[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) | 0;
      h = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    H[0] += a; H[1] += b; H[2] += c; H[3] += d; H[4] += e; H[5] += f; H[6] += g; H[7] += h;
  }
  return Array.from(H, (x) => x.toString(16).padStart(8, '0')).join('');
}

/**
 * 32 hex characters (128 bits) of SHA-256 over the canonical row. The service passes node:crypto's
 * SHA-256 (same bytes, faster: the bench compares them); a contract test holds the two equal.
 */
export function contentHash(values: TypedRow, sha256: (text: string) => string = portableSha256Hex): string {
  return hashOfCanonical(canonicalRow(values), sha256);
}

/** `contentHash` of a row whose canonical text is already made (the service compiles its own per table). */
export function hashOfCanonical(canonical: string, sha256: (text: string) => string = portableSha256Hex): string {
  return sha256(canonical).slice(0, 32);
}
