// GraphPublisher against the https Graph stand-in: the shared contract, simple and session uploads, tokens, clouds.
import { isErrorType } from '../../../shared/typed-error';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { PublishError } from '../../../sync/publish/publish-error';
import { CHUNK_UNIT, DEFAULT_CHUNK, MAX_CHUNK } from '../../../sync/publish/upload-session';
import { publisherContract } from '../../contracts/publisher.contract';
import { startGraphServer, type GraphServer } from '../../fakes/graph-server';
import { DRIVE, graphPublisher, ofKind, randomish } from './graph-harness';

const GOV_GRAPH = 'graph.microsoft.us';
const GOV_LOGIN = 'login.microsoftonline.us';
const CUSTOM_GRAPH = 'graph.equity-desk.test';

let server: GraphServer;
beforeAll(async () => {
  // Tokens shorter-lived than MSAL's own 5-minute renewal window, so MSAL refetches on every call and only
  // our cache can keep the token count at one.
  server = await startGraphServer({ hostnames: [GOV_GRAPH, GOV_LOGIN, CUSTOM_GRAPH], tokenLifetimeSeconds: 240 });
});
afterAll(() => server.close());
beforeEach(() => server.reset());

publisherContract('GraphPublisher', async () => graphPublisher(server));

describe('GraphPublisher uploads', () => {
  test('a small file goes in one simple PUT carrying the bearer token, replacing on conflict', async () => {
    const { publisher, read, folder } = graphPublisher(server);
    const content = randomish(200_000);
    const result = await publisher.publish('Equity Desk master.xlsx', content);

    expect(result).toMatchObject({ method: 'simple', bytes: 200_000, location: `/drives/${DRIVE}/root:/${folder}/Equity Desk master.xlsx` });
    expect(result.webUrl).toMatch(/^https:\/\//);
    const [put] = ofKind(server, 'simple-upload');
    expect(put.path).toBe(`/v1.0/drives/${DRIVE}/root:/${folder}/Equity%20Desk%20master.xlsx:/content?@microsoft.graph.conflictBehavior=replace`);
    expect(put.headers.authorization).toMatch(/^Bearer stand-in-token-/);
    expect(put.headers['content-type']).toBe('application/octet-stream');
    expect(ofKind(server, 'create-session')).toHaveLength(0);
    expect((await read('Equity Desk master.xlsx'))?.equals(content)).toBe(true);
  });

  test('the token request is client credentials for the Graph resource of the configured cloud', async () => {
    const { publisher } = graphPublisher(server);
    await publisher.publish('m.xlsx', Buffer.from('x'));
    const [token] = ofKind(server, 'token');
    expect(token.path).toMatch(new RegExp(`^/${server.tenantId}/oauth2/v2\\.0/token`));
    expect(token.form).toMatchObject({
      grant_type: 'client_credentials',
      client_id: server.clientId,
      client_secret: server.clientSecret,
      scope: `${server.origin}/.default`,
    });
  });

  test('a 5 MB file goes through an upload session in 320 KiB-multiple ranges and arrives intact', async () => {
    const { publisher, read } = graphPublisher(server);
    const content = randomish(5 * 1024 * 1024);
    const result = await publisher.publish('big.xlsx', content);

    expect(result).toMatchObject({ method: 'upload-session', bytes: content.byteLength });
    expect(ofKind(server, 'simple-upload')).toHaveLength(0);
    const [create] = ofKind(server, 'create-session');
    expect(create.headers.authorization).toMatch(/^Bearer /);
    expect(create.json).toEqual({ item: { '@microsoft.graph.conflictBehavior': 'replace' } });

    const chunks = ofKind(server, 'chunk');
    const ranges = chunks.map((c) => c.range!);
    expect(ranges.map((r) => r.end - r.start + 1)).toEqual([DEFAULT_CHUNK, content.byteLength - DEFAULT_CHUNK]);
    for (const [i, r] of ranges.entries()) {
      const length = r.end - r.start + 1;
      if (i < ranges.length - 1) expect(length % CHUNK_UNIT).toBe(0);
      expect(length).toBeLessThan(MAX_CHUNK);
      expect(r.total).toBe(content.byteLength);
      expect(r.start).toBe(i === 0 ? 0 : ranges[i - 1].end + 1);
    }
    // The upload URL is pre-authorised; a bearer token there is refused by Graph.
    expect(chunks.every((c) => c.headers.authorization === undefined)).toBe(true);
    expect(chunks.map((c) => c.status)).toEqual([202, 201]);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test('a configured chunk size is used for every range but the last', async () => {
    const { publisher, read } = graphPublisher(server, {}, { chunkSize: 2 * CHUNK_UNIT });
    const content = randomish(5 * 1024 * 1024);
    await publisher.publish('big.xlsx', content);
    const lengths = ofKind(server, 'chunk').map((c) => c.range!.end - c.range!.start + 1);
    expect(lengths).toHaveLength(Math.ceil(content.byteLength / (2 * CHUNK_UNIT)));
    expect(lengths.slice(0, -1).every((l) => l === 2 * CHUNK_UNIT)).toBe(true);
    expect((await read('big.xlsx'))?.equals(content)).toBe(true);
  });

  test.each([100_000, 3 * CHUNK_UNIT + 1, 60 * 1024 * 1024])('a chunk size of %i bytes is refused up front', (chunkSize) => {
    let error: unknown;
    try {
      graphPublisher(server, {}, { chunkSize });
    } catch (e) {
      error = e;
    }
    expect(isErrorType(error, PublishError) && error.code).toBe('invalid-settings');
  });

  test.each([
    [{ siteId: 'site-7' }, '/v1.0/sites/site-7/drive/root:/'],
    [{ userId: 'ops@contoso.gov' }, '/v1.0/users/ops%40contoso.gov/drive/root:/'],
  ])('targets a drive addressed by %j', async (target, prefix) => {
    const { publisher } = graphPublisher(server, { driveId: undefined, ...target });
    const result = await publisher.publish('m.xlsx', Buffer.from('x'));
    expect(ofKind(server, 'simple-upload')[0].path.startsWith(prefix)).toBe(true);
    expect(result.location.startsWith(prefix.slice('/v1.0'.length))).toBe(true);
  });
});

describe('GraphPublisher tokens and clouds', () => {
  test('fetches one token and reuses it across requests and publishes', async () => {
    const { publisher } = graphPublisher(server);
    await publisher.publish('a.xlsx', Buffer.from('a'));
    await publisher.publish('b.xlsx', randomish(5 * 1024 * 1024));
    await publisher.publish('c.xlsx', Buffer.from('c'));
    expect(ofKind(server, 'token')).toHaveLength(1);
    const graphCalls = server.requests.filter((r) => r.kind === 'simple-upload' || r.kind === 'create-session');
    expect(graphCalls).toHaveLength(3);
    expect(new Set(graphCalls.map((r) => r.headers.authorization)).size).toBe(1);
  });

  test('works against a US government cloud base URL and authority host', async () => {
    const { publisher, read } = graphPublisher(server, {
      baseUrl: server.urlFor(GOV_GRAPH),
      authorityHost: server.urlFor(GOV_LOGIN),
    });
    await publisher.publish('gov.xlsx', Buffer.from('gov'));
    const [token] = ofKind(server, 'token');
    expect(token.headers.host).toBe(`${GOV_LOGIN}:${server.port}`);
    expect(token.form?.scope).toBe(`${server.urlFor(GOV_GRAPH)}/.default`);
    const [put] = ofKind(server, 'simple-upload');
    expect(put.headers.host).toBe(`${GOV_GRAPH}:${server.port}`);
    expect(put.headers.authorization).toMatch(/^Bearer /);
    expect((await read('gov.xlsx'))?.toString()).toBe('gov');
  });

  test('sends the token to a configured host the Graph client does not know (customHosts)', async () => {
    const { publisher, read } = graphPublisher(server, { baseUrl: server.urlFor(CUSTOM_GRAPH) });
    await publisher.publish('custom.xlsx', randomish(5 * 1024 * 1024));
    const [create] = ofKind(server, 'create-session');
    expect(create.headers.host).toBe(`${CUSTOM_GRAPH}:${server.port}`);
    expect(create.headers.authorization).toMatch(/^Bearer /);
    expect((await read('custom.xlsx'))?.byteLength).toBe(5 * 1024 * 1024);
  });

  test('a wrong client secret fails as auth-failed with the identity platform reason, before any upload', async () => {
    const { publisher } = graphPublisher(server, { clientSecret: 'wrong' });
    const error = await publisher.publish('m.xlsx', Buffer.from('x')).then(() => undefined, (e: unknown) => e);
    expect(isErrorType(error, PublishError) && error.code).toBe('auth-failed');
    expect((error as Error).message).toContain('AADSTS7000215');
    expect(server.requests.filter((r) => r.kind === 'simple-upload' || r.kind === 'create-session')).toHaveLength(0);
  });
});
