// The Sheets add-on and the Excel add-in offer the same things through the same core: every entry point of Code.js
// has its Excel counterpart, and both, driven on one workbook as people paste it (the users' own plans with a title
// row, merged cells, plural headers and TBD, beside an office's own TA log), against the real service over
// loopback HTTP, answer alike but for each host's own words.
import { beforeAll, describe, expect, test, vi } from 'vitest';
import { ENTRY_POINTS, type EntryName } from '../../addon/apps-script/entry-points';
import { EXCEL_FUNCTIONS } from '../../addon/excel/functions';
import { SHEETS_WORDS } from '../../addon/apps-script/host-words';
import { EXCEL_WORDS } from '../../addon/excel/host-words';
import type { HostBridge } from '../../addon/sidebar/host-bridge';
import type { SettingsView, TriageView } from '../../addon/core/views';
import { serialFromIso } from '../../shared/cells/dates';
import { DEFAULT_LISTS_GRID } from '../../shared/rules';
import { LISTS_SHEET } from '../../shared/lists';
import { dayIn } from '../../sync/intake/intake-form';
import { useSyncService } from '../fixtures/use-sync-service';
import { TIME_ZONE, builtAddon, connectedAddon, dateCell } from './bundle-harness';
import { connectedExcel } from './excel/connected-excel';
import { HEADERS, LOG, LOG_ROWS, excelDate, logGrid } from './own-log';

const service = useSyncService();
beforeAll(() => builtAddon());
/** A link as the service makes them, that no source sent. */
const unsentLink = () => `${service.url}/requests/eqd_${'A'.repeat(43)}`;

/**
 * What the Excel add-in offers for each entry point of the Sheets add-on: a task pane call, a function, or the way
 * Excel does it otherwise. A new entry point fails to compile until it is paired here.
 */
const EXCEL_COUNTERPART = {
  onOpen: { otherwise: 'the ribbon button the manifest declares (Home > Equity Desk)' },
  onInstall: { otherwise: 'the ribbon button the manifest declares (Home > Equity Desk)' },
  syncOnSchedule: { otherwise: 'the task pane runtime\'s timer, at the interval Settings saves' },
  setupTaIntake: { pane: 'setup' },
  setupWorkplan: { pane: 'setup' },
  setupMilestones: { pane: 'setup' },
  setupRoadmap: { pane: 'setup' },
  openTriageSidebar: { pane: 'triage' },
  syncNowFromMenu: { pane: 'sync' },
  refreshCustomFunctions: { pane: 'refreshFunctions' },
  openSettings: { pane: 'settings' },
  sidebarTriage: { pane: 'triage' },
  sidebarSelect: { pane: 'select' },
  sidebarSave: { pane: 'save' },
  sidebarSync: { pane: 'sync' },
  sidebarSettings: { pane: 'settings' },
  sidebarSaveSettings: { pane: 'saveSettings' },
  sidebarStatusLink: { pane: 'requesterLink' },
  sidebarFeedbackLink: { pane: 'requesterLink' },
  sidebarTurnOffLinks: { pane: 'turnOffLinks' },
  sidebarTurnOffLink: { pane: 'turnOffLink' },
  EQ_WORKPLAN_STATUS: { fn: 'WORKPLAN_STATUS' },
  EQ_SLA: { fn: 'SLA' },
  EQ_PRIORITY: { fn: 'PRIORITY' },
  EQ_MILESTONE_STATUS: { fn: 'MILESTONE_STATUS' },
  EQ_DEMAND: { fn: 'DEMAND' },
} as const satisfies Record<EntryName, { pane: keyof HostBridge } | { fn: string } | { otherwise: string }>;

/** A cell as a person leaves it: text, a number, a date typed as one, a formula calling a function by its Sheets name, or nothing. */
type Typed = string | number | { date: string } | { formula: string } | null;

interface PastedSheet {
  name: string;
  grid: Typed[][];
  /** Merged ranges, 1-based. */
  merges?: { row: number; column: number; rows: number; columns: number }[];
}

/** The users' own plans (shared/source-plans.md) as pasted: titles, plural headers, merged cells, TBD, dashes. */
const PASTED: readonly PastedSheet[] = [
  {
    name: 'Racial Equity Work Plan',
    grid: [
      ['City of Example — Racial Equity Work Plan 2026–2029', null, null, null],
      [null, null, null, null],
      ['Phases', 'Goals', 'Tasks', 'Timelines'],
      [1, 'Structural Equity Alignment', 'Host a community leaders forum to review and finalize recommendations on the work plan', 'Feb 2026 – Aug 2027'],
      [1, null, 'Conduct the Citywide Racial Equity Study, with community-led forums and listening sessions', 'Feb 2026 – Aug 2027'],
      [1, 'Equitable City–Community Partnership', 'Establish engagement standards: language access, accessibility, timing, compensation', 'Apr 2026 – Dec 2026'],
      [2, 'Measurement and Reporting', 'Annual progress reports on the action plan', 'Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028'],
      [3, 'Structural Equity Alignment', 'Three-year impact assessment against the equity study', 'TBD'],
    ],
    merges: [{ row: 1, column: 1, rows: 1, columns: 4 }, { row: 4, column: 2, rows: 2, columns: 1 }],
  },
  {
    name: 'GARE plan',
    grid: [
      ['Office of Racial Equity — work plan update', null, null, null],
      ['Stages', 'Items', 'Targets', 'Statuses'],
      ['Normalize', 'Training videos for staff on racial-equity terms and concepts', '—', 'Completed'],
      ['Normalize', 'Racial-equity workshops for senior and executive staff', '2 workshops', 'In progress'],
      ['Organize', 'Departments that complete a Racial Equity Action Plan', '100% of departments', 'Not started'],
      ['Operationalize', 'TA on department racial equity action plans', '60 hours', 'In progress'],
      ['Operationalize', 'Results-Based Accountability "Turn the Curve" plans with departments', 'TBD', 'Not started'],
    ],
    merges: [{ row: 1, column: 1, rows: 1, columns: 4 }],
  },
  {
    name: 'Equity Roadmap',
    grid: [
      ['Focus areas', 'Kinds', 'Actions'],
      ['Education, training and peer learning', 'Early action', 'On-demand webinar to normalize equity conversations'],
      [null, 'Early action', 'Equity programming in the annual conference general sessions'],
      [null, 'Additional strategy', 'Regional roundtables on member-driven DEI concerns'],
      ['Tools and technical assistance', 'Early action', 'Centralized DEI resources on the website'],
      [null, 'Additional strategy', 'Local equity self-assessment tool with partners, and training to use it'],
    ],
    merges: [{ row: 2, column: 1, rows: 3, columns: 1 }, { row: 5, column: 1, rows: 2, columns: 1 }],
  },
  // The office's own TA log, under a title, a request received 'TBD'.
  { name: LOG, grid: logGrid((iso) => ({ date: iso })) as Typed[][] },
  // A second log as an office heads it: plural headers, one agency merged over its two requests, TBD, ASAP, end of FY.
  {
    name: 'Intake 2026',
    grid: [
      ['Technical assistance requests — intake log', null, null, null, null, null, null],
      ['Dates Received', 'Agencies', 'Requester Types', 'Requests', 'Priorities', 'Statuses', 'Due Dates'],
      [{ date: '2026-11-02' }, 'Department of Finance', 'State agencies', 'Budget equity review', 'P2', 'New', 'TBD'],
      [{ date: '2026-11-09' }, null, 'State agencies', 'Follow-up training', 'High', 'Assigned', 'ASAP'],
      [{ date: '2026-11-20' }, 'City of Fresno', 'Cities', 'Data disaggregation help', 'Medium', 'In Progress', { date: '2026-12-15' }],
      ['TBD', 'Yolo County', 'Counties', 'Engagement plan', 'Low', 'New', 'end of FY'],
    ],
    merges: [{ row: 1, column: 1, rows: 1, columns: 7 }, { row: 3, column: 2, rows: 2, columns: 1 }],
  },
  // A check of the GARE plan's statuses with the add-on's function, which a refresh recalculates.
  { name: 'Checks', grid: [['Derived statuses'], [{ formula: "EQ_WORKPLAN_STATUS('GARE plan'!D3:D7)" }]] },
];

/** Each host's own words made the same (its places, its file, its functions' names), so what is left to differ is what the add-ons do. */
const sameWords = (text: string, host: 'sheets' | 'excel') =>
  host === 'sheets'
    ? text.replaceAll(SHEETS_WORDS.openSettings, '<settings>').replace(/use "Set up from template( > [^"]+)?"/g, '<set up$1>').replace(/\bspreadsheet\b/g, '<document>').replace(/\bEQ_(?=[A-Z])/g, '<fn>')
    : text.replaceAll(EXCEL_WORDS.openSettings, '<settings>').replace(/open Home > Equity Desk and choose Set up( > [^.;:,]+\))?/g, '<set up$1>').replace(/\bworkbook\b/g, '<document>').replace(/\bEQ\.(?=[A-Z])/g, '<fn>');

/** Every text of an answer in the host's words made the same, without the requests' keys (their Sync IDs are drawn at random). */
const said = (answers: Answers, host: 'sheets' | 'excel'): Answers =>
  JSON.parse(JSON.stringify(answers), (k, v: unknown) => (k === 'key' ? undefined : typeof v === 'string' ? sameWords(v, host) : v)) as Answers;

/** A column of a sheet's cells as the host holds them, rows `from` to `to` (1-based), as a range argument. */
const rangeOf = (cell: (row: number, column: number) => unknown, column: number, from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => [cell(from + i, column) ?? '']);

/**
 * The custom functions over the pasted sheets as a person would call them, each with the host's own `call` and the
 * cells as the host holds them (`cell`, by sheet): the GARE plan's statuses with no dates; the log's columns whole,
 * from their header row, its request received 'TBD' among them; demand from the log's requester types.
 */
async function functionAnswers(call: (fn: string, ...args: unknown[]) => unknown, cell: (sheet: string) => (row: number, column: number) => unknown, blank: unknown): Promise<Answers> {
  const gare = cell('GARE plan');
  const log = cell(LOG);
  const last = 2 + LOG_ROWS.length;
  const logColumn = (header: string) => rangeOf(log, HEADERS.indexOf(header) + 1, 2, last);
  const asOf = '2026-12-06';
  return {
    workplanStatus: await call('EQ_WORKPLAN_STATUS', rangeOf(gare, 4, 3, 7), blank, blank, blank, asOf),
    sla: await call('EQ_SLA', ...['Date Received', 'Priority', 'Status', 'Needed By', 'Date fulfilled'].map(logColumn), asOf),
    priority: await call('EQ_PRIORITY', logColumn('Requester Type'), logColumn('Needed By'), logColumn('Date Received')),
    // A year before any request: the count is the same whichever sources synced before it was asked.
    demand: await call('EQ_DEMAND', [['County'], ['City']], blank, [['TBD'], ['2020-01-01']], [['2020-12-31'], ['2020-12-31']]),
  };
}

/** What one host answered to each action, in the order they were taken. */
type Answers = Record<string, unknown>;

/** What the service holds of a source's pasted sheets after its first sync: each table's rows' values, in one order. */
async function storedOf(sourceId: string): Promise<Record<string, unknown[]>> {
  const values = async (table: 'workplan' | 'roadmap' | 'requests') =>
    (await service.storedRows(table, sourceId)).map((r) => JSON.stringify((r as { values: unknown }).values)).sort().map((v) => JSON.parse(v) as unknown);
  return { workplan: await values('workplan'), roadmap: await values('roadmap'), requests: await values('requests') };
}

/** The queue as the sidebar lists it. */
const queueOf = (view: TriageView) => ({ sheets: view.sheets, items: view.items, none: view.none });

async function sheetsAnswers(): Promise<Answers> {
  const { addon, source } = await connectedAddon(service, 'Pasted plans (Sheets)');
  const { fakes } = addon;
  fakes.seedSheet(LISTS_SHEET, DEFAULT_LISTS_GRID.map((line) => [...line]));
  for (const { name, grid, merges = [] } of PASTED) {
    fakes.seedSheet(name, grid.map((line) => line.map((v) => (v === null ? '' : typeof v !== 'object' ? v : 'date' in v ? dateCell(v.date) : `=${v.formula}`))));
    for (const m of merges) (fakes.sheet(name).getRange(m.row, m.column, m.rows, m.columns) as unknown as { merge(): void }).merge();
  }
  const answers: Answers = {};
  const menu = (handler: string) => {
    const before = fakes.ui.alerts.length;
    addon.call(handler);
    const alert = fakes.ui.alerts.slice(before).map((a) => String((a as { prompt?: string }).prompt ?? a));
    return alert.length ? { alert } : { toast: fakes.toasts.at(-1)?.message };
  };
  answers.sync = menu('syncNowFromMenu');
  await service.received();
  answers.stored = await storedOf(source.id);
  const view = addon.call<TriageView>('sidebarTriage');
  answers.triage = queueOf(view);
  const [first] = view.items;
  answers.select = addon.call('sidebarSelect', { sheet: first.sheet, key: first.key, row: first.row });
  answers.save = addon.call('sidebarSave', { sheet: first.sheet, key: first.key, row: first.row, values: { priority: 'High', status: 'Assigned' } });
  answers.statusLink = addon.call('sidebarStatusLink', 'TA-2026-0999');
  answers.feedbackLink = addon.call('sidebarFeedbackLink', 'TA-2026-0999');
  answers.turnOffLinks = addon.call('sidebarTurnOffLinks', 'TA-2026-0999');
  answers.turnOffLink = addon.call('sidebarTurnOffLink', unsentLink());
  for (const handler of ['setupWorkplan', 'setupTaIntake', 'setupMilestones', 'setupRoadmap']) answers[handler] = menu(handler);
  Object.assign(answers, await functionAnswers((fn, ...args) => addon.call(fn, ...args), (name) => (row, column) => fakes.readSheet(name)[row - 1]?.[column - 1], ''));
  answers.refresh = menu('refreshCustomFunctions');
  return answers;
}

async function excelAnswers(): Promise<Answers> {
  // The Sheets add-on's day is the spreadsheet's time zone's, Excel's the machine's: the same day for both, or the
  // requests' days open differ by one for the hours the two zones' dates do.
  const connected = await connectedExcel(service, 'Pasted plans (Excel)', () => dayIn(TIME_ZONE, new Date()));
  const { excel, addin, source } = connected;
  for (const { name, grid, merges = [] } of PASTED) {
    excel.seed(name, []);
    const sheet = excel.sheet(name)!;
    grid.forEach((line, r) => line.forEach((v, c) => {
      if (v === null) return;
      const cell = sheet.cell(r + 1, c + 1);
      if (typeof v !== 'object') cell.value = v;
      else if ('date' in v) [cell.value, cell.numberFormat] = [serialFromIso(v.date), 'm/d/yyyy'];
      else cell.formula = `=${EXCEL_WORDS.functionName(v.formula)}`;
    }));
    sheet.merges.push(...merges);
  }
  const answers: Answers = {};
  const pane = async <T>(call: () => Promise<T>) => call().then((value) => value, (e: Error) => ({ failed: true, message: e.message }));
  answers.sync = await addin.bridge.sync().then(({ summary }) => ({ toast: summary }), (e: Error) => ({ alert: [e.message] }));
  await service.received();
  answers.stored = await storedOf(source.id);
  const view = await addin.bridge.triage();
  answers.triage = queueOf(view);
  const [first] = view.items;
  answers.select = await pane(() => addin.bridge.select({ sheet: first.sheet, key: first.key, row: first.row }));
  answers.save = await pane(() => addin.bridge.save({ sheet: first.sheet, key: first.key, row: first.row, values: { priority: 'High', status: 'Assigned' } }));
  answers.statusLink = await pane(() => addin.bridge.requesterLink('status', 'TA-2026-0999'));
  answers.feedbackLink = await pane(() => addin.bridge.requesterLink('feedback', 'TA-2026-0999'));
  answers.turnOffLinks = await pane(() => addin.bridge.turnOffLinks('TA-2026-0999'));
  answers.turnOffLink = await pane(() => addin.bridge.turnOffLink(unsentLink()));
  const templates = { setupWorkplan: 'workplan', setupTaIntake: 'ta-intake', setupMilestones: 'milestones', setupRoadmap: 'roadmap' } as const;
  for (const [handler, template] of Object.entries(templates)) answers[handler] = await pane(async () => ({ toast: (await addin.bridge.setup!(template)).summary }));
  Object.assign(answers, await functionAnswers((fn, ...args) => addin.handlers[fn.replace(/^EQ_/, '')](...args), (name) => (row, column) => excel.sheet(name)!.peek(row, column)?.value, null));
  answers.refresh = await pane(async () => ({ toast: await addin.bridge.refreshFunctions!() }));
  expect(excel.calculations).toEqual(['Full']);
  return answers;
}

describe('the Excel add-in offers what the Sheets add-on offers', () => {
  test('every entry point of Code.js has its counterpart in the task pane or the EQ. functions, and each is there', async () => {
    const connected = await connectedExcel(service, 'Inventory (Excel)');
    for (const entry of ENTRY_POINTS) {
      const counterpart: { pane?: keyof HostBridge; fn?: string; otherwise?: string } = EXCEL_COUNTERPART[entry.name];
      if (counterpart.pane) expect(typeof connected.addin.bridge[counterpart.pane], `${entry.name}: the task pane's ${counterpart.pane}`).toBe('function');
      if (counterpart.fn) {
        expect(EXCEL_FUNCTIONS.find((f) => f.id === counterpart.fn)?.entry, entry.name).toBe(entry.name);
        expect(typeof connected.addin.handlers[counterpart.fn], `EQ.${counterpart.fn}`).toBe('function');
      }
    }
    // …and nothing the task pane or Excel's functions offer is missing from Sheets.
    const paired = new Set(Object.values(EXCEL_COUNTERPART as Record<string, { pane?: string; fn?: string }>).flatMap((c) => [c.pane, c.fn]));
    expect(Object.keys(connected.addin.bridge).filter((k) => k !== 'words' && !paired.has(k))).toEqual([]);
    expect(EXCEL_FUNCTIONS.filter((f) => !paired.has(f.id))).toEqual([]);
  });
});

describe('both hosts on the plans as people paste them', () => {
  test('sync and triage answer alike, but for each host\'s own words', async () => {
    const [sheets, excel] = [await sheetsAnswers(), await excelAnswers()];
    for (const action of Object.keys(sheets)) expect(said(excel, 'excel')[action], action).toEqual(said(sheets, 'sheets')[action]);
    expect(sheets.sync).not.toHaveProperty('alert');
    // No pasted row is lost, and none of its cells under a header the document wrote its own way ("Statuses").
    const stored = sheets.stored as Record<string, Record<string, unknown>[]>;
    expect([stored.workplan.length, stored.roadmap.length, stored.requests.length]).toEqual([10, 5, LOG_ROWS.length + 4]);
    expect(stored.requests.filter((r) => r.requesterOrg === 'Department of Finance').map((r) => r.description)).toEqual(['Budget equity review', 'Follow-up training']);
    expect(stored.workplan.filter((r) => r.status !== null).map((r) => r.status).sort()).toEqual(['Completed', 'In progress', 'In progress', 'Not started', 'Not started']);
  }, 120_000);
});

describe('a sync nobody watches', () => {
  const WRONG_TOKEN = 'revoked-token-0123456789abcdef';
  /** What the next person is shown of it: at the top of Triage, and in Settings. */
  const shown = (view: TriageView, settings: SettingsView) => ({ triage: view.failedScheduledSync && { ok: view.failedScheduledSync.ok, message: view.failedScheduledSync.message }, settings: settings.schedule?.lastRun?.message });

  test("that failed (a source token revoked) greets whoever opens Triage next, and Settings says so, on both hosts: a Sheets trigger's run and an Excel timer's", async () => {
    const { addon } = await connectedAddon(service, 'Unwatched (Sheets)');
    addon.fakes.seedSheet(LOG, logGrid(dateCell));
    addon.call('sidebarSaveSettings', { sourceToken: WRONG_TOKEN });
    expect(() => addon.call('syncOnSchedule')).toThrow();
    const sheets = shown(addon.call<TriageView>('sidebarTriage'), addon.call<SettingsView>('sidebarSettings'));

    // The schedule's timer is made with the add-in: only its interval is played, an hour in a moment.
    vi.useFakeTimers({ toFake: ['setInterval'] });
    try {
      const connected = await connectedExcel(service, 'Unwatched (Excel)');
      const { excel, addin } = connected;
      excel.seed(LOG, logGrid(excelDate));
      await addin.bridge.saveSettings({ sourceToken: WRONG_TOKEN, syncEveryHours: 1 });
      vi.advanceTimersByTime(3_600_000);
      await vi.waitFor(() => expect(addin.lastAutoSync()).not.toBeNull(), { timeout: 30_000 });
      const excelShown = shown(await addin.bridge.triage(), await addin.bridge.settings());
      expect(sheets.triage?.ok).toBe(false);
      expect(sheets.triage?.message).toMatch(/token/i);
      expect(said(excelShown, 'excel')).toEqual(said(sheets, 'sheets'));
    } finally {
      vi.useRealTimers();
    }
  }, 60_000);
});

