// `form add --source ID [--title T]`, `form list`, `form remove ID` on both backends: the URL printed is the
// one the service answers at, a removed form says so, and bad input is one line with a non-zero exit.
import { afterAll, describe, expect, test } from 'vitest';
import { storeBackends } from '../../support/store-backends';
import { runOn as cli } from './cli-process';
import { requestSubmitter } from '../../../sync/intake/submit-request';
import { tempFolder, writeWorkbook } from '../ingest/workbook-files';

const backends = storeBackends('cli_form');
const files = tempFolder('cli-form');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});


describe.each(backends)('form commands on $name', (backend) => {
  test('add prints the public URL, list shows it, remove closes it', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission TA log', sourceKind: 'google-sheets' });
    await store.close();

    const added = await cli(backend, ['form', 'add', '--source', principal.id, '--title', 'Ask the Commission'], { EQUITY_DESK_PUBLIC_URL: 'https://equity.example.gov/' });
    expect(added.code, added.stderr).toBe(0);
    const url = /url: (\S+)/.exec(added.stdout)![1];
    const id = /id:\s+(frm_\S+)/.exec(added.stdout)![1];
    expect(url).toBe(`https://equity.example.gov/intake/${id}`);
    expect(added.stdout).toContain('"Ask the Commission" for Commission TA log');

    const listed = await cli(backend, ['form', 'list']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`${id}  open  "Ask the Commission"  source: Commission TA log \\(${principal.id}\\)  http://127\\.0\\.0\\.1:8787/intake/${id}`));

    expect((await cli(backend, ['form', 'remove', id])).code).toBe(0);
    expect((await cli(backend, ['form', 'list'])).stdout).toMatch(new RegExp(`${id}  removed \\d{4}-\\d\\d-\\d\\d`));
    const again = await cli(backend, ['form', 'remove', id]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim()).toMatch(/^.*no open intake form/);

    const check = await backend.open();
    expect((await check.getForm(id))?.removedAt).toBeInstanceOf(Date);
    await check.close();
  });

  test('a service on another port: --port, as serve was given it, makes the address printed, and the usage names it', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'file' });
    await store.close();
    const added = await cli(backend, ['form', 'add', '--source', principal.id, '--port', '8931']);
    expect(added.code, added.stderr).toBe(0);
    const id = /id:\s+(frm_\S+)/.exec(added.stdout)![1];
    expect(/url: (\S+)/.exec(added.stdout)![1]).toBe(`http://127.0.0.1:8931/intake/${id}`);
    const help = await cli(backend, ['form', '--help']);
    expect(help.stdout.split('\n')[0]).toMatch(/form add --source ID \[--title T\] \|.*\[--port N\]/);
  });

  test("a file source's office is told how web-form requests reach its workbook, and each import lists those it lacks", async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'County TA log', sourceKind: 'file' });
    await store.close();
    const added = await cli(backend, ['form', 'add', '--source', principal.id]);
    expect(added.stdout).toContain('This source is a file, which no sync writes into: `import` lists the requests its workbook does not show yet');
    const id = /id:\s+(frm_\S+)/.exec(added.stdout)![1];
    const open = await backend.open();
    const at = new Date('2026-03-25T10:00:00Z');
    const sent = await requestSubmitter({ store: open, clock: () => at, dailyCap: 5, timeZone: 'UTC' })((await open.getForm(id))!, { requesterOrg: 'City of Eureka', contactName: 'A. Person', contactEmail: 'a@example.org', description: 'Budget equity tool help' });
    await open.close();
    expect(sent).toMatchObject({ kind: 'stored', requestId: 'TA-2026-0001' });
    const book = await writeWorkbook(files.path(), [{ name: 'Requests', rows: [['Request ID', 'Organization', 'Date received'], ['TA-2025-0117', 'Kern County', '12/2/2025']] }]);
    const imported = await cli(backend, ['import', book, '--source', principal.id]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain('1 request from the web form is not in this workbook yet: TA-2026-0001 (City of Eureka, received 2026-03-25). They are counted already; type them in under these numbers');
  });

  test.each([
    [['form'], /missing the action/],
    [['form', 'open'], /unknown action "open"/],
    [['form', 'add'], /missing --source ID/],
    [['form', 'add', '--source', 'src_nope'], /--source: src_nope is not a registered source/],
    [['form', 'add', '--source', 'x', '--title', ' '], /--title must be 1 to 120 characters/],
    // Refused as the API refuses it: a requester would read the title as a box, or turned around.
    [['form', 'add', '--source', 'x', '--title', 'Ask\u0007us'], /--title: title .*(character|control)/],
    [['form', 'add', '--source', 'x', '--title', 'Ask \u202Eus'], /--title: title .*direction/],
    [['form', 'remove'], /usage: npx equity-desk form remove ID/],
  ])('%j fails in one line', async (args, message) => {
    const run = await cli(backend, args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
