// `POST /api/v1/forms` (and listing and removing them): an admin turns on a source's public intake form
// and gets the address to share.
import { Hono } from 'hono';
import type { IntakeForm } from '../../store/intake-store';
import { isErrorType } from '../../../shared/typed-error';
import { StoreError } from '../../store/store-error';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { requireRole, type ApiEnv } from '../auth';
import { DEFAULT_FORM_TITLE, createFormBody } from '../intake-schemas';
import { limitBody, parseBody, readJson } from '../request-body';
import { formUrl } from '../service-url';

/** The address requesters use: the configured public URL, else the one this request came in on. */
export const publicBase = (deps: RouteDeps, requestUrl: string) => deps.config.publicUrl ?? new URL(requestUrl).origin;

const view = (base: string, f: IntakeForm) => ({
  id: f.id, url: formUrl(base, f.id), sourceId: f.sourceId, sourceName: f.sourceName, title: f.title,
  createdAt: f.createdAt.toISOString(), removedAt: f.removedAt?.toISOString() ?? null,
});

export function formsRoutes(deps: RouteDeps): Hono<ApiEnv> {
  const admin = requireRole(deps.auth, 'admin');
  return new Hono<ApiEnv>()
    .post('/', admin, limitBody(64 * 1024), async (c) => {
      const body = parseBody(createFormBody, await readJson(c));
      try {
        const form = await deps.store.createForm({ sourceId: body.sourceId, title: body.title ?? DEFAULT_FORM_TITLE, at: deps.clock() });
        return c.json(view(publicBase(deps, c.req.url), form), 201);
      } catch (e) {
        if (isErrorType(e, StoreError) && e.code === 'unknown-source') throw new ApiError(400, 'invalid_body', `sourceId: ${e.message}`);
        throw e;
      }
    })
    .get('/', admin, async (c) => {
      const base = publicBase(deps, c.req.url);
      return c.json({ forms: (await deps.store.listForms()).map((f) => view(base, f)) });
    })
    .delete('/:id', admin, async (c) => {
      if (!(await deps.store.removeForm(c.req.param('id'), deps.clock()))) throw new ApiError(404, 'not_found', `no open form ${c.req.param('id').slice(0, 60)}`);
      return c.body(null, 204);
    });
}
