// `POST /api/v1/sync` and `GET /api/v1/sync/state`: a source sends its changed rows and asks what the
// service holds, always for its own rows only (the source id comes from the token, never the body).
import { Hono } from 'hono';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { OneAtATime } from '../one-at-a-time';
import { limitBody } from '../request-body';
import { knownTable, prepareInline, surveyHoldsOf } from '../sync-batch';
import { daysUnknownOf } from '../../ingest/ingest-batch';
import { heldSheetWarnings } from '../../ingest/sheet-warnings';
import { heldAnswersToWrite } from '../../ingest/survey-holds';
import { keepNeverShownFields } from '../../ingest/unshown-fields';
import type { SurveyHold } from '../../store/intake-store';
import type { Batch } from '../../store/row-store';
import { listsOverDefaults } from '../../../shared/index';
import type { SyncAnswer, SyncStateAnswer } from '../../../shared/wire/sync-answers';

/** Bodies above this (8 MB; a 5,000-row sheet of ordinary rows is 2-3 MB) wait their turn. */
const HEAVY_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Survey answers kept over cells the sheet has a column for, with no item waiting to write them in: a column added
 * since the pull acknowledged them with none (decision 010, 2026-12-06). Queued before the write, as every item is.
 */
async function queueHeldAnswers(deps: RouteDeps, sourceId: string, batch: Batch, holds: readonly SurveyHold[], unshown: readonly string[]): Promise<void> {
  const kept = heldAnswersToWrite(batch, holds, unshown);
  if (kept.length === 0) return;
  const waiting = new Set((await deps.store.outbox(sourceId, batch.table)).flatMap((i) => (i.fields ?? []).map((field) => JSON.stringify([i.rowId, field]))));
  for (const { rowId, fields } of kept) {
    const unwritten = fields.filter((field) => !waiting.has(JSON.stringify([rowId, field])));
    if (unwritten.length) await deps.store.queueForSheet({ sourceId, table: batch.table, rowId, fields: unwritten, at: batch.at });
  }
}

export function syncRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const maxRows = deps.config.limits.maxRowsPerBatch;
  const prepare = deps.prepareSync ?? prepareInline;
  const heavy = new OneAtATime();
  return new Hono<ApiEnv>()
    .post('/', requireRole(deps.auth, 'source'), limitBody(deps.config.limits.maxBodyBytes), async (c) => {
      const body = await c.req.arrayBuffer();
      const endTurn = body.byteLength > HEAVY_BODY_BYTES ? await heavy.turn() : undefined;
      try {
        // Parsing, validating and hashing run where `prepare` puts them (a worker, for large bodies); the write and the answer here.
        const sourceId = c.get('principal').id;
        // The choices its Lists sheet offers, as its intake form and survey offer them: a row the form stored, or
        // a requester type the office added, is no error when the sheet syncs it.
        const lists = await deps.store.sourceLists(sourceId);
        // Survey answers the sheet has not written in yet are kept over the cells it still sends unchanged (decision 010).
        const holds = await surveyHoldsOf(deps.store, sourceId);
        const { batch, answer, unshown, dayUnknown } = await prepare(body, { sourceId, at: deps.clock(), maxRows, holds, ...(lists ? { lists: listsOverDefaults(lists) } : {}) });
        // Read outside the batch's transaction: a source's batches come one sync at a time (the add-on's document lock).
        if (unshown) {
          const kept = keepNeverShownFields(batch, unshown, await deps.store.storedRowsWithHash(sourceId, batch.table, batch.upserts.map((r) => r.rowId)));
          batch.upserts = kept.upserts;
          // A column added since the service kept its field: the sheet's next pull writes what is held into it.
          // Queued before the write, as every item is, so no kept value is stored without its way back to the sheet.
          for (const { rowId, fields } of kept.refill) await deps.store.queueForSheet({ sourceId, table: batch.table, rowId, fields, at: batch.at });
          await queueHeldAnswers(deps, sourceId, batch, holds?.[batch.table] ?? [], unshown);
        }
        const counts = await deps.store.applyBatch(batch);
        const unknown = await daysUnknownOf(deps.store, batch, (dayUnknown ?? []).map((w) => w.rowId));
        const warnings = unknown.size ? [...answer.warnings, ...dayUnknown!.filter((w) => unknown.has(w.rowId))] : answer.warnings;
        return c.json({ ...counts, ...answer, warnings } satisfies SyncAnswer);
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
      const sheetWarnings = heldSheetWarnings(await deps.store.warnings({ sourceIds: [sourceId], table }), table);
      return c.json({ table, rows, ...(unreadable.length ? { unreadable } : {}), ...(sheetWarnings.length ? { sheetWarnings } : {}) } satisfies SyncStateAnswer);
    });
}
