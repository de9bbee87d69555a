// Excel's own words for the add-in's places: its ribbon button (Home > Equity Desk) and the task pane's buttons.
import { TEMPLATE_LABELS, type HostWords } from '../port/host-words';

export const EXCEL_WORDS: HostWords = {
  document: 'workbook',
  openSettings: 'open Home > Equity Desk and choose Settings',
  setUp: (template) => `open Home > Equity Desk and choose Set up${template ? ` > ${TEMPLATE_LABELS[template]}` : ''}`,
  // Excel has no background triggers: the add-in's timer runs in the workbook's runtime (decision 011).
  scheduleRuns: 'Runs while this workbook is open on this device; each person sets their own.',
  // The manifest's namespace, EQ, before each function's id (functions.ts).
  functionName: (name) => name.replace(/^EQ_/, 'EQ.'),
};

/** Said in the task pane where the add-in cannot start, instead of a blank pane. */
export const PANE_CANNOT_START = {
  // Add-ins must load office.js from Microsoft's address; a network that blocks it leaves the pane with no Office.
  noOfficeJs:
    "Equity Desk could not load Microsoft's Office library (office.js, from appsforoffice.microsoft.com). In Excel, this usually means the network blocks that address: ask your IT team to allow it, then reopen the pane.",
  notInExcel: 'This is the Equity Desk task pane for Excel. Open a workbook in Excel, on the desktop or on the web, and choose Home > Equity Desk.',
} as const;
