// The templates' own rows on the Apps Script host. Apps Script loads every script file of a project on every
// execution but reads an HTML file only when asked, so the rows are a project file the build writes from
// `templateContent` (TemplateContent.html, JSON), read at set-up only. Rows dated from the day of set-up (the
// milestones') are written as of one day and moved here to the day of set-up.
import { daysBetween, addDays, isIsoDate } from '../../shared/cells/dates';
import { TABLES, type TypedRow } from '../../shared/tables';
import { templateOf, type TemplateContent, type TemplateName } from '../../templates/build-template';

/** The project file the build writes the rows to (scripts/build.mjs). */
export const TEMPLATE_CONTENT_FILE = 'TemplateContent';

/** A template's rows written as of `from`, each date moved by the days from `from` to `to`. */
export function shiftedRows(name: TemplateName, rows: readonly TypedRow[], from: string, to: string): TypedRow[] {
  const table = Object.values(TABLES).find((t) => templateOf(t.name) === name)!;
  const dates = table.columns.filter((c) => c.type === 'date').map((c) => c.name);
  const days = daysBetween(from, to);
  return rows.map((row) => ({ ...row, ...Object.fromEntries(dates.flatMap((d) => (isIsoDate(row[d]) ? [[d, addDays(row[d], days)]] : []))) }));
}

export const sheetsTemplateContent: TemplateContent = (name, asOf) => {
  const written = JSON.parse(HtmlService.createHtmlOutputFromFile(TEMPLATE_CONTENT_FILE).getContent()) as Record<string, { rows: TypedRow[]; datedFrom?: string }>;
  const { rows, datedFrom } = written[name];
  return datedFrom === undefined ? rows : shiftedRows(name, rows, datedFrom, asOf);
};
