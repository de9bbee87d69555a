// Fuzzing `import` with random cell contents in a real .xlsx: it never fails on a cell, every row is
// accounted for (accepted or rejected at a real column), and importing the file again changes nothing.
import { isErrorType } from '../../../shared/typed-error';
import fc from 'fast-check';
import type ExcelJS from 'exceljs';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES, TABLES, TABLE_NAMES, columnLetter, type InputColumn, type TableName } from '../../../shared/index';
import { importWorkbook, type ImportResult } from '../../../sync/ingest/import-workbook';
import { ImportError } from '../../../sync/ingest/import-error';
import { storeBackends } from '../../support/store-backends';
import { tempFolder, writeWorkbook } from './workbook-files';

const backends = storeBackends('ingest_fuzz');
const files = tempFolder('import-fuzz');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const MESSY = ['TBD', '13/45/2024', '3/15-17/2024', 'Feb 2026 – Aug 2027', '2004-03-01', '☑', '☐', 'x', 'TRUE', '50%', '12 hrs', '$1,200', 'in-progress', 'High', 'city', '=1+1', '  ', 'R-1'];

const text = fc.oneof(fc.constantFrom(...MESSY), fc.string({ maxLength: 20 }));
const cell: fc.Arbitrary<ExcelJS.CellValue> = fc.oneof(
  { weight: 6, arbitrary: text },
  { weight: 3, arbitrary: fc.integer({ min: -1000, max: 60_000 }) },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.date({ min: new Date('1900-03-01'), max: new Date('2200-01-01'), noInvalidDate: true }) },
  { weight: 3, arbitrary: fc.constant(null) },
  { weight: 1, arbitrary: text.map((t) => ({ richText: [{ text: t }, { text: '!' }] })) },
  { weight: 1, arbitrary: text.map((t) => ({ text: t, hyperlink: 'https://example.org' })) },
  { weight: 1, arbitrary: fc.oneof(text, fc.integer()).map((result) => ({ formula: 'A1', result }) as ExcelJS.CellValue) },
  { weight: 1, arbitrary: fc.constant({ error: '#N/A' } as ExcelJS.CellValue) },
);

/** A cell that fits its column, so that a good share of rows are accepted and both paths run. */
function fitting(c: InputColumn): fc.Arbitrary<ExcelJS.CellValue> {
  switch (c.type) {
    case 'date': return fc.oneof(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true }), fc.constantFrom('3/15/2026', 'Mar 2026', '2026-04-01'));
    case 'number': return fc.oneof(fc.integer({ min: 0, max: 500 }), fc.constant('12 hrs'));
    case 'percent': return fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant('40%'));
    case 'rating': return fc.integer({ min: 1, max: 5 });
    case 'boolean': return fc.constantFrom('☑', '☐', 'Yes', true);
    case 'email': return fc.constant('someone@agency.example.gov');
    case 'choice': return fc.constantFrom(...(c.list ? DEFAULT_RULES.lists[c.list] : ['x']));
    default: return fc.string({ minLength: 1, maxLength: 20 });
  }
}

/** A sheet of one table: a shuffled subset of its columns under any of their names, a stray column, random rows. */
const sheet = fc.constantFrom<TableName>(...TABLE_NAMES).chain((table) => {
  const def = TABLES[table];
  const named = (c: InputColumn) => fc.constantFrom(c.header, ...(c.aliases ?? []).filter((a) => !def.columns.some((o) => o !== c && o.header === a)));
  return fc.shuffledSubarray([...def.columns], { minLength: 1 }).chain((cols) =>
    fc.record({
      table: fc.constant(table),
      name: fc.oneof({ weight: 4, arbitrary: fc.constant(def.sheet) }, { weight: 1, arbitrary: fc.constant('Sheet 1') }),
      header: fc.tuple(...cols.map(named)),
      stray: fc.boolean(),
      rows: fc.array(fc.tuple(...cols.map((c) => fc.oneof({ weight: 3, arbitrary: fitting(c) }, { weight: 1, arbitrary: cell }))), { maxLength: 8 }),
    }),
  );
});

function checkAccounted(r: ImportResult, headerWidth: number) {
  const items = r.tables.reduce((n, t) => n + t.items, 0);
  expect(r.accepted + r.unchanged + r.rejected.length).toBe(items);
  const letters = new Set(Array.from({ length: headerWidth }, (_, i) => columnLetter(i + 1)));
  for (const j of r.rejected) {
    expect(j.row).toBeGreaterThan(1);
    expect(j.errors.length).toBeGreaterThan(0);
    // A missing required column has no cell to point at; every other problem has one.
    for (const e of j.errors) if (e.column !== undefined) expect(letters.has(e.column), e.line).toBe(true);
  }
}

describe.each(backends)('import fuzz on $name', (backend) => {
  test('random cells never break an import, and re-importing changes nothing', async () => {
    const store = await backend.open();
    await fc.assert(
      fc.asyncProperty(sheet, async (s) => {
        const { principal } = await store.createPrincipal({ kind: 'source', name: 'Fuzz' });
        const header = s.stray ? [...s.header, 'Stray column'] : s.header;
        const file = await writeWorkbook(files.path(), [{ name: s.name, rows: [header, ...s.rows.map((r) => [...r])] }]);
        const first = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-01T00:00:00Z') }).catch((e: unknown) => e);
        if (isErrorType(first, ImportError)) {
          // Only an unnamed sheet whose headers are too few to recognise may hold "no table".
          expect([first.code, s.name]).toEqual(['no-tables', 'Sheet 1']);
          return;
        }
        const r = first as ImportResult;
        checkAccounted(r, header.length);
        expect(r.unchanged).toBe(0);
        // Found by headers, an unnamed sheet may be read as another table whose headers it shares.
        expect(await store.syncState(principal.id, r.tables[0].table)).toHaveLength(r.accepted);
        const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-02T00:00:00Z') });
        expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, r.accepted, 0]);
        expect(again.rejected).toEqual(r.rejected);
      }),
      { numRuns: 40 },
    );
  });
});
