// `import` names a rejected or warned row by its own ID (TA-2024-031) beside its cell, as the office finds the row,
// in the text and in `--json` (an `id` beside the contract's sheet and row); a row with no ID is named by its cell alone.
import { afterAll, expect, test } from 'vitest';
import { tempFolder, writeWorkbook, type Grid } from '../ingest/workbook-files';
import { addFileSource, runInThisProcess } from './cli-process';

const files = tempFolder('cli-row-ids');
afterAll(() => files.cleanup());

const REQUESTS: Grid = [
  ['Request ID', 'Organization', 'Status', 'Date received', 'Due'],
  ['TA-2024-030', 'City of Riverside', 'New', '3/15/2026', null],
  ['TA-2024-031', 'County Health', 'New', '13/45/2024', null],
  [null, 'Port district', 'New', '13/45/2024', null],
  ['TA-2024-033', 'Parks', 'New', '3/16/2026', 'TBD'],
];

test('import names each rejected and warned row by its own ID where it has one, in text and in --json', async () => {
  const data = ['--data', files.path('data')];
  const id = await addFileSource('Riverside', data);
  const book = await writeWorkbook(files.path(), [{ name: 'Requests', rows: REQUESTS }]);

  const text = await runInThisProcess(['import', book, '--source', id, ...data]);
  expect(text.code, text.stderr).toBe(1);
  const lines = text.stdout.split('\n');
  expect(lines.filter((l) => l.startsWith('rejected: '))).toEqual([
    'rejected: Request TA-2024-031, Requests!D3 (Date received): "13/45/2024" is not a date (expected a date such as 2026-03-15, 3/15/2026 or Mar 2026)',
    'rejected: Requests!D4 (Date received): "13/45/2024" is not a date (expected a date such as 2026-03-15, 3/15/2026 or Mar 2026)',
  ]);
  expect(lines).toContainEqual(expect.stringMatching(/^warning: Request TA-2024-033, Requests!E5 \(Due\): "TBD" is not a date yet/));

  const json = JSON.parse((await runInThisProcess(['import', book, '--source', id, '--json', ...data])).stdout);
  expect(json.rejected).toEqual([
    { sheet: 'Requests', row: 3, id: 'TA-2024-031', errors: [{ field: 'receivedOn', column: 'D', message: expect.stringContaining('"13/45/2024" is not a date') }] },
    { sheet: 'Requests', row: 4, errors: [{ field: 'receivedOn', column: 'D', message: expect.stringContaining('"13/45/2024" is not a date') }] },
  ]);
  expect(json.warnings).toContainEqual({ sheet: 'Requests', row: 5, id: 'TA-2024-033', field: 'dueOn', message: expect.stringContaining('"TBD" is not a date yet') });
});
