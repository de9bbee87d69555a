// The request and response bodies of the HTTP API as zod schemas: the handlers validate with them and
// `/openapi.json` is generated from them, so the documentation cannot drift from the code.
import { z } from 'zod';
import { TABLE_NAMES } from '../../shared/index';
import { ROW_ID_MAX_LENGTH, rowIdProblem, showRowId, textValueProblem } from '../../shared/row-id';

export const SOURCE_KINDS = ['google-sheets', 'excel', 'file'] as const;

const name = z
  .string()
  .trim()
  .min(1, 'name must not be empty')
  .max(200, 'name is longer than 200 characters')
  .refine((v) => textValueProblem(v) === undefined, { error: (i) => `name ${textValueProblem(i.input as string)}` });

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

export const tableName = z.enum(TABLE_NAMES);

/** Checked before anything is stored, so an id the databases would alter or refuse is a 400 naming it. */
export const rowId = z
  .string()
  .check((ctx) => {
    const problem = rowIdProblem(ctx.value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', input: ctx.value, message: `rowId ${ctx.value === '' ? '' : `${showRowId(ctx.value)} `}${problem}` });
  })
  .meta({ minLength: 1, maxLength: ROW_ID_MAX_LENGTH })
  .describe(`The row's stable id within its source and table: 1 to ${ROW_ID_MAX_LENGTH} characters of well-formed Unicode, no control characters.`);

type CellValue = string | number | boolean | null;
const isCellValue = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/**
 * Field name → cell as JSON: text, number, true/false, or null for a blank; dates as text (2026-03-15,
 * 3/15/2026, Mar 2026). One check over the object instead of a zod record: a record rebuilds every row
 * and costs more than the rest of the ingest path together.
 */
export const rowValues = z
  .custom<Record<string, CellValue>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(isCellValue), {
    error: 'values must be an object of field name → text, number, true/false or null',
  })
  .meta({
    type: 'object',
    additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
    description: 'Canonical field name → cell value (text, number, true/false, null for blank); derived fields are ignored.',
  });

/** Up to the largest number a database integer column holds. */
const sheetRow = z.number().int().min(1).max(2 ** 31 - 1)
  .describe("The row's number in its sheet, which orders the master workbook's sheets (rows without one come after those with one). A table kept on several sheets numbers on past 1,048,576 rows per sheet: row r of the table's k-th sheet (counting from 0) is k × 1,048,576 + r.");

export const syncBody = z.strictObject({
  table: tableName,
  rows: z.array(
    z.strictObject({
      rowId,
      values: rowValues,
      sheetRow: sheetRow.optional(),
    }),
  ),
  deleted: z.array(rowId).optional().describe('Rows removed from the sheet: kept as tombstones.'),
  moved: z.array(z.strictObject({ rowId, sheetRow }))
    .optional()
    .describe('Rows the service holds unchanged that now sit at another row of the sheet (rows above them were added or removed): only their place is updated.'),
  full: z.boolean().optional().describe('The batch is the whole sheet: stored rows missing from it become tombstones.'),
});

const fieldError = z.object({ field: z.string(), message: z.string() });

export const syncResult = z.object({
  accepted: z.number().int().describe('Rows new or changed, now stored.'),
  unchanged: z.number().int().describe('Rows whose content hash matched what is stored.'),
  deleted: z.number().int().describe('Rows turned into tombstones.'),
  rejected: z.array(z.object({ rowId: z.string(), errors: z.array(fieldError) })).describe('Invalid rows; their last good version stays.'),
  warnings: z.array(z.object({ rowId: z.string(), field: z.string(), message: z.string() })).describe('Accepted with a note (e.g. a likely typo in a date).'),
});

export const syncState = z.object({
  table: tableName,
  rows: z.array(z.object({ rowId: z.string(), hash: z.string().describe('contentHash of the stored typed values.'), sheetRow: z.number().int().optional().describe('Where the row was last placed, if it was.') })),
});

export const apiErrorBody = z.object({
  error: z.object({ code: z.string().describe('Stable, for programs.'), message: z.string().describe('For people.') }),
});
