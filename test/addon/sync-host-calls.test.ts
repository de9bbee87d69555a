// Host calls per sync, held to a budget on both hosts (the workbook: sync-host-calls.ts). A sync lists the
// sheets once, reads each sheet once, its formulas with its values (and again only if the pull wrote into it), reads and writes the
// rejection marks of each table once, and writes survey answers in one scattered write: its cost does not
// grow with the number of answers or rejected rows. `npm run bench addon` prints the same counts. The one sheet that
// costs a call per row is a Smartsheet export's in Sheets: its outline is its row groups, asked row by row.
import { expect, test } from 'vitest';
import { useSyncService } from '../fixtures/use-sync-service';
import { SYNC_CALL_BUDGET, excelSyncCalls, sheetsSmartsheetCalls, sheetsSyncCalls } from './sync-host-calls';

const service = useSyncService();

test('Google Sheets: a sync with survey answers, fixed and new rejections stays within its spreadsheet-service calls', async () => {
  const calls = await sheetsSyncCalls(service);
  expect(calls.withAnswers.reads).toBeLessThanOrEqual(SYNC_CALL_BUDGET['Google Sheets'].withAnswers.reads);
  expect(calls.withAnswers.writes).toBeLessThanOrEqual(SYNC_CALL_BUDGET['Google Sheets'].withAnswers.writes);
  expect(calls.unchanged.reads).toBeLessThanOrEqual(SYNC_CALL_BUDGET['Google Sheets'].unchanged.reads);
  expect(calls.unchanged.writes).toBe(0);
}, 120_000);

test('Excel: the same sync stays within its context.sync() round trips', async () => {
  const calls = await excelSyncCalls(service);
  expect(calls.withAnswers.reads).toBeLessThanOrEqual(SYNC_CALL_BUDGET.Excel.withAnswers.reads);
  expect(calls.withAnswers.writes).toBeLessThanOrEqual(SYNC_CALL_BUDGET.Excel.withAnswers.writes);
  expect(calls.unchanged.reads).toBeLessThanOrEqual(SYNC_CALL_BUDGET.Excel.unchanged.reads);
  expect(calls.unchanged.writes).toBe(0);
}, 120_000);

test('Google Sheets: a Smartsheet export costs one row-group call per row below its header on top of the same sheet\'s calls, as Apps Script lists no row groups', async () => {
  const ROWS = 199;
  const { outlined, plain, rowGroupDepths } = await sheetsSmartsheetCalls(service, ROWS);
  expect(rowGroupDepths).toBe(ROWS);
  expect(outlined.reads - plain.reads).toBe(ROWS);
  expect(outlined.writes).toBe(plain.writes);
}, 120_000);
