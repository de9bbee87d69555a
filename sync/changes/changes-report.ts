// What changed between two days, for the committee's "since the last meeting": read from the store's
// history (each row as it stood on the first and on the last day), its rejection log and its last syncs.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { addDays, derivedColumnOf, isDeclined, isDoneStatus, isoFromUtcDate, namingColumns, requestClosedOn, requestDoneDated, requestDoneOn, slaDue, TABLES, type DONE_REQUEST_STATUSES, type Rules, type TableName, type TypedRow } from '../../shared/index';
import { sameText } from '../../shared/status/sheet-math';
import type { MilestoneDerived } from '../../shared/status/milestone-status';
import { importRowId } from '../ingest/import-row-id';
import type { RowStore, StoredValues } from '../store/row-store';
import type { ChangedRow, ChangesReport, StatusChange } from './changes-schema';

export type ChangesStore = Pick<RowStore, 'changes' | 'listSources' | 'lastSyncs' | 'rejectionLog'>;

export interface ChangesPeriod {
  /** First day, inclusive (the day of the last meeting). */
  since: string;
  /** Last day, inclusive. */
  until: string;
  rules: Rules;
  /** The sources reported on; every source when left out. */
  sourceIds?: string[];
}

const YIELD_EVERY = 2000;
/** The status the "Requests closed" section follows, one of the lifecycle's done statuses. */
const CLOSED: (typeof DONE_REQUEST_STATUSES)[number] = 'Closed';
/** The milestone and roadmap statuses whose moves the report lists, by section. */
const MILESTONE_MOVES = { done: 'Done', missed: 'Missed' } as const satisfies Record<keyof ChangesReport['milestones'], MilestoneDerived>;

/** A row's versions that matter to the period: as it stood before the first day and at the end of the last. */
interface RowStates<T extends TableName> {
  sourceId: string;
  rowId: string;
  before: StoredValues<T> | null;
  after: StoredValues<T> | null;
  /** The first day any version showed it done (requests). */
  firstDone: string | null;
  /**
   * Done, or ended, on a day not known: its first version showed it so with no date (decision 025). Such a request is
   * in no list dated by that day, until a version dates its fulfillment.
   */
  doneUnknown: boolean;
  closedUnknown: boolean;
  /** Its first version was recorded within the period: new to the service then, as an old log's first import. */
  firstSeenIn: boolean;
  /** The day it was first recorded Closed within the period, or its Fulfilled date if it arrived closed (requests). */
  closedOn: string | null;
  /** The first day of the versions that show it ended (Closed or Declined) since it was last open, before the period too: a request closed by its due date never went overdue. */
  firstClosed: string | null;
  /** The days of its first and its last version recorded within the period. */
  firstIn: string | null;
  lastIn: string | null;
  /** The day it was removed from its sheet within the period, while it stays removed; its last values before. */
  removedOn: string | null;
  lastStored: StoredValues<T> | null;
}

/** The id and first required text of a row, as its table defines them: "TA-2026-0031 City of Oakland". */
function labelOf(table: TableName, values: Readonly<Record<string, unknown>>): string {
  return namingColumns(TABLES[table]).map((c) => values[c.name]).filter((v) => v !== null && v !== undefined && v !== '').map(String).join(' ') || '(no name)';
}

/** Every row of a table as it stood at the two edges of the period, from one walk of its history. */
async function statesOf<T extends TableName>(store: ChangesStore, table: T, start: string, end: string, sourceIds: string[] | undefined): Promise<Map<string, RowStates<T>>> {
  const states = new Map<string, RowStates<T>>();
  const isClosed = (v: { readonly status?: unknown } | null) => sameText(v?.status, CLOSED);
  let read = 0;
  for await (const change of store.changes(table, { sourceIds })) {
    const at = change.at.toISOString();
    if (at >= end) break;
    const key = `${change.sourceId}\u0000${change.rowId}`;
    let s = states.get(key);
    const firstVersion = s === undefined;
    if (!s) states.set(key, (s = { sourceId: change.sourceId, rowId: change.rowId, before: null, after: null, firstDone: null, doneUnknown: false, closedUnknown: false, firstSeenIn: at >= start, closedOn: null, firstClosed: null, firstIn: null, lastIn: null, removedOn: null, lastStored: null }));
    const values = change.op === 'delete' ? null : change.values;
    const day = isoFromUtcDate(change.at);
    // A row whose first version is already Closed was closed before the history began: on its Fulfilled date
    // when it has one (a plan's first import holds requests closed months ago), else on a day not known.
    if (at >= start && s.closedOn === null && isClosed(values) && !isClosed(s.after)) s.closedOn = firstVersion ? (requestDoneDated(values!) ? requestDoneOn(values!, day) : null) : day;
    if (at < start) s.before = values;
    else [s.firstIn, s.lastIn] = [s.firstIn ?? day, day];
    s.after = values;
    if (values) [s.lastStored, s.removedOn] = [values, null];
    else if (at >= start) s.removedOn = day;
    if (table === 'requests' && values && (s.firstDone === null || s.doneUnknown)) {
      const done = requestDoneOn(values, day);
      const dated = requestDoneDated(values);
      if (firstVersion && done !== null && !dated) s.doneUnknown = true;
      else if (done !== null && (!s.doneUnknown || dated)) [s.firstDone, s.doneUnknown] = [done, false];
      // Reopened: seen open, so a fulfillment from then on has the day it was seen.
      else if (done === null && requestClosedOn(values, day) === null) s.doneUnknown = false;
    }
    // Ended since last open, as the store keeps it: a request reopened after a decline is judged by the close that stood.
    if (table === 'requests' && values) {
      const ended = requestClosedOn(values, day) !== null;
      s.closedUnknown = ended && (firstVersion || s.closedUnknown);
      s.firstClosed = ended ? s.firstClosed ?? day : null;
    }
    if (++read % YIELD_EVERY === 0) await nextTurn();
  }
  return states;
}

const within = (d: unknown, p: ChangesPeriod): d is string => typeof d === 'string' && d >= p.since && d <= p.until;

export async function changesReport(store: ChangesStore, period: ChangesPeriod): Promise<ChangesReport> {
  const start = `${period.since}T00:00:00.000Z`;
  const end = `${addDays(period.until, 1)}T00:00:00.000Z`;
  const wanted = (id: string) => period.sourceIds === undefined || period.sourceIds.includes(id);
  const sources = (await store.listSources()).filter((s) => wanted(s.id));
  const names = new Map(sources.map((s) => [s.id, s.name]));
  const row = <T extends TableName>(table: T, s: RowStates<T>, values: StoredValues<T>, on: string | null): ChangedRow => ({
    sourceId: s.sourceId, sourceName: names.get(s.sourceId) ?? s.sourceId, table, rowId: s.rowId, label: labelOf(table, values), on,
  });
  // Stored rows are typed rows; a column added since a row was stored reads as blank.
  const derivedStatus = <T extends 'workplan' | 'milestones' | 'roadmap'>(table: T, values: StoredValues<T> | null, asOf: string) =>
    values === null ? null : String(derivedColumnOf(table, 'derivedStatus').compute(values as TypedRow, period.rules, asOf));

  const report: ChangesReport = {
    since: period.since, until: period.until,
    requests: { received: [], fulfilled: [], closed: [], wentOverdue: [], dateNotRecorded: 0 },
    workplan: [],
    milestones: { done: [], missed: [] },
    removed: [],
    dataQuality: { rejected: [], fixed: [] },
    sources: [],
  };

  // A row removed from its sheet stays as a tombstone: listed on the day it went, named as it last stood.
  const removed = <T extends TableName>(table: T, s: RowStates<T>) => {
    if (s.after === null && s.removedOn !== null && s.lastStored !== null) report.removed.push(row(table, s, s.lastStored, s.removedOn));
  };

  for (const s of (await statesOf(store, 'requests', start, end, period.sourceIds)).values()) {
    removed('requests', s);
    const v = s.after;
    if (!v) continue;
    if (within(v.receivedOn, period)) report.requests.received.push(row('requests', s, v, v.receivedOn));
    if (within(s.firstDone, period)) report.requests.fulfilled.push(row('requests', s, v, s.firstDone));
    if (within(s.closedOn, period)) report.requests.closed.push(row('requests', s, v, s.closedOn));
    // In none of those lists, so counted: the metrics' `fulfilledDateNotRecorded`, of the requests new in the period.
    if (s.firstSeenIn && s.doneUnknown && isDoneStatus(v.status) && !requestDoneDated(v)) report.requests.dateNotRecorded++;
    // Overdue from the day after its due date, unless done or closed by then, or declined (decision 007).
    const due = slaDue({ receivedOn: v.receivedOn, priority: v.priority, dueOn: v.dueOn }, period.rules);
    if (due && within(addDays(due, 1), period) && !isDeclined(v.status) && !s.doneUnknown && !s.closedUnknown && (s.firstDone === null || s.firstDone > due)
      && (s.firstClosed === null || s.firstClosed > due)) {
      report.requests.wentOverdue.push(row('requests', s, v, due));
    }
  }

  for (const s of (await statesOf(store, 'workplan', start, end, period.sourceIds)).values()) {
    removed('workplan', s);
    const from = derivedStatus('workplan', s.before, period.since);
    const to = derivedStatus('workplan', s.after, period.until);
    if (from === to) continue;
    // Added on the day it was first synced, removed on the day it went; a status that moved did so on the first
    // day from its last edit that shows the new status (the calendar alone makes an item overdue, with no edit).
    let on = from === null ? s.firstIn : s.lastIn;
    if (from !== null && to !== null) {
      for (let day = s.lastIn ?? period.since; day <= period.until; day = addDays(day, 1)) {
        if (derivedStatus('workplan', s.after, day) === to) { on = day; break; }
      }
    }
    const change: StatusChange = { ...row('workplan', s, (s.after ?? s.before)!, on), from, to };
    report.workplan.push(change);
  }

  for (const table of ['milestones', 'roadmap'] as const) {
    for (const s of (await statesOf(store, table, start, end, period.sourceIds)).values()) {
      removed(table, s);
      if (!s.after) continue;
      const from = derivedStatus(table, s.before, period.since);
      const to = derivedStatus(table, s.after, period.until);
      // Dated by the table's first date column, read by the definition's name.
      const dated = TABLES[table].columns.find((c) => c.type === 'date');
      const after: Readonly<Record<string, unknown>> = s.after;
      const on = dated ? ((after[dated.name] as string | null) ?? null) : null;
      // A row first synced in the period (a calendar's first import) has no earlier status to move from: only its
      // own date can say it was done or missed in the period, not months before.
      if (!s.before && on !== null && !within(on, period)) continue;
      for (const moved of ['done', 'missed'] as const) if (to === MILESTONE_MOVES[moved] && from !== to) report.milestones[moved].push(row(table, s, s.after, on));
    }
  }

  for (const e of await store.rejectionLog({ since: new Date(start), until: new Date(end) })) {
    if (!wanted(e.sourceId)) continue;
    // The event's place comes along only where the log kept one.
    const { op, at, ...logged } = e;
    (op === 'rejected' ? report.dataQuality.rejected : report.dataQuality.fixed).push({ ...logged, sourceName: names.get(e.sourceId) ?? e.sourceId, at: at.toISOString() });
  }
  // Rows of one sync in sheet order: row 8 before row 16; rows without a place by id (`TA-9` before `TA-10`).
  for (const list of [report.dataQuality.rejected, report.dataQuality.fixed]) {
    list.sort((a, b) => a.at.localeCompare(b.at) || (a.sheet ?? '').localeCompare(b.sheet ?? '') || (a.sheetRow ?? 0) - (b.sheetRow ?? 0) || importRowId.order(a.rowId, b.rowId));
  }

  const last = new Map<string, string>();
  for (const sync of await store.lastSyncs()) {
    const at = sync.at.toISOString();
    if ((last.get(sync.sourceId) ?? '') < at) last.set(sync.sourceId, at);
  }
  report.sources = sources
    .map((s) => ({ id: s.id, name: s.name, lastSync: last.get(s.id) ?? null, syncedInPeriod: (last.get(s.id) ?? '') >= start }))
    // Those that have not synced since, longest silent first (never synced before any).
    .sort((a, b) => Number(a.syncedInPeriod) - Number(b.syncedInPeriod) || (a.syncedInPeriod ? 0 : (a.lastSync ?? '').localeCompare(b.lastSync ?? '')) || a.name.localeCompare(b.name));

  // Oldest first in every section: the period read as it happened, from the last meeting to today, as minutes
  // read; on one day, a source's rows together in their ids' order (WP-2 before WP-10).
  const byDay = (a: ChangedRow, b: ChangedRow) =>
    (a.on ?? '').localeCompare(b.on ?? '') || a.sourceName.localeCompare(b.sourceName) || a.label.localeCompare(b.label, 'en', { numeric: true });
  const { received, fulfilled, closed, wentOverdue } = report.requests;
  for (const list of [received, fulfilled, closed, wentOverdue, report.workplan, report.milestones.done, report.milestones.missed, report.removed]) list.sort(byDay);
  return report;
}
