// The configurable parameters of the status rules, with defaults and a reader for a `Lists` sheet grid.
import { isErrorValue, isLoadingCell } from './cells/error-value';
import { numberInWords } from './cells/number-in-words';
import type { CellIssue } from './issues';
import { LIST_PLACEMENTS, LISTS_SHEET, SETTINGS, WEB_FORM_CHOICES, columnLetter, columnNumber, listPlacement, type Figures, type ListKey, type ListPlacement, type SettingKey } from './lists';
import { quoteValue } from './quote-value';

export interface Rules {
  /** Lower-cased requester type → impact. */
  impact: Map<string, number>;
  /** Lower-cased priority → SLA days. */
  slaDays: Map<string, number>;
  /** Ascending lower bounds of days to deadline → urgency. */
  urgency: [number, number][];
  /** Ascending lower bounds of impact × urgency → suggested priority. */
  suggestedPriority: [number, string][];
  /** Ascending lower bounds of days open → age bucket label. */
  ageBuckets: [number, string][];
  /** Lower-cased assignee → weekly capacity in hours. */
  capacity: Map<string, number>;
  settings: Record<SettingKey, number>;
  /** The values of every dropdown, as listed (used by validation and forms). */
  lists: Record<ListKey, string[]>;
  /** Lists the workbook's Lists sheet has no block for, being made before they were added: no dropdown may point there. */
  missingLists: ListKey[];
  /**
   * The choices its cells are checked against (import, sync, the intake form): each list whose header stands where
   * the templates put it and that holds a value (with the statuses the rules name, `NAMED_BY_RULES`, and the choices
   * the web form writes, `WEB_FORM_CHOICES`), the default
   * list otherwise; undefined when the sheet is not laid out
   * as the templates' (most block headers elsewhere). A sheet a person named Lists for notes of their own, or for one
   * list of their own in column A, says nothing of the choices, and read by the templates' columns it would reject
   * every row.
   */
  ownLists: Record<ListKey, string[]> | undefined;
  /** Cells of the Lists sheet not read, each a warning at its cell: a formula's error is no choice, key, label or setting. */
  issues: CellIssue[];
  /** Figures typed in words ("two weeks") and read as numbers, each also a warning at its cell. */
  numbersInWords: NumberInWords[];
}

/** A Lists cell (1-based `row` and `column`) whose words (`text`) were read as `value`; `inFormulas` as its `Figures`. */
export interface NumberInWords { row: number; column: number; text: string; value: number; inFormulas: boolean }

type Grid = readonly (readonly unknown[])[];
type Formulas = readonly (readonly string[])[];

/**
 * A paired cell that holds no value (a formula's error, data still loading), in place of what it shows: no number or
 * label is made of it (`num`, `label`), and unlike a blank it is not read as 0 where formulas would read one.
 */
const NOT_READ = Symbol('not read');

interface Blocks { values: Map<ListKey, { values: unknown[]; paired: unknown[] }>; issues: CellIssue[]; numbersInWords: NumberInWords[] }

/** What the paired cell on row `r` (0-based, in the grid) of a list counts: a setting's own, else its list's. */
const figuresAt = (p: ListPlacement, r: number): Figures | undefined =>
  p.block.key === 'setting' ? (Object.values(SETTINGS)[r - 1]?.figures as Figures | undefined) : p.block.paired?.figures;

/** The sheet's formulas read only a typed number: until one is typed, the warning says which. */
const typeIt = (read: number, figures: Figures) => (figures.inFormulas ? `; the sheet's own formulas read only a number, so type ${read} in its place (the add-on's sync writes it)` : '');

/**
 * Each block's rows, those whose value is blank left out. A cell showing a formula's error (a list filled by lookups
 * from another sheet), or still loading its data (IMPORTRANGE), is left out too, with a warning at its cell: its text
 * would become a dropdown choice, a key, a label; a row whose paired cell shows one keeps its value as a choice, but
 * not that pair, as if unlisted there (`NOT_READ` in its place). A cell showing "Loading..." that holds no formula is
 * text typed, read as typed (`isLoadingCell`), and so is text spelled as an error where the host says it is text.
 */
function blockGrid(grid: Grid, formulas?: Formulas, texts?: ReadonlySet<string>): Blocks {
  const out = new Map<ListKey, { values: unknown[]; paired: unknown[] }>();
  const issues: CellIssue[] = [];
  const numbersInWords: NumberInWords[] = [];
  const skipped = (column: number, r: number, message: string, code: CellIssue['code'] = 'error_value') =>
    issues.push({ code, field: '', severity: 'warning', sheet: LISTS_SHEET, row: r + 1, column: columnLetter(column), message });
  const loading = (column: number, r: number, header: string) => skipped(column, r, `${header}: the cell is still loading its formula's data; skipped`, 'still_loading');
  const pending = (v: unknown, r: number, column: number) => isLoadingCell(v, formulas, r, column - 1);
  const shownError = (v: unknown, r: number, column: number) => isErrorValue(v) && !texts?.has(`${r}:${column - 1}`);
  const settingKeys = Object.keys(SETTINGS) as SettingKey[];
  for (const p of LIST_PLACEMENTS) {
    const values: unknown[] = [];
    const paired: unknown[] = [];
    for (let r = 1; r < grid.length; r++) {
      let v = grid[r]?.[p.column - 1];
      if (v === null || v === undefined || (typeof v === 'string' && v.trim() === '')) continue;
      if (pending(v, r, p.column)) {
        loading(p.column, r, p.block.header);
        continue;
      }
      if (shownError(v, r, p.column)) {
        skipped(p.column, r, `${p.block.header}: the cell shows ${v}, a formula's error; skipped`);
        continue;
      }
      let pair = p.pairedColumn ? grid[r]?.[p.pairedColumn - 1] : undefined;
      // A band's lower bound in words ("eight days") is read as its pair's figures are, and named by the band it opens.
      if (p.block.figures && typeof v === 'string' && num(v) === undefined) {
        const band = `${p.block.header} for ${quoteValue(String(pair ?? ''))}`;
        const bound = numberInWords(v, p.block.figures.unit);
        if (bound) {
          skipped(p.column, r, `${band}: read ${quoteValue(v)} as ${bound.as}${typeIt(bound.value, p.block.figures)}`, 'number_in_words');
          numbersInWords.push({ row: r + 1, column: p.column, text: v, value: bound.value, inFormulas: p.block.figures.inFormulas });
          v = bound.value;
        } else {
          skipped(p.column, r, `${band}: ${quoteValue(v)} is not a number, so the band ${quoteValue(String(pair ?? ''))} is not read; type a number`, 'not_a_number');
        }
      }
      if (pending(pair, r, p.pairedColumn!)) {
        loading(p.pairedColumn!, r, `${p.block.paired!.header} for ${quoteValue(String(v))}`);
        pair = NOT_READ;
      } else if (shownError(pair, r, p.pairedColumn!)) {
        const setting = p.block.key === 'setting' ? settingKeys[r - 1] : undefined;
        skipped(p.pairedColumn!, r, setting
          ? `${SETTINGS[setting].label}: the cell shows ${pair}, a formula's error; the default ${SETTINGS[setting].value} is used`
          : `${p.block.paired!.header} for ${quoteValue(String(v))}: the cell shows ${pair}, a formula's error; skipped`);
        pair = NOT_READ;
      }
      // Words where a number belongs ("two weeks" of SLA days) are read in the unit the cell counts, and said; words
      // that cannot be read without a guess ("3 business days") are no number, to the formulas' lookups either.
      const figures = figuresAt(p, r);
      const words = figures && typeof pair === 'string' && pair.trim() !== '' && num(pair) === undefined ? numberInWords(pair, figures.unit) : undefined;
      if (words && figures && typeof pair === 'string') {
        const setting = p.block.key === 'setting' ? settingKeys[r - 1] : undefined;
        const what = setting ? SETTINGS[setting].label : `${p.block.paired!.header} for ${quoteValue(String(v))}`;
        skipped(p.pairedColumn!, r, `${what}: read ${quoteValue(pair)} as ${words.as}${typeIt(words.value, figures)}`, 'number_in_words');
        numbersInWords.push({ row: r + 1, column: p.pairedColumn!, text: pair, value: words.value, inFormulas: figures.inFormulas });
        pair = words.value;
      } else if (typeof p.block.paired?.values[0] === 'number' && typeof pair === 'string' && pair.trim() !== '' && num(pair) === undefined) {
        const setting = p.block.key === 'setting' ? settingKeys[r - 1] : undefined;
        skipped(p.pairedColumn!, r, setting
          ? `${SETTINGS[setting].label}: ${quoteValue(pair)} is not a number; the default ${SETTINGS[setting].value} is used`
          : `${p.block.paired.header} for ${quoteValue(String(v))}: ${quoteValue(pair)} is not a number, so ${quoteValue(String(v))} has none (the sheet's formulas read it so too); type a number`, 'not_a_number');
        pair = NOT_READ;
      }
      if (typeof v === 'string' && v.trim() !== v && p.block.key !== 'setting') {
        skipped(p.column, r, `${p.block.header}: ${quoteValue(v)} has a space before or after it; read as ${quoteValue(v.trim())}; the formulas compare a value picked from the dropdown with its spaces, so remove them`, 'choice_matched');
      }
      values.push(v);
      paired.push(pair);
    }
    out.set(p.block.key, { values, paired });
  }
  issues.sort((a, b) => columnNumber(a.column!) - columnNumber(b.column!) || a.row! - b.row!);
  return { values: out, issues, numbersInWords };
}

function defaultGrid(): unknown[][] {
  const width = Math.max(...LIST_PLACEMENTS.map((p) => p.pairedColumn ?? p.column));
  const height = Math.max(...LIST_PLACEMENTS.map((p) => p.block.values.length)) + 1;
  const grid = Array.from({ length: height }, () => new Array<unknown>(width).fill(''));
  for (const p of LIST_PLACEMENTS) {
    grid[0][p.column - 1] = p.block.header;
    p.block.values.forEach((v, i) => (grid[i + 1][p.column - 1] = v));
    if (p.block.paired && p.pairedColumn) {
      grid[0][p.pairedColumn - 1] = p.block.paired.header;
      p.block.paired.values.forEach((v, i) => (grid[i + 1][p.pairedColumn! - 1] = v));
    }
  }
  return grid;
}

/** The Lists sheet as a grid of values, header row first. */
export const DEFAULT_LISTS_GRID: readonly (readonly unknown[])[] = defaultGrid();

const isBlank = (v: unknown) => v === '' || v === null || v === undefined;

const num = (v: unknown): number | undefined => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : undefined;
};

const label = (v: unknown): string | undefined => (isBlank(v) || v === NOT_READ ? undefined : String(v));

/**
 * Reads rules from a Lists sheet grid (values only, header row first). Rows that are not usable
 * (a non-number where a number belongs) are skipped, so a half-edited Lists sheet still works.
 * `formulas`, the same cells' formula text where it was read (`isLoadingCell`); `texts`, its cells holding text spelled
 * as a formula's error, where the host told them apart (`SheetCells.textsLikeErrors`), read as that text.
 */
export function readRules(grid: Grid = DEFAULT_LISTS_GRID, formulas?: Formulas, texts?: ReadonlySet<string>): Rules {
  const { values: blocks, issues, numbersInWords } = blockGrid(grid, formulas, texts);
  const pairs = (key: ListKey) => {
    const b = blocks.get(key)!;
    return b.values.map((v, i) => [v, b.paired[i]] as const);
  };
  // Keys as VLOOKUP(..., 0) sees them: case-folded but not trimmed, and the first of two equal keys
  // wins. Where formulas read the value, a blank reads as 0, as a formula reads a blank cell.
  const keyed = (key: ListKey, blankAsZero: boolean) => {
    const m = new Map<string, number>();
    for (const [k, v] of pairs(key)) {
      const n = blankAsZero && isBlank(v) ? 0 : num(v);
      const name = String(k).toLowerCase();
      if (n !== undefined && !m.has(name)) m.set(name, n);
    }
    return m;
  };
  const bounds = <T>(key: ListKey, map: (v: unknown) => T | undefined): [number, T][] =>
    pairs(key)
      .map(([k, v]) => [num(k), map(v)] as const)
      .filter((p): p is [number, T] => p[0] !== undefined && p[1] !== undefined)
      .sort((a, b) => a[0] - b[0]);
  // Settings are read from the fixed cells the formulas use (`settingRef`), a blank cell being 0 as in
  // a formula; text that is not a number, or a Lists sheet without the block at all, keeps the default.
  const setting = listPlacement('setting');
  const hasBlock = !isBlank(grid[0]?.[setting.column - 1]);
  const settings = Object.fromEntries(
    (Object.keys(SETTINGS) as SettingKey[]).map((k, i) => {
      const cell = grid[i + 1]?.[setting.pairedColumn! - 1];
      const words = typeof cell === 'string' ? numberInWords(cell, SETTINGS[k].figures.unit)?.value : undefined;
      return [k, hasBlock && isBlank(cell) ? 0 : num(cell) ?? words ?? SETTINGS[k].value];
    }),
  ) as Record<SettingKey, number>;
  // A Lists sheet with neither a header nor a value where a block goes was made before the block was added: that
  // list is the default, not empty. Not by the sheet's width: a note typed to the right widens it.
  const missingLists = LIST_PLACEMENTS.filter((p) => grid[0] !== undefined && isBlank(grid[0][p.column - 1]) && blocks.get(p.block.key)!.values.length === 0).map((p) => p.block.key);
  // Choices trimmed, as a cell's text is read: a value pasted as "Completed " is the Completed the rules and formulas
  // name, and a typed "completed" reads as it (a warning at its cell asks for the space to go). Keys stay as typed (`keyed`).
  const lists = Object.fromEntries(
    LIST_PLACEMENTS.map((p) => [p.block.key, (missingLists.includes(p.block.key) ? p.block.values : blocks.get(p.block.key)!.values).map((v) => String(v).trim())]),
  ) as Record<ListKey, string[]>;
  return {
    ownLists: ownLists(grid, lists),
    impact: keyed('requesterType', true),
    slaDays: keyed('priority', true),
    urgency: bounds('urgency', num),
    suggestedPriority: bounds('suggestedPriority', label),
    ageBuckets: bounds('ageBucket', label),
    // Capacity is not read by formulas: a blank means "not set yet", and the default applies.
    capacity: keyed('assignee', false),
    settings,
    lists,
    missingLists,
    issues,
    numbersInWords,
  };
}

/**
 * The lists whose values the status formulas, the lifecycle and the metrics name ("Completed", "Closed"): one taken
 * out of the office's dropdown is still a status they read, so a cell holding it is kept, not rejected; a status the
 * office added is kept as typed, one the formulas do not name.
 */
export const NAMED_BY_RULES: readonly ListKey[] = ['requestStatus', 'workplanStatus', 'progressStatus'];

function ownLists(grid: Grid, lists: Record<ListKey, string[]>): Record<ListKey, string[]> | undefined {
  const header = grid[0] ?? [];
  const inPlace = LIST_PLACEMENTS.filter((p) => String(header[p.column - 1] ?? '').trim().toLowerCase() === p.block.header.toLowerCase());
  if (inPlace.length * 2 <= LIST_PLACEMENTS.length) return undefined;
  return Object.fromEntries(
    LIST_PLACEMENTS.map(({ block }) => {
      const defaults = block.values.map((v) => String(v));
      const own = inPlace.some((p) => p.block === block) ? lists[block.key] : [];
      if (own.length === 0) return [block.key, defaults];
      const listed = new Set(own.map((v) => v.toLowerCase()));
      const kept: readonly string[] = NAMED_BY_RULES.includes(block.key) ? defaults : block.key in WEB_FORM_CHOICES ? [WEB_FORM_CHOICES[block.key as keyof typeof WEB_FORM_CHOICES]] : [];
      return [block.key, [...own, ...kept.filter((v) => !listed.has(v.toLowerCase()))]];
    }),
  ) as Record<ListKey, string[]>;
}

export const DEFAULT_RULES: Rules = readRules();

/**
 * The lists a sheet's choices are checked against from those it sent the service (`POST /api/v1/lists`): each sent
 * list that holds a value, the default otherwise. The add-on reads its rows by them as the service will, and the
 * service checks the sync, its intake form and its survey by them.
 */
export function listsOverDefaults(sent: Readonly<Record<string, readonly string[]>> | null): Record<string, readonly string[]> {
  const lists: Record<string, readonly string[]> = { ...DEFAULT_RULES.lists };
  for (const [key, values] of Object.entries(sent ?? {})) if (key in lists && values.length > 0) lists[key] = values;
  return lists;
}

/**
 * How cells are read under these rules: the dropdown values, and the fiscal year of `FY22`. A `ReadOptions`
 * of read-cell.ts, left unnamed here because naming it would import read-cell back into the rules (a cycle).
 */
export function readOptionsOf(rules: Rules) {
  return { lists: rules.lists, fiscalYearStartMonth: rules.settings.fiscalYearStartMonth };
}

/** VLOOKUP(x, table, 2, TRUE): the last row whose lower bound is <= x, or undefined below the first. */
export function approximateLookup<T>(table: readonly [number, T][], x: number): T | undefined {
  let found: T | undefined;
  for (const [bound, value] of table) {
    if (bound <= x) found = value;
    else break;
  }
  return found;
}
