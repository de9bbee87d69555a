// Text cut to a length with a marker saying so: one long value never stops a row or a workbook, and
// whoever reads it sees that something is missing and how much there was.

/** The longest text a row's text field keeps: a page of notes, not a pasted document. */
export const MAX_FIELD_TEXT = 5000;

/**
 * `text` if it fits in `max` characters, else its start and a marker, `max` characters at most; ends between words
 * where a space is near ("The commit …" reads as a typo), and never splits a surrogate pair.
 */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  const marker = ` … [clipped: ${text.length.toLocaleString('en-US')} characters in all]`;
  let keep = max - marker.length;
  // A word longer than this (a URL, a pasted hash) is cut where the room ends. Line breaks part words as spaces do.
  const near = Math.max(keep - 39, 0);
  const space = text.slice(near, keep + 1).search(/\s\S*$/);
  const last = text.charCodeAt(keep - 1);
  if (space >= 0) keep = near + space;
  else if (last >= 0xd800 && last <= 0xdbff) keep -= 1;
  return `${text.slice(0, keep)}${marker}`;
}
