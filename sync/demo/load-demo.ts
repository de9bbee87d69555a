// `serve --demo`: on an empty database, two demo sources, a reviewer and generated sample rows (the
// same generator as `template --sample`), loaded through the same ingest path as a sync; on every
// start, fresh tokens to print and the intake form to try.
import { TABLES, type TableName } from '../../shared/index';
import { sampleRows } from '../../templates/samples';
import { ingestBatch } from '../ingest/ingest-batch';
import { DEFAULT_FORM_TITLE } from '../api/intake-schemas';
import type { IntakeForm } from '../store/intake-store';
import type { Principal, RowStore } from '../store/row-store';

const DEMO_SOURCES: { name: string; kind: NonNullable<Principal['sourceKind']>; seed: number; rows: Partial<Record<TableName, number>> }[] = [
  { name: 'City of Riverside — TA intake (demo)', kind: 'google-sheets', seed: 1, rows: { requests: 80, milestones: 12 } },
  { name: 'Racial Equity Commission — work plan (demo)', kind: 'excel', seed: 2, rows: { requests: 60, workplan: 20, roadmap: 12 } },
];
const DEMO_REVIEWER = 'Equity committee (demo)';

export interface DemoTokens {
  reviewer: { principal: Principal; token: string };
  source: { principal: Principal; token: string };
  /** The public intake form of the demo source: the requester's side, to try from a browser. */
  form: IntakeForm;
  /** True when this start created the demo data. */
  loaded: boolean;
}

async function loadSource(store: RowStore, s: (typeof DEMO_SOURCES)[number], at: Date): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: s.name, sourceKind: s.kind });
  const asOf = at.toISOString().slice(0, 10);
  for (const [table, n] of Object.entries(s.rows) as [TableName, number][]) {
    const id = TABLES[table].columns.find((c) => c.type === 'id')!.name;
    const rows = sampleRows(table, n, { asOf, seed: s.seed }).map((cells, i) => ({ rowId: String(cells[id] ?? `${table}-${i + 1}`), cells }));
    await ingestBatch(store, { sourceId: principal.id, table, rows, full: true, at });
  }
}

/** Loads the demo only into a database with no sources; then issues a reviewer and a source token. */
export async function startDemo(store: RowStore, at: Date): Promise<DemoTokens> {
  let loaded = false;
  if (await store.isEmpty()) {
    for (const s of DEMO_SOURCES) await loadSource(store, s, at);
    loaded = true;
  }
  const reviewer = (await store.listPrincipals('reviewer')).find((p) => p.name === DEMO_REVIEWER) ?? (await store.createPrincipal({ kind: 'reviewer', name: DEMO_REVIEWER })).principal;
  const sources = await store.listSources();
  const source = sources.find((p) => p.name === DEMO_SOURCES[0].name) ?? sources[0];
  const form = (await store.listForms()).find((f) => f.sourceId === source.id && f.removedAt === null)
    ?? (await store.createForm({ sourceId: source.id, title: DEFAULT_FORM_TITLE, at }));
  return {
    form,
    reviewer: { principal: reviewer, token: await store.issueToken(reviewer.id) },
    source: { principal: source, token: await store.issueToken(source.id) },
    loaded,
  };
}
