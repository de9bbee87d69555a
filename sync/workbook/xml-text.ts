// Text as it may appear in worksheet XML: markup escaped, characters XML 1.0 forbids dropped.

// Characters XML 1.0 forbids: a sheet cell may hold them, the file may not.
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const NEEDS_ESCAPE = /[&<>\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** Escapes `&`, `<` and `>` and drops forbidden control characters; most text needs neither and is returned as is. */
export const escapeXml = (s: string) => (NEEDS_ESCAPE.test(s) ? s.replace(INVALID_XML, '').replace(/[&<>]/g, (c) => ESCAPES[c]) : s);
