// Readings of a plan's sheet made on the table `readTable` found, once its rows are read (decision 027): a template's
// instruction line, a progress column of status words, a tool's days kept as written. `import` and the add-ons alike.
import { NUMERIC_DATE } from './cells/day-first';
import { isBlankCell, readCell, type CellInput, type ReadOptions } from './cells/read-cell';
import { columnLetter } from './lists';
import { excerpt, quoteValue } from './quote-value';
import { fieldColumn, type ReadTableResult } from './read-table';
import { rowRuns } from './sheet-ref';
import { notedLine } from './tool-exports';
import { DEFAULT_READ_OPTIONS } from './validate-row';
import { foldText } from './word-match';

type Grid = readonly (readonly CellInput[])[];

/** A template's own instruction below its rows ("Insert new rows ABOVE this one", Excel's Gantt chart): no task. */
const INSTRUCTION = /^insert new rows\b/i;

/** `read` with the readings below, for the sheet `sheet` whose cells are `grid`. */
export function planReadings(read: ReadTableResult, sheet: string, grid: Grid, lists: ReadOptions['lists'] = DEFAULT_READ_OPTIONS.lists): ReadTableResult {
  return daysAsWritten(statusFromProgress(withoutInstructions(read, sheet, grid), sheet, grid, lists), grid);
}

/** A day either order reads (2/10/2025, a time after it or not): month first is a guess, and a CSV saved where days come first is read so too. */
function eitherWay(text: string): boolean {
  const n = NUMERIC_DATE.exec(text.trim().split(/\s/)[0]);
  return !!n && n[2] === '/' && +n[1] <= 12 && +n[3] <= 12;
}

/**
 * A tool's day kept in Notes (Asana's Completed At) as written where it reads either way round: the sheet's own day
 * order is known only once its rows are read, after their notes are written. Google Sheets reads such a cell in the
 * spreadsheet's own order when it opens the file, so the add-on sends a date.
 */
function daysAsWritten(read: ReadTableResult, grid: Grid): ReadTableResult {
  const header = grid[read.headerRow - 1] ?? [];
  const days = (read.map.tool?.noted ?? []).filter((n) => n.days).flatMap((column) => {
    const at = header.findIndex((h) => typeof h === 'string' && foldText(h) === foldText(column.header));
    return at < 0 ? [] : [{ column, at }];
  });
  if (!days.length) return read;
  const rows = read.rows.map((row) => {
    let notes = row.raw.notes;
    for (const { column, at } of days) {
      const text = grid[row.row - 1]?.[at];
      const shown = typeof text === 'string' && eitherWay(text) ? notedLine(column, text) : undefined;
      if (shown && typeof notes === 'string') notes = notes.replace(shown, `${column.header}: ${text!.toString().trim()}`);
    }
    return notes === row.raw.notes ? row : { ...row, raw: { ...row.raw, notes } };
  });
  return { ...read, rows };
}

/** The rows that are a template's instruction line, set aside as a note under the table, as the reader sets aside a note. */
function withoutInstructions(read: ReadTableResult, sheet: string, grid: Grid): ReadTableResult {
  const line = (row: number) => (grid[row - 1] ?? []).filter((v) => !isBlankCell(v));
  const notes = read.rows.filter((r) => !r.item && line(r.row).length === 1 && INSTRUCTION.test(String(line(r.row)[0]).trim()));
  if (!notes.length) return read;
  return {
    ...read,
    rows: read.rows.filter((r) => !notes.includes(r)),
    issues: [...read.issues, ...notes.map((r) => ({
      code: 'note_row' as const, field: '', sheet, row: r.row, column: columnLetter((grid[r.row - 1] ?? []).findIndex((v) => !isBlankCell(v)) + 1), severity: 'warning' as const,
      message: `this row is a note under the table ("${String(line(r.row)[0]).trim()}"); not read as a row`,
    }))],
  };
}

/**
 * With no Status column, a % column whose cells are status words (Asana's "Task Progress" field: In progress, Done,
 * Not started) says the status, which a % would lose: "In progress" names no share. A % in it is still a %, and a status
 * the row has already (Asana's Completed At) stands. Said once at the column.
 */
function statusFromProgress(read: ReadTableResult, sheet: string, grid: Grid, lists: ReadOptions['lists']): ReadTableResult {
  const { table, map } = read;
  const status = fieldColumn(map, 'status').index === undefined ? table.columns.find((c) => c.name === 'status') : undefined;
  const at = status && fieldColumn(map, 'percentComplete').index;
  if (at === undefined) return read;
  const on: number[] = [];
  const typed = new Set<string>();
  const rows = read.rows.map((row) => {
    const word = row.raw.percentComplete;
    const said = typeof word === 'string' ? readCell(status!, word, { lists }) : undefined;
    if (said?.value == null || said.issues.some((i) => i.severity === 'error')) return row;
    const given = isBlankCell(row.raw.status);
    if (given) {
      on.push(row.row);
      typed.add(quoteValue(String(word).trim()));
    }
    return { ...row, raw: { ...row.raw, ...(given ? { status: said.value } : {}), percentComplete: null } };
  });
  if (!on.length) return { ...read, rows };
  const named = excerpt(String(grid[read.headerRow - 1]?.[at] ?? ''));
  return {
    ...read,
    rows,
    issues: [...read.issues, {
      code: 'choice_matched', field: 'status', sheet, row: read.headerRow, column: columnLetter(at + 1), header: named, severity: 'warning',
      message: `no Status column: ${rowRuns(on)} take their status from ${named} (${[...typed].join(', ')}), which holds status words, not percentages`,
    }],
  };
}
