// Reading a JSON request body: the size limit, malformed JSON and the wrong shape each become a 4xx with
// a message saying what to fix, never a 500.
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { ApiError } from './api-error';

const MAX_LISTED_ISSUES = 5;

/** `rows.3.values.status: Invalid input` — where, then what; a few issues, then a count of the rest. */
export function describeIssues(error: z.ZodError): string {
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

/** Checks a parsed body against its schema (400 `invalid_body`). */
export function parseBody<S extends z.core.$ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = z.safeParse(schema, body);
  if (!parsed.success) throw new ApiError(400, 'invalid_body', describeIssues(parsed.error));
  return parsed.data;
}
