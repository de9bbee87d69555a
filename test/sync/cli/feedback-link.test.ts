// `feedback-link --source ID REQUEST-ID` on both backends: a file source's office, which has no sidebar, gets the
// survey link of a request it imported by the Request ID its workbook shows, at the address `form add` prints.
import { afterAll, describe, expect, test } from 'vitest';
import { linkState } from '../../../sync/intake/feedback';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook } from '../ingest/workbook-files';
import { runOn as cli } from './cli-process';

const backends = storeBackends('cli_feedback_link');
const files = tempFolder('cli-feedback-link');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});


describe.each(backends)('feedback-link on $name', (backend) => {
  test("prints the survey link of an imported request named by its Request ID, at the form's address; says why when there is none", async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission TA log', sourceKind: 'file' });
    await store.close();
    const book = await writeWorkbook(files.path(), [{ name: 'Requests', rows: [
      ['Request ID', 'Organization', 'Date received', 'Status', 'Date fulfilled'],
      ['TA-2026-0183', 'City of Lakeview', '10/1/2026', 'Fulfilled', '11/1/2026'],
      ['TA-2026-0184', 'Kern County', '10/2/2026', 'In progress', ''],
    ] }]);
    expect((await cli(backend, ['import', book, '--source', principal.id])).code).toBe(0);

    const made = await cli(backend, ['feedback-link', '--source', principal.id, 'TA-2026-0183', '--port', '8931']);
    expect(made.code, made.stderr).toBe(0);
    const url = /https?:\/\/\S+/.exec(made.stdout)![0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8931\/feedback\/eqd_[A-Za-z0-9_-]{43}$/);
    // Named as the office's workbook names it; the service's own row id (`Requests:TA-2026-0183`) means nothing there.
    expect(made.stdout.split('\n')[0]).toBe('Feedback survey link for TA-2026-0183; send it to the requester:');
    const open = await backend.open();
    const state = await linkState(open, url.split('/').pop()!, new Date());
    await open.close();
    expect(state).toMatchObject({ kind: 'open', link: { sourceId: principal.id, rowId: 'Requests:TA-2026-0183' } });

    const behindProxy = await cli(backend, ['feedback-link', '--source', principal.id, 'TA-2026-0183'], { EQUITY_DESK_PUBLIC_URL: 'https://equity.example.gov/' });
    expect(/https?:\/\/\S+/.exec(behindProxy.stdout)![0]).toMatch(/^https:\/\/equity\.example\.gov\/feedback\/eqd_/);

    const open2 = await cli(backend, ['feedback-link', '--source', principal.id, 'TA-2026-0184']);
    expect(open2.code).toBe(1);
    expect(open2.stderr.trim()).toBe('equity-desk feedback-link: row "TA-2026-0184" is not fulfilled yet: set its status to Fulfilled (or its Fulfilled date) and import the workbook first');
    const missing = await cli(backend, ['feedback-link', '--source', principal.id, 'TA-2026-0999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('equity-desk feedback-link: no request "TA-2026-0999" (by Request ID or row id) among this source\'s requests; import the workbook that holds it first');
  });

  test.each([
    [['feedback-link', 'TA-2026-0001'], /missing --source ID/],
    [['feedback-link', '--source', 'src_x'], /missing the Request ID/],
    [['feedback-link', '--source', 'src_nope', 'TA-2026-0001'], /--source: src_nope is not a registered source/],
  ])('%j fails in one line', async (args, message) => {
    const run = await cli(backend, args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
