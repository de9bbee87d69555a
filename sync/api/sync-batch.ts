// The CPU work of one `POST /api/v1/sync` body, with no I/O: parse it, check its shape and size, then
// validate and hash its rows (`prepareBatch`). Runs in a worker thread (ingest-pool.ts) or, where
// no pool is given, on the event loop: the same function either way, so both answer alike.
import { TABLE_NAMES, TABLES, isTableName, type TableName } from '../../shared/index';
import { spanLabels } from '../../shared/validate-row';
import { quoteValue } from '../../shared/quote-value';
import { columnLetter, columnNumber } from '../../shared/lists';
import { rowOfPosition } from '../../shared/read-table';
import type { SyncAnswer } from '../../shared/wire/sync-answers';
import * as z from 'zod/mini';
import { rowIdProblem } from '../../shared/row-id';
import { isRowValues, syncRequest, type SyncRequest } from '../../shared/wire/sync-wire';
import { sheetWarningRows } from '../ingest/sheet-warnings';
import { unshownFields } from '../ingest/unshown-fields';
import { prepareBatch, type IngestBatch, type IngestRow, type PreparedBatch } from '../ingest/ingest-batch';
import type { SurveyHold } from '../store/intake-store';
import type { Batch, RowStore } from '../store/row-store';
import { ApiError } from './api-error';
import { parseBody, parseJson } from './request-body';

/** What the route knows of a request besides its body. */
export interface SyncCall {
  /** The authenticated source: a batch writes only its own rows. */
  sourceId: string;
  at: Date;
  maxRows: number;
  /** The source's own dropdown values (its Lists sheet, as it last sent them) over the defaults, as `listsOverDefaults` gives them: what its choices are checked against. */
  lists?: Readonly<Record<string, readonly string[]>>;
  /** The source's survey answers its sheet has not shown yet, by table (`surveyHoldsOf`): kept over the cells it still sends unchanged. */
  holds?: Partial<Record<TableName, readonly SurveyHold[]>>;
}

/** The tables a survey answer writes into: those whose holds a sync reads before it knows the body's table. */
const SURVEY_TABLES = TABLE_NAMES.filter((t) => TABLES[t].columns.some((c) => c.survey));

/** What `SyncCall.holds` takes, read from the store for the source. */
export async function surveyHoldsOf(store: Pick<RowStore, 'surveyHolds'>, sourceId: string): Promise<SyncCall['holds']> {
  const holds: NonNullable<SyncCall['holds']> = {};
  for (const table of SURVEY_TABLES) {
    const of = await store.surveyHolds(sourceId, table);
    if (of.length) holds[table] = of;
  }
  return holds;
}

/** A body ready for `store.applyBatch` (its rows encoded already when a worker prepared it), and the part of the answer the store does not give. */
export interface PreparedSync<B extends Batch = Batch> {
  batch: B;
  answer: Pick<SyncAnswer, 'rejected' | 'warnings'>;
  /** Fields the sheet has no column for (`unshownFields`), given when it described its header row: its rows keep what is stored there (`keepNeverShownFields`). */
  unshown?: string[];
  /** Warnings said only of rows whose done day the store keeps unknown after the write (`FieldIssue.dayUnknown`): not in `answer` yet. */
  dayUnknown?: SyncAnswer['warnings'];
}

/** Where `prepareSync` runs: a worker pool, or `prepareInline`. Throws `ApiError` as the route would. */
export type PrepareSync = (body: ArrayBuffer, call: SyncCall) => Promise<PreparedSync>;

export function knownTable(table: unknown): TableName {
  if (isTableName(table)) return table;
  const shown = typeof table === 'string' ? `"${table.slice(0, 60)}"` : 'missing';
  throw new ApiError(400, 'unknown_table', `table is ${shown}; it must be one of ${TABLE_NAMES.join(', ')}`);
}

const count = (n: number) => n.toLocaleString('en-US');
const utf8 = new TextDecoder();

/** Parses, checks, validates and hashes one body; throws `ApiError` (400, 413) for a body that cannot be stored. */
export function prepareSync(body: ArrayBuffer | Uint8Array, { sourceId, at, maxRows, lists, holds }: SyncCall): PreparedSync<PreparedBatch['batch']> {
  const json = parseJson(utf8.decode(body));
  const top = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  if (top === undefined) throw new ApiError(400, 'invalid_body', 'the body must be a JSON object {table, rows, deleted?, full?}');
  knownTable(top.table);
  // Counted before the shape check, so an oversized batch costs no validation. Deletions and moves count
  // too: each is a write, and an uncounted list let one request hold the service.
  const sizes = { rows: top.rows, deletions: top.deleted, moves: top.moved };
  const counted = Object.entries(sizes).map(([what, list]) => [what, Array.isArray(list) ? list.length : 0] as const);
  if (counted.reduce((sum, [, n]) => sum + n, 0) > maxRows) {
    const what = new Intl.ListFormat('en-US').format(counted.filter(([what, n]) => n > 0 || what === 'rows').map(([what, n]) => `${count(n)} ${what}`));
    throw new ApiError(413, 'payload_too_large', `this batch has ${what}; send at most ${count(maxRows)} rows, deletions and moves together per request`);
  }
  const request = parseSyncRequest(top);
  textsOfTable(request);
  const unreadable = request.sheets?.flatMap((s) => (s.unreadable === undefined ? [] : [{ sheet: s.name, errors: [{ field: '', message: s.unreadable }] }]));
  if (request.full && unreadable?.length) {
    throw new ApiError(400, 'invalid_body', `a full batch cannot name a sheet that could not be read (${unreadable[0].sheet}): the rows it holds would be removed`);
  }
  const { batch, rejected, warnings } = prepareBatch({
    sourceId,
    table: request.table,
    rows: request.rows.map((r) => ingestRow(r, request.context)),
    deleted: request.deleted,
    moved: request.moved,
    readSheets: request.sheets?.filter((s) => s.unreadable === undefined).map((s) => s.name),
    unreadable,
    title: { titleYear: request.context?.titleYear, titleFiscalYear: request.context?.titleFiscalYear, dayFirst: request.context?.dayFirst, labels: request.context?.columns && spanLabels(TABLES[request.table], request.context.columns) },
    readOptions: {
      ...(request.context?.fiscalStartMonth === undefined ? {} : { fiscalYearStartMonth: request.context.fiscalStartMonth }),
      ...(lists ? { lists } : {}),
    },
    full: request.full,
    at,
    holds: { of: holds?.[request.table] ?? [], from: 'sheet' },
    ...(request.context?.columns ? { placeOf: placesIn(request.context.columns) } : {}),
    sheetWarnings: request.sheets?.flatMap((s) => (s.unreadable === undefined && s.warnings ? sheetWarningRows(s.name, s.warnings) : [])),
  });
  const unshown = unshownFields(request.table, request.context?.columns);
  const said = (unknown: boolean) => warnings.flatMap(({ row, issues }) => issues.filter((i) => (i.dayUnknown === true) === unknown).map((i) => ({ rowId: row.rowId, field: i.field, message: i.message })));
  const dayUnknown = said(true);
  return {
    batch,
    ...(dayUnknown.length ? { dayUnknown } : {}),
    // Whenever the sender described its header row: a column it has now may be one it lacked when a field was kept.
    ...(request.context?.columns && batch.upserts.length ? { unshown } : {}),
    answer: {
      rejected: rejected.map(({ row, issues }) => ({ rowId: row.rowId, errors: issues.map((i) => ({ field: i.field, message: i.message })) })),
      warnings: said(false),
    },
  };
}

type WireRow = SyncRequest['rows'][number];

/** The schema of one row of `syncRequest`, and of each of its fields. */
const wireRow = syncRequest.shape.rows.def.element;
const wireRowFields: Readonly<Record<string, z.ZodMiniType>> = wireRow.shape;

/**
 * `parseBody(syncRequest, body)` without zod's copy of every row: each row is checked in place, its id by `rowIdProblem`
 * and its values by `isRowValues` (what the schema's own checks call), any other field by that field's schema, and the
 * rest of the body by `syncRequest` with no rows. Anything that fails goes to `parseBody`, so a refused body is answered
 * with zod's words, as before.
 */
export function parseSyncRequest(body: Record<string, unknown>): SyncRequest {
  const rows = body.rows;
  if (Array.isArray(rows) && rows.every(isPlainWireRow)) {
    const rest = z.safeParse(syncRequest, { ...body, rows: [] });
    if (rest.success) return { ...rest.data, rows: rows as WireRow[] };
  }
  return parseBody(syncRequest, body);
}

function isPlainWireRow(row: unknown): boolean {
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return false;
  const fields = row as Record<string, unknown>;
  for (const key in fields) {
    if (key === 'rowId' || key === 'values') continue;
    const schema = Object.hasOwn(wireRowFields, key) ? wireRowFields[key] : undefined;
    if (schema === undefined || !z.safeParse(schema, fields[key]).success) return false;
  }
  return typeof fields.rowId === 'string' && rowIdProblem(fields.rowId) === undefined && isRowValues(fields.values);
}

/**
 * A row's `texts` name fields of the batch's table, each once: a misspelled name would otherwise be ignored, and the
 * cell it meant read as an error without a word to the sender. So a list is no longer than the table's fields: the first
 * name past them is refused before the rest is looked at. Checked here, not in the wire schema, which the Apps Script
 * bundle carries within its size budget.
 */
function textsOfTable({ table, rows }: { table: TableName; rows: readonly WireRow[] }): void {
  const fields = new Set(TABLES[table].columns.map((c) => c.name));
  rows.forEach(({ texts }, r) => {
    texts?.forEach((field, i) => {
      const problem = !fields.has(field) ? `is not a field of ${table}` : texts.indexOf(field) < i ? 'is named twice' : undefined;
      if (problem) throw new ApiError(400, 'invalid_body', `rows.${r}.texts.${i}: ${quoteValue(field)} ${problem}`);
    });
  });
}

/** A row as `prepareBatch` takes it; with its sheet named, it is placed as `import` places a row. */
function ingestRow(r: WireRow, context: SyncRequest['context']): IngestRow {
  const row: IngestRow = { rowId: r.rowId, cells: r.values, position: r.sheetRow };
  const lent = context?.years?.[r.rowId];
  if (lent) row.lent = lent;
  const far = context?.far?.[r.rowId];
  if (far) row.far = far;
  const sheet = context?.sheet;
  if (r.filled) row.filled = r.filled;
  if (r.texts) row.texts = r.texts;
  if (sheet === undefined) return row;
  row.sheet = sheet;
  if (r.sheetRow !== undefined) row.sheetRow = rowOfPosition(r.sheetRow);
  if (r.at) row.at = Object.fromEntries(r.at.map((a) => [a.field, columnNumber(a.column) - 1]));
  return row;
}

/** Where a field of a row sits, by the sheet's header row as the add-on read it: the user's header and the column letter. */
function placesIn(columns: NonNullable<NonNullable<SyncRequest['context']>['columns']>): NonNullable<IngestBatch['placeOf']> {
  const headers = new Map(columns.map((c) => [c.column, c.header]));
  const fields = new Map<string, string>();
  for (const c of columns) for (const field of c.fields ?? []) if (!fields.has(field)) fields.set(field, c.column);
  return (row, field) => {
    const own = row.at?.[field];
    const column = own === undefined ? fields.get(field) : columnLetter(own + 1);
    if (column === undefined) return {};
    const header = headers.get(column);
    return header === undefined ? { column } : { column, header };
  };
}

/** `prepareSync` on the event loop: for an app built without a pool (tests, tools). */
export const prepareInline: PrepareSync = async (body, call) => prepareSync(body, call);
