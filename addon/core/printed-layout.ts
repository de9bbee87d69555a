// A template sheet laid out to print as the template file prints, measured from its plan: the Excel add-in's, which
// keeps print settings with the workbook. The Sheets add-on, which prints nothing itself, takes the same layouts
// measured at build time (addon/core/template-prints.ts), so Code.js carries no text measuring.
import { columnPagesWide, printedColumns, repeatedColumns } from '../../shared/pages-wide';
import { evenRowLines, rowPoints } from '../../shared/row-heights';
import type { PrintedLayout } from '../port/spreadsheet-port';

/** A sheet laid out by column groups or a fixed scale keeps the host's own fit. */
export const measuredLayout: PrintedLayout = (plan, rows) => {
  const columns = printedColumns(plan);
  const repeated = repeatedColumns(plan);
  const pagesWide = plan.print?.pagesWide ?? (plan.print?.columnGroups || plan.print?.columnSections || plan.print?.scale ? undefined : columnPagesWide(columns, repeated));
  const lines = plan.evenRows ? evenRowLines(plan.columns, rows) : 1;
  return { columns, pagesWide, repeated, evenRowPoints: lines > 1 ? rowPoints(lines) : undefined };
};
