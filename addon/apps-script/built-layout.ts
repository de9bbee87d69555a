// The Sheets add-on's printed layout: Apps Script sets no print settings (Sheets asks at print time), so only the
// widths and row heights a template's sheet is set up with matter, and those were measured at build time
// (addon/core/template-prints.ts). A sheet not measured there keeps its planned widths.
import { printKey } from '../core/print-key';
import { TEMPLATE_PRINTS } from '../core/template-prints';
import type { PrintedLayout } from '../port/spreadsheet-port';

export const builtLayout: PrintedLayout = (plan) => {
  const built = plan.print?.narrowToPrint || plan.evenRows ? TEMPLATE_PRINTS[printKey(plan)] : undefined;
  if (built?.widths.length !== plan.columns.length) return { columns: plan.columns };
  return { columns: plan.columns.map((c, i) => ({ ...c, width: built.widths[i] })), evenRowPoints: built.evenRowPoints };
};
