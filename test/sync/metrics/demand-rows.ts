// Hand-made requests, history, work-plan items and milestones whose metrics are worked out by hand in the tests.
import type { TableName } from '../../../shared/tables';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import type { StoredValues } from '../../../sync/store/row-store';

export const AS_OF = '2024-06-30';

/** `firstDoneOn` is what the store derives from HISTORY below (and the final sync of REQUESTS). */
const request = (sourceId: string, sourceName: string, rowId: string, v: StoredValues<'requests'>, firstDoneOn?: string): MetricsRow<'requests'> => ({
  sourceId, sourceName, rowId, ...(firstDoneOn === undefined ? {} : { firstDoneOn }),
  values: {
    requestId: rowId, requesterOrg: `Org of ${rowId}`, requesterType: null, requesterRole: null, contactName: null, contactEmail: null,
    channel: 'Email', origin: 'Reactive', category: null, frameworkArea: null, description: null, priority: null, status: 'New',
    assignee: null, dueOn: null, followUpOn: null, estimatedHours: null, hoursSpent: null, fulfilledOn: null, outcome: null,
    satisfaction: null, notes: null, ...v,
  },
});

export const REQUESTS: MetricsRow<'requests'>[] = [
  // Fulfilled on 25 Jan by history; someone later back-dated the cell to 12 Jan.
  request('s1', 'City of Oakridge', 'R1', { receivedOn: '2024-01-10', requesterOrg: 'Oakridge Parks', requesterType: 'City', category: 'Training & workshops', priority: 'High', status: 'Fulfilled', fulfilledOn: '2024-01-12', assignee: 'A. Rivera', estimatedHours: 8, hoursSpent: 9, satisfaction: 4 }, '2024-01-25'),
  // First synced after the fact: the recorded fulfillment date (11 Feb) predates the sync.
  request('s1', 'City of Oakridge', 'R2', { receivedOn: '2024-02-01', requesterOrg: 'Lake County', requesterType: 'County', origin: 'Proactive', category: 'Budget equity tool', priority: 'Medium', status: 'Fulfilled', fulfilledOn: '2024-02-11', assignee: 'A. Rivera', estimatedHours: 4, hoursSpent: 5 }, '2024-02-11'),
  // Not known from history (a row handed over without it): falls back to the row's own date.
  request('s1', 'City of Oakridge', 'R3', { receivedOn: '2024-04-01', requesterOrg: 'Dept. of Health', requesterType: 'State agency', category: 'Data & evaluation', priority: 'Low', status: 'Closed', fulfilledOn: '2024-04-21', outcome: 'Action plan adopted', satisfaction: 5, assignee: 'J. Chen', hoursSpent: 12 }),
  request('s1', 'City of Oakridge', 'R4', { receivedOn: '2024-05-01', requesterOrg: 'Oakridge Parks', requesterType: 'City', category: 'Training & workshops', priority: 'Urgent', status: 'In progress', assignee: 'J. Chen', estimatedHours: 10, hoursSpent: 4 }),
  request('s1', 'City of Oakridge', 'R5', { receivedOn: '2024-06-25', requesterOrg: 'Assembly District 7', requesterType: 'Legislative office', category: 'Policy & legislation', priority: 'High', dueOn: '2024-07-02', estimatedHours: 3 }),
  request('s1', 'City of Oakridge', 'R6', { receivedOn: '2024-03-01', requesterType: 'City', category: 'Other', status: 'Declined' }),
  // Same row id in another source: keys never collide.
  request('s2', 'Equity Commission', 'R1', { receivedOn: '2024-03-15', requesterOrg: 'Lake County', requesterType: 'County', category: 'Training & workshops', priority: 'Low', status: 'Fulfilled', assignee: 'M. Okafor', hoursSpent: 6, outcome: 'No change yet' }, '2024-04-14'),
];

const at = (iso: string) => new Date(`${iso}T15:00:00Z`);
const v = (rowId: string, sourceId = 's1') => REQUESTS.find((r) => r.rowId === rowId && r.sourceId === sourceId)!.values;

/** A version of a request as a sync sent it, at the time the service recorded it. */
export interface SyncedVersion { sourceId: string; rowId: string; at: Date; values: StoredValues<'requests'> }

/** Earlier versions of some requests, synced before REQUESTS: R1 fulfilled on 25 Jan, its date back-dated on 1 Feb. */
export const HISTORY: SyncedVersion[] = [
  { sourceId: 's1', rowId: 'R1', at: at('2024-01-10'), values: { ...v('R1'), status: 'New', fulfilledOn: null } },
  { sourceId: 's1', rowId: 'R1', at: at('2024-01-25'), values: { ...v('R1'), status: 'Fulfilled', fulfilledOn: null } },
  { sourceId: 's1', rowId: 'R1', at: at('2024-02-01'), values: v('R1') },
  { sourceId: 's1', rowId: 'R2', at: at('2024-02-20'), values: v('R2') },
  { sourceId: 's2', rowId: 'R1', at: at('2024-03-15'), values: { ...v('R1', 's2'), status: 'In progress' } },
  { sourceId: 's2', rowId: 'R1', at: at('2024-04-14'), values: v('R1', 's2') },
];

const row = <T extends TableName>(sourceId: string, sourceName: string, rowId: string, values: StoredValues<T>): MetricsRow<T> => ({ sourceId, sourceName, rowId, values });

export const WORKPLAN: MetricsRow<'workplan'>[] = [
  row('s1', 'City of Oakridge', 'W1', { itemId: '1.1', goal: 'Normalize', task: 'Train all staff', startOn: '2024-01-01', endOn: '2024-12-31', percentComplete: 0.1, status: 'In progress', target: 60, actual: 10, unit: 'hours' }),
  row('s1', 'City of Oakridge', 'W2', { itemId: '1.2', goal: 'Normalize', task: 'Adopt policy', startOn: '2024-01-01', endOn: '2024-03-31', percentComplete: 0.5, status: 'In progress', target: null, actual: null }),
  row('s1', 'City of Oakridge', 'W3', { itemId: '2.1', goal: 'Operationalize', task: 'Budget tool', startOn: '2024-01-01', endOn: '2024-06-01', percentComplete: null, status: 'Completed', target: 5, actual: 5, unit: 'plans' }),
];

export const MILESTONES: MetricsRow<'milestones'>[] = [
  row('s1', 'City of Oakridge', 'M1', { milestoneId: 'M1', date: '2024-07-03', endOn: null, milestone: 'Council briefing', team: 'ODE', partnership: true, status: 'Not started' }),
  row('s1', 'City of Oakridge', 'M2', { milestoneId: 'M2', date: '2024-06-01', endOn: '2024-06-10', milestone: 'Community forum', team: 'ODE', partnership: false, status: 'In progress' }),
  row('s1', 'City of Oakridge', 'M3', { milestoneId: 'M3', date: '2024-09-01', endOn: null, milestone: 'Annual report', team: 'ODE', partnership: null, status: 'Not started' }),
];

export const ROADMAP: MetricsRow<'roadmap'>[] = [
  row('s2', 'Equity Commission', 'X1', { itemId: 'EA-1', focusArea: 'Housing', kind: 'Early action', action: 'Map displacement risk', lead: 'League', status: 'Completed', targetOn: '2024-05-01' }),
];
