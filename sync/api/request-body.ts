// Reading a JSON request body: the size limit, malformed JSON and the wrong shape each become a 4xx with
// a message saying what to fix, never a 500.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { quoteValue } from '../../shared/quote-value';
import { ApiError } from './api-error';

const MAX_LISTED_ISSUES = 5;

/** `rows.0.rowId: missing (expected a string)` — where, then what; a few issues, then a count of the rest. */
function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, MAX_LISTED_ISSUES).map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message));
  const more = error.issues.length - MAX_LISTED_ISSUES;
  return lines.join('; ') + (more > 0 ? `; and ${more} more` : '');
}

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(413, 'payload_too_large', `the request body is larger than ${maxBytes.toLocaleString('en-US')} bytes; send fewer rows per request`);
}

/** Refuses bodies over `maxBytes` (413), counting as they stream in when there is no Content-Length. */
export const limitBody = (maxBytes: number) =>
  bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw tooLarge(maxBytes);
    },
  });

/** Parses the body as JSON (400 `malformed_json`), without checking its shape. */
export async function readJson(c: Context): Promise<unknown> {
  return parseJson(await c.req.text());
}

/** `readJson` for a body already read as text (400 `malformed_json`). */
export function parseJson(text: string): unknown {
  if (text.trim() === '') throw new ApiError(400, 'malformed_json', 'the request body is empty; send a JSON document');
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new ApiError(400, 'malformed_json', `the request body is not valid JSON (${(e as Error).message})`);
  }
}

const withArticle = (kind: string) => `${/^[aeiou]/.test(kind) ? 'an' : 'a'} ${kind}`;

/** What a value is, as a message names it: `a string`, `an array`, `null`. */
const kindOf = (value: unknown) => (value === null ? 'null' : withArticle(Array.isArray(value) ? 'array' : typeof value));

/** A value a message shows: quoted and clipped when it is text, else its kind. */
const shown = (value: unknown) => (typeof value === 'string' ? quoteValue(value) : kindOf(value));

/**
 * zod's stock messages for a field missing, of the wrong type, outside its choices or not in the schema, in the service's
 * words, quoting the value as every message does (clipped). Passed per parse, so a schema's own message still wins.
 */
function issueText(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? `missing (expected ${withArticle(issue.expected)})` : `expected ${withArticle(issue.expected)}, not ${kindOf(issue.input)}`;
    case 'invalid_value': {
      const choices = issue.values.map(String).join(', ');
      return issue.input === undefined ? `missing (one of ${choices})` : `${shown(issue.input)} is not one of ${choices}`;
    }
    case 'unrecognized_keys':
      return `unknown ${issue.keys.length === 1 ? 'key' : 'keys'} ${issue.keys.slice(0, 3).map(quoteValue).join(', ')}${issue.keys.length > 3 ? ` and ${issue.keys.length - 3} more` : ''}`;
    default:
      return undefined;
  }
}

/** Checks a parsed body (or a query's parameters, `invalid_query`) against its schema: a 400 naming what to fix. */
export function parseBody<S extends z.core.$ZodType>(schema: S, body: unknown, code: 'invalid_body' | 'invalid_query' = 'invalid_body'): z.output<S> {
  const parsed = z.safeParse(schema, body, { error: issueText });
  if (!parsed.success) throw new ApiError(400, code, describeIssues(parsed.error));
  return parsed.data;
}
