// The CLI as a real process: `source add`, `import` and `serve` on both backends, one-line errors with
// non-zero exit codes on bad input, the demo start (`npm start`) printing tokens that work, and `serve`
// publishing the master workbook on a schedule.
import { spawn } from 'node:child_process';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { TEST_DATABASE_URL } from '../../support/postgres';
import { storeBackends } from '../../support/store-backends';
import { seededStore } from '../master/seed-store';
import { tempFolder, writeWorkbook, type Grid } from '../ingest/workbook-files';
import { BIN, ROOT, callApi, cleanEnv, runCli, runInThisProcess, startCli, storeTarget as target } from './cli-process';

const backends = storeBackends('cli');
const files = tempFolder('cli');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const REQUESTS: Grid = [
  ['Request ID', 'Organization', 'Status', 'Internal flag', 'Date received'],
  ['TA-1', 'City of Riverside', 'New', null, '3/15/2026'],
  ['TA-2', 'County Health', 'New', null, '13/45/2024'],
];

/** A process start may first bundle the CLI (scripts/service-bundle.mjs), and the machine may be busy. */
const PROCESS_TIMEOUT = 180_000;

const oneLine = (s: string) => s.trim().split('\n').length === 1;

const inProcess = runInThisProcess;

describe('the command line', () => {
  test('as a process: --help lists the commands; bad input is one line on stderr and exit 2', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    for (const usage of ['serve [--port N] [--host HOST] [--data DIR] [--demo]', 'source add NAME [--kind google-sheets|excel|file]', 'import FILE.xlsx|FILE.csv|FILE.docx|FILE.pptx|FILE.ods|FILE.odt|FILE.odp --source ID [--json]']) expect(help.stdout).toContain(usage);
    for (const args of [['frobnicate'], ['source', 'add', '--data', files.path('d0')], ['import', files.path('missing.xlsx'), '--source', 'x', '--data', files.path('d0')]]) {
      const bad = await runCli(args);
      expect(bad.code, bad.stderr).toBe(2);
      expect(oneLine(bad.stderr), bad.stderr).toBe(true);
      expect(bad.stdout).toBe('');
    }
  }, PROCESS_TIMEOUT);

  test.each([
    [['source'], /missing an action/],
    [['source', 'drop'], /unknown action "drop"/],
    [['source', 'revoke'], /missing the source ID/],
    [['reviewer', 'add'], /missing the reviewer NAME/],
    [['source', 'add'], /missing the source NAME/],
    [['source', 'add', 'X', '--kind', 'dropbox'], /--kind must be one of google-sheets, excel, file/],
    [['import'], /missing FILE\.xlsx/],
    [['import', 'book.xlsx'], /missing --source ID \(the id printed by `npx equity-desk source add`\)/],
    [['serve', '--port', 'eighty'], /--port: /],
    [['source', 'add', 'X', '--colour', 'red'], /unknown option --colour /],
  ])('%j is bad input: exit 2 and one line', async (args, message) => {
    const r = await inProcess([...args, '--data', files.path('unused-data')]);
    expect(r.code, r.stderr).toBe(2);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(message);
  });

  test('a reader that stops early (`npx equity-desk metrics | head`) ends the output quietly: exit 0, no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, '--help'], { cwd: ROOT, env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the command writes a line, as `head` closes it after its lines.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, PROCESS_TIMEOUT);

  test('a DATABASE_URL naming no user, in an environment that names none either (a container), says how to name one', async () => {
    const url = new URL(TEST_DATABASE_URL);
    url.username = '';
    const r = await runCli(['source', 'list'], { env: { DATABASE_URL: url.href, USER: '', PGUSER: '' } });
    expect(r.code, r.stderr).toBe(1);
    expect(oneLine(r.stderr), r.stderr).toBe(true);
    expect(r.stderr).toMatch(/^equity-desk source: cannot open the PostgreSQL database \(DATABASE_URL\): .*; name the user in DATABASE_URL: postgres:\/\/USER@HOST:5432\/DB$/m);
  }, PROCESS_TIMEOUT);

  test('settings from the environment are checked too', async () => {
    const short = await inProcess(['source', 'add', 'X', '--data', files.path('d')], { EQUITY_DESK_ADMIN_TOKEN: 'short' });
    expect([short.code, short.stderr.trim()]).toEqual([2, 'equity-desk source: EQUITY_DESK_ADMIN_TOKEN: must be at least 16 characters']);
    const url = await inProcess(['source', 'add', 'X'], { DATABASE_URL: 'mysql://localhost/db' });
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/DATABASE_URL: must start with postgres/);
  });
});

describe.each(backends)('source add and import on $name', (backend) => {
  test('registers a source once, imports a workbook with row and column, and refuses bad files', async () => {
    const { args, env } = target(backend);
    const added = await runCli(['source', 'add', 'Riverside', 'intake', '--kind', 'excel', ...args], { env });
    expect(added.code, added.stderr).toBe(0);
    const id = /id: +(\S+)/.exec(added.stdout)?.[1];
    const token = /token: +(eqd_\S+)/.exec(added.stdout)?.[1];
    expect(id).toBeDefined();
    expect(token).toBeDefined();
    expect(added.stdout).toContain('Registered source "Riverside intake" (excel)');

    const book = await writeWorkbook(files.path(), [{ name: 'Requests', rows: REQUESTS }, { name: 'Lists', rows: [['Status'], ['New']] }]);
    const text = await runCli(['import', book, '--source', id!, ...args], { env });
    // A rejected row: exit 1, the rest stored.
    expect(text.code, text.stderr).toBe(1);
    const lines = text.stdout.trim().split('\n');
    // Each problem says at once what it is: a rejected row is not stored, a warning's row is.
    expect(lines[0]).toBe('rejected: Request TA-2, Requests!E3 (Date received): "13/45/2024" is not a date (expected a date such as 2026-03-15, 3/15/2026 or Mar 2026)');
    expect(lines).toContain('warning: Requests!D1 (Internal flag): column "Internal flag" is not part of Requests; ignored');
    expect(lines).toContain('Headers of Requests (row 1): Request ID, Organization = Requesting organization, Status, Date received = Received.');
    expect(text.stdout).toContain('1 row accepted, 0 unchanged, 1 row rejected, 0 removed');
    expect(text.stdout).toContain('Skipped (not tables): Lists.');

    const json = await runCli(['import', book, '--source', id!, '--json', ...args], { env });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      accepted: 0,
      unchanged: 1,
      rejected: [{ sheet: 'Requests', row: 3, id: 'TA-2', errors: [{ field: 'receivedOn', column: 'E', message: expect.stringContaining('"13/45/2024" is not a date') }] }],
      warnings: [expect.objectContaining({ sheet: 'Requests', row: 1, field: '' })],
      removed: 0,
      unreadable: [],
      tables: [{ sheet: 'Requests', table: 'requests', rows: 2, items: 2 }],
      skipped: ['Lists'],
      headers: [{ sheet: 'Requests', headerRow: 1, columns: [
        { column: 'A', header: 'Request ID', reads: 'Request ID' }, { column: 'B', header: 'Organization', reads: 'Requesting organization' },
        { column: 'C', header: 'Status', reads: 'Status' }, { column: 'E', header: 'Date received', reads: 'Received' },
      ] }],
      fromForm: [],
    });

    // Every row read: exit 0. A workbook whose only table cannot be read: exit 1, the cause on the first line.
    const clean = await writeWorkbook(files.path(), [{ name: 'Requests', rows: REQUESTS.slice(0, 2) }]);
    expect((await inProcess(['import', clean, '--source', id!, ...args], env)).code).toBe(0);
    const noMilestone = await writeWorkbook(files.path(), [{ name: 'Milestones', rows: [['Date', 'What'], ['3/4/2026', 'Kickoff']] }]);
    const unread = await inProcess(['import', noMilestone, '--source', id!, ...args], env);
    expect(unread.code).toBe(1);
    expect(unread.stdout.split('\n')[0]).toMatch(/^Milestones: no Milestone column, so the table was not read: looked for a header such as "Milestone", .*; the headers are "Date", "What"$/);
    const none = await inProcess(['import', await writeWorkbook(files.path(), [{ name: 'Read me', rows: [['Notes only']] }]), '--source', id!, ...args], env);
    expect([none.code, oneLine(none.stderr)]).toEqual([1, true]);
    expect(none.stderr).toContain('holds no table');

    const notBook = files.path('notes.xlsx');
    await writeFile(notBook, 'plain text and not a zip');
    // A CSV download that stopped partway through a row: the rows past it would be removed.
    const cut = files.path('cut.csv');
    await writeFile(cut, 'Request ID,Organization,Status,Internal flag,Date received\r\nTA-1,City of Riverside,New,,3/15/2026\r\nTA-2,County');
    // A wrong argument exits 2; a file whose table could not be read exits 1, as the contract has it for `import`.
    const refusals: [string[], RegExp, 1 | 2][] = [
      [['import', files.path('missing.xlsx'), '--source', id!], /missing\.xlsx: no such file/, 2],
      [['import', notBook, '--source', id!], /notes\.xlsx is a text file with no columns \(no commas, semicolons or tabs between values\), not an \.xlsx workbook or CSV file: open it in Excel or Google Sheets/, 1],
      [['import', cut, '--source', id!, '--json'], /cut\.csv: row 3 has only 2 of the header's 5 columns and no line break after it: the file seems cut short/, 1],
      [['import', book, '--source', 'no-such-source'], /no source with id no-such-source; register one with `npx equity-desk source add NAME`/, 2],
    ];
    // The same entry point in-process: the process-level exit codes are checked above, and each start costs seconds.
    for (const [cmd, message, code] of refusals) {
      const r = await inProcess([...cmd, ...args], env);
      expect(r.code, r.stderr).toBe(code);
      expect(oneLine(r.stderr)).toBe(true);
      expect(r.stderr).toMatch(message);
    }
  }, PROCESS_TIMEOUT);

  test('reads a document pasted into one sheet table by table: every row stored, exit 0, where each table was found said', async () => {
    const { args, env } = target(backend);
    const id = /id: +(\S+)/.exec((await inProcess(['source', 'add', 'Pasted plan', '--kind', 'file', ...args], env)).stdout)?.[1];
    const sheet: Grid = [
      ['Goal', 'Task', 'Status'],
      ['Normalize', 'Train department heads', 'In progress'],
      [],
      ['Date', 'Milestone', 'Team'],
      ['3/15/2026', 'Community forum', 'ODE'],
      ['4/9/2026', 'Council briefing', 'ODE'],
    ];
    const r = await inProcess(['import', await writeWorkbook(files.path(), [{ name: 'Sheet1', rows: sheet }]), '--source', id!, ...args], env);
    expect(r.code, r.stdout).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines).toContain('warning: Sheet1 row 4: read a second table (Milestones) from row 4 of sheet Sheet1');
    expect(lines).toContain('Headers of Sheet1 (row 4): Date, Milestone, Team.');
    expect(r.stdout).toContain(': Sheet1 as Work plan (1 row), Sheet1 as Milestones (2 rows).');
    expect(r.stdout).toContain('3 rows accepted, 0 unchanged, 0 rows rejected');
  });

  test('counts the rows read and, when a row holds two items, the items, so the tables add up to accepted', async () => {
    const { args, env } = target(backend);
    const id = /id: +(\S+)/.exec((await inProcess(['source', 'add', 'Association roadmap', '--kind', 'file', ...args], env)).stdout)?.[1];
    const roadmap: Grid = [
      ['Advancing Equity Roadmap'],
      [],
      ['Focus Area', 'Early Actions', 'Additional Strategies'],
      ['Organizational capacity', 'Staff training program on equity', 'Equity audit of the organization'],
      [null, 'Equity goals and metrics in performance management', null],
    ];
    const r = await inProcess(['import', await writeWorkbook(files.path(), [{ name: 'Roadmap', rows: roadmap }]), '--source', id!, ...args], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Imported ');
    expect(r.stdout).toContain(': Roadmap (2 rows holding 3 items).');
    expect(r.stdout).toContain('3 items accepted, 0 unchanged, 0 items rejected');
    // Another workbook under the same source (other rows, so no sheet renamed): what it removes is named by the sheet it came from.
    const another = [...roadmap.slice(0, 3), ['Community engagement', 'Listening sessions', 'Community advisory board']];
    const other = await inProcess(['import', await writeWorkbook(files.path(), [{ name: 'Equity Roadmap', rows: another }]), '--source', id!, ...args], env);
    expect(other.stdout).toContain('Removed 2 rows of Roadmap: a sheet this workbook does not have');
  });
});

describe.each(backends)('serve on $name', (backend) => {
  test('the demo start prints tokens that work, and a restart keeps the data and prints fresh ones', async () => {
    const b = backend.fresh();
    const { args, env } = target(b);
    const ready = /Try:[\s\S]*\/api\/v1\/sources\n/;
    const first = await startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--demo', '--port', '0', ...args], { env, ready });
    const tokenOf = (out: string, who: string) => new RegExp(`${who} token: +(eqd_\\S+)`).exec(out)?.[1] ?? '';
    const call = (url: string, path: string, token: string, body?: unknown) =>
      fetch(`${url}${path}`, { method: body ? 'POST' : 'GET', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
    try {
      expect(first.output).toContain('demo data:      loaded');
      expect(first.output).toContain(`API docs:       ${first.url}/docs`);
      // Every address is listed before the commands to try, not after them as if it were one.
      expect(first.output.slice(0, first.output.indexOf('Try:'))).toContain(`Excel add-in:   ${first.url}/addin/excel/taskpane.html`);
      const [admin, reviewer, source] = ['admin', 'reviewer', 'source'].map((w) => tokenOf(first.output, w));
      const state = await call(first.url, '/api/v1/sync/state?table=requests', source);
      expect(state.status).toBe(200);
      expect(((await state.json()) as { rows: unknown[] }).rows).toHaveLength(80);
      expect((await call(first.url, '/api/v1/sources', admin, { name: 'Another', kind: 'file' })).status).toBe(201);
      const asReviewer = await call(first.url, '/api/v1/sync/state?table=requests', reviewer);
      expect(asReviewer.status).toBe(403);
      expect(await asReviewer.text()).toContain('yours is a reviewer token');
      expect((await call(first.url, '/api/v1/metrics', reviewer)).status).toBe(200);
      const dashboard = /dashboard: +(\S+)/.exec(first.output)![1];
      // The printed link trades its token for a cookie (a browser keeps it across the redirect).
      const link = await fetch(dashboard, { redirect: 'manual' });
      expect([link.status, link.headers.get('location')]).toEqual([303, '/dashboard']);
      const page = await fetch(`${first.url}/dashboard`, { headers: { Cookie: link.headers.get('set-cookie')!.split(';')[0] } });
      expect([page.status, page.headers.get('content-type')]).toEqual([200, expect.stringContaining('text/html')]);
      // The requester's side to try: the printed form is open to anyone, no token.
      const form = /intake form: +(\S+\/intake\/\S+) \(City of Riverside/.exec(first.output)?.[1];
      expect(form, first.output).toBeDefined();
      const formPage = await fetch(form!);
      expect([formPage.status, await formPage.text()]).toEqual([200, expect.stringContaining('<h1>Request technical assistance</h1>')]);
      // The printed curl line for a sync works as printed.
      const curl = /curl -H "Authorization: Bearer (\S+)" -H "Content-Type: application\/json" -d '(\{"table".*?)' (\S+\/api\/v1\/sync)\n/.exec(first.output);
      expect(curl).not.toBeNull();
      const tried = await fetch(curl![3], { method: 'POST', headers: { Authorization: `Bearer ${curl![1]}`, 'Content-Type': 'application/json' }, body: curl![2] });
      expect(await tried.json()).toMatchObject({ accepted: 1, rejected: [] });
      expect(await first.stop()).toBe(0);

      const second = await startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--demo', '--port', '0', ...args], { env, ready });
      try {
        expect(second.output).toContain('demo data:      already present');
        expect(second.output, 'the same form, not one more per start').toContain(new URL(form!).pathname);
        const fresh = tokenOf(second.output, 'source');
        expect(fresh).not.toBe(source);
        for (const t of [fresh, source]) {
          const again = await call(second.url, '/api/v1/sync/state?table=requests', t);
          expect(((await again.json()) as { rows: unknown[] }).rows).toHaveLength(81);
        }
        expect((await call(second.url, '/api/v1/sources', tokenOf(second.output, 'admin'), { name: 'Yet another' })).status).toBe(201);
      } finally {
        await second.stop();
      }
    } finally {
      await first.stop();
    }
  }, PROCESS_TIMEOUT);
});

describe('serve', () => {
  const b = backends[0];
  test('`npm start` runs the demo; a configured admin token is used; a taken port is a one-line error', async () => {
    const data = b.fresh();
    const { args } = target(data);
    const adminToken = 'operator-chosen-admin-token-123';
    const started = await startCli('npm', ['start', '--silent', '--', '--port', '0', ...args], { env: { EQUITY_DESK_ADMIN_TOKEN: adminToken }, ready: /Try:[\s\S]*\/api\/v1\/sources\n/ });
    try {
      expect(started.output).toContain(`admin token:    ${adminToken} (from EQUITY_DESK_ADMIN_TOKEN)`);
      const res = await fetch(`${started.url}/api/v1/reviewers`, { method: 'POST', headers: { Authorization: `Bearer ${adminToken}` }, body: JSON.stringify({ name: 'Committee' }) });
      expect(res.status).toBe(201);
      const port = new URL(started.url).port;
      const clash = await runCli(['serve', '--port', port, ...args]);
      expect(clash.code).toBe(1);
      expect(clash.stderr.trim()).toBe(`equity-desk serve: port ${port} is in use; pick another with --port`);
    } finally {
      await started.stop();
    }
  }, PROCESS_TIMEOUT);

  test('without the demo or a configured token, the admin token is printed on the first start only', async () => {
    const data = b.fresh();
    const { args } = target(data);
    const ready = /admin token: .*\n/;
    const first = await startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--port', '0', ...args], { ready });
    const token = /admin token: +(eqd_\S+) \(shown once/.exec(first.output)?.[1];
    expect(token).toBeDefined();
    expect(first.output).not.toMatch(/reviewer token: /);
    await first.stop();
    const second = await startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--port', '0', ...args], { ready });
    try {
      expect(second.output).toContain('admin token:    the one printed on the first start');
      const res = await fetch(`${second.url}/api/v1/sources`, { method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify({ name: 'First real source' }) });
      expect(res.status).toBe(201);
    } finally {
      await second.stop();
    }
  }, PROCESS_TIMEOUT);
});

describe('serve stopped by a signal', () => {
  // `serve` runs on a worker thread of bin/equity-desk.mjs, which receives no signals of its own: the process passes them on.
  test.each(['SIGINT', 'SIGTERM'] as const)('%s closes the store and exits 0; the next start finds what was synced', async (signal) => {
    const data = backends[0].fresh();
    const { args } = target(data);
    const admin = 'signal-test-admin-token-0123';
    const serve = () => startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--port', '0', ...args], { env: { EQUITY_DESK_ADMIN_TOKEN: admin }, ready: /admin token: .*\n/ });
    const first = await serve();
    const { token } = (await callApi(first, '/api/v1/sources', admin, { name: 'Signal test', kind: 'file' })).json as { token: string };
    expect((await callApi(first, '/api/v1/sync', token, { table: 'requests', rows: [{ rowId: 'sig-1', values: { receivedOn: '2026-03-15', requesterOrg: 'City of Riverside' } }] })).json).toMatchObject({ accepted: 1 });
    const exited = new Promise<number | null>((done) => first.child.once('exit', (code) => done(code)));
    process.kill(-first.child.pid!, signal);
    expect(await exited).toBe(0);
    const second = await serve();
    try {
      const state = (await callApi(second, '/api/v1/sync/state?table=requests', token)).json as { rows: { rowId: string }[] };
      expect(state.rows.map((r) => r.rowId)).toEqual(['sig-1']);
    } finally {
      await second.stop();
    }
  }, PROCESS_TIMEOUT);
});

describe('serve with a publishing schedule', () => {
  test('publishes the master workbook into EQUITY_DESK_PUBLISH_FOLDER soon after start, and the banner says so', async () => {
    const seeded = await seededStore();
    await seeded.store.close();
    const folder = files.path('published');
    const env = { EQUITY_DESK_PUBLISH_EVERY: '1h', EQUITY_DESK_PUBLISH_FOLDER: folder };
    const started = await startCli(process.execPath, ['bin/equity-desk.mjs', 'serve', '--port', '0', '--data', seeded.dataDir], { env, ready: /admin token: .*\n/ });
    try {
      expect(started.output).toContain(`  publishing:     every 1h, first run now, to the folder ${folder}\n`);
      for (const deadline = Date.now() + 60_000; !/^Published /m.test(started.output) && Date.now() < deadline;) await sleep(50);
      const published = await readdir(folder);
      expect(published).toEqual([expect.stringMatching(/^equity-desk-master-\d{4}-\d\d-\d\d\.xlsx$/)]);
      expect(started.output).toMatch(new RegExp(`\nPublished ${published[0]} \\([\\d,]+ bytes\\) to \\S+ with a file copy\\. Next run at \\S+Z\\.\n`));
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(join(folder, published[0]));
      expect(book.worksheets[0].name).toBe('Summary');
      expect(book.getWorksheet('Requests')!.actualRowCount).toBe(seeded.rows.requests.length + 1);
      expect(await started.stop()).toBe(0);
    } finally {
      await started.stop();
      await rm(seeded.dataDir, { recursive: true, force: true });
    }
  }, PROCESS_TIMEOUT);

  test('a bad schedule stops serve at start: exit 2 and one line naming the variable', async () => {
    const folder = { EQUITY_DESK_PUBLISH_FOLDER: files.path('never-written') };
    const cases: [Record<string, string>, RegExp][] = [
      [{ ...folder, EQUITY_DESK_PUBLISH_EVERY: 'often' }, /^equity-desk serve: EQUITY_DESK_PUBLISH_EVERY: must be a duration such as 90s, 30m, 6h or 1d /],
      [{ ...folder, EQUITY_DESK_PUBLISH_EVERY: '10s' }, /^equity-desk serve: EQUITY_DESK_PUBLISH_EVERY: must be at least 1m: each run builds and uploads the whole master workbook$/],
      [{ EQUITY_DESK_PUBLISH_EVERY: '1h' }, /^equity-desk serve: EQUITY_DESK_PUBLISH_EVERY: Graph publishing is not configured: EQUITY_DESK_GRAPH_TENANT_ID is required; .* EQUITY_DESK_PUBLISH_FOLDER\.$/],
    ];
    const runs = await Promise.all(cases.map(([env]) => runCli(['serve', '--port', '0', '--data', files.path('schedule-data')], { env })));
    runs.forEach((r, i) => {
      expect(r.code, r.stderr).toBe(2);
      expect(oneLine(r.stderr), r.stderr).toBe(true);
      expect(r.stderr.trim()).toMatch(cases[i][1]);
      expect(r.stdout).toBe('');
    });
  }, PROCESS_TIMEOUT);
});
