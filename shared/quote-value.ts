// How a message quotes what a user typed: one rejected row must not make every message (the HTTP body, the cell
// note, the CLI line, the Data quality sheet) carry its 40,000 characters, nor a NUL that storage or a file refuses.

/** Characters of a value a message shows; the rest is summarized by its length. */
export const EXCERPT_LENGTH = 60;

/** Cuts before `at`, never between the two halves of a surrogate pair (an emoji). */
function cutAt(text: string, at: number): string {
  const code = text.charCodeAt(at - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? at - 1 : at);
}

/** `hello`, or the first characters of a long text with `…`; for headers and list values shown unquoted. */
export function excerpt(text: string, length = EXCERPT_LENGTH): string {
  return text.length <= length ? text : `${cutAt(text, length)}…`;
}

/**
 * `"13/45/2024"`, or `"bbbb…" (40,000 characters)` for a long value: JSON-quoted, so a NUL, a line break or a
 * lone surrogate shows as `\u0000`, `\n`, `\ud800` and the message stays one line of storable text.
 */
export function quoteValue(text: string): string {
  if (text.length <= EXCERPT_LENGTH) return JSON.stringify(text);
  return `${JSON.stringify(cutAt(text, EXCERPT_LENGTH))}… (${text.length.toLocaleString('en-US')} characters)`;
}

/** `Low, Medium, High`; a list of a user's own values (a Lists sheet) shows its first few and how many in all. */
export function listValues(values: readonly string[], most = 12): string {
  const shown = values.slice(0, most).map((v) => excerpt(v.replace(/[\u0000-\u001f\u007f]/g, ' ')));
  return values.length > most ? `${shown.join(', ')} … (${values.length.toLocaleString('en-US')} values)` : shown.join(', ');
}
