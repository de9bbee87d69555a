// Realistic generated rows for every table, dated around `asOf` and reproducible from a seed: the
// `--sample N` rows of templates and the demo data of the sync service.
import { addDays, daysBetween } from '../shared/cells/dates';
import { CATEGORIES, OUTCOMES, PRIORITIES, REQUESTER_ROLES, type REQUESTER_TYPES } from '../shared/lists';
import { DEFAULT_RULES } from '../shared/rules';
import { suggestPriority } from '../shared/status/priority';
import type { RowOf, TableName, TypedRow } from '../shared/tables';
import {
  FIRST_NAMES, FRAMEWORK_BY_CATEGORY, LAST_NAMES, MILESTONE_EVENTS, MILESTONE_TEAMS, ORGANISATIONS, REQUEST_ASKS, REQUEST_NOTES,
  ROADMAP_ACTIONS, ROADMAP_LEADS, WORKPLAN_LEADS, WORKPLAN_TASKS,
} from './sample-words';
import { CITY_GOALS } from './content/workplan-content';

export interface SampleOptions {
  /** Today for the sample: received dates lie before it, deadlines around it. */
  asOf: string;
  seed?: number;
}

/** mulberry32: small, fast and the same on every platform, so a seed always gives the same rows. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Draw {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  weighted<T extends string>(weights: readonly (readonly [T, number])[]): T {
    const total = weights.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [v, w] of weights) if ((x -= w) < 0) return v;
    return weights[weights.length - 1][0];
  }
}

type RequesterType = (typeof REQUESTER_TYPES)[number];
const TYPE_WEIGHTS: readonly (readonly [RequesterType, number])[] = [
  ['State agency', 36], ['City', 18], ['County', 14], ['Legislative office', 8], ['Community organization', 10],
  ['Tribal government', 4], ['Special district', 5], ['Other', 5],
];
const CATEGORY_WEIGHTS = CATEGORIES.map((c, i) => [c, [14, 16, 12, 9, 10, 9, 6, 7, 6, 6, 5][i]] as const);
const ROLES_BY_TYPE: Partial<Record<RequesterType, readonly string[]>> = {
  'Legislative office': ['Elected official', 'Program staff'],
  'Community organization': ['Executive leadership', 'Program staff', 'Other'],
};

/**
 * What becomes of a request. The first rows cycle through every fate so even a small sample shows
 * fulfilled, overdue, new, declined and waiting requests; later rows are drawn by age.
 */
type Fate = 'fulfilled' | 'closed' | 'overdue' | 'working' | 'waiting' | 'new' | 'declined';
const FIRST_FATES: readonly Fate[] = ['fulfilled', 'overdue', 'working', 'new', 'fulfilled', 'waiting', 'declined', 'closed', 'overdue', 'fulfilled'];

function fateFor(d: Draw, i: number, age: number): Fate {
  if (i < FIRST_FATES.length) return FIRST_FATES[i];
  if (age < 6) return d.weighted([['new', 6], ['working', 3], ['declined', 1]]);
  const doneShare = Math.min(0.85, 0.25 + age / 200);
  if (d.chance(doneShare)) return d.weighted([['fulfilled', 8], ['closed', 2], ['declined', 1]]);
  return d.weighted([['working', 5], ['waiting', 2], ['overdue', 2], ['new', 1]]);
}

/** The youngest a request of each fate can be, in days. */
const MIN_AGE: Readonly<Record<Fate, number>> = { fulfilled: 10, closed: 20, overdue: 25, working: 3, waiting: 8, new: 0, declined: 2 };

function request(d: Draw, i: number, asOf: string): RowOf<'requests'> {
  // Most requests are recent; a tail reaches back a year.
  const drawn = d.chance(0.7) ? d.int(0, 120) : d.int(121, 365);
  const fate = fateFor(d, i, drawn);
  const age = fate === 'new' ? Math.min(drawn, 5) : Math.max(drawn, MIN_AGE[fate]);
  const receivedOn = addDays(asOf, -age);
  const requesterType = d.weighted(TYPE_WEIGHTS);
  const [requesterOrg, domain] = d.pick(ORGANISATIONS[requesterType]);
  const first = d.pick(FIRST_NAMES);
  const last = d.pick(LAST_NAMES);
  const origin = d.chance(0.28) ? 'Proactive' : 'Reactive';
  const channel = origin === 'Proactive'
    ? d.weighted([['Meeting', 6], ['Email', 3], ['Phone', 1]])
    : d.weighted([['Email', 45], ['Web form', 30], ['Phone', 10], ['Meeting', 5], ['Referral', 10]]);
  const category = d.weighted(CATEGORY_WEIGHTS);
  // Overdue requests carry a deadline already past; others get one about half the time.
  const dueOn = fate === 'overdue' ? addDays(receivedOn, d.int(5, Math.min(20, age - 2)))
    : d.chance(0.5) ? addDays(receivedOn, d.pick([7, 10, 14, 21, 30, 45, 60])) : null;
  const suggested = suggestPriority({ requesterType, dueOn, receivedOn }, DEFAULT_RULES, asOf)?.priority;
  const priority = suggested && d.chance(0.75) ? suggested : d.pick(PRIORITIES);
  const estimatedHours = fate === 'new' ? null : d.pick([2, 4, 6, 8, 12, 16, 24, 40]);
  const assignee = fate === 'new' ? null : d.pick(DEFAULT_RULES.lists.assignee);
  const row: RowOf<'requests'> = {
    requestId: null, receivedOn, requesterOrg, requesterType,
    requesterRole: d.pick(ROLES_BY_TYPE[requesterType] ?? REQUESTER_ROLES.slice(0, 3)),
    contactName: `${first} ${last}`, contactEmail: `${first.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase()}.${last.toLowerCase()}@${domain}`,
    preferredChannel: null, channel, origin, category, frameworkArea: FRAMEWORK_BY_CATEGORY[category] ?? null,
    description: d.pick(REQUEST_ASKS[category]).replace('{org}', requesterOrg),
    priority, status: 'New', assignee, dueOn, followUpOn: null, estimatedHours, hoursSpent: null,
    fulfilledOn: null, outcome: null, satisfaction: null, feedbackComment: null, actionPlanAdopted: null, notes: d.chance(0.2) ? d.pick(REQUEST_NOTES) : null,
  };
  const spent = (share: number) => (estimatedHours === null ? null : Math.round(estimatedHours * share * 2) / 2);
  switch (fate) {
    case 'new': return row;
    case 'working': case 'overdue': return { ...row, status: d.pick(['Triaged', 'Assigned', 'In progress', 'In progress']), hoursSpent: spent(d.next() * 0.8) };
    case 'waiting': return { ...row, status: 'Waiting on requester', hoursSpent: spent(d.next() * 0.5) };
    case 'declined': return { ...row, status: 'Declined', estimatedHours: null, assignee: null, outcome: d.chance(0.6) ? 'Referred elsewhere' : null, notes: 'Outside the Commission\'s scope; referred to a partner' };
    default: {
      const fulfilledOn = addDays(receivedOn, Math.min(age, Math.round(3 + d.next() ** 2 * 60)));
      const followedUp = daysBetween(fulfilledOn, asOf) >= 30 && d.chance(0.85);
      const done = {
        ...row, status: fate === 'closed' ? 'Closed' : 'Fulfilled', fulfilledOn, hoursSpent: spent(0.7 + d.next() * 0.6),
        followUpOn: d.chance(0.4) ? addDays(fulfilledOn, 30) : null,
        outcome: followedUp ? d.pick(OUTCOMES.slice(0, 6)) : null,
        satisfaction: followedUp ? Number(d.weighted([['5', 45], ['4', 35], ['3', 12], ['2', 5], ['1', 3]])) : null,
      };
      // The requester's survey says so too where the office recorded a plan: no draw of its own, so the samples stay as they were.
      return { ...done, actionPlanAdopted: done.outcome === 'Action plan adopted' ? true : null };
    }
  }
}

function requests(d: Draw, n: number, asOf: string): RowOf<'requests'>[] {
  const rows = Array.from({ length: n }, (_, i) => request(d, i, asOf));
  // Numbered in order of arrival, as an intake log would be.
  const order = rows.map((r, i) => [r, i] as const).sort((a, b) => String(a[0].receivedOn).localeCompare(String(b[0].receivedOn)) || a[1] - b[1]);
  order.forEach(([r], k) => (r.requestId = `TA-${String(r.receivedOn).slice(0, 4)}-${String(k + 1).padStart(4, '0')}`));
  return rows;
}

function workplanItem(d: Draw, i: number, asOf: string): RowOf<'workplan'> {
  const [task, target, unit] = d.pick(WORKPLAN_TASKS);
  const startOn = addDays(asOf, d.int(-300, 90));
  const endOn = addDays(startOn, d.int(30, 400));
  const span = daysBetween(startOn, endOn);
  const elapsed = Math.max(0, Math.min(1, daysBetween(startOn, asOf) / span));
  const onHold = elapsed > 0 && d.chance(0.06);
  // Progress tracks the calendar with noise, so some items run ahead and some fall behind (at risk).
  const pct = elapsed === 0 ? 0 : Math.max(0, Math.min(1, Math.round((elapsed + (d.next() - 0.6) * 0.5) * 20) / 20));
  const status = onHold ? 'On hold' : pct >= 1 ? 'Completed' : pct > 0 ? 'In progress' : 'Not started';
  return {
    itemId: `WP-${String(i + 1).padStart(3, '0')}`, goal: d.pick(CITY_GOALS), phase: `Phase ${d.int(1, 3)}`,
    task, lead: d.pick(WORKPLAN_LEADS), startOn, endOn,
    target, actual: target === null || pct === 0 ? null : Math.round(target * pct), unit: target === null ? null : unit ?? null,
    percentComplete: pct, status, partnership: d.chance(0.35), notes: null,
  };
}

function milestone(d: Draw, i: number, asOf: string): RowOf<'milestones'> {
  const offset = d.int(-150, 200);
  const date = addDays(asOf, offset);
  const endOn = d.chance(0.15) ? addDays(date, d.int(1, 2)) : null;
  const status = offset < 0 ? (d.chance(0.8) ? 'Completed' : 'In progress') : d.chance(0.2) ? 'In progress' : 'Not started';
  return {
    milestoneId: `M-${String(i + 1).padStart(3, '0')}`, date, endOn, milestone: d.pick(MILESTONE_EVENTS),
    team: d.pick(MILESTONE_TEAMS), partnership: d.chance(0.4), status,
  };
}

function roadmapItem(d: Draw, i: number, asOf: string): RowOf<'roadmap'> {
  const focusArea = d.pick(Object.keys(ROADMAP_ACTIONS));
  const offset = d.int(-90, 365);
  const status = offset < 0 ? (d.chance(0.7) ? 'Completed' : 'In progress') : d.pick(['Not started', 'Not started', 'In progress']);
  return {
    itemId: `RM-${String(i + 1).padStart(3, '0')}`, focusArea, kind: d.chance(0.5) ? 'Early action' : 'Additional strategy',
    action: d.pick(ROADMAP_ACTIONS[focusArea]), lead: d.pick(ROADMAP_LEADS), status, targetOn: addDays(asOf, offset), notes: null,
  };
}

/** `n` typed rows of a table, the same for the same seed and date. */
export function sampleRows(table: TableName, n: number, { asOf, seed = 1 }: SampleOptions): TypedRow[] {
  const d = new Draw(seededRandom(seed));
  switch (table) {
    case 'requests': return requests(d, n, asOf);
    case 'workplan': return Array.from({ length: n }, (_, i) => workplanItem(d, i, asOf));
    case 'milestones': return Array.from({ length: n }, (_, i) => milestone(d, i, asOf));
    case 'roadmap': return Array.from({ length: n }, (_, i) => roadmapItem(d, i, asOf));
  }
}
