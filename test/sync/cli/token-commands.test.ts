// `source list|revoke|rotate` and `reviewer add|list|revoke|rotate` on both databases: tokens managed from
// the server's shell, effective at once for the service reading the same database.
import { afterAll, describe, expect, test } from 'vitest';
import { runCli } from '../../../sync/cli/main';
import { storeBackends, type Backend } from '../../support/store-backends';
import { cleanEnv } from './cli-process';

const backends = storeBackends('cli_tokens');
afterAll(() => Promise.all(backends.map((b) => b.cleanup())));

function cli(b: Backend) {
  const args = 'dataDir' in b.location ? ['--data', b.location.dataDir] : [];
  const env: Record<string, string> = 'dataDir' in b.location ? {} : { DATABASE_URL: b.location.databaseUrl, DATABASE_SCHEMA: b.location.schema };
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
