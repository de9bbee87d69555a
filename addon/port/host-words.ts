// The words a host's own menus use for the add-on's places, so a shared text tells each host's user a path they can
// follow: each host gives its words once (addon/apps-script/host-words.ts, addon/excel/host-words.ts).
import type { TemplateName } from '../../templates/build-template';

/** The templates as the Sheets menu and the Excel pane's Set up buttons both name them. */
export const TEMPLATE_LABELS: Readonly<Record<TemplateName, string>> = {
  'ta-intake': 'TA intake (requests log)',
  workplan: 'Work plan',
  milestones: 'Milestones',
  roadmap: 'Roadmap',
};

export interface HostWords {
  /** The file a source token belongs to, as its user calls it: "sheet" in Sheets, "workbook" in Excel. */
  document: string;
  /** How to reach Settings, as an instruction: "open Extensions > Equity Desk > Settings". */
  openSettings: string;
  /** How to add a template's sheets, as an instruction; without a template, any of them. */
  setUp(template?: TemplateName): string;
  /** When a person's own sync schedule runs, as Settings says beside it. */
  scheduleRuns: string;
  /** A custom function as this host's formulas call it, from its Sheets name: `EQ_DEMAND` in Sheets, `EQ.DEMAND` in Excel. */
  functionName(name: string): string;
}
