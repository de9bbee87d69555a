// Tests must never leave the machine: the UrlFetchApp fake reaches loopback hosts only.

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: URL): boolean {
  return url.protocol === 'http:' && loopbackHosts.has(url.hostname);
}

export function refusalMessage(url: string): string {
  return `UrlFetchApp fake refused ${url}: tests may only fetch http:// on 127.0.0.1 or localhost.`;
}
