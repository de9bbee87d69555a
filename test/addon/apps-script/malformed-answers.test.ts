// The built Code.js, which checks the service's answers with shapes generated from the shared schemas rather than with
// zod, refuses an answer it does not read before it writes or sends anything, and says where the answer is wrong.
import { afterEach, describe, expect, test } from 'vitest';
import { startServerInWorker, type WorkerServer } from '../../fakes/apps-script/serve-in-worker';
import { SERVICE_URL, loadAddon, sampleTable } from '../bundle-harness';

const SCRIPTED = new URL('../../fakes/scripted-answers-service.ts', import.meta.url);
let service: WorkerServer | undefined;
afterEach(async () => {
  await service?.close();
  service = undefined;
});

/** Sync now against a service answering `answers` (by `METHOD /path`) and well otherwise: the alert, and the rows it got. */
async function syncAgainst(answers: Record<string, unknown>) {
  service = await startServerInWorker(SCRIPTED, 'createScriptedAnswers', [answers]);
  const addon = await loadAddon({ serviceAt: service.url });
  addon.fakes.seedSheet('Requests', sampleTable('requests', 3).grid);
  addon.call('sidebarSaveSettings', { serviceUrl: SERVICE_URL, sourceToken: 'x'.repeat(40) });
  addon.call('syncNowFromMenu');
  return { alert: addon.fakes.ui.alerts.at(-1)?.prompt ?? '', rows: await service.invoke<number>('rowsPosted'), unlocked: addon.fakes.locks.document.holder === null };
}

const NOT_READ = /^The Equity Desk service answered in a form this add-on does not read \((.+)\); the service and the add-on may be different versions\.$/;

describe('an answer of another form, from the built add-on', () => {
  test('a well-formed service is synced with: the stand-in answers as the service does', async () => {
    const { alert, rows } = await syncAgainst({});
    expect(alert).not.toMatch(NOT_READ);
    expect(rows).toBe(3);
  });

  test.each([
    ['a stored row whose hash is a number', 'GET /api/v1/sync/state', { table: 'requests', rows: [{ rowId: 'r-1', hash: 7 }] }, 'rows.0.hash: Invalid input: expected string, received number', 0],
    ['a table it does not know', 'GET /api/v1/sync/state', { table: 'budgets', rows: [] }, 'table: Invalid option: expected one of "requests"|"workplan"|"milestones"|"roadmap"', 0],
    ['a state without its rows', 'GET /api/v1/sync/state', { table: 'requests' }, 'rows: Invalid input: expected array, received undefined', 0],
    ['a sheet warning on row 0', 'GET /api/v1/sync/state', { table: 'requests', rows: [], sheetWarnings: [{ row: 0, message: 'x', sheet: 'Requests' }] }, 'sheetWarnings.0.row: Too small: expected number to be >=1', 0],
    ['an outbox item of an unknown kind', 'GET /api/v1/outbox', { table: 'requests', items: [{ id: 1, rowId: 'web-1', kind: 'other', fields: null, values: {} }] }, 'items.0.kind: Invalid option: expected one of "row"|"fields"', 0],
    ["an outbox item whose values are a list", 'GET /api/v1/outbox', { table: 'requests', items: [{ id: 1, rowId: 'web-1', kind: 'row', fields: null, values: [] }] }, 'items.0.values: values must be an object of field name → value', 0],
    ['a batch answer without its rejections', 'POST /api/v1/sync', { accepted: 3, unchanged: 0, deleted: 0, warnings: [] }, 'rejected: Invalid input: expected array, received undefined', 3],
    ['a batch answer counting in words', 'POST /api/v1/sync', { accepted: 'three', unchanged: 0, deleted: 0, rejected: [], warnings: [] }, 'accepted: Invalid input: expected number, received string', 3],
  ])('%s is refused, naming where', async (_what, route, answer, where, rowsSent) => {
    const { alert, rows, unlocked } = await syncAgainst({ [route]: answer });
    expect(alert).toMatch(NOT_READ);
    expect(NOT_READ.exec(alert)?.[1]).toBe(where);
    // Refused before the batch when the state or the outbox is malformed: nothing sent on a reading it cannot trust.
    expect(rows).toBe(rowsSent);
    expect(unlocked).toBe(true);
  });
});
