// The real sync service for add-on tests, started in a worker thread (startServerInWorker): the bundle's
// UrlFetchApp blocks the test's own thread. It counts what arrives so tests can assert only changed rows
// were sent; the other exports are called from the test through `invoke`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from '../../sync/api/app';
import { loadConfig } from '../../sync/config';
import { dataQualitySheet as dataQualityPlan } from '../../sync/master/data-quality-sheet';
import { openStore } from '../../sync/store/open-store';
import type { TableName } from '../../shared/tables';
import type { RowStore, StoredRow } from '../../sync/store/row-store';

const ADMIN_TOKEN = 'addon-test-admin-token-0123456789';

let store: RowStore;
let app: ReturnType<typeof createApp>;
let dataDir: string;
const received = { posts: 0, rows: 0, deleted: 0, moved: 0, stateReads: 0, demandReads: 0, rowIds: [] as string[] };

export async function createSyncService(): Promise<{ fetch(request: Request): Promise<Response>; close(): Promise<void> }> {
  dataDir = mkdtempSync(path.join(tmpdir(), 'equity-desk-addon-'));
  store = await openStore({ dataDir });
  await store.ensureAdminToken(ADMIN_TOKEN);
  // Survey answers come from one address here, many at a time: the public pages' per-address limit is not under test.
  app = createApp({ store, config: loadConfig({ EQUITY_DESK_ADMIN_TOKEN: ADMIN_TOKEN, EQUITY_DESK_INTAKE_RATE_LIMIT: '600' }, { data: dataDir }) });
  return {
    async fetch(request) {
      const url = new URL(request.url);
      if (request.method === 'POST' && url.pathname === '/api/v1/sync') {
        const body = (await request.clone().json()) as { rows?: { rowId: string }[]; deleted?: string[]; moved?: unknown[] };
        received.posts++;
        received.rows += body.rows?.length ?? 0;
        received.deleted += body.deleted?.length ?? 0;
        received.moved += body.moved?.length ?? 0;
        received.rowIds.push(...(body.rows ?? []).map((r) => r.rowId));
      }
      if (url.pathname === '/api/v1/sync/state') received.stateReads++;
      if (url.pathname === '/api/v1/demand') received.demandReads++;
      return app.fetch(request);
    },
    async close() {
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function createSource(name: string): Promise<{ id: string; token: string }> {
  const { principal, token } = await store.createPrincipal({ kind: 'source', name, sourceKind: 'google-sheets' });
  return { id: principal.id, token };
}

/** A stored row as the bundle tests read it, its values typed by the table. */
export type StoredRowOf<T extends TableName> = Pick<StoredRow<T>, 'rowId' | 'deleted' | 'values'>;

/** What arrived since the last call, then the counters start again. */
export function takeReceived(): typeof received {
  const copy = { ...received, rowIds: [...received.rowIds] };
  Object.assign(received, { posts: 0, rows: 0, deleted: 0, moved: 0, stateReads: 0, demandReads: 0, rowIds: [] });
  return copy;
}

export async function storedRows<T extends TableName>(table: T, sourceId: string): Promise<StoredRowOf<T>[]> {
  const out = [];
  for await (const r of store.rows(table, { sourceIds: [sourceId], includeDeleted: true })) out.push({ rowId: r.rowId, deleted: r.deleted, values: r.values });
  return out;
}

export async function rejections(sourceId: string): Promise<{ rowId: string; sheet?: string; unreadable?: true; errors: { field: string; message: string }[] }[]> {
  return (await store.rejections({ sourceIds: [sourceId] })).map((r) => ({ rowId: r.rowId, sheet: r.sheet, unreadable: r.unreadable, errors: r.errors }));
}

/** Every live request of every source (the fields EQ_DEMAND filters on). */
export async function liveRequests(): Promise<{ requesterType: unknown; category: unknown; receivedOn: unknown }[]> {
  const out = [];
  for await (const r of store.rows('requests')) out.push({ requesterType: r.values.requesterType, category: r.values.category, receivedOn: r.values.receivedOn });
  return out;
}

/** Opens a public form for the source and sends one request through it, as a requester's browser would; returns its Request ID. */
export async function submitIntake(sourceId: string, fields: Record<string, string>): Promise<string> {
  const form = await store.createForm({ sourceId, title: 'Ask for help', at: new Date() });
  const res = await app.fetch(new Request(`http://127.0.0.1/intake/${form.id}`, {
    method: 'POST',
    headers: { Origin: 'http://127.0.0.1', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  }));
  const page = await res.text();
  const id = /class="request-id">([^<]+)</.exec(page)?.[1];
  if (res.status !== 201 || id === undefined) throw new Error(`intake post answered ${res.status}: ${page.slice(0, 500)}`);
  return id;
}

/** A survey link for the row, answered by the requester. */
export async function answerSurvey(sourceToken: string, rowId: string, answer: Record<string, string>): Promise<void> {
  const link = await app.fetch(new Request('http://127.0.0.1/api/v1/feedback-links', {
    method: 'POST',
    headers: { Authorization: `Bearer ${sourceToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ table: 'requests', rowId }),
  }));
  const { url } = (await link.json()) as { url: string };
  if (link.status !== 201) throw new Error(`feedback link answered ${link.status}`);
  const res = await app.fetch(new Request(url, {
    method: 'POST',
    headers: { Origin: new URL(url).origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(answer).toString(),
  }));
  if (res.status !== 200) throw new Error(`survey post answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

/** The dropdown lists the source's sheet last sent (null before its first sync with a Lists sheet). */
export async function sourceLists(sourceId: string): Promise<Record<string, string[]> | null> {
  return store.sourceLists(sourceId);
}

/** The master workbook's Data quality sheet as its plan lists it: its header, then one array of cell values per problem. */
export async function dataQualitySheet(): Promise<(readonly unknown[])[]> {
  const plan = dataQualityPlan(await store.rejections(), await store.warnings());
  return [plan.columns.map((c) => c.header), ...(plan.rows as readonly (readonly unknown[])[])];
}
