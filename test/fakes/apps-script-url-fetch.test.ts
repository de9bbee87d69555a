// UrlFetchApp fake: real synchronous HTTP to a service hosted in a worker thread (the fake blocks this
// thread, so the service cannot live here), with Apps Script's defaults, limits and error texts.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppsScriptFakes } from './apps-script/index.js';
import { startServerInWorker, type WorkerServer } from './apps-script/serve-in-worker.js';

const echoModule = new URL('./url-fetch-echo-service.ts', import.meta.url);

let server: WorkerServer;
beforeAll(async () => {
  server = await startServerInWorker(echoModule, 'createEchoApp', ['hello from the worker']);
});
afterAll(async () => {
  await server?.close();
});

const decode = (text: string) => JSON.parse(text) as { method: string; headers: Record<string, string>; bodyBase64: string; greeting: string; query: Record<string, string> };

describe('UrlFetchApp fake', () => {
  it('makes a real GET and returns an HTTPResponse', () => {
    const fakes = createAppsScriptFakes();
    const response = fakes.globals.UrlFetchApp.fetch(`${server.url}/echo?x=1`);
    expect(response.getResponseCode()).toBe(200);
    const echoed = decode(response.getContentText());
    expect(echoed).toMatchObject({ greeting: 'hello from the worker', method: 'GET', query: { x: '1' } });
    expect(echoed.headers['user-agent']).toContain('Google-Apps-Script');
    // Header names keep the server's own spelling, as in Apps Script.
    expect(response.getHeaders()).toMatchObject({ 'Content-Type': 'application/json' });
    expect(fakes.count('UrlFetchApp.fetch')).toBe(1);
    expect(fakes.urlFetch.requests).toEqual([
      expect.objectContaining({ url: `${server.url}/echo?x=1`, method: 'GET', payloadBytes: 0, outcome: 200 }),
    ]);
  });

  it('reaches an https host through its TLS front, and holds the script to the manifest\'s urlFetchWhitelist', () => {
    const fakes = createAppsScriptFakes({
      tlsFront: { 'desk.example.gov': server.url },
      urlFetchWhitelist: ['https://desk.example.gov/echo', 'https://*.example.org/'],
    });
    const { UrlFetchApp } = fakes.globals;
    expect(UrlFetchApp.fetch('https://desk.example.gov/echo?x=2').getResponseCode()).toBe(200);
    expect(fakes.urlFetch.requests.at(-1)).toMatchObject({ url: 'https://desk.example.gov/echo?x=2', outcome: 200 });
    expect(() => UrlFetchApp.fetch('https://desk.example.gov/echoes')).toThrow(/not in the add-on's urlFetchWhitelist/);
    expect(() => UrlFetchApp.fetch('https://other.example.gov/echo')).toThrow(/urlFetchWhitelist/);
    // Allowed by a wildcard prefix, but no front serves it: an unknown host, and it never leaves the machine.
    expect(() => UrlFetchApp.fetch('https://a.example.org/x')).toThrow(/^DNS error: https:\/\/a\.example\.org\/x/);
  });

  it('sends string, byte and form payloads with Apps Script content types', () => {
    const { UrlFetchApp } = createAppsScriptFakes().globals;
    const json = decode(
      UrlFetchApp.fetch(`${server.url}/echo`, {
        method: 'post',
        contentType: 'application/json',
        payload: JSON.stringify({ table: 'requests', rows: ['é'] }),
        headers: { Authorization: 'Bearer t0k3n' },
      }).getContentText(),
    );
    expect(json.method).toBe('POST');
    expect(json.headers['content-type']).toBe('application/json');
    expect(json.headers.authorization).toBe('Bearer t0k3n');
    expect(Buffer.from(json.bodyBase64, 'base64').toString('utf8')).toBe('{"table":"requests","rows":["é"]}');

    const bytes = decode(UrlFetchApp.fetch(`${server.url}/echo`, { method: 'put', payload: [-1, 0, 65] }).getContentText());
    expect([...Buffer.from(bytes.bodyBase64, 'base64')]).toEqual([255, 0, 65]);
    expect(bytes.headers['content-type']).toBe('application/x-www-form-urlencoded');

    const form = decode(UrlFetchApp.fetch(`${server.url}/echo`, { method: 'post', payload: { a: 'x y', b: '1&2' } }).getContentText());
    expect(Buffer.from(form.bodyBase64, 'base64').toString()).toBe('a=x%20y&b=1%262');
  });

  it('throws Apps Script\'s error for a status >= 400 unless muteHttpExceptions is set', () => {
    const { UrlFetchApp } = createAppsScriptFakes().globals;
    let thrown: unknown;
    try {
      UrlFetchApp.fetch(`${server.url}/status/500`);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    expect((thrown as Error).name).toBe('Exception');
    expect((thrown as Error).message).toBe(
      `Request failed for ${server.url} returned code 500. Truncated server response: status body ${'x'.repeat(188)} ` +
        '(use muteHttpExceptions option to examine full response)',
    );
    const muted = UrlFetchApp.fetch(`${server.url}/status/404`, { muteHttpExceptions: true });
    expect(muted.getResponseCode()).toBe(404);
    expect(muted.getContentText()).toBe(`status body ${'x'.repeat(300)}`);
  });

  it('follows redirects unless told not to', () => {
    const { UrlFetchApp } = createAppsScriptFakes().globals;
    expect(decode(UrlFetchApp.fetch(`${server.url}/redirect`).getContentText()).query).toEqual({ from: 'redirect' });
    const raw = UrlFetchApp.fetch(`${server.url}/redirect`, { followRedirects: false });
    expect(raw.getResponseCode()).toBe(302);
    expect(raw.getHeaders()).toMatchObject({ location: '/echo?from=redirect' });
  });

  it('returns signed bytes and multi-valued headers like the real HTTPResponse', () => {
    const { UrlFetchApp } = createAppsScriptFakes().globals;
    const response = UrlFetchApp.fetch(`${server.url}/bytes`);
    expect(response.getBlob().getBytes()).toEqual([0, 127, -128, -1]);
    expect(response.getContent()).toEqual([0, 127, -128, -1]);
    expect(response.getBlob().getContentType()).toBe('application/octet-stream');
    const cookies = UrlFetchApp.fetch(`${server.url}/cookies`);
    expect(cookies.getAllHeaders()).toMatchObject({ 'set-cookie': ['a=1', 'b=2'] });
    expect(cookies.getHeaders()).toMatchObject({ 'set-cookie': 'b=2' });
  });

  it('runs fetchAll requests together and counts them', () => {
    const fakes = createAppsScriptFakes();
    const responses = fakes.globals.UrlFetchApp.fetchAll([
      `${server.url}/echo?n=1`,
      { url: `${server.url}/echo?n=2`, method: 'post', payload: 'two' },
      { url: `${server.url}/status/503`, muteHttpExceptions: true },
    ]);
    expect(responses.map((r) => r.getResponseCode())).toEqual([200, 200, 503]);
    expect(decode(responses[1].getContentText()).method).toBe('POST');
    expect(fakes.count('UrlFetchApp.fetchAll')).toBe(1);
    expect(fakes.urlFetch.requests).toHaveLength(3);
  });

  it('refuses any host but loopback, before sending anything', async () => {
    const fakes = createAppsScriptFakes();
    const before = await server.invoke<number>('requestsReceived');
    for (const url of ['https://graph.microsoft.com/v1.0/me', 'http://10.0.0.1/', 'http://example.com/echo']) {
      expect(() => fakes.globals.UrlFetchApp.fetch(url)).toThrow(/refused/);
    }
    expect(fakes.urlFetch.requests).toHaveLength(0);
    expect(await server.invoke<number>('requestsReceived')).toBe(before);
  });

  it('enforces the 50 MB payload and 2 KB URL limits', () => {
    const { UrlFetchApp } = createAppsScriptFakes().globals;
    const tooBig = 'x'.repeat(50 * 1024 * 1024 + 1);
    expect(() => UrlFetchApp.fetch(`${server.url}/echo`, { method: 'post', payload: tooBig })).toThrow(
      'Limit Exceeded: URLFetch POST Size.',
    );
    expect(() => UrlFetchApp.fetch(`${server.url}/echo?q=${'a'.repeat(2100)}`)).toThrow('Limit Exceeded: URLFetch URL Length.');
  });

  it('enforces the daily call quota', () => {
    const fakes = createAppsScriptFakes({ urlFetchDailyQuota: 2 });
    fakes.globals.UrlFetchApp.fetch(`${server.url}/echo`);
    fakes.globals.UrlFetchApp.fetch(`${server.url}/echo`);
    expect(() => fakes.globals.UrlFetchApp.fetch(`${server.url}/echo`)).toThrow('Service invoked too many times for one day: urlfetch.');
  });

  it('reports a closed port as an unavailable address', async () => {
    const other = await startServerInWorker(echoModule, 'createPlainListener');
    const { UrlFetchApp } = createAppsScriptFakes().globals;
    expect(UrlFetchApp.fetch(other.url).getContentText()).toBe('plain listener');
    await other.close();
    expect(() => UrlFetchApp.fetch(`${other.url}/gone`)).toThrow(`Address unavailable: ${other.url}/gone`);
  });

  it('times out, naming the cause, when the server shares the blocked thread', async () => {
    const local = http.createServer((_req, res) => res.end('never seen'));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    const { port } = local.address() as AddressInfo;
    try {
      const { UrlFetchApp } = createAppsScriptFakes({ fetchTimeoutMs: 300 }).globals;
      expect(() => UrlFetchApp.fetch(`http://127.0.0.1:${port}/`)).toThrow(
        new RegExp(`^Timeout: http://127.0.0.1:${port}/ .*startServerInWorker`),
      );
    } finally {
      local.closeAllConnections();
      await new Promise((resolve) => local.close(resolve));
    }
  });

  it('is not allowed where Apps Script forbids it', () => {
    const fakes = createAppsScriptFakes();
    fakes.setAuthMode('LIMITED');
    expect(() => fakes.globals.UrlFetchApp.fetch(`${server.url}/echo`)).toThrow(
      'You do not have permission to call UrlFetchApp.fetch. Required permissions: https://www.googleapis.com/auth/script.external_request',
    );
    fakes.setAuthMode('CUSTOM_FUNCTION');
    expect(fakes.globals.UrlFetchApp.fetch(`${server.url}/echo`).getResponseCode()).toBe(200);
  });
});
