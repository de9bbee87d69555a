// `POST /api/v1/sync` and `GET /api/v1/sync/state`: a source sends its changed rows and asks what the
// service holds, always for its own rows only (the source id comes from the token, never the body).
import { Hono } from 'hono';
import { TABLE_NAMES, isTableName, type TableName } from '../../../shared/index';
import { ingestBatch } from '../../ingest/ingest-batch';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { nextTurn, OneAtATime } from '../one-at-a-time';
import { limitBody, parseBody, parseJson } from '../request-body';
import { syncRequest, type SyncAnswer, type SyncStateAnswer } from '../../../shared/wire/sync-wire';

function knownTable(table: unknown): TableName {
  if (isTableName(table)) return table;
  const shown = typeof table === 'string' ? `"${table.slice(0, 60)}"` : 'missing';
  throw new ApiError(400, 'unknown_table', `table is ${shown}; it must be one of ${TABLE_NAMES.join(', ')}`);
}

const count = (n: number) => n.toLocaleString('en-US');

/** Bodies above this (8 MB of text; a 5,000-row sheet of ordinary rows is 2-3 MB) wait their turn. */
const HEAVY_BODY_CHARS = 8 * 1024 * 1024;

export function syncRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const maxRows = deps.config.limits.maxRowsPerBatch;
  const heavy = new OneAtATime();
  return new Hono<ApiEnv>()
    .post('/', requireRole(deps.auth, 'source'), limitBody(deps.config.limits.maxBodyBytes), async (c) => {
      const text = await c.req.text();
      const isHeavy = text.length > HEAVY_BODY_CHARS;
      const endTurn = isHeavy ? await heavy.turn() : undefined;
      try {
        return c.json(await syncBatch(text, c.get('principal').id, isHeavy));
      } finally {
        endTurn?.();
      }
    })
    .get('/state', requireRole(deps.auth, 'source'), async (c) => {
      const table = knownTable(c.req.query('table'));
      const sourceId = c.get('principal').id;
      const rows = await deps.store.syncState(sourceId, table);
      const problems = await deps.store.rejections({ sourceIds: [sourceId], table, unreadable: true });
      const unreadable = problems.map((p) => ({ sheet: p.sheet ?? '', message: p.errors.map((e) => e.message).join('; ') }));
      return c.json({ table, rows, ...(unreadable.length ? { unreadable } : {}) } satisfies SyncStateAnswer);
    });

  /** Parse, check, validate and store one batch; a heavy one lets other requests in between its long steps. */
  async function syncBatch(text: string, sourceId: string, isHeavy: boolean): Promise<SyncAnswer> {
    const json = parseJson(text);
    if (isHeavy) await nextTurn();
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
    const body = parseBody(syncRequest, json);
    const unreadable = body.sheets?.flatMap((s) => (s.unreadable === undefined ? [] : [{ sheet: s.name, errors: [{ field: '', message: s.unreadable }] }]));
    if (body.full && unreadable?.length) {
      throw new ApiError(400, 'invalid_body', `a full batch cannot name a sheet that could not be read (${unreadable[0].sheet}): the rows it holds would be removed`);
    }
    if (isHeavy) await nextTurn();
    const result = await ingestBatch(deps.store, {
      sourceId,
      table: body.table,
      rows: body.rows.map((r) => ({ rowId: r.rowId, cells: r.values, position: r.sheetRow })),
      deleted: body.deleted,
      moved: body.moved,
      readSheets: body.sheets?.filter((s) => s.unreadable === undefined).map((s) => s.name),
      unreadable,
      titleYear: body.context?.titleYear,
      ...(body.context?.fiscalStartMonth === undefined ? {} : { readOptions: { fiscalYearStartMonth: body.context.fiscalStartMonth } }),
      full: body.full,
      at: deps.clock(),
      yieldBetweenSteps: isHeavy,
    });
    return {
      accepted: result.accepted,
      unchanged: result.unchanged,
      deleted: result.deleted,
      rejected: result.rejected.map(({ row, issues }) => ({ rowId: row.rowId, errors: issues.map((i) => ({ field: i.field, message: i.message })) })),
      warnings: result.warnings.flatMap(({ row, issues }) => issues.map((i) => ({ rowId: row.rowId, field: i.field, message: i.message }))),
    };
  }
}
