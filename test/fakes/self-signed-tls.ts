// A throwaway self-signed certificate for local https stand-ins, and an Agent that trusts it (and only it, on top
// of Node's roots) — so tests never loosen TLS for the whole process with NODE_TLS_REJECT_UNAUTHORIZED.
import { execFileSync } from 'node:child_process';
import { lookup as dnsLookup } from 'node:dns';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import type { LookupFunction } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Made with openssl at test start; valid for 127.0.0.1, localhost and `hostnames`, for one day. */
export function selfSignedCertificate(hostnames: string[]): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'stand-in-tls-'));
  try {
    const san = ['IP:127.0.0.1', 'DNS:localhost', ...hostnames.map((h) => `DNS:${h}`)].join(',');
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=Equity Desk test stand-in', '-addext', `subjectAltName=${san}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'pipe' });
    return { key: readFileSync(join(dir, 'key.pem'), 'utf8'), cert: readFileSync(join(dir, 'cert.pem'), 'utf8') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Trusts `ca` and resolves `hostnames` (e.g. graph.microsoft.us) to 127.0.0.1, so real cloud host names reach
 * the stand-in with certificate checks still on. Other names resolve as usual.
 */
export function trustingAgent(ca: string, hostnames: string[]): Agent {
  const lookup: LookupFunction = (hostname, options, callback) => {
    if (!hostnames.includes(hostname)) return dnsLookup(hostname, options, callback);
    if (options.all) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
    return callback(null, '127.0.0.1', 4);
  };
  return new Agent({ ca, lookup });
}
