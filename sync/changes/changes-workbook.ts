// The changes report as a one-sheet workbook (`changes --out FILE.xlsx`): every line of every section,
// with the section as a column to filter by.
import { headerWidth, oneLineWidth } from '../../shared/printed-text';
import type { PlanCell, WorkbookPlan } from '../../shared/workbook-plan';
import { figureLineText } from '../metrics/headline-figures';
import { changeSections, changesPeriod } from './change-sections';
import type { ChangesReport } from './changes-schema';

export const CHANGES_SHEET = 'Since last meeting';
/** The widest the Source and Detail columns grow to hold their texts on one line: past it a long name wraps. */
const WIDEST_SOURCE = 40;
const WIDEST_DETAIL = 26;
const NARROWEST = 8;

export function changesWorkbookPlan(r: ChangesReport): WorkbookPlan {
  const rows: PlanCell[][] = [];
  for (const s of changeSections(r)) {
    if (s.lines.length === 0) rows.push([s.title, null, s.none, null, null]);
    for (const l of s.lines) rows.push([s.title, l.day, l.what, l.source, l.detail || null]);
    for (const f of s.figures) rows.push([s.title, null, figureLineText(f), null, null]);
  }
  const period = changesPeriod(r);
  /** A column as wide as its texts on one line, within its bound, and never narrower than its header's word. */
  const fitted = (header: string, column: number, widest: number) =>
    oneLineWidth(rows.flatMap((row) => (typeof row[column] === 'string' ? [row[column] as string] : [])), headerWidth(header, NARROWEST), widest);
  return {
    title: `Equity Desk: what changed ${period}`,
    sheets: [{
      name: CHANGES_SHEET,
      preamble: [[`What changed ${period}`]],
      columns: [
        { header: 'Section', width: 34, recurring: true, wrap: true },
        { header: 'Day', width: 12, type: 'date' },
        { header: 'What', width: 50, wrap: true },
        { header: 'Source', width: fitted('Source', 3, WIDEST_SOURCE), recurring: true, wrap: true },
        { header: 'Detail', width: fitted('Detail', 4, WIDEST_DETAIL), recurring: true, wrap: true },
      ],
      rows,
      freeze: { rows: 2 },
      table: 'Changes',
    }],
  };
}
