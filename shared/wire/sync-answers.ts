// What the service answers on `POST /api/v1/sync`, `GET /api/v1/sync/state`, `GET /api/v1/outbox`, `POST
// /api/v1/status-links` and `POST /api/v1/feedback-links`, as zod schemas: the service documents them in `/openapi.json`
// and the add-on parses its answers with them. The requests, which only the service parses, are in `sync-wire.ts`: zod's
// schemas are built when their module loads, so the Apps Script bundle would otherwise build (and carry) them too.
import * as z from 'zod/mini';
import { ROW_ID_MAX_LENGTH, rowIdProblem } from '../row-id';
import { TABLE_NAMES } from '../tables';

export const tableName = z.enum(TABLE_NAMES);

export const described = <S extends z.ZodMiniType>(schema: S, description: string): S => schema.check(z.describe(description));

/** A sheet's name, held like a row id: the same storable, visible text. */
export const sheetName = z.string().check(
  (ctx) => {
    const problem = rowIdProblem(ctx.value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', input: ctx.value, message: `sheet name ${problem}` });
  },
  z.meta({ minLength: 1, maxLength: ROW_ID_MAX_LENGTH }),
);

/** A sheet whose table could not be read, and why, as the committee's Data quality sheet shows it. */
const unreadableSheet = z.object({ sheet: sheetName, message: z.string() });

/** A column letter as the sheet names it (A to XFD). */
export const columnRef = z.string().check(z.regex(/^[A-Z]{1,3}$/));

/** A problem of the sheet rather than of a row, as the reader reports it: a column ignored, a repeated header row or a heading set aside. */
export const sheetWarning = z.strictObject({
  row: described(z.int().check(z.minimum(1), z.maximum(1_048_576)), "The sheet's own row number: the header row for a column's warning."),
  column: z.optional(columnRef),
  header: z.optional(z.string().check(z.maxLength(2000))),
  message: z.string().check(z.minLength(1), z.maxLength(2000)),
});

/** A sheet-level warning as the service holds it, with its sheet. */
const heldSheetWarning = z.extend(sheetWarning, { sheet: z.string() });

const fieldError = z.object({ field: z.string(), message: z.string() });

/** What the service did with a `POST /api/v1/sync` batch. */
export const syncAnswer = z.object({
  accepted: described(z.int(), 'Rows new or changed, now stored.'),
  unchanged: described(z.int(), 'Rows whose content hash matched what is stored.'),
  deleted: described(z.int(), 'Rows turned into tombstones.'),
  rejected: described(z.array(z.object({ rowId: z.string(), errors: z.array(fieldError) })), 'Invalid rows; their last good version stays.'),
  warnings: described(z.array(z.object({ rowId: z.string(), field: z.string(), message: z.string() })), 'Accepted with a note (e.g. a likely typo in a date).'),
});
export type SyncAnswer = z.infer<typeof syncAnswer>;

/** `GET /api/v1/sync/state`: what the service holds of one table for the asking source. */
export const syncStateAnswer = z.object({
  table: tableName,
  rows: z.array(z.object({ rowId: z.string(), hash: described(z.string(), 'contentHash of the stored typed values.'), sheetRow: described(z.optional(z.int()), 'Where the row was last placed, if it was.'), ownId: described(z.optional(z.string()), "The row's own ID as stored (its table's ID column: `TA-2024-031`), if it has one.") })),
  unreadable: described(z.optional(z.array(unreadableSheet)), 'Sheets of this table last sent as unreadable, with their message.'),
  sheetWarnings: described(z.optional(z.array(heldSheetWarning)), "The sheets' own warnings held for this table, as the sheets last sent them (`sheets[].warnings`), each with its sheet."),
});
export type SyncStateAnswer = z.infer<typeof syncStateAnswer>;

/** A stored row's values as JSON. A check over the object rather than a zod record, which would add more to the add-on's bundle than the rest of the outbox schema. */
const storedValues = z
  .custom<Record<string, unknown>>((v) => typeof v === 'object' && v !== null && !Array.isArray(v), { error: 'values must be an object of field name → value' })
  .check(z.meta({ type: 'object', propertyNames: { type: 'string' }, additionalProperties: {} }));

/** `GET /api/v1/outbox`: what the service holds that this sheet has not written yet, oldest first. */
export const outboxAnswer = z.object({
  table: tableName,
  items: z.array(z.object({ id: z.number(), rowId: z.string(), kind: z.enum(['row', 'fields']), fields: z.nullable(z.array(z.string())), values: storedValues })),
});
export type OutboxItem = z.infer<typeof outboxAnswer>['items'][number];

export const requesterLinkAnswer = z.object({ url: z.string() });
export type RequesterLinkAnswer = z.infer<typeof requesterLinkAnswer>;
/** `POST /api/v1/requester-links/revoke`: how many of the request's links were on and are now off. */
export const linksTurnedOffAnswer = z.object({ statusLinks: z.number(), feedbackLinks: z.number() });
export type LinksTurnedOffAnswer = z.infer<typeof linksTurnedOffAnswer>;
