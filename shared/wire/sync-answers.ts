// What the service answers on `POST /api/v1/sync`, `GET /api/v1/sync/state`, `GET /api/v1/outbox`, `POST
// /api/v1/status-links` and `POST /api/v1/feedback-links`, as zod schemas: the service documents them in `/openapi.json`
// and the add-ons check its answers with the shapes generated from them (`shared/shapes/built-shapes.ts`). The requests,
// which only the service parses, are in `sync-wire.ts`; what each field means is written where the service documents
// them (`sync/api/answer-docs.ts`).
import * as z from 'zod/mini';
import { ROW_ID_MAX_LENGTH, rowIdProblem } from '../row-id';
import { TABLE_NAMES } from '../tables';

export const tableName = z.enum(TABLE_NAMES);

/**
 * A sheet's name, held like a row id: the same storable, visible text. Its metadata says what JSON Schema, and so the
 * add-ons' shape of it, cannot tell from the check written as a function.
 */
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

/**
 * A problem of the sheet rather than of a row, as the reader reports it: a column ignored, a repeated header row or a
 * heading set aside. Its fields, which the service checks strictly where a sheet sends them (`sync-wire.ts`) and
 * answers here with the sheet added: spread rather than `z.extend`, which would bundle zod's object merging with the add-on.
 */
export const sheetWarningFields = {
  row: z.int().check(z.minimum(1), z.maximum(1_048_576)),
  column: z.optional(columnRef),
  header: z.optional(z.string().check(z.maxLength(2000))),
  message: z.string().check(z.minLength(1), z.maxLength(2000)),
};

/** A sheet-level warning as the service holds it, with its sheet. */
const heldSheetWarning = z.object({ ...sheetWarningFields, sheet: z.string() });

const fieldError = z.object({ field: z.string(), message: z.string() });

/** What the service did with a `POST /api/v1/sync` batch. */
export const syncAnswer = z.object({
  accepted: z.int(),
  unchanged: z.int(),
  deleted: z.int(),
  rejected: z.array(z.object({ rowId: z.string(), errors: z.array(fieldError) })),
  warnings: z.array(z.object({ rowId: z.string(), field: z.string(), message: z.string() })),
});
export type SyncAnswer = z.infer<typeof syncAnswer>;

/** `GET /api/v1/sync/state`: what the service holds of one table for the asking source. */
export const syncStateAnswer = z.object({
  table: tableName,
  rows: z.array(z.object({ rowId: z.string(), hash: z.string(), sheetRow: z.optional(z.int()), ownId: z.optional(z.string()) })),
  unreadable: z.optional(z.array(unreadableSheet)),
  sheetWarnings: z.optional(z.array(heldSheetWarning)),
});
export type SyncStateAnswer = z.infer<typeof syncStateAnswer>;

/**
 * A stored row's values as JSON. A check over the object rather than a zod record, which would check every value of
 * every item again; its metadata gives JSON Schema, and the add-ons' shape of it, what the function checks.
 */
export const storedValues = z
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
