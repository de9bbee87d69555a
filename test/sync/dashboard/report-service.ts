// The service with the read-only routes over the seeded store, a reviewer and a source token, and a fixed
// clock so statuses are computed for the fixtures' day.
import { createApp } from '../../../sync/api/app';
import { listen, type RunningServer } from '../../../sync/api/server';
import { loadConfig } from '../../../sync/config';
import { readRoutes } from '../../../sync/api/routes/read-routes';
import { AS_OF } from '../metrics/demand-rows';
import { seededStore, type SeededStore } from '../master/seed-store';

export interface ReportService {
  seeded: SeededStore;
  app: ReturnType<typeof createApp>;
  reviewerToken: string;
  sourceToken: string;
  /** `app.request` with the reviewer's token unless another (or none) is given. */
  get(path: string, token?: string | null): Promise<Response>;
  listen(): Promise<RunningServer>;
  close(): Promise<void>;
}

/** `meetings`: the committee's meeting days (EQUITY_DESK_MEETINGS), for the changes report's default period. */
export async function reportService(opts: { meetings?: string[] } = {}): Promise<ReportService> {
  const seeded = await seededStore();
  const clock = () => new Date(`${AS_OF}T12:00:00Z`);
  const config = loadConfig({}, { data: 'unused' });
  const reported: unknown[] = [];
  const app = createApp({ store: seeded.store, config, clock, readRoutes: readRoutes({ store: seeded.store, clock, meetings: opts.meetings }), reportError: (e) => reported.push(e) });
  const reviewerToken = (await seeded.store.createPrincipal({ kind: 'reviewer', name: 'Committee' })).token;
  const sourceToken = await seeded.store.issueToken(seeded.ids.s1);
  const servers: RunningServer[] = [];
  return {
    seeded, app, reviewerToken, sourceToken,
    get: (path, token = reviewerToken) => Promise.resolve(app.request(path, { headers: token ? { Authorization: `Bearer ${token}` } : {} })),
    listen: async () => {
      const s = await listen(app, { port: 0, host: '127.0.0.1' });
      servers.push(s);
      return s;
    },
    close: async () => {
      for (const s of servers) await s.close();
      await seeded.close();
      if (reported.length) throw new Error(`the service reported errors: ${reported.map(String).join('; ')}`);
    },
  };
}
