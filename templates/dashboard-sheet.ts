// The `Dashboard` sheet: labelled figures as native formulas over the data sheet, each written with the
// value TypeScript computes for it, plus the array-free helper columns some figures need.
import { columnLetter } from '../shared/lists';
import { sameText } from '../shared/status/sheet-math';
import type { TypedValue } from '../shared/tables';
import type { PlanCell, PlanColumn, SheetPlan } from '../shared/workbook-plan';

/** A native formula and the value the TypeScript rules give for it (`null` shows as blank). */
export interface Figure {
  formula: string;
  value: TypedValue;
}

export interface DashboardLine {
  /** Text (or a number: a goal typed as 1), or a formula when the label follows Lists. */
  label: string | number | Figure;
  count?: Figure;
  average?: Figure;
  pct?: Figure;
  date?: Figure;
  detail?: Figure;
}

/**
 * A column of one working value per data row. MEDIAN(IF(...)) and friends need array entry, which
 * the three engines treat differently; a plain column of IFs followed by MEDIAN or MIN does not.
 */
export interface HelperColumn {
  header: string;
  type: 'number' | 'date' | 'text';
  /** `null`: an empty cell, which COUNTA and COUNTIF pass over (a formula showing "" is counted by COUNTA). */
  cells: readonly (Figure | null)[];
}

const SLOTS = ['count', 'average', 'pct', 'date', 'detail'] as const;
const COLUMNS: readonly PlanColumn[] = [
  { header: 'Measure', width: 46, type: 'text', wrap: true },
  { header: 'Count', width: 10, type: 'number' },
  { header: 'Average', width: 10, type: 'number', numFmt: '0.0' },
  { header: '%', width: 9, type: 'percent', numFmt: '0%' },
  { header: 'Date', width: 12, type: 'date', numFmt: 'yyyy-mm-dd' },
  // The next item's name, as a plan types it: the last printed column, so unwrapped it would be cut at the page's edge.
  { header: 'Detail', width: 44, type: 'text', wrap: true },
];
const HELPER_GAP = 1;

export const DASHBOARD_SHEET = 'Dashboard';

/** The sheet column letter of the Dashboard's `index`-th helper column (0-based), left to right. */
export const helperLetter = (index: number): string => columnLetter(COLUMNS.length + HELPER_GAP + index + 1);

export class DashboardBuilder {
  /** Title, note, header, then the lines. */
  static readonly FIRST_ROW = 4;
  private readonly entries: (DashboardLine | string)[] = [];
  private readonly helpers: HelperColumn[];

  /** `helpers`: working columns the data sheet brings (its derived columns, computed here), placed first. */
  constructor(helpers: readonly HelperColumn[] = []) {
    this.helpers = [...helpers];
  }

  get nextRow(): number {
    return DashboardBuilder.FIRST_ROW + this.entries.length;
  }

  section(title: string): void {
    this.entries.push(title);
  }

  /** Adds a line; returns its row, for figures that refer to it. */
  line(line: DashboardLine): number {
    this.entries.push(line);
    return this.nextRow - 1;
  }

  /** Adds a helper column; returns its absolute range on this sheet. */
  helper(column: HelperColumn): string {
    const letter = helperLetter(this.helpers.length);
    this.helpers.push(column);
    return `$${letter}$${DashboardBuilder.FIRST_ROW}:$${letter}$${DashboardBuilder.FIRST_ROW + column.cells.length - 1}`;
  }

  plan(title: string, note: string): SheetPlan {
    const figure = (f: Figure | null | undefined): PlanCell => (f ? { formula: f.formula, result: f.value ?? '' } : null);
    const height = Math.max(this.entries.length, ...this.helpers.map((h) => h.cells.length));
    const rows: PlanCell[][] = [];
    for (let i = 0; i < height; i++) {
      const e = this.entries[i];
      const main: PlanCell[] = e === undefined ? COLUMNS.map(() => null)
        : typeof e === 'string' ? [e, ...SLOTS.map(() => null)]
        : [typeof e.label === 'object' ? figure(e.label) : e.label, ...SLOTS.map((s) => figure(e[s]))];
      rows.push([...main, ...Array<PlanCell>(HELPER_GAP).fill(null), ...this.helpers.map((h) => figure(h.cells[i]))]);
    }
    return {
      name: DASHBOARD_SHEET,
      columns: [
        ...COLUMNS,
        ...Array.from({ length: HELPER_GAP }, () => ({ header: '', width: 3 })),
        // Hidden, and outside the print area: working values, one per data row, that would otherwise print
        // as a column of their own and as pages of nothing below the figures.
        ...this.helpers.map((h): PlanColumn => ({ header: h.header, width: 16, type: h.type, numFmt: h.type === 'date' ? 'yyyy-mm-dd' : undefined, hidden: true })),
      ],
      preamble: [[title], [note]],
      rows,
      freeze: { rows: DashboardBuilder.FIRST_ROW - 1 },
      // Section titles shaded, so the figures read in groups (plans carry no per-cell styles; tones match exact text).
      conditionals: [{
        column: 1, fromRow: DashboardBuilder.FIRST_ROW, toRow: DashboardBuilder.FIRST_ROW + this.entries.length - 1,
        tones: Object.fromEntries(this.entries.filter((e): e is string => typeof e === 'string').map((t) => [t, 'neutral' as const])),
      }],
      tabColor: '#548235',
      // Each section prints on one page with its heading. Fitted to its width, not to a fixed scale: Excel prints it
      // at full size, LibreOffice without Calibri's widths smaller, and breaks counted at full size hold in both.
      print: {
        area: { lastRow: DashboardBuilder.FIRST_ROW + this.entries.length - 1, lastColumn: COLUMNS.length },
        keepTogether: this.entries.flatMap((e, i) => (typeof e === 'string' ? [DashboardBuilder.FIRST_ROW + i] : [])),
      },
    };
  }
}

// TypeScript counterparts of the spreadsheet functions the dashboards use.

/** COUNTIF(range, text): case-insensitive whole-text match. */
export const countIf = (values: readonly TypedValue[], label: string | number) => values.filter((v) => (typeof label === 'number' ? v === label : sameText(v, label))).length;

/** IF(b=0, "", a/b). */
export const share = (a: number, b: number): number | '' => (b === 0 ? '' : a / b);

/** AVERAGE over the numbers, blank when there are none (IFERROR(AVERAGE(...), "")). */
export function mean(values: readonly TypedValue[]): number | '' {
  const nums = values.filter((v): v is number => typeof v === 'number');
  return nums.length ? nums.reduce((s, n) => s + n, 0) / nums.length : '';
}

/** MEDIAN over the numbers, blank when there are none. */
export function median(values: readonly TypedValue[]): number | '' {
  const nums = values.filter((v): v is number => typeof v === 'number').sort((a, b) => a - b);
  if (!nums.length) return '';
  const mid = Math.floor(nums.length / 2);
  return nums.length % 2 ? nums[mid] : (nums[mid - 1] + nums[mid]) / 2;
}

/**
 * Distinct non-blank texts and numbers in order of first appearance (the goals of a plan, its phases: a goal typed as
 * 1 stays the number 1, so its label cell equals the cells the formulas compare it with, in every engine).
 */
export function distinct(values: readonly TypedValue[]): (string | number)[] {
  const seen = new Map<string, string | number>();
  for (const v of values) {
    if ((typeof v === 'string' && v !== '') || typeof v === 'number') {
      const key = `${typeof v}:${String(v).toLowerCase()}`;
      if (!seen.has(key)) seen.set(key, v);
    }
  }
  return [...seen.values()];
}
