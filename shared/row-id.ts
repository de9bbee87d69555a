// What a row id and a text cell may hold, one rule for every surface and both databases: an id is a key
// that must come back from storage exactly as it was sent (or a sync would re-send it forever), and
// PostgreSQL text cannot hold NUL nor carry a lone surrogate through UTF-8.
import { isErrorValue } from './cells/error-value';
import { excerpt, quoteValue } from './quote-value';
import { idColumn, type TableDef } from './tables';

/** Long enough for any sheet-made key (`Requests:TA-2026-0001`), short enough for an index entry on both databases. */
export const ROW_ID_MAX_LENGTH = 512;

/**
 * A table's own ID (`Request ID`) typed on a second row, as `import` rejects it and the add-ons' sync warns of it:
 * feedback links and the web form's numbering go by that ID. `first`: where it is first, `row 9` or `row 9 of TA Log FY26`.
 */
export const repeatedIdMessage = (header: string, id: string, first: string): string => `${header}: ${quoteValue(id)} is also on ${first}; each row needs its own ID`;

/** A surrogate half without its partner: not encodable as UTF-8, so a database stores U+FFFD instead. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');
/** C0 controls, DEL and C1 controls: invisible in a sheet, and NUL is not storable in PostgreSQL text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const codePoint = (ch: string) => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * What a sheet row's later side-by-side item (`Additional Strategies` beside `Early Actions`, `SheetRow.item`)
 * adds to the row's id: `~2`, so each item keeps an id of its own; nothing for the first.
 */
export const itemIdTail = (item?: number): string => (item !== undefined && item > 1 ? `~${item}` : '');

/** The sheet row's own id of an item's id: `itemIdTail` taken off. */
export const rowIdOfItem = (id: string): string => id.replace(/~\d+$/, '');

/** Why `id` cannot be a row id, or undefined when it can. The reason does not repeat the id. */
export function rowIdProblem(id: string): string | undefined {
  if (id.length === 0) return 'is empty';
  if (id.length > ROW_ID_MAX_LENGTH) return `is ${id.length.toLocaleString('en-US')} characters long; at most ${ROW_ID_MAX_LENGTH} are allowed`;
  const control = CONTROL.exec(id);
  if (control) return `contains the control character ${codePoint(control[0])} at position ${control.index + 1}`;
  const lone = LONE_SURROGATE.exec(id);
  if (lone) return `is not well-formed Unicode (a lone surrogate ${codePoint(lone[0])} at position ${lone.index + 1})`;
  return undefined;
}

/** A table's own ID cell (`Request ID`) that `rowIdProblem` refuses, as `import` and the sync say it alike. */
export const notAnIdMessage = (header: string, id: string, problem: string): string => `${header}: ${quoteValue(id)} cannot be an ID: it ${problem}`;

/** Why a text cell cannot be stored, or undefined: NUL is the one character PostgreSQL text refuses. */
export function textValueProblem(text: string): string | undefined {
  const at = text.indexOf('\u0000');
  return at < 0 ? undefined : `contains a NUL character (U+0000) at position ${at + 1}, which cannot be stored; remove it`;
}

/**
 * A row's own ID (its table's `idColumn`, `Request ID TA-0031`) as a person finds it in the sheet: on one line and
 * cut short as messages quote values, so a pasted paragraph in that cell names no row at length; '' when blank or a
 * formula's error (a failed lookup shows the same #N/A on every row). `values` are the row's cells or values by field.
 */
export function ownRowId(table: TableDef, values: Readonly<Record<string, unknown>> | undefined): string {
  const own = idColumn(table);
  const value = own && values?.[own.name];
  if (value === undefined || value === null || isErrorValue(value)) return '';
  // Kept with rejections and log entries: a surrogate half no database can store reads as U+FFFD, as a database would show it.
  return excerpt(String(value).replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(LONE_SURROGATES, '\ufffd').trim());
}
