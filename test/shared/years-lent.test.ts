// What a date column lends its cells written without a year ("3/15", "Jun-30"): the year of the nearest date, above
// first, and for a month-or-day cell the years the column spans. Held to the rule as first written, one walk per cell
// (kept below as the reference), over random columns: the same year, the same nearest cell, the same side.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthOrDayIn, type ColumnYear, type MonthOrDay } from '../../shared/cells/month-or-day';
import { yearOf } from '../../shared/cells/dates';
import { TABLES } from '../../shared/tables';
import { DEFAULT_READ_OPTIONS, validateRow, validateSheetRows, type FirstReading, type RawRow } from '../../shared/validate-row';

const table = TABLES.milestones;
const FIELDS = ['date', 'endOn'] as const;
const rowsOf = (cells: readonly (readonly [string | null, string | null])[]) => cells.map(([date, endOn], i): RawRow => ({ date, endOn, milestone: `Step ${i + 1}` }));

/** The reference: the nearest in-window date, walking out from the row, above before below. */
function yearNearWalk(results: readonly FirstReading[], at: number, field: string): ColumnYear | undefined {
  for (let d = 1; d < results.length; d++) {
    for (const [j, where] of [[at - d, 'above'], [at + d, 'below']] as const) {
      const v = results[j]?.values[field];
      if (typeof v === 'string' && yearOf(v) >= 1990 && yearOf(v) <= 2100) return { year: yearOf(v), near: v, ...(where === 'below' ? { below: true } : {}) };
    }
  }
  return undefined;
}

interface Cell { value: unknown; text?: string; twoDigit?: MonthOrDay }

/** The reference: the column's years for a month-or-day cell, the whole column weighed for each cell that asks. */
function sheetYearsWalk(column: readonly Cell[], at: number): ColumnYear | undefined {
  const certain = (d: Cell | undefined) => (d && !d.twoDigit && typeof d.value === 'string' && /^\d{4}-/.test(d.value) && +d.value.slice(0, 4) >= 1990 && +d.value.slice(0, 4) <= 2100 ? +d.value.slice(0, 4) : undefined);
  let months = false;
  let yearAt = (j: number) => (j === at ? undefined : certain(column[j]));
  let years = column.map((_, j) => yearAt(j)).filter((y): y is number => y !== undefined);
  if (years.length === 0) {
    const counts = new Map<number, number>();
    for (const d of column) if (d.twoDigit) counts.set(d.twoDigit.year, (counts.get(d.twoDigit.year) ?? 0) + 1);
    const shared = new Set([...counts].filter(([, n]) => n >= 2).map(([y]) => y));
    months = true;
    yearAt = (j) => (j !== at && column[j]?.twoDigit && shared.has(column[j].twoDigit!.year) ? column[j].twoDigit!.year : undefined);
    years = [...shared];
  }
  if (years.length === 0) return undefined;
  let [first, last] = [Math.min(...years), Math.max(...years)];
  const read = new Set(column.flatMap((d) => (d.twoDigit ? [d.twoDigit.year] : [])));
  while (read.has(first - 1)) first--;
  while (read.has(last + 1)) last++;
  for (let d = 1; d < column.length; d++) {
    for (const [j, where] of [[at - d, 'above'], [at + d, 'below']] as const) {
      const year = yearAt(j);
      if (year === undefined) continue;
      const near = months ? (column[j].text ?? '').trim() : String(column[j].value);
      return { year, near, first, last, ...(where === 'below' ? { below: true } : {}), ...(months ? { months } : {}) };
    }
  }
  return undefined;
}

/**
 * What the reference lends each row, by field. Rows are read again top-down, each with what it is lent, so a row asks
 * with the rows above it as read again and the rows below as first read.
 */
function lentByWalk(rows: readonly RawRow[]) {
  const first = rows.map((r) => validateRow(table, r, DEFAULT_READ_OPTIONS));
  const final = validateSheetRows(table, rows, DEFAULT_READ_OPTIONS).results;
  const twoDigit = (j: number, field: string) => (first[j].warnings.some((w) => w.code === 'date_period') ? monthOrDayIn(rows[j][field]) : undefined);
  return rows.map((row, i) => {
    const seen = [...final.slice(0, i), ...first.slice(i)];
    const lent: Record<string, ColumnYear | undefined> = {};
    for (const field of FIELDS) {
      const rowYear = field === 'endOn' && typeof first[i].values.date === 'string';
      if (twoDigit(i, field)) lent[field] = sheetYearsWalk(seen.map((r, j) => ({ value: r.values[field], text: typeof rows[j][field] === 'string' ? (rows[j][field] as string) : undefined, twoDigit: twoDigit(j, field) })), i);
      else if (!rowYear && first[i].warnings.some((w) => w.code === 'date_no_year' && w.field === field)) lent[field] = yearNearWalk(seen, i, field);
    }
    return lent;
  });
}

const lentOf = (rows: readonly RawRow[]) => {
  const { lent } = validateSheetRows(table, rows, DEFAULT_READ_OPTIONS);
  return rows.map((_, i) => Object.fromEntries(FIELDS.flatMap((f) => (lent[i]?.[f] ? [[f, lent[i]![f]]] : []))));
};
const defined = (lent: Record<string, ColumnYear | undefined>[]) => lent.map((l) => Object.fromEntries(Object.entries(l).filter(([, v]) => v !== undefined)));
const dateOf = (cells: (string | null)[]) => validateSheetRows(table, rowsOf(cells.map((c) => [c, null])), DEFAULT_READ_OPTIONS).results;

describe('the years a column lends its cells written without one', () => {
  it('lends a cell the year of the nearest date, the one above when two are as near', () => {
    const r = dateOf(['2026-05-01', '3/15', '6/1/2027']);
    expect(r[1].values.date).toBe('2026-03-15');
    expect(r[1].warnings[0].message).toContain('the year of the nearest date above it in this column, 2026-05-01');
    const months = dateOf(['6/1/2025', 'Jun-30', '6/1/2027']);
    expect(months[1].values.date).toBe('2025-06-30');
    expect(months[1].warnings[0].message).toContain('the column\'s other dates are in 2025 to 2027; 2025 is the year of the nearest, above it, 2025-06-01');
  });

  it('lends nothing from a typo year such as 2206, and nothing from a column with no dates', () => {
    const typo = dateOf(['6/1/2206', '3/15']);
    expect(typo.map((r) => r.values.date)).toEqual(['2206-06-01', null]);
    expect(typo[1].warnings[0].message).toContain('no other date in the column or title gives one');
    expect(dateOf(['6/1/2206', 'Jun-30'])[1].values.date).toBe('2030-06-01');
    // Past the typo, the date below lends its year.
    expect(dateOf(['3/15', '6/1/2206', '5/1/2026'])[0].values.date).toBe('2026-03-15');
    expect(dateOf(['3/15', 'Mar 16', 'TBD']).map((r) => r.values.date)).toEqual([null, null, null]);
  });

  it('lends a cell read again the year it was lent, to the cells under it', () => {
    const r = dateOf(['Mar 15', 'Mar 16', '2026-05-01']);
    expect(r[1].warnings[0].message).toContain('the year of the nearest date above it in this column, 2026-03-15');
  });

  it('lends each cell what the rule of one walk per cell lends it, over random columns', () => {
    const cell = fc.constantFrom(null, '', 'TBD', '3/15', 'Mar 16', 'Dec 31', 'Jun-30', 'Jun-24', 'Jan-26', 'Dec-27', 'Mar-15', 'Feb-29', 'By Jun-30', '2026-05-01', '6/1/2027', '1/10/2024', '6/1/2206', '1/1/1901', 'Jan 2026');
    fc.assert(
      fc.property(fc.array(fc.tuple(cell, fc.constantFrom(null, null, null, '3/20', 'Jun-30', 'Jan-27', '2026-12-31')), { maxLength: 14 }), (cells) => {
        const rows = rowsOf(cells);
        expect(lentOf(rows)).toEqual(defined(lentByWalk(rows)));
      }),
      { numRuns: 600 },
    );
  });
});
