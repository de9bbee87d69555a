// Thirty thousand date cells that each ask their column for a year: "Jun-30" (June 30, or June 2030) above one dated
// row at the very bottom, "Jun-24" on every row (a month, or June 24), "3/15" over a column whose only date is a typo
// year. Imported from a CSV, as a year's log exported from another tool is: every row kept, each warning saying what
// year was assumed, and the import done in the normal test time, the column's years found once, not once per cell.
import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { importWorkbook } from '../../sync/ingest/import-workbook';
import { storeBackends } from '../support/store-backends';
import { tempFolder } from './ingest/workbook-files';

const backends = storeBackends('hostile_years');
const files = tempFolder('hostile-years');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

/** Enough that a reading once per cell (quadratic) fails the test's time, few enough for CI (decision 016). */
const ROWS = 30_000;
const AT = new Date('2026-12-07T10:00:00Z');

/** A milestone calendar of `dates` imported from a CSV into a source of its own; the result, and the warnings by message. */
async function importCalendar(name: string, dates: string[]) {
  const store = await backends[0].open();
  const { principal } = await store.createPrincipal({ kind: 'source', name, sourceKind: 'file' });
  const file = files.path(`${name}.csv`);
  await writeFile(file, ['Date,Milestone,Team', ...dates.map((d, i) => `${d},Step ${i + 1},Planning`)].join('\n'));
  const r = await importWorkbook(store, { file, sourceId: principal.id, at: AT });
  const said = new Map<string, number>();
  for (const w of r.warnings) said.set(w.message, (said.get(w.message) ?? 0) + 1);
  const stored: Record<string, unknown>[] = [];
  for await (const row of store.rows('milestones', { sourceIds: [principal.id] })) stored.push(row.values);
  return { r, said, stored };
}

describe('a column of thirty thousand dates that each need a year', () => {
  test('"Jun-30" on every row but the last, dated 2026: each is June 30, 2026, said so', async () => {
    const { r, said, stored } = await importCalendar('june-days', [...Array<string>(ROWS).fill('Jun-30'), '6/1/2026']);
    expect(r.accepted).toBe(ROWS + 1);
    expect(r.rejected).toEqual([]);
    expect(said.get('Date: read "Jun-30" as 2026-06-30, June 30 in the sheet\'s year, not June 2030 (the column\'s other dates are in 2026)')).toBe(ROWS);
    expect(stored.filter((s) => s.date === '2026-06-30')).toHaveLength(ROWS);
  });

  test('"Jun-24" on every row: each is June 2024, the year they share, said so', async () => {
    const { r, said, stored } = await importCalendar('june-months', Array<string>(ROWS).fill('Jun-24'));
    expect(r.accepted).toBe(ROWS);
    expect(r.rejected).toEqual([]);
    expect(said.get('Date: read "Jun-24" as 2024-06-01 to 2024-06-30 (a month and a two-digit year, as Excel shows June 2024)')).toBe(ROWS);
    expect(stored.filter((s) => s.date === '2024-06-01' && s.endOn === '2024-06-30')).toHaveLength(ROWS);
  });

  test('"3/15" on every row over a typo year of 2206: no year is lent, every row kept undated, said so', async () => {
    const { r, said, stored } = await importCalendar('no-year', [...Array<string>(ROWS).fill('3/15'), '6/1/2206']);
    expect(r.accepted).toBe(ROWS + 1);
    expect(said.get('Date: "3/15" has no year, and no other date in the column or title gives one; kept with the status "No date yet"')).toBe(ROWS);
    expect(stored.filter((s) => s.date === null)).toHaveLength(ROWS);
  });
});
