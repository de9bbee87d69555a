// What staff read when Settings holds a link that is not the service's address, or the service refuses a call: plain
// words and the way to fix it, never an HTTP verb, a route or a status code.
import { describe, expect, test } from 'vitest';
import { checkServiceUrl } from '../../../addon/core/service-url';
import { openApiDocument } from '../../../sync/api/openapi';
import { callJson, request } from '../../../addon/core/service-client';
import { runSync } from '../../../addon/core/task';
import type { HttpPort, HttpResponse } from '../../../addon/port/host-ports';

describe('the service URL Settings takes', () => {
  test("a link to one of the service's own pages is cut back to the service's address", () => {
    for (const link of ['https://qa.example.gov/intake/frm_x', 'https://qa.example.gov/docs', 'https://qa.example.gov/dashboard?token=abc', 'https://qa.example.gov/feedback/fb_1', 'https://qa.example.gov/requests/eqd_x', 'https://qa.example.gov/addin/excel/taskpane.html', 'https://qa.example.gov/api/v1/outbox', 'https://qa.example.gov/openapi.json']) {
      expect(checkServiceUrl(link, []), link).toBe('https://qa.example.gov');
    }
    // A service hosted under a path keeps it; only the page after it goes.
    expect(checkServiceUrl('https://city.example.org/equity/intake/frm_x', [])).toBe('https://city.example.org/equity');
    expect(checkServiceUrl('https://city.example.org/equity', [])).toBe('https://city.example.org/equity');
    // A path of the host's own named api (a gateway's /api/equity-desk) is no page of the service: only /api/v1 is.
    expect(checkServiceUrl('https://apps.city.example.gov/api/equity-desk', [])).toBe('https://apps.city.example.gov/api/equity-desk');
    expect(checkServiceUrl('https://apps.city.example.gov/api/equity-desk/dashboard', [])).toBe('https://apps.city.example.gov/api/equity-desk');
    expect(checkServiceUrl('https://apps.city.example.gov/api/equity-desk/api/v1/metrics', [])).toBe('https://apps.city.example.gov/api/equity-desk');
  });

  test("every page the service's API document lists is one the add-on cuts back, so a new route cannot be saved as the address", () => {
    const paths = Object.keys((openApiDocument() as { paths: Record<string, unknown> }).paths);
    expect(paths.length).toBeGreaterThan(10);
    for (const page of paths) {
      const link = `https://qa.example.gov${page.replace(/\{[^}]+\}/g, 'x1')}`;
      expect(checkServiceUrl(link, []), link).toBe('https://qa.example.gov');
    }
  });

  test('a host typed alone gets https://', () => {
    expect(checkServiceUrl('qa.example.gov', [])).toBe('https://qa.example.gov');
    expect(checkServiceUrl(' qa.example.gov/intake/frm_x ', [])).toBe('https://qa.example.gov');
    expect(() => checkServiceUrl('equity desk', [])).toThrow(/is not a service URL/);
  });
});

const CONN = { serviceUrl: 'https://qa.example.gov', token: 'source-token-0123456789abcdef' };
const answering = (response: HttpResponse): HttpPort => ({ fetch: () => response, fetchAll: () => [], sleep: () => undefined });
const failureText = (response: HttpResponse) => {
  try {
    runSync(callJson(answering(response), request(CONN, 'GET', '/api/v1/outbox?table=requests')));
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('the call did not fail');
};
const HTTP_WORDS = /\b(GET|POST)\b|\/api\/|\(\d{3}\)|\b[45]\d\d\b/;

describe('service errors as staff read them', () => {
  test('a revoked token says so and what to do, in plain words', () => {
    const text = failureText({ status: 401, body: JSON.stringify({ error: { code: 'unauthorized', message: 'unknown or revoked token' } }), headers: {} });
    expect(text).toMatch(/did not accept the source token.*revoked.*Ask your administrator for a new one and enter it in Settings/);
    expect(text).not.toMatch(HTTP_WORDS);
  });

  test('an address that is not the service (no such route) sends the user to the service URL in Settings', () => {
    const text = failureText({ status: 404, body: JSON.stringify({ error: { code: 'not_found', message: 'no route GET /intake/frm_x/api/v1/outbox; see /docs' } }), headers: {} });
    expect(text).toMatch(/https:\/\/qa\.example\.gov .*Check the service URL in Settings/);
    expect(text).not.toMatch(HTTP_WORDS);
  });

  test('a refusal keeps the service\'s own reason, without the verb, route or status', () => {
    const text = failureText({ status: 400, body: JSON.stringify({ error: { code: 'invalid_body', message: 'rows.0.values: bad' } }), headers: {} });
    expect(text).toContain('rows.0.values: bad');
    expect(text).not.toMatch(HTTP_WORDS);
  });

  test('a host that does not answer, and a page that is not the service, say so without the request', () => {
    expect(failureText({ status: 0, body: 'DNS error: https://nope.example.gov/api/v1/outbox', headers: {} })).toMatch(/^Could not reach the Equity Desk service at https:\/\/qa\.example\.gov\. Check the service URL in Settings\.$/);
    const page = failureText({ status: 200, body: '<html>', headers: {} });
    expect(page).toMatch(/Check the service URL in Settings/);
    expect(page).not.toMatch(HTTP_WORDS);
  });
});
