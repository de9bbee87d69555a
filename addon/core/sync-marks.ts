// The marks a sync leaves on a table's cells from what it read: each row's warnings, the reader's own, a row
// regrouped under another by rows moved above it, and where a problem with no column of its own is shown.
import { columnLetter, columnNumber } from '../../shared/lists';
import { inSheetWords, type CellIssue } from '../../shared/issues';
import { quoteValue } from '../../shared/quote-value';
import type { RowResult } from '../../shared/validate-row';
import type { RowMark } from './annotations';
import { headerAt, type TableSheet } from './table-sheet';

/**
 * A row whose blank ("same as above") cells now read another row's value than when the service last saw it: rows
 * above it were sorted, inserted or deleted, so a task may have moved under another goal without a cell of its own
 * changing. Said at its first such cell, naming what it reads now.
 */
export function regroupedIssue(t: TableSheet, r: TableSheet['read']['rows'][number]): CellIssue & { row: number } {
  const fields = Object.keys(r.filled ?? {});
  const column = t.columnOf(fields[0]);
  const header = (field: string) => {
    const at = t.columnOf(field);
    return (at === undefined ? undefined : headerAt(t, at)) ?? t.table.columns.find((c) => c.name === field)!.header;
  };
  const read = fields.map((f) => `${header(f)} ${quoteValue(String(r.raw[f] ?? ''))}`).join(', ');
  const blank = fields.map(header).join(' and ');
  return {
    code: 'named_above', field: fields[0], severity: 'warning', sheet: t.sheet, row: r.row,
    ...(column === undefined ? {} : { column: columnLetter(column), header: header(fields[0]) }),
    message: `${blank} ${fields.length > 1 ? 'are' : 'is'} blank, so read from the row above as ${fields.length > 1 ? read : quoteValue(String(r.raw[fields[0]] ?? ''))}; rows above it were moved or deleted since the last sync: type ${fields.length > 1 ? 'them' : 'it'} if that is not where this row belongs`,
  };
}

/**
 * The warnings of the sheet's rows as the add-on reads them (as the service does), each at its cell in the sheet's
 * words. A field filled from the row above ("same as above") is warned only at the row that holds the value.
 */
export function warningMarks(t: TableSheet, results: readonly RowResult[], ids: ReadonlyMap<number, string>): RowMark[] {
  return t.read.rows.flatMap((r, i) => {
    const rowId = ids.get(r.row);
    if (rowId === undefined) return [];
    return results[i].warnings.filter((w) => !r.filled?.[w.field]).map((w) => {
      const column = t.columnOf(w.field, r.at);
      const message = column === undefined ? w.message : inSheetWords(w.message, t.read.table.columns.find((c) => c.name === w.field)?.header, headerAt(t, column));
      return { rowId, row: r.row, column: column ?? firstColumn(t), message, warning: true };
    });
  });
}

/**
 * The reader's warnings at a cell of a synced row (a Timeline of two ranges read as one span, a fiscal year, a blank
 * now read from another row above): noted there as a row's own warning is, since the summary points to the notes.
 */
export function issueMarks(issues: readonly CellIssue[], ids: ReadonlyMap<number, string>): RowMark[] {
  return issues.flatMap((i) => {
    const rowId = i.row === undefined ? undefined : ids.get(i.row);
    return i.severity === 'warning' && i.column && rowId !== undefined ? [{ rowId, row: i.row!, column: columnNumber(i.column), message: i.message, warning: true }] : [];
  });
}

/** Where an error with no column of its own (a missing field) is shown: the row's first mapped cell. */
export function firstColumn(t: TableSheet): number {
  const columns = [...t.read.map.fields.values()].map((f) => t.columnOf(f) ?? Infinity);
  return columns.length ? Math.min(...columns) : 1;
}
