// The request and response bodies of the HTTP API as zod schemas: the handlers validate with them and
// `/openapi.json` is generated from them, so the documentation cannot drift from the code. The sync wire,
// which the add-on speaks too, is in shared/wire/ (sync-wire.ts the requests, sync-answers.ts the answers).
import { z } from 'zod';
import { textValueProblem } from '../../shared/row-id';

export const SOURCE_KINDS = ['google-sheets', 'excel', 'file'] as const;

/** A text an admin names something with, shown to others: refused as a cell's text is (`textValueProblem`), `label` naming it. */
export const shownText = (label: string, max: number) => z
  .string()
  .trim()
  .min(1, `${label} must not be empty`)
  .max(max, `${label} is longer than ${max} characters`)
  .refine((v) => textValueProblem(v) === undefined, { error: (i) => `${label} ${textValueProblem(i.input as string)}` });

const name = shownText('name', 200);

export const createSourceBody = z.strictObject({
  name: name.describe('How the source sheet is shown in the master workbook, e.g. "City of Oakland intake".'),
  kind: z.enum(SOURCE_KINDS).default('google-sheets').describe('Where the rows come from.'),
});

export const createReviewerBody = z.strictObject({
  name: name.describe('Who the read-only token is for, e.g. "Equity committee".'),
});

export const createdPrincipal = z.object({
  id: z.string(),
  token: z.string().describe('Shown once; the service keeps only its SHA-256 digest.'),
});

const listedPrincipal = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(SOURCE_KINDS).optional().describe('Sources only: where the rows come from.'),
  createdAt: z.string().describe('When it was registered (ISO 8601).'),
  revoked: z.boolean().describe('True while it holds no token: revoked, until a rotation issues a new one.'),
  revokedAt: z.string().optional(),
});
export const sourceList = z.object({ sources: z.array(listedPrincipal).describe('Oldest first; never tokens.') });
export const reviewerList = z.object({ reviewers: z.array(listedPrincipal).describe('Oldest first; never tokens.') });
export const revokedPrincipal = z.object({ id: z.string(), revokedAt: z.string().describe('Its tokens stopped working at this time.') });
export const rotatedToken = z.object({
  id: z.string(),
  token: z.string().describe('The one token from now on; every earlier token stopped working. Shown once.'),
});

export const healthOk = z.object({ ok: z.literal(true) });
export const healthDown = z.object({
  ok: z.literal(false),
  down: z.array(z.enum(['database'])).describe('The dependencies that do not answer.'),
  database: z.string().describe('Why the database is down, for people.'),
});

export const apiErrorBody = z.object({
  error: z.object({ code: z.string().describe('Stable, for programs.'), message: z.string().describe('For people.') }),
});
