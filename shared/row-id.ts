// What a row id and a text cell may hold, one rule for every surface and both databases: an id is a key
// that must come back from storage exactly as it was sent (or a sync would re-send it forever), and
// PostgreSQL text cannot hold NUL nor carry a lone surrogate through UTF-8.
import { isErrorValue } from './cells/error-value';
import { excerpt, quoteValue } from './quote-value';
import { idColumn, type TableDef } from './tables';

/** Row ids of web-form requests open with this, then the time the request came in: the greatest is the latest. */
export const WEB_ROW_PREFIX = 'web-';
/** A row the public form made, under the id it was given, not one a sheet or workbook sent first. */
export const isWebFormRowId = (rowId: string) => rowId.startsWith(WEB_ROW_PREFIX);

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
/** Whether `text` holds half a surrogate pair, which no UTF-8 output can carry. */
export const hasLoneSurrogate = (text: string): boolean => LONE_SURROGATE.test(text);
/** C0 controls, DEL and C1 controls: invisible in a sheet, and NUL is not storable in PostgreSQL text. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A character as Unicode names it, `U+0007`: how an invisible one is shown in a message. */
export const codePoint = (ch: string): string => `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

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

/**
 * What no text may hold, one rule for every way text comes in (the sync, import, the public pages, names): the C0
 * controls but tab and line breaks, and DEL, which a sheet shows as nothing and a workbook's XML cannot carry, so the
 * text would lose them unseen on its way out (NUL besides: PostgreSQL text refuses it); and the bidirectional
 * embeddings, overrides and isolates, which turn the rest of a line around wherever the text is shown, so a row of the
 * master, the dashboard or the report reads reversed ("Trojan Source"). The marks (U+200E, U+200F, U+061C) stay:
 * right-to-left writing needs them, and they turn no run of text around.
 */
const ODD_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

/**
 * A vertical tab or form feed: how a word processor's line break (Shift+Enter) and page break travel when a table is
 * pasted from it into a sheet. A cell holding one is read with a line break in its place (`readCell` says so), so the
 * row a person pasted is kept rather than refused for a character they never saw.
 */
const PASTED_BREAK = /[\u000B\u000C]/g;
export const hasPastedBreak = (text: string): boolean => text.search(PASTED_BREAK) >= 0;
export const withPastedBreaks = (text: string): string => text.replace(PASTED_BREAK, '\n');

const DIRECTION_NAMES: Readonly<Record<string, string>> = {
  '\u202a': 'left-to-right embedding', '\u202b': 'right-to-left embedding', '\u202c': 'pop directional formatting',
  '\u202d': 'left-to-right override', '\u202e': 'right-to-left override', '\u2066': 'left-to-right isolate',
  '\u2067': 'right-to-left isolate', '\u2068': 'first strong isolate', '\u2069': 'pop directional isolate',
};

/** The first character of a text that `ODD_CHARACTER` refuses: where (1-based), its code point, and its name when it sets a direction. */
export interface OddCharacter {
  position: number;
  codePoint: string;
  /** Set for a direction control: its Unicode name, lower case. */
  direction?: string;
}

/**
 * Whether `text` holds any character `oddCharacter` finds. A pasted break is one of them, so a text without any needs
 * neither its breaks read (`withPastedBreaks`) nor its characters named: the one test most cells need.
 */
export const hasOddCharacter = (text: string): boolean => ODD_CHARACTER.test(text);

export function oddCharacter(text: string): OddCharacter | undefined {
  const found = ODD_CHARACTER.exec(text);
  if (!found) return undefined;
  const direction = DIRECTION_NAMES[found[0]];
  return { position: found.index + 1, codePoint: codePoint(found[0]), ...(direction ? { direction } : {}) };
}

/** Why a text cell cannot be stored (`oddCharacter`), or undefined. The reason does not repeat the text. */
export function textValueProblem(text: string): string | undefined {
  const odd = oddCharacter(text);
  if (odd === undefined) return undefined;
  const { position, codePoint: code, direction } = odd;
  if (direction !== undefined) return `contains an invisible direction control (${code}, ${direction}) at position ${position}, which turns the text around where it is shown; remove it`;
  if (code === 'U+0000') return `contains a NUL character (U+0000) at position ${position}, which cannot be stored; remove it`;
  return `contains the invisible control character ${code} at position ${position}, which no sheet or workbook can show; remove it`;
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
