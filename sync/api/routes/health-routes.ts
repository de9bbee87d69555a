// `GET /healthz`: whether the service can do its work, for load balancers and monitors. `{ok: true}` while
// the database answers; 503 naming the dependency that is down otherwise, within seconds, never a hang.
import { Hono } from 'hono';
import { isErrorType } from '../../../shared/typed-error';
import { StoreError } from '../../store/store-error';
import type { RouteDeps } from '../route-deps';
import type { healthDown, healthOk } from '../schemas';
import type { z } from 'zod';

/** A load balancer's check gives up after a few seconds; answer before it does. */
const PING_TIMEOUT_MS = 3_000;

async function databaseProblem(ping: () => Promise<void>): Promise<string | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`no answer within ${PING_TIMEOUT_MS / 1000} s`), PING_TIMEOUT_MS);
  });
  try {
    return await Promise.race([ping().then(() => undefined), late]);
  } catch (e) {
    return isErrorType(e, StoreError) && e.code === 'unavailable' ? e.message.replace(/; try again.*$/, '') : `the database failed: ${(e as Error)?.message ?? String(e)}`;
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(deps: Pick<RouteDeps, 'store'>): Hono {
  return new Hono().get('/', async (c) => {
    const database = await databaseProblem(() => deps.store.ping());
    if (database === undefined) return c.json({ ok: true } satisfies z.infer<typeof healthOk>);
    return c.json({ ok: false, down: ['database'], database } satisfies z.infer<typeof healthDown>, 503, { 'Cache-Control': 'no-store', 'Retry-After': '5' });
  });
}
