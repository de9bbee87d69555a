// `feedback-link` and `status-link --source ID REQUEST-ID` on both backends: a file source's office, which has no
// sidebar, gets the survey link or the status link of a request it imported by the Request ID its workbook shows, at
// the address `form add` prints.
import { afterAll, describe, expect, test } from 'vitest';
import { linkState } from '../../../sync/intake/feedback';
import { requestStanding } from '../../../sync/intake/status-link';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook, type Grid } from '../ingest/workbook-files';
import { runOn as cli } from './cli-process';

const backends = storeBackends('cli_requester_link');
const files = tempFolder('cli-requester-link');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});


describe.each(backends)('requester links on $name', (backend) => {
  /** A file source that imported a workbook whose Requests sheet holds `rows`: its id. */
  async function importedSource(rows: Grid): Promise<string> {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Commission TA log', sourceKind: 'file' });
    await store.close();
    const book = await writeWorkbook(files.path(), [{ name: 'Requests', rows }]);
    expect((await cli(backend, ['import', book, '--source', principal.id])).code).toBe(0);
    return principal.id;
  }

  test("prints the survey link of an imported request named by its Request ID, at the form's address; says why when there is none", async () => {
    const sourceId = await importedSource([
      ['Request ID', 'Organization', 'Date received', 'Status', 'Date fulfilled'],
      ['TA-2026-0183', 'City of Lakeview', '10/1/2026', 'Fulfilled', '11/1/2026'],
      ['TA-2026-0184', 'Kern County', '10/2/2026', 'In progress', ''],
    ]);

    const made = await cli(backend, ['feedback-link', '--source', sourceId, 'TA-2026-0183', '--port', '8931']);
    expect(made.code, made.stderr).toBe(0);
    const url = /https?:\/\/\S+/.exec(made.stdout)![0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8931\/feedback\/eqd_[A-Za-z0-9_-]{43}$/);
    // Named as the office's workbook names it; the service's own row id (`Requests:TA-2026-0183`) means nothing there.
    expect(made.stdout.split('\n')[0]).toBe('Feedback survey link for TA-2026-0183; send it to the requester:');
    const open = await backend.open();
    const state = await linkState(open, url.split('/').pop()!, new Date());
    await open.close();
    expect(state).toMatchObject({ kind: 'open', link: { sourceId, rowId: 'Requests:TA-2026-0183' } });

    const behindProxy = await cli(backend, ['feedback-link', '--source', sourceId, 'TA-2026-0183'], { EQUITY_DESK_PUBLIC_URL: 'https://equity.example.gov/' });
    expect(/https?:\/\/\S+/.exec(behindProxy.stdout)![0]).toMatch(/^https:\/\/equity\.example\.gov\/feedback\/eqd_/);

    const open2 = await cli(backend, ['feedback-link', '--source', sourceId, 'TA-2026-0184']);
    expect(open2.code).toBe(1);
    expect(open2.stderr.trim()).toBe('equity-desk feedback-link: row "TA-2026-0184" is not fulfilled yet: set its status to Fulfilled (or its Fulfilled date) and import the workbook first');
    const missing = await cli(backend, ['feedback-link', '--source', sourceId, 'TA-2026-0999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('equity-desk feedback-link: no request "TA-2026-0999" (by Request ID or row id) among this source\'s requests; import the workbook that holds it first');
  });

  test('status-link prints the status link of an imported request, open or not, whose page shows where it stands', async () => {
    const sourceId = await importedSource([
      ['Request ID', 'Organization', 'Date received', 'Channel', 'Status'],
      ['TA-2026-0184', 'Kern County', '10/2/2026', 'Phone', 'In progress'],
    ]);

    const made = await cli(backend, ['status-link', '--source', sourceId, 'TA-2026-0184', '--port', '8931']);
    expect(made.code, made.stderr).toBe(0);
    expect(made.stdout.split('\n')[0]).toBe('Status link for TA-2026-0184; send it to the requester:');
    const url = /https?:\/\/\S+/.exec(made.stdout)![0];
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:8931\/requests\/eqd_[A-Za-z0-9_-]{43}$/);
    const open = await backend.open();
    const standing = await requestStanding(open, url.split('/').pop()!, { timeZone: 'UTC', now: new Date() });
    await open.close();
    expect(standing).toMatchObject({ kind: 'tracked', standing: { requestId: 'TA-2026-0184', status: { words: 'In progress' } } });

    const missing = await cli(backend, ['status-link', '--source', sourceId, 'TA-2026-0999']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('equity-desk status-link: no request "TA-2026-0999" (by Request ID or row id) among this source\'s requests; import the workbook that holds it first');
  });

  test('--revoke turns off every status and survey link of one request and no other, says how many; a link asked for afterwards works', async () => {
    const sourceId = await importedSource([
      ['Request ID', 'Organization', 'Date received', 'Status', 'Date fulfilled'],
      ['TA-2026-0183', 'City of Lakeview', '10/1/2026', 'Fulfilled', '11/1/2026'],
      ['TA-2026-0184', 'Kern County', '10/2/2026', 'In progress', ''],
    ]);
    const link = async (command: string, ref: string) => {
      const made = await cli(backend, [command, '--source', sourceId, ref]);
      expect(made.code, made.stderr).toBe(0);
      return /https?:\/\/\S+/.exec(made.stdout)![0].split('/').pop()!;
    };
    const [status, survey, other] = [await link('status-link', 'TA-2026-0183'), await link('feedback-link', 'TA-2026-0183'), await link('status-link', 'TA-2026-0184')];

    const off = await cli(backend, ['status-link', '--source', sourceId, 'TA-2026-0183', '--revoke']);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout.trim()).toBe('Turned off 1 status link and 1 feedback link of TA-2026-0183: their pages now say the office turned them off. A link asked for from now on works.');
    const again = await cli(backend, ['feedback-link', '--revoke', '--source', sourceId, 'TA-2026-0183']);
    expect(again.stdout.trim()).toMatch(/^Turned off no status links and no feedback links of TA-2026-0183:/);
    const renewed = await link('status-link', 'TA-2026-0183');

    const open = await backend.open();
    const standing = (token: string) => requestStanding(open, token, { timeZone: 'UTC', now: new Date() });
    try {
      expect(await standing(status)).toEqual({ kind: 'turned-off' });
      expect(await linkState(open, survey, new Date())).toEqual({ kind: 'turned-off' });
      expect(await standing(other)).toMatchObject({ kind: 'tracked', standing: { requestId: 'TA-2026-0184' } });
      expect(await standing(renewed)).toMatchObject({ kind: 'tracked', standing: { requestId: 'TA-2026-0183' } });
    } finally {
      await open.close();
    }

    const missing = await cli(backend, ['status-link', '--source', sourceId, 'TA-2026-0999', '--revoke']);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim()).toBe('equity-desk status-link: no request "TA-2026-0999" (by Request ID or row id) among this source\'s requests; import the workbook that holds it first');
  });

  test('--revoke given a link turns off that link alone, by its address or its token; the request\'s other links work', async () => {
    const sourceId = await importedSource([
      ['Request ID', 'Organization', 'Date received', 'Status', 'Date fulfilled'],
      ['TA-2026-0183', 'City of Lakeview', '10/1/2026', 'Fulfilled', '11/1/2026'],
    ]);
    const link = async (command: string) => {
      const made = await cli(backend, [command, '--source', sourceId, 'TA-2026-0183']);
      expect(made.code, made.stderr).toBe(0);
      return /https?:\/\/\S+/.exec(made.stdout)![0];
    };
    const [forwarded, kept, survey] = [await link('status-link'), await link('status-link'), await link('feedback-link')];
    const token = (url: string) => url.split('/').pop()!;

    const off = await cli(backend, ['status-link', '--source', sourceId, '--revoke', forwarded]);
    expect(off.code, off.stderr).toBe(0);
    expect(off.stdout.trim()).toBe('Turned off that status link of TA-2026-0183: its page now says the office turned it off. The request\'s other links still work.');
    const surveyOff = await cli(backend, ['feedback-link', '--source', sourceId, token(survey), '--revoke']);
    expect(surveyOff.stdout.trim()).toMatch(/^Turned off that feedback link of TA-2026-0183:/);
    const again = await cli(backend, ['status-link', '--source', sourceId, '--revoke', forwarded]);
    expect(again.code).toBe(0);
    expect(again.stdout.trim()).toBe('That link of TA-2026-0183 was off already; nothing changed.');

    const open = await backend.open();
    try {
      const standing = (t: string) => requestStanding(open, t, { timeZone: 'UTC', now: new Date() });
      expect(await standing(token(forwarded))).toEqual({ kind: 'turned-off' });
      expect(await linkState(open, token(survey), new Date())).toEqual({ kind: 'turned-off' });
      expect(await standing(token(kept))).toMatchObject({ kind: 'tracked', standing: { requestId: 'TA-2026-0183' } });
    } finally {
      await open.close();
    }

    const unknown = await cli(backend, ['status-link', '--source', sourceId, '--revoke', `https://equity.example.gov/requests/eqd_${'A'.repeat(43)}`]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.trim()).toMatch(/^equity-desk status-link: link: no status or feedback link this source sent is /);
    // A link without --revoke is not a Request ID to print a link for.
    const asked = await cli(backend, ['status-link', '--source', sourceId, kept]);
    expect(asked.code).toBe(2);
    expect(asked.stderr.trim()).toMatch(/is a link, not a Request ID: add --revoke to turn it off/);
  });

  test.each([
    [['feedback-link', 'TA-2026-0001'], /missing --source ID/],
    [['feedback-link', '--source', 'src_x'], /missing the Request ID/],
    [['feedback-link', '--source', 'src_nope', 'TA-2026-0001'], /--source: src_nope is not a registered source/],
    [['status-link', '--source', 'src_x'], /missing the Request ID \(usage: npx equity-desk status-link --source ID REQUEST-ID \[--revoke\]\)/],
    [['status-link', '--revoke', '--source', 'src_x'], /missing the Request ID/],
    [['status-link', '--revoke', 'TA-2026-0001'], /missing --source ID/],
    [['status-link', '--revoke=yes', '--source', 'src_x', 'TA-2026-0001'], /revoke/],
  ])('%j fails in one line', async (args, message) => {
    const run = await cli(backend, args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(message);
  });
});
