// Google Sheets' own words for the add-on's places: its Extensions menu (buildMenu in main.ts).
import { TEMPLATE_LABELS, type HostWords } from '../port/host-words';

export const SHEETS_WORDS: HostWords = {
  document: 'sheet',
  openSettings: 'open Extensions > Equity Desk > Settings',
  setUp: (template) => `use "Set up from template${template ? ` > ${TEMPLATE_LABELS[template]}` : ''}"`,
  scheduleRuns: 'Runs as you, even when you are away; each person sets their own.',
  functionName: (name) => name,
};
