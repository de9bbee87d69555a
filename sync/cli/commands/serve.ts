// `serve [--port N] [--host HOST] [--data DIR] [--demo]`: runs the sync service until interrupted, publishing the master
// workbook on a schedule when EQUITY_DESK_PUBLISH_EVERY is set.
import { ensureAdmin, type AdminToken } from '../../api/admin-token';
import { createApp } from '../../api/app';
import { openIngestPool } from '../../api/ingest-pool';
import { listen } from '../../api/server';
import { formatDuration, type Config } from '../../config';
import { readRoutes } from '../../api/routes/read-routes';
import { dashboardLink, formUrl } from '../../api/service-url';
import { startDemo, type DemoTokens } from '../../demo/load-demo';
import type { RunningSchedule } from '../../publish/publish-schedule';
import type { RowStore } from '../../store/row-store';
import { CliError, storageOptions, type Command, type CommandIo } from '../command';
import { commandConfig, withStore } from '../command-store';
import { excelAddinFiles } from '../excel-addin-files';
import type { RowOf } from '../../../shared/tables';
import type { SyncRequest } from '../../../shared/wire/sync-wire';

/** The demo banner's example batch: one request, its fields named as the requests table names them. */
const TRY_BATCH = {
  table: 'requests',
  rows: [{ rowId: 'try-1', values: { receivedOn: '2026-03-15', requesterOrg: 'City of Oakland', status: 'New' } satisfies Partial<RowOf<'requests'>> }],
} satisfies SyncRequest;

/** A configured token is the operator's own secret: echoed only by the demo, whose point is to be tried. */
function adminLine(admin: AdminToken, demo: boolean): string {
  if (admin.from === 'existing') return '  admin token:    the one printed on the first start (or set EQUITY_DESK_ADMIN_TOKEN)';
  if (admin.from === 'config') return `  admin token:    ${demo ? `${admin.token} ` : ''}(from EQUITY_DESK_ADMIN_TOKEN)`;
  return `  admin token:    ${admin.token} (shown once; keep it safe)`;
}

function startBanner(url: string, storage: string, publishing: string, admin: AdminToken, addin: string, demo?: DemoTokens): string[] {
  const lines = [`Equity Desk sync service on ${url}`, `  storage:        ${storage}`, `  publishing:     ${publishing}`, `  API docs:       ${url}/docs`, `  OpenAPI:        ${url}/openapi.json`, `  health:         ${url}/healthz`, adminLine(admin, demo !== undefined)];
  if (!demo) return [...lines, `  dashboard:      ${dashboardLink(url, '<reviewer token>')}`, addin];
  const adminToken = admin.from === 'existing' ? '$ADMIN_TOKEN' : admin.token;
  return [
    ...lines,
    `  reviewer token: ${demo.reviewer.token} (${demo.reviewer.principal.name})`,
    `  source token:   ${demo.source.token} (${demo.source.principal.name})`,
    `  dashboard:      ${dashboardLink(url, demo.reviewer.token)}`,
    `  intake form:    ${formUrl(url, demo.form.id)} (${demo.form.sourceName})`,
    addin,
    demo.loaded ? '  demo data:      loaded (two sources, a reviewer and sample rows)' : '  demo data:      already present',
    '',
    'Try:',
    `  curl -H "Authorization: Bearer ${demo.reviewer.token}" ${url}/api/v1/metrics`,
    `  curl -H "Authorization: Bearer ${demo.source.token}" "${url}/api/v1/sync/state?table=requests"`,
    `  curl -H "Authorization: Bearer ${demo.source.token}" -H "Content-Type: application/json" -d '${JSON.stringify(TRY_BATCH)}' ${url}/api/v1/sync`,
    `  curl -H "Authorization: Bearer ${adminToken}" -H "Content-Type: application/json" -d '{"name":"County intake","kind":"excel"}' ${url}/api/v1/sources`,
  ];
}

/**
 * The publishing schedule, when configured, and the banner's line about it. Loaded only then: the Graph
 * client and Azure identity libraries are sizeable, and a service that does not publish never needs them.
 */
async function publishing(config: Config, store: RowStore, clock: () => Date, io: CommandIo, verbose: boolean): Promise<{ line: string; start?: () => RunningSchedule }> {
  const schedule = config.publishSchedule;
  if (!schedule) return { line: 'off (set EQUITY_DESK_PUBLISH_EVERY to publish the master workbook on a schedule)' };
  const [{ openDestination }, { publishToday, startPublishSchedule }, { instanceName, takingTurns }] = await Promise.all([
    import('../../publish/publish-master'),
    import('../../publish/publish-schedule'),
    import('../../publish/publish-turns'),
  ]);
  const target = openDestination(schedule.to);
  return {
    line: `every ${formatDuration(schedule.everyMs)}, first run now, to ${target.where}`,
    // Instances sharing the database take turns: one publication per interval, whichever instance is due first.
    start: () => startPublishSchedule({ everyMs: schedule.everyMs, publish: takingTurns(store, { everyMs: schedule.everyMs, owner: instanceName(), now: clock })(publishToday(store, target, clock)), log: io, verbose }),
  };
}

/** Resolves on SIGINT or SIGTERM, so the store is closed cleanly. */
const interrupted = () =>
  new Promise<void>((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

export const serveCommand: Command = {
  name: 'serve',
  summary: 'run the sync service (SQLite in --data, or PostgreSQL from DATABASE_URL)',
  usage: 'serve [--port N] [--host HOST] [--data DIR] [--demo] [--verbose]',
  options: {
    ...storageOptions,
    port: { type: 'string', value: 'N', help: 'the port to listen on (default 8787, or PORT)' },
    host: { type: 'string', value: 'HOST', help: 'the address to listen on (default 127.0.0.1, or HOST; 0.0.0.0 for every network)' },
    demo: { type: 'boolean', default: false, help: 'load demo data and print tokens to try it with' },
    verbose: { type: 'boolean', default: false, help: 'when a scheduled publish fails, print what Microsoft Graph answered' },
  },
  async run({ positionals, values }, io: CommandIo) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const config = commandConfig(values, io);
    return withStore(config, async (store) => {
      const admin = await ensureAdmin(store, config, { fresh: values.demo === true });
      const clock = () => new Date();
      const demo = values.demo === true ? await startDemo(store, clock()) : undefined;
      const publish = await publishing(config, store, clock, io, values.verbose === true);
      const addin = await excelAddinFiles();
      const ingest = openIngestPool();
      const app = createApp({ store, config, clock, readRoutes: readRoutes({ store, clock, meetings: config.meetings }), addinDir: addin.dir, prepareSync: ingest.prepare });
      const server = await listen(app, { port: config.port, host: config.host }).catch(async (e: NodeJS.ErrnoException) => {
        await ingest.close();
        throw new CliError(e.code === 'EADDRINUSE' ? `port ${config.port} is in use; pick another with --port` : `cannot listen on ${config.host}:${config.port}: ${e.message}`, 1);
      });
      const storage = config.databaseUrl ? `PostgreSQL (DATABASE_URL${config.databaseSchema ? `, schema ${config.databaseSchema}` : ''})` : `SQLite in ${config.dataDir}`;
      const addinLine = addin.dir ? `  Excel add-in:   ${server.url}/addin/excel/taskpane.html (manifest: npx equity-desk excel-manifest --url https://YOUR-HOST)` : `  Excel add-in:   not served: ${addin.problem}`;
      io.out(startBanner(server.url, storage, publish.line, admin, addinLine, demo).join('\n'));
      const schedule = publish.start?.();
      await interrupted();
      // Before the store closes under it: a run in progress finishes first.
      await schedule?.stop();
      await server.close();
      await ingest.close();
      return 0;
    });
  },
};
