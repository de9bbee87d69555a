// A post of the public intake form becoming a request row of the form's source: checked like a sheet row,
// numbered in the sheet's own style, queued for the sheet and stored at once (so metrics count it now).
import { randomBytes } from 'node:crypto';
import { ingestBatch, nodeSha256Hex } from '../ingest/ingest-batch';
import type { IntakeForm } from '../store/intake-store';
import type { RowStore } from '../store/row-store';
import { isoFromUtcDate, listsOverDefaults } from '../../shared/index';
import { WEB_ROW_PREFIX } from '../../shared/row-id';
import { fixedCells, formFields, readSubmission, type FormField, type Submission, type Submitted } from './intake-form';
import { requestId as numbered, requestSeries, type RequestSeries } from './request-ids';

export type SubmitResult =
  /** `rowId` is the first post's when this one repeats it (the same page sent again). */
  | { kind: 'stored'; requestId: string; rowId: string }
  /** The same page's first post is being filed on another instance and has not finished: send it again in a moment. */
  | { kind: 'still-filing' }
  | { kind: 'invalid'; errors: Record<string, string>; fields: FormField[] }
  | { kind: 'over-daily-cap' };

export interface SubmitDeps {
  store: RowStore;
  clock: () => Date;
  /** Requests one form takes per UTC day; posts beyond it are refused without being stored. */
  dailyCap: number;
  /** The office's time zone: the day a request is received (`Config.timeZone`). */
  timeZone: string;
}

/** Digits of a time in base 36 up to the year 5188: ids of one width sort as their times do. */
const TIME_DIGITS = 9;
/**
 * Row ids of web-form requests: recognisable in a sheet's Sync ID column, then the time the request came in, then
 * 72 random bits. The store lists rows a sheet did not place by their ids, so the time first lists them in the order
 * they came in (lowercase letters and digits sort alike byte by byte and by PostgreSQL's collations).
 */
const newRowId = (at: Date) => `${WEB_ROW_PREFIX}${at.getTime().toString(36).padStart(TIME_DIGITS, '0')}-${randomBytes(9).toString('base64url')}`;

/** What the form shows for a source: its fields with the source's current dropdowns. */
export async function fieldsOf(store: RowStore, form: IntakeForm): Promise<FormField[]> {
  return formFields(listsOverDefaults(await store.sourceLists(form.sourceId)));
}

/**
 * Submissions of one process run one at a time per source, so each reads the rows the one before it
 * wrote. The number itself is claimed from the database, so two service processes on one database (or a
 * sheet's own typed IDs) never give two requests one number.
 */
export function requestSubmitter(deps: SubmitDeps): (form: IntakeForm, submitted: Submitted, key?: string) => Promise<SubmitResult> {
  const queues = new Map<string, Promise<unknown>>();
  return (form, submitted, key) => {
    const previous = queues.get(form.sourceId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => submit(deps, form, submitted, key));
    queues.set(form.sourceId, run);
    void run.finally(() => {
      if (queues.get(form.sourceId) === run) queues.delete(form.sourceId);
    }).catch(() => undefined);
    return run;
  };
}

/**
 * Days a page's one-time key is kept after its first post, to answer a repeat of it. A repeat comes only from the tab
 * that sent it (the page is never cached: `no-store`): a double click, a retry, or a reload of the page the post left,
 * which the browser resends only after asking, however long the tab has stayed open. Thirty days outlasts a laptop
 * closed over the holidays with that tab in it; the keys kept are bounded by the forms' daily cap times these days.
 */
export const SUBMISSION_KEY_KEPT_DAYS = 30;
const DAY_MS = 86_400_000;

/**
 * How often, and how many times, a repeat looks for its first post's row while another instance files it. Long
 * enough for a filing under load; a repeat still waiting after it is asked to send the page again.
 */
const FIRST_POST_POLL_MS = 100;
const FIRST_POST_POLLS = 50;

/**
 * The request a post of the page with one-time `key` repeats, once it is stored; undefined when this post is the
 * first and now holds the key for `rowId`. A first post that filed nothing frees its key, and this one takes it.
 */
async function firstPostOf(store: RowStore, form: IntakeForm, key: string, rowId: string, at: Date): Promise<SubmitResult | undefined> {
  for (let poll = 0; ; poll++) {
    const holder = await store.claimSubmission({ formId: form.id, key, rowId, at });
    if (holder === rowId) return undefined;
    const row = await store.storedRow(form.sourceId, 'requests', holder);
    if (typeof row?.requestId === 'string') return { kind: 'stored', requestId: row.requestId, rowId: holder };
    if (poll === FIRST_POST_POLLS) return { kind: 'still-filing' };
    await new Promise((resolve) => setTimeout(resolve, FIRST_POST_POLL_MS));
  }
}

async function submit(deps: SubmitDeps, form: IntakeForm, submitted: Submitted, key: string | undefined): Promise<SubmitResult> {
  const at = deps.clock();
  const lists = listsOverDefaults(await deps.store.sourceLists(form.sourceId));
  const fields = formFields(lists);
  const ids: string[] = [];
  for await (const row of deps.store.rows('requests', { sourceIds: [form.sourceId], includeDeleted: true })) {
    if (typeof row.values.requestId === 'string') ids.push(row.values.requestId);
  }
  // A row the sheet sent that was rejected shows its Request ID in the sheet though no stored row holds it: a request
  // numbered with it would share it, and feedback links and the office go by that ID.
  for (const r of await deps.store.rejections({ sourceIds: [form.sourceId], table: 'requests' })) if (r.ownId !== undefined) ids.push(r.ownId);
  const series = requestSeries(ids, at.getUTCFullYear());
  const check = (requestId: string) => readSubmission(fields, submitted, fixedCells(requestId, at, deps.timeZone), lists);
  const likelyId = numbered(series, series.highest + 1);
  const provisional = check(likelyId);
  if (!provisional.ok) return { kind: 'invalid', errors: provisional.errors, fields };
  const rowId = newRowId(at);
  if (key === undefined) return file(deps, form, { at, series, likelyId, provisional, check, rowId });
  // A repeat is the page sent again with the same answers: the page brought back (the browser's Back) and sent with
  // other ones is another request, which must not get the first one's number and be lost.
  const claim = `${key}.${nodeSha256Hex(JSON.stringify(fields.map((f) => submitted[f.name] ?? ''))).slice(0, 22)}`;
  await deps.store.forgetSubmissions(new Date(at.getTime() - SUBMISSION_KEY_KEPT_DAYS * DAY_MS));
  // Checked first, so a repeat takes no slot of the day's cap and no number.
  const first = await firstPostOf(deps.store, form, claim, rowId, at);
  if (first !== undefined) return first;
  let result: SubmitResult | undefined;
  try {
    result = await file(deps, form, { at, series, likelyId, provisional, check, rowId });
  } finally {
    if (result?.kind !== 'stored') await deps.store.releaseSubmission({ formId: form.id, key: claim, rowId });
  }
  return result;
}

/** A post checked under the number it will likely get (`likelyId`), and how to check it again under another. */
interface Checked {
  at: Date;
  series: RequestSeries;
  likelyId: string;
  provisional: Extract<Submission, { ok: true }>;
  check: (requestId: string) => Submission;
  rowId: string;
}

/** Stores a checked post as a new request under `rowId`, numbered next in the source's series. */
async function file(deps: SubmitDeps, form: IntakeForm, { at, series, likelyId, provisional, check, rowId }: Checked): Promise<SubmitResult> {
  // Counted only once valid: typos do not use up the day's requests. Yesterday's count is kept for an instance whose
  // clock is still there at midnight, which would otherwise start that day's count again from nothing.
  await deps.store.forgetDailyCounts(isoFromUtcDate(new Date(at.getTime() - DAY_MS)));
  if (!(await deps.store.takeDailySlot(form.id, isoFromUtcDate(at), deps.dailyCap))) return { kind: 'over-daily-cap' };
  // Claimed last, so a post sent back to fix or refused by the cap leaves no gap in the numbers the office sees.
  const requestId = numbered(series, await deps.store.claimRequestNumber(form.sourceId, series.series, series.highest + 1));
  const checked = requestId === likelyId ? provisional : check(requestId);
  if (!checked.ok) throw new Error(`intake: a checked request failed its check under ${requestId}: ${JSON.stringify(checked.errors)}`);
  // Queued first: a row stored but not queued would look, to the sheet's next sync, like a row it deleted.
  await deps.store.queueForSheet({ sourceId: form.sourceId, table: 'requests', rowId, fields: null, at });
  const result = await ingestBatch(deps.store, { sourceId: form.sourceId, table: 'requests', rows: [{ rowId, cells: checked.cells }], at, readOptions: { lists: checked.lists } });
  // Checked the same way just above, so only a bug could get here.
  if (result.rejected.length > 0) throw new Error(`intake: a checked request was rejected: ${JSON.stringify(result.rejected[0].issues)}`);
  return { kind: 'stored', requestId, rowId };
}
