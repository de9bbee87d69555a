// Text as it may appear in worksheet XML: markup escaped, characters XML 1.0 forbids dropped.

// Characters XML 1.0 forbids: a sheet cell may hold them, the file may not.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes `&`, `<` and `>` and drops forbidden control characters; most text needs neither and is returned as is. */
export const escapeXml = (s: string) => (NEEDS_ESCAPE.test(s) ? withoutForbiddenXml(s).replace(/[&<>]/g, (c) => ESCAPES[c]) : s);

/**
 * XML made by a library that escapes markup but passes forbidden characters through (ECharts' SVG): a stored text
 * from before they were refused would otherwise make the whole document unreadable to an XML parser.
 */
export const withoutForbiddenXml = (xml: string) => xml.replace(INVALID_XML, '');

/**
 * Cell text in OOXML is an ST_Xstring, where `_xHHHH_` stands for a character: text that reads like one keeps
 * its underscore as `_x005F_`, so `_x000D_` typed in a cell is read back as typed, not as a carriage return.
 */
export const escapeXstring = (s: string) => (s.includes('_x') ? s.replace(/_(?=x[0-9A-Fa-f]{4}_)/g, '_x005F_') : s);

/**
 * `_x000D_` → carriage return, `_x005F_x000D_` → the text `_x000D_`, as Excel reads a cell: its hex digits in
 * either case (`_x00e9_` is é), its `x` lower-case only (`_X0041_` stays as typed).
 */
export const decodeXstring = (s: string) => (s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : s);
