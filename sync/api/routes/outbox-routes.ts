// `GET /api/v1/outbox?table=T` and `POST /api/v1/outbox/ack`: rows the service holds that the source's
// sheet has not written yet (requests from the web form, survey answers), until the sheet says it wrote
// them. The one way rows flow from the service into a sheet; see docs/decisions for the design.
import { Hono } from 'hono';
import { TABLE_NAMES, isTableName } from '../../../shared/index';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { limitBody, parseBody, readJson } from '../request-body';
import type { OutboxItem } from '../../../shared/wire/sync-answers';
import { outboxAck } from '../../../shared/wire/sync-wire';
import { shownHashes } from '../../ingest/unshown-fields';

export function outboxRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const source = requireRole(deps.auth, 'source');
  return new Hono<ApiEnv>()
    .get('/', source, async (c) => {
      const table = c.req.query('table');
      if (!isTableName(table)) throw new ApiError(400, 'unknown_table', `table must be one of ${TABLE_NAMES.join(', ')}`);
      const items = await deps.store.outbox(c.get('principal').id, table);
      return c.json({
        table,
        items: items.map((i): OutboxItem => ({ id: i.id, rowId: i.rowId, kind: i.fields === null ? 'row' : 'fields', fields: i.fields, values: i.values })),
      });
    })
    .post('/ack', source, limitBody(1024 * 1024), async (c) => {
      const body = parseBody(outboxAck, await readJson(c));
      const sourceId = c.get('principal').id;
      // Read before they are marked written: the outbox lists the items still waiting.
      const shown = body.unshown?.length ? shownHashes(body.table, await deps.store.outbox(sourceId, body.table), body.ids, body.unshown) : [];
      const acknowledged = await deps.store.acknowledge(sourceId, body.table, body.ids, deps.clock(), body.unshown);
      if (shown.length) await deps.store.rehashAsShown(sourceId, body.table, shown);
      return c.json({ acknowledged });
    });
}
