// The `Lists` sheet of every template: dropdown values and the configurable rules (SLA days, impact,
// urgency, age buckets, settings) in the fixed layout that validations and formulas refer to.
import { DEFAULT_LISTS_GRID } from '../shared/rules';
import { LIST_PLACEMENTS, LISTS_SHEET, NO_LOWER_BOUND } from '../shared/lists';
import { fittedWidth, type PlanCell, type SheetPlan } from '../shared/workbook-plan';

/**
 * The blank column after each list parts it from the next; it holds nothing to read, so it is narrow: wider, the
 * blank columns together took a whole printed page (decision 003).
 */
const SPACER_WIDTH = 1;
/**
 * A setting's label wraps onto a second line ("Default weekly capacity per assignee (hours)"): as wide as its longest
 * label, the Settings list alone took most of a page, and the Lists printed on a page more.
 */
const SETTING_WIDTH = 22;
const settingColumn = LIST_PLACEMENTS.find((p) => p.block.key === 'setting')!.column;
/**
 * A list is as wide as its values, its header wrapping between words ("Weekly capacity (hours)" over a column of
 * 20s): a column as wide as its header spread the sheet over pages of a few short rows each.
 */
const MIN_WIDTH = 8;
/** A header's words, a character wider for the bold they print in. */
const headerWords = (header: string) => header.split(/\s+/).map((word) => `${word} `);
/**
 * Shows an open lower bound as a person says it; the cell keeps the number, which Sheets, Excel and LibreOffice all
 * format so. The numbers' own section comes first: LibreOffice drops the minus sign of a number shown by a second
 * section, as of a negative number's, so an office's band "from -7" printed as 7.
 */
const OPEN_BOUND_FORMAT = `[>${NO_LOWER_BOUND}]General;[<=${NO_LOWER_BOUND}]"any"`;
const openBelow = new Set(LIST_PLACEMENTS.filter((p) => p.block.values[0] === NO_LOWER_BOUND).map((p) => p.column));

export function listsSheet(grid: readonly (readonly unknown[])[] = DEFAULT_LISTS_GRID): SheetPlan {
  const [header, ...body] = grid;
  const cell = (v: unknown): PlanCell => (v === '' || v === undefined ? null : (v as PlanCell));
  return {
    name: LISTS_SHEET,
    columns: header.map((h, i) => ({
      header: String(h ?? ''),
      width: h ? fittedWidth([...headerWords(String(h)), ...body.map((r) => r[i])], MIN_WIDTH, i + 1 === settingColumn ? SETTING_WIDTH : 40) : SPACER_WIDTH,
      ...(i + 1 === settingColumn ? { wrap: true } : {}),
      ...(openBelow.has(i + 1) ? { numFmt: OPEN_BOUND_FORMAT } : {}),
      // Figures on the right with a character's space, so "0" never prints against the next list's "0-7 days".
      ...(body.some((r) => typeof r[i] === 'number') ? { alignRight: true } : {}),
    })),
    rows: body.map((r) => header.map((_, i) => cell(r[i]))),
    freeze: { rows: 1 },
    // A wrapped setting's label makes its row two lines tall: every row is, so each list beside it reads evenly spaced.
    evenRows: true,
    tabColor: '#7F7F7F',
    // A few rows across many columns, too wide for one readable page: each page takes whole lists, a list with
    // its paired column and the spacer after it, so no list is cut from its header or printed too small to read.
    print: { columnGroups: header.flatMap((h, i) => (h || i === header.length - 1 ? [] : [i + 1])) },
  };
}
