// What a source sheet sends the service on `POST /api/v1/sync`, `POST /api/v1/outbox/ack`, `POST /api/v1/status-links`,
// `POST /api/v1/feedback-links` and `POST /api/v1/requester-links/revoke-link`, as zod schemas: the service validates requests with them and documents them in
// `/openapi.json`; the add-on takes only their types. The answers are in `sync-answers.ts`, so neither side keeps
// its own copy of the other. Written with zod/mini, like the row schema, so the Apps Script bundle does not carry classic zod.
import * as z from 'zod/mini';
import { quoteValue } from '../quote-value';
import { ROW_ID_MAX_LENGTH, rowIdProblem } from '../row-id';
import { columnRef, sheetName, sheetWarningFields, tableName } from './sync-answers';

/** A schema with what it means, for `/openapi.json`. */
const described = <S extends z.ZodMiniType>(schema: S, description: string): S => schema.check(z.describe(description));

/** Checked before anything is stored, so an id the databases would alter or refuse is a 400 naming it. */
export const rowId = z.string().check(
  (ctx) => {
    const problem = rowIdProblem(ctx.value);
    if (problem !== undefined) ctx.issues.push({ code: 'custom', input: ctx.value, message: `rowId ${ctx.value === '' ? '' : `${quoteValue(ctx.value)} `}${problem}` });
  },
  z.meta({ minLength: 1, maxLength: ROW_ID_MAX_LENGTH }),
  z.describe(`The row's stable id within its source and table: 1 to ${ROW_ID_MAX_LENGTH} characters of well-formed Unicode, no control characters.`),
);

/** A cell as JSON: text, number, true/false, or null for a blank. */
export type WireCell = string | number | boolean | null;
const isWireCell = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Every value a cell: walked in place, as `Object.values` would copy each row's values into an array first. */
function isWireCells(v: object): boolean {
  for (const key in v) if (!isWireCell((v as Record<string, unknown>)[key])) return false;
  return true;
}

/** What `rowValues` accepts: the service checks the rows of a request with it without zod (`parseSyncRequest`). */
export const isRowValues = (v: unknown): v is Record<string, WireCell> => typeof v === 'object' && v !== null && !Array.isArray(v) && isWireCells(v);

/**
 * Field name → cell as JSON; dates as text (2026-03-15, 3/15/2026, Mar 2026). One check over the object
 * instead of a zod record: a record rebuilds every row and costs more than the rest of the ingest path together.
 */
export const rowValues = z
  .custom<Record<string, WireCell>>(isRowValues, {
    error: 'values must be an object of field name → text, number, true/false or null',
  })
  .check(
    z.meta({
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean', 'null'] },
      description: 'Canonical field name → cell value (text, number, true/false, null for blank); derived fields are ignored.',
    }),
  );

/** Up to the largest number a database integer column holds. */
const sheetRow = described(
  z.int().check(z.minimum(1), z.maximum(2 ** 31 - 1)),
  "The row's number in its sheet, which orders the master workbook's sheets (rows without one come after those with one). A table kept on several sheets numbers on past 1,048,576 rows per sheet: row r of the table's k-th sheet (counting from 0) is k × 1,048,576 + r.",
);

/** A column of the sheet's header row: where a field was read and the user's own header over it. */
const sheetColumn = z.strictObject({
  column: columnRef,
  header: z.optional(z.string().check(z.maxLength(2000))),
  fields: described(z.optional(z.array(z.string())), 'The fields read from this column, if any (a span such as Timeline holds two).'),
});

/** What a date column lends a row's cell from the sheet's other rows (`ColumnYear`), as the add-on read the whole sheet. */
const columnYear = z.strictObject({
  year: z.int().check(z.minimum(1000), z.maximum(9999)),
  near: described(z.string().check(z.maxLength(2000)), 'The nearest date that gives the year, as read (2026-03-01) or as typed (Jan-26).'),
  below: described(z.optional(z.boolean()), 'That date is below the row, not above it.'),
  first: described(z.optional(z.int().check(z.minimum(1000), z.maximum(9999))), 'For a cell such as "Jun-30" (a month and two digits): the first year of the column\'s dates.'),
  last: described(z.optional(z.int().check(z.minimum(1000), z.maximum(9999))), 'And the last.'),
  months: described(z.optional(z.boolean()), 'Those years are those of the column\'s month-and-two-digit cells ("Jan-26"), the column having no other dates.'),
});

/** How the service is to read the batch's cells as the sheet's own context says, as `import` reads a workbook. */
export const syncContext = z.object({
  sheet: described(z.optional(sheetName), "The sheet the request's rows were read from. With it, a row's sheetRow counted within this sheet (sheetRow modulo 1,048,576) is the row the committee's Data quality sheet names in its cell references."),
  columns: described(z.optional(z.array(sheetColumn)), "The sheet's header row as the user wrote it, by column, each with the fields read there: the Data quality sheet shows a problem under the user's own header and at its cell. With it, a field no column reads keeps what the service holds for the row (not shown is not cleared)."),
  titleYear: described(z.optional(z.int().check(z.minimum(1000), z.maximum(9999))), 'The one year named by the title rows above the table or the sheet\'s name ("2024 Timeline"): the year of dates written without one.'),
  titleFiscalYear: described(z.optional(z.int().check(z.minimum(1000), z.maximum(9999))), 'The one fiscal year named by the title rows or the sheet\'s name ("FY 2024-25 milestones"), by the year it ends in (2025): dates written without a year take the year its months fall in.'),
  dayFirst: described(z.optional(z.string().check(z.maxLength(300))), 'Where the sheet shows it writes its dates day first (`Start Date "17/9/2025" on row 5`: no month 17, and no date that only reads month first): its "2/10/2025" is then October 2.'),
  fiscalStartMonth: described(z.optional(z.int().check(z.minimum(1), z.maximum(12))), 'The first month (1-12) of the fiscal year, from the workbook\'s Lists sheet, for FY22 and the like; July when absent.'),
  years: described(
    z.optional(z.record(z.string(), z.record(z.string(), columnYear))),
    'By rowId, then field: the year the sheet\'s other rows give a date cell of that row written without one ("20-Mar"), or the years that decide whether "Jun-30" is June 30 or June 2030, as the sheet read whole gives them (in a sheet with no year in its title, the years of the column\'s other dates). A row named here takes its years from here, not from the other rows of the request, which are only those that changed; a row not named is read with the request\'s rows. A row named here is also judged by the whole sheet for dates far from its other dates (`far`), not by the request\'s rows.',
  ),
  far: described(
    z.optional(z.record(z.string(), z.record(z.string(), z.string().check(z.regex(/^\d{4}(–\d{4})?$/))))),
    'By rowId, then field: a date of a row named in `years` that is far from the sheet\'s other dates read whole, with their span in years ("2026–2027"): the service warns that it may be a typo, as `import` does.',
  ),
});
export type SyncContext = z.infer<typeof syncContext>;

/** A sheet's own warning as a sheet sends it: no field beyond those the service holds. */
const sheetWarning = z.strictObject(sheetWarningFields);

/** `POST /api/v1/sync`: a batch of one table's changed rows and deletions. */
export const syncRequest = z.strictObject({
  table: tableName,
  rows: z.array(
    z.strictObject({
      rowId,
      values: rowValues,
      sheetRow: z.optional(sheetRow),
      at: described(
        z.optional(z.array(z.strictObject({ field: z.string(), column: columnRef }))),
        "Fields this row read from another column than the context's columns give (the second item of a row laid out side by side, each with its own Status), for placing the row's problems.",
      ),
      filled: described(
        z.optional(z.array(z.string())),
        'Fields left blank in the sheet and taken from the row above ("same as above"): stored as sent, their warnings said only at the row that holds the value.',
      ),
      texts: described(
        z.optional(z.array(z.string())),
        'Fields of the table, each once, whose cell holds text spelled as a formula\'s error ("#N/A" typed as text): read as that text. Other values spelled so are errors (Google Sheets cannot tell them apart).',
      ),
    }),
  ),
  deleted: described(z.optional(z.array(rowId)), 'Rows removed from the sheet: kept as tombstones.'),
  moved: described(
    z.optional(z.array(z.strictObject({ rowId, sheetRow }))),
    'Rows the service holds unchanged that now sit at another row of the sheet (rows above them were added or removed): only their place is updated.',
  ),
  full: described(z.optional(z.boolean()), 'The batch is the whole sheet: stored rows missing from it become tombstones.'),
  context: described(z.optional(syncContext), "The sheet's own context for reading its cells; the rows of one request share it."),
  sheets: described(
    z.optional(z.array(z.strictObject({ name: sheetName, unreadable: z.optional(z.string().check(z.minLength(1), z.maxLength(2000))), warnings: z.optional(z.array(sheetWarning).check(z.maxLength(5000))) }))),
    "The sheets the table was read from. A sheet with `unreadable` could not be read (why, e.g. \"Milestones: no column for Milestone; headers seen: …\"): none of its rows is in the batch, and the committee's Data quality sheet shows the message until a batch names the sheet without it. A sheet named without `unreadable` replaces the sheet-level warnings held for it with its `warnings` (none when absent).",
  ),
});
export type SyncRequest = z.input<typeof syncRequest>;

/** `POST /api/v1/outbox/ack`: the items the sheet wrote, not to be sent again. */
export const outboxAck = z.strictObject({
  table: tableName,
  ids: described(z.array(z.int().check(z.minimum(1))).check(z.maxLength(10_000, 'acknowledge at most 10,000 items per request')), 'The `id`s of the outbox items written into the sheet.'),
  unshown: described(
    z.optional(z.array(z.string().check(z.maxLength(100))).check(z.maxLength(100))),
    "Fields of those items no column of the sheet shows: a survey answer there is still kept over the sheet's blank, so a column added later, blank, does not clear it.",
  ),
});
export type OutboxAck = z.input<typeof outboxAck>;

/** The links an office sends a requester: where the request stands (`/requests/…`), and the survey of a fulfilled one. */
export type RequesterLink = 'status' | 'feedback';

/** `POST /api/v1/status-links` and `/feedback-links` (`RequesterLink`): a link to send the requester of one of the source's requests. */
export const requesterLinkRequest = z.strictObject({
  table: tableName,
  rowId: described(rowId, "The request: its row id, or the Request ID the office sees (such as `TA-2026-0183`) when only one of the source's requests carries it."),
});
export type RequesterLinkRequest = z.input<typeof requesterLinkRequest>;

/** `POST /api/v1/requester-links/revoke-link` ("Turn off this link…" in the sidebar): one link, as it was sent or by its token. */
export const revokeLinkRequest = z.strictObject({
  link: described(
    z.string().check(z.trim(), z.minLength(1, 'link must not be empty'), z.maxLength(2048, 'link is longer than any link this service sends')),
    'The link as it was sent (`…/requests/eqd_…`, `…/feedback/eqd_…`, or a web-form confirmation\'s address), or its `eqd_` token alone.',
  ),
});
export type RevokeLinkRequest = z.input<typeof revokeLinkRequest>;
