// `POST /api/v1/lists`: a source sends its sheet's dropdown values (its `Lists` sheet), so its public
// intake form and survey offer the same choices as the sheet, and its synced rows are checked against them.
// Each post replaces the lists it sent before.
import { Hono } from 'hono';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { listsBody } from '../intake-schemas';
import { limitBody, parseBody, readJson } from '../request-body';

export function listsRoutes(deps: RouteDeps): Hono<ApiEnv> {
  return new Hono<ApiEnv>().post('/', requireRole(deps.auth, 'source'), limitBody(1024 * 1024), async (c) => {
    const body = parseBody(listsBody, await readJson(c));
    await deps.store.putSourceLists(c.get('principal').id, body.lists, deps.clock());
    return c.json({ lists: Object.keys(body.lists).length });
  });
}
