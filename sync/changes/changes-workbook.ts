// The changes report as a one-sheet workbook (`changes --out FILE.xlsx`): every line of every section,
// with the section as a column to filter by.
import type { PlanCell, WorkbookPlan } from '../../shared/workbook-plan';
import { changeSections, changesPeriod } from './change-sections';
import type { ChangesReport } from './changes-schema';

export const CHANGES_SHEET = 'Since last meeting';

export function changesWorkbookPlan(r: ChangesReport): WorkbookPlan {
  const rows: PlanCell[][] = [];
  for (const s of changeSections(r)) {
    if (s.lines.length === 0) rows.push([s.title, null, s.none, null, null]);
    for (const l of s.lines) rows.push([s.title, l.day, l.what, l.source, l.detail || null]);
  }
  const period = changesPeriod(r);
  return {
    title: `Equity Desk: what changed ${period}`,
    sheets: [{
      name: CHANGES_SHEET,
      preamble: [[`What changed ${period}`]],
      columns: [
        { header: 'Section', width: 34, recurring: true, wrap: true },
        { header: 'Day', width: 12, type: 'date' },
        { header: 'What', width: 50, wrap: true },
        { header: 'Source', width: 28, recurring: true, wrap: true },
        { header: 'Detail', width: 26, recurring: true, wrap: true },
      ],
      rows,
      freeze: { rows: 2 },
      table: 'Changes',
    }],
  };
}
