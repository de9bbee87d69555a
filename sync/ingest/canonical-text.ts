// The canonical text the service hashes for each stored row (`canonicalRow`), compiled once per table from its
// columns: the add-ons build the same text with the general function; this one runs for every synced row.
import { JSON_ESCAPED, TABLES, type TableName, type TypedRow } from '../../shared/index';

/**
 * `canonicalRow` for rows whose keys are among `fields` (as `validateRow` makes them; any other key is not read),
 * as a function written for those fields: each is read by its own name in key order, where a loop over the names made
 * every read a lookup by a name known only at run time. A field is two pieces, its opening (by what came before it:
 * nothing, a plain text whose closing quote is still to write, any other value; with the opening quote of a plain
 * text) and its value, joined once: built by `+`, every piece was a string of its own, garbage each row paid for.
 * Tests hold it equal to `canonicalRow` on random rows of every table.
 */
export function compileCanonicalText(fields: readonly string[]): (values: TypedRow) => string {
  const names = [...fields].sort();
  const opening = (before: string, k: string, quote: string) => JSON.stringify(`${before}[${JSON.stringify(k)},${quote}`);
  const field = (k: string) => {
    const at = (quote: string) => `last === ${NOTHING} ? ${opening('[', k, quote)} : last === ${PLAIN_TEXT} ? ${opening('"],', k, quote)} : ${opening('],', k, quote)}`;
    return `v = values[${JSON.stringify(k)}];
    if (v !== null && v !== undefined && v !== '') {
      if (typeof v === 'string' && !escaped.test(v)) { pieces.push(${at('"')}, v); last = ${PLAIN_TEXT}; }
      else { pieces.push(${at('')}, typeof v === 'string' ? JSON.stringify(v) : String(v)); last = ${OTHER}; }
    }`;
  };
  const body = `const pieces = [];
  return (values) => {
    pieces.length = 0;
    let last = ${NOTHING}, v;
    ${names.map(field).join('\n    ')}
    if (last === ${NOTHING}) return '[]';
    pieces.push(last === ${PLAIN_TEXT} ? '"]]' : ']]');
    return pieces.join('');
  };`;
  // The pieces are reused: the function never yields between filling and joining them.
  return new Function('escaped', body)(JSON_ESCAPED) as (values: TypedRow) => string;
}

/** What the last piece written was, which chooses the next field's opening. */
const NOTHING = 0;
const PLAIN_TEXT = 1;
const OTHER = 2;

/** Per table: a valid row's canonical text, which `contentHash` hashes. */
export const canonicalTexts = Object.fromEntries(
  Object.values(TABLES).map((t) => [t.name, compileCanonicalText(t.columns.map((c) => c.name))]),
) as Record<TableName, (values: TypedRow) => string>;
