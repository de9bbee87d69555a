// A wrong client secret, as the operator sees it: one line (the identity platform's reason and correlation id) in
// the CLI and in the schedule log; the trace id and timestamps the identity platform adds only with --verbose.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startPublishSchedule } from '../../../sync/publish/publish-schedule';
import { startGraphServer, type GraphServer } from '../../fakes/graph-server';
import { runCli } from '../cli/cli-process';
import { graphPublisher, ofKind } from './graph-harness';

const REASON = /AADSTS7000215: Invalid client secret provided\. Ensure the secret being sent in the request is the client secret value, not the client secret ID, for a secret added to app '[^']+'\./;

let server: GraphServer;
let dir: string;
beforeAll(async () => {
  server = await startGraphServer();
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-auth-'));
  await writeFile(join(dir, 'ca.pem'), server.ca);
});
afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The correlation id the stand-in put in its last token answer, as Microsoft support would ask for it. */
const lastCorrelationId = () => {
  const tokens = ofKind(server, 'token');
  return tokens.at(-1)?.correlationId;
};

describe('the CLI', () => {
  const publish = (...flags: string[]) => runCli(['publish', '--data', join(dir, 'data'), ...flags], {
    env: {
      NODE_EXTRA_CA_CERTS: join(dir, 'ca.pem'),
      EQUITY_DESK_GRAPH_TENANT_ID: server.tenantId,
      EQUITY_DESK_GRAPH_CLIENT_ID: server.clientId,
      EQUITY_DESK_GRAPH_CLIENT_SECRET: 'wrong-secret',
      EQUITY_DESK_GRAPH_DRIVE_ID: 'drive-auth',
      EQUITY_DESK_GRAPH_BASE_URL: server.origin,
      EQUITY_DESK_GRAPH_AUTHORITY_HOST: server.origin,
    },
  });

  test('prints one line with the reason and the correlation id, and exits 1', async () => {
    const run = await publish();
    expect(run.code).toBe(1);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^equity-desk publish: publishing failed \(auth-failed\): Could not get a Graph token for \S+: invalid_client: /);
    expect(lines[0]).toMatch(REASON);
    expect(lines[0]).toMatch(new RegExp(`\\(correlation id ${lastCorrelationId()}\\)$`));
    expect(run.stderr).not.toMatch(/Trace ID|\r/);
  }, 60_000);

  test('with --verbose, the same line and then the identity platform answer in full', async () => {
    const run = await publish('--verbose');
    expect(run.code).toBe(1);
    const [first, ...rest] = run.stderr.trimEnd().split('\n');
    expect(first).toMatch(REASON);
    expect(rest.join('\n')).toMatch(/Trace ID: [\w-]+/);
    expect(rest.join('\n')).toContain(`Correlation ID: ${lastCorrelationId()}`);
  }, 60_000);
});

describe('the schedule log', () => {
  async function oneRun(verbose: boolean) {
    const { publisher } = graphPublisher(server, { clientSecret: 'wrong-secret' });
    const err: string[] = [];
    const schedule = startPublishSchedule({
      everyMs: 60_000,
      publish: async () => ({ name: 'm.xlsx', bytes: 1, result: await publisher.publish('m.xlsx', Buffer.from('x')) }),
      log: { out: () => {}, err: (t) => err.push(t) },
      verbose,
    });
    for (const deadline = Date.now() + 20_000; err.length === 0 && Date.now() < deadline;) await sleep(20);
    await schedule.stop();
    return err;
  }

  test('logs a refused token as one line with the correlation id', async () => {
    const err = await oneRun(false);
    expect(err).toHaveLength(1);
    expect(err[0]).not.toMatch(/[\r\n]|Trace ID/);
    expect(err[0]).toMatch(/^Scheduled publishing failed \(auth-failed\): Could not get a Graph token for \S+: invalid_client: AADSTS7000215: /);
    expect(err[0]).toMatch(new RegExp(`\\(correlation id ${lastCorrelationId()}\\)\\. Next try at `));
  });

  test('logs the full answer after that line when verbose', async () => {
    const err = await oneRun(true);
    expect(err).toHaveLength(2);
    expect(err[0]).toMatch(REASON);
    expect(err[1]).toMatch(/Trace ID: [\w-]+/);
  });
});
