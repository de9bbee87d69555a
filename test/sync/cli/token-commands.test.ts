// `source list|revoke|rotate` and `reviewer add|list|revoke|rotate` on both databases: tokens managed from
// the server's shell, effective at once for the service reading the same database.
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../../../sync/cli/main';
import { storeBackends, type Backend } from '../../support/store-backends';
import { cleanEnv } from './cli-process';

const backends = storeBackends('cli_tokens');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

function cli(b: Backend, extraEnv: Record<string, string> = {}) {
  const args = 'dataDir' in b.location ? ['--data', b.location.dataDir] : [];
  const env: Record<string, string> = { ...('dataDir' in b.location ? {} : { DATABASE_URL: b.location.databaseUrl, DATABASE_SCHEMA: b.location.schema }), ...extraEnv };
  return async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli([...argv, ...args], { out: (t) => (stdout += `${t}\n`), err: (t) => (stderr += `${t}\n`), env: cleanEnv(env) });
    return { code, stdout, stderr };
  };
}

const field = (text: string, name: string) => new RegExp(`${name}: +(\\S+)`).exec(text)?.[1];

describe.each(backends)('token commands on $name', (backend) => {
  test('list shows state and never tokens; revoke and rotate act at once', async () => {
    const run = cli(backend);
    const added = await run('source', 'add', 'City', 'of', 'Riverside', '--kind', 'excel');
    const [id, token] = [field(added.stdout, 'id')!, field(added.stdout, 'token')!];
    expect(added.stdout).toContain("paste it into the sheet's Equity Desk settings");
    const reviewer = await run('reviewer', 'add', 'Equity committee');
    expect(reviewer.code, reviewer.stderr).toBe(0);
    const [reviewerId, reviewerToken] = [field(reviewer.stdout, 'id')!, field(reviewer.stdout, 'token')!];
    const store = await backend.open();
    expect(await store.authenticate(reviewerToken)).toMatchObject({ id: reviewerId, kind: 'reviewer' });

    const list = await run('source', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(new RegExp(`^ID +STATE +KIND +CREATED +NAME\\n${id} +active +excel +\\d{4}-\\d\\d-\\d\\d +City of Riverside\\n$`));
    expect(list.stdout).not.toContain(token);

    const rotated = await run('source', 'rotate', id);
    expect(rotated.code, rotated.stderr).toBe(0);
    const fresh = field(rotated.stdout, 'token')!;
    expect(await store.authenticate(token)).toBeNull();
    expect(await store.authenticate(fresh)).toMatchObject({ id });

    const revoked = await run('source', 'revoke', id);
    expect(revoked.stdout).toContain(`Revoked source ${id}`);
    expect(await store.authenticate(fresh)).toBeNull();
    expect((await run('source', 'list')).stdout).toMatch(new RegExp(`${id} +revoked \\d{4}-\\d\\d-\\d\\d`));

    expect((await run('reviewer', 'list')).stdout).toContain('Equity committee');
    await run('reviewer', 'revoke', reviewerId);
    expect(await store.authenticate(reviewerToken)).toBeNull();

    // The wrong kind, or an unknown id: one line, exit 1.
    for (const argv of [['source', 'revoke', reviewerId], ['reviewer', 'rotate', 'rev_nope']]) {
      const r = await run(...argv);
      expect(r.code).toBe(1);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/no (source|reviewer) \S+; see `npx equity-desk (source|reviewer) list`/);
    }
  });

  test('reviewer add prints the dashboard link with its host and port, found as form add finds the form\'s', async () => {
    const dashboard = (stdout: string) => field(stdout, 'dashboard');
    const plain = await cli(backend)('reviewer', 'add', 'Finance committee');
    expect(plain.code, plain.stderr).toBe(0);
    expect(dashboard(plain.stdout)).toBe(`http://127.0.0.1:8787/dashboard?access_token=${field(plain.stdout, 'token')}`);
    const moved = await cli(backend)('reviewer', 'add', 'Budget office', '--port', '8931', '--host', '0.0.0.0');
    expect(dashboard(moved.stdout)).toBe(`http://127.0.0.1:8931/dashboard?access_token=${field(moved.stdout, 'token')}`);
    const published = await cli(backend, { EQUITY_DESK_PUBLIC_URL: 'https://equity.example.gov/' })('reviewer', 'add', 'Community partners');
    expect(dashboard(published.stdout)).toBe(`https://equity.example.gov/dashboard?access_token=${field(published.stdout, 'token')}`);
    // A rotated reviewer token replaces the link too: the old one stopped working.
    const id = field(published.stdout, 'id')!;
    const rotated = await cli(backend, { EQUITY_DESK_PUBLIC_URL: 'https://equity.example.gov' })('reviewer', 'rotate', id);
    expect(dashboard(rotated.stdout)).toBe(`https://equity.example.gov/dashboard?access_token=${field(rotated.stdout, 'token')}`);
  });

  test('a file source is told the import command to use, on the storage it was added to, not to paste its token into an add-on', async () => {
    const added = await cli(backend)('source', 'add', 'Association roadmap', '--kind', 'file');
    expect(added.code, added.stderr).toBe(0);
    const id = field(added.stdout, 'id')!;
    // With --data the command names it, or the import would go to ./data; a database comes from DATABASE_URL.
    const storage = 'dataDir' in backend.location ? ` --data ${backend.location.dataDir}` : '';
    expect(added.stdout).toContain(`npx equity-desk import FILE.xlsx --source ${id}${storage}\n`);
    expect(added.stdout).not.toMatch(/paste|add-on|settings/);
  });
});
