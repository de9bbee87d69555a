// The templates' own rows on the Apps Script host. Apps Script loads every script file of a project on every
// execution but reads an HTML file only when asked, so the fixed rows (the work plan's and the roadmap's) are a
// project file the build writes from `templateContent` (TemplateContent.html, JSON), read at set-up only; the
// milestones, dated from the day of set-up, are built here.
import { milestoneContent } from '../../templates/content/roadmap-content';
import type { TemplateContent } from '../../templates/build-template';
import type { TypedRow } from '../../shared/tables';

/** The project file the build writes the fixed rows to (scripts/build.mjs). */
export const TEMPLATE_CONTENT_FILE = 'TemplateContent';

export const sheetsTemplateContent: TemplateContent = (name, asOf) => {
  if (name === 'milestones') return milestoneContent(asOf);
  if (name === 'ta-intake') return [];
  const fixed = JSON.parse(HtmlService.createHtmlOutputFromFile(TEMPLATE_CONTENT_FILE).getContent()) as Record<string, TypedRow[]>;
  return fixed[name];
};
