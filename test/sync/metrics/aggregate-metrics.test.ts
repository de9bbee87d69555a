// Demand metrics on hand-made rows: every expected figure is worked out by hand from demand-rows.ts.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { demandMetricsSchema, type DemandMetrics } from '../../../sync/metrics/metrics-schema';
import { targetLines } from '../../../sync/metrics/plan-metrics';
import type { MetricsRow } from '../../../sync/metrics/request-metrics';
import { AS_OF, MILESTONES, REQUESTS, ROADMAP, WORKPLAN } from './demand-rows';

const opts = { asOf: AS_OF, rules: DEFAULT_RULES };
const metrics = () => aggregateMetrics({ requests: REQUESTS, workplan: WORKPLAN, milestones: MILESTONES, roadmap: ROADMAP }, opts);

describe('time to fulfil', () => {
  it("takes fulfillment dates from the rows' first fulfillment in history, not from their current cells", () => {
    const m = metrics();
    // History: R1 15 days (25 Jan, not the back-dated 12 Jan), R2 10, s2/R1 30; R3 has none: 20 from its row.
    expect(m.fulfillment).toEqual({ fulfilled: 4, fromHistory: 3, fromRow: 1, medianDays: 17.5, p90Days: 27, daysGuessed: 0, dateNotRecorded: 0 });
    // The current cells alone would give R1 2 days and s2/R1 none (fulfilled with no date recorded): median 10.
    const rowsOnly = aggregateMetrics({ requests: REQUESTS.map(({ firstDoneOn: _, ...r }) => r) }, opts);
    expect(rowsOnly.fulfillment).toEqual({ fulfilled: 3, fromHistory: 0, fromRow: 3, medianDays: 10, p90Days: 18, daysGuessed: 0, dateNotRecorded: 1 });
  });

  it('ignores a first fulfillment on a request that is open again', () => {
    const reopened = REQUESTS.map((r) => (r.sourceId === 's1' && r.rowId === 'R1' ? { ...r, values: { ...r.values, status: 'In progress', fulfilledOn: null } } : r));
    const m = aggregateMetrics({ requests: reopened }, opts);
    expect(m.fulfillment).toMatchObject({ fulfilled: 3, fromHistory: 2, fromRow: 1 });
    expect(m.backlog.open).toBe(3);
  });

  it('judges the SLA by the fulfillment date history recorded', () => {
    // R1 (High, 7 days) fulfilled on day 15: missed. R2, R3 and s2/R1 (due 14 Apr, done 14 Apr) met.
    expect(metrics().sla).toEqual({ met: 3, missed: 1, compliancePercent: 75, daysGuessed: 0 });
  });

  it('counts a request closed unfulfilled after its due day as missed, in the quarter it was closed; closed by then, neither', () => {
    const base = REQUESTS.find((r) => r.rowId === 'R4')!;
    const closed = (rowId: string, days: { firstClosedOn: string; firstDoneOn?: string }, dates = { receivedOn: '2024-05-01', dueOn: '2024-05-10' }): MetricsRow<'requests'> =>
      ({ ...base, rowId, ...days, values: { ...base.values, ...dates, status: 'Closed', fulfilledOn: null } });
    const m = aggregateMetrics({
      requests: [
        // Received and due in the first quarter, closed in the second.
        closed('late', { firstClosedOn: '2024-04-02' }, { receivedOn: '2024-03-01', dueOn: '2024-03-25' }),
        closed('by due day', { firstClosedOn: '2024-05-10' }),
        // Fulfilled, then closed after the due day: judged by the fulfillment day.
        closed('served then closed', { firstDoneOn: '2024-05-08', firstClosedOn: '2024-05-20' }),
        closed('served late', { firstDoneOn: '2024-05-12', firstClosedOn: '2024-05-12' }),
      ],
    }, opts);
    expect(m.sla).toEqual({ met: 1, missed: 2, compliancePercent: 33.3, daysGuessed: 0 });
    expect(m.fulfillment.fulfilled).toBe(2);
    const onTime = (quarter: string) => m.rba.howWell.find((r) => r.id === 'onTimePercent')?.trend.find((q) => q.quarter === quarter)?.value;
    expect([onTime('2024-Q1'), onTime('2024-Q2')]).toEqual([null, 33.3]);
  });
});

describe('demand', () => {
  it('counts requests by month, requester type and category', () => {
    const m = metrics();
    expect(m.demand.total).toBe(7);
    expect(m.demand.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06']);
    expect(m.demand.byMonth.map((x) => x.total)).toEqual([1, 1, 2, 1, 1, 1]);
    expect(m.demand.byMonth[2].byRequesterType).toEqual({ City: 1, County: 1 });
    expect(m.demand.cells).toContainEqual({ month: '2024-03', requesterType: 'County', category: 'Training & workshops', count: 1 });
    expect(m.demand.byRequesterType).toEqual([
      { key: 'State agency', count: 1 }, { key: 'Legislative office', count: 1 }, { key: 'City', count: 3 }, { key: 'County', count: 2 },
    ]);
    expect(m.demand.origin).toEqual({ reactive: 6, proactive: 1, unspecified: 0, reactivePercent: 85.7, proactivePercent: 14.3 });
  });

  it('lists its cells by month, requester type and category, each in code-unit order, a name before a longer one it starts', () => {
    const row = (i: number, receivedOn: string, requesterType: string, category: string): MetricsRow => ({
      sourceId: 's1', sourceName: 'Source 1', rowId: `r${i}`, values: { requestId: `TA-${i}`, receivedOn, requesterType, category, status: 'New' },
    });
    const rows = [
      row(1, '2024-02-03', 'City', 'Other'), row(2, '2024-01-09', 'City agency', 'Data'), row(3, '2024-01-02', 'City', 'data'),
      row(4, '2024-01-20', 'City', 'Data'), row(5, '2024-01-31', 'County', 'Data'), row(6, '2024-01-05', 'City agency', 'Data'),
    ];
    const cells = aggregateMetrics({ requests: rows }, opts).demand.cells;
    expect(cells.map((c) => `${c.month} ${c.requesterType} / ${c.category} ${c.count}`)).toEqual([
      '2024-01 City / Data 1', '2024-01 City / data 1', '2024-01 City agency / Data 2', '2024-01 County / Data 1', '2024-02 City / Other 1',
    ]);
  });

  it('filters by date received and by source', () => {
    const q2 = aggregateMetrics({ requests: REQUESTS }, { ...opts, from: '2024-04-01', to: '2024-06-30' });
    expect(q2.demand.total).toBe(3);
    const s2 = aggregateMetrics({ requests: REQUESTS, roadmap: ROADMAP }, { ...opts, sourceIds: ['s2'] });
    expect(s2.demand.total).toBe(1);
    expect(s2.fulfillment.medianDays).toBe(30);
    expect(s2.sources).toEqual([{ id: 's2', name: 'Equity Commission', requests: 1, workplan: 0, milestones: 0, roadmap: 1 }]);
  });
});

describe('backlog, follow-ups, hours and capacity', () => {
  it('ages the open backlog and flags its SLA', () => {
    // R4: 60 days open, due 4 May (Urgent: 3 days) → overdue. R5: 5 days open, due 2 Jul → due soon.
    expect(metrics().backlog).toEqual({
      open: 2, onTime: 0, dueSoon: 1, overdue: 1,
      byAgeBucket: [{ key: '0-7 days', count: 1 }, { key: '8-30 days', count: 0 }, { key: '31-90 days', count: 1 }, { key: 'Over 90 days', count: 0 }],
    });
  });

  it('counts follow-ups due, and outcomes recorded', () => {
    const f = metrics().followUps;
    expect(f).toMatchObject({ due: 2, upcoming: 0, recorded: 2 });
    expect(f.outcomes).toEqual([{ key: 'Action plan adopted', count: 1 }, { key: 'No change yet', count: 1 }]);
  });

  it('sets open load per assignee against weekly capacity', () => {
    const h = metrics().hours;
    expect(h.estimated).toBe(25);
    expect(h.spent).toBe(36);
    expect(h.byAssignee[0]).toEqual({ assignee: 'J. Chen', requests: 2, open: 1, estimated: 10, spent: 16, openHours: 6, weeklyCapacity: 20, weeksOfWork: 0.3 });
    expect(h.byAssignee.find((a) => a.assignee === 'Unassigned')).toMatchObject({ open: 1, openHours: 3, weeklyCapacity: null, weeksOfWork: null });
  });

  it('compares recent intake with fulfillment over the last 12 weeks', () => {
    const c = metrics().capacity;
    // Window 8 Apr – 30 Jun: received R4 and R5; fulfilled R3 (21 Apr) and s2/R1 (14 Apr).
    expect(c).toMatchObject({ weeks: 12, windowStart: '2024-04-08', windowEnd: '2024-06-30', intakePerWeek: 0.2, fulfilledPerWeek: 0.2, openRequests: 2, weeksOfBacklog: 12, backlogGrowing: false });
    expect(c.weekly.reduce((a, w) => a + w.received, 0)).toBe(2);
    // Hours per fulfilled request: (9 + 5 + 12 + 6) / 4 = 8; intake 2/12 a week → 1.3 hours a week.
    expect(c.hoursPerRequest).toBe(8);
    expect(c.demandHoursPerWeek).toBe(1.3);
    // Staff active in the window: J. Chen (20), M. Okafor (15), and R5 is unassigned.
    expect(c.capacityHoursPerWeek).toBe(35);
    expect(c.demandExceedsCapacity).toBe(false);
  });

  it('says when demand outgrows staff hours', () => {
    const busy = Array.from({ length: 40 }, (_, i) => ({
      sourceId: 's1', sourceName: 'City', rowId: `B${i}`,
      values: { receivedOn: '2024-06-10', requesterOrg: 'X', status: 'Assigned', assignee: 'S. Patel', estimatedHours: 20, priority: 'Low' },
    }));
    const c = aggregateMetrics({ requests: busy }, opts).capacity;
    expect(c.backlogGrowing).toBe(true);
    expect(c.weeksOfBacklog).toBeNull();
    expect(c.summary).toMatch(/backlog is growing/);
  });

  it('says one open request in the singular', () => {
    const one = [{ sourceId: 's1', sourceName: 'City', rowId: 'O1', values: { receivedOn: '2024-06-10', requesterOrg: 'X', status: 'Assigned', assignee: 'S. Patel', estimatedHours: 20, priority: 'Low' } }];
    expect(aggregateMetrics({ requests: one }, opts).capacity.summary).toContain('1 request is open and none were fulfilled in the window.');
  });

  it('averages satisfaction', () => {
    expect(metrics().satisfaction).toMatchObject({ responses: 2, average: 4.5 });
  });
});

describe('work plans and milestones', () => {
  it('rolls work-plan items up per source and goal with the shared status rule', () => {
    const w = metrics().workplan;
    // W1: 10 % of a year at 50 % elapsed → at risk; W2 ended in March → overdue; W3 completed.
    expect(w.total).toMatchObject({ items: 3, percentComplete: 53.3, complete: 1, atRisk: 1, overdue: 1 });
    // 60 hours and 5 plans are never added up.
    expect(w.total.targets).toEqual([
      { unit: 'hours', items: 1, target: 60, actual: 10, progress: 16.7 },
      { unit: 'plans', items: 1, target: 5, actual: 5, progress: 100 },
    ]);
    expect(w.byGoal.map((g) => [g.goal, g.items, g.percentComplete])).toEqual([['Normalize', 2, 30], ['Operationalize', 1, 100]]);
  });

  it('rolls a plan with phases but no goals (GARE-style) up by phase, each labeled as a phase; other plans keep their goals', () => {
    const item = (sourceId: string, rowId: string, values: Record<string, unknown>) => ({ sourceId, sourceName: sourceId === 'gare' ? 'County' : 'City', rowId, values: { task: rowId, ...values } });
    const w = aggregateMetrics({ workplan: [
      item('gare', 'a', { phase: 'Normalize', status: 'Completed' }), item('gare', 'b', { phase: 'Organize', percentComplete: 0.5 }),
      item('gare', 'c', { phase: 'Normalize', percentComplete: 0 }), item('gare', 'd', { phase: 'Phase 4', status: 'Completed' }), item('gare', 'e', {}),
      item('city', 'f', { goal: 'Housing', phase: 'Normalize', status: 'Completed' }), item('city', 'g', { phase: 'Organize', status: 'Completed' }),
    ] }, opts).workplan;
    expect(w.byGoal.map((g) => [g.sourceName, g.goal, g.items, g.percentComplete])).toEqual([
      ['County', 'Phase: Normalize', 2, 50], ['County', 'Phase: Organize', 1, 50], ['County', 'Phase 4', 1, 100], ['County', '(no phase)', 1, 0],
      ['City', 'Housing', 1, 100], ['City', 'Phase: Organize', 1, 100],
    ]);
    // Phases are the roll-up of items with no goal already: no "(no goal)" row repeats them by goal and phase.
    expect(w.byPhase.map((p) => [p.sourceName, p.goal, p.phase])).toEqual([['City', 'Housing', 'Normalize']]);
  });

  it('rolls up the items with no goal by phase in a source that also holds a plan with goals, never averaging a share across phases', () => {
    // One workbook: the city's plan by goal, and beside it the GARE plan by stage, with no goal column filled in.
    const item = (rowId: string, values: Record<string, unknown>) => ({ sourceId: 'city', sourceName: 'City of Oakridge', rowId, values: { task: rowId, ...values } });
    const m = aggregateMetrics({ workplan: [
      item('score1', { goal: 'Housing stability', target: 60, actual: 30, unit: 'hours' }),
      item('gare1', { phase: 'Normalize', target: 100, actual: 80, unit: '% of departments' }),
      item('gare2', { phase: 'Organize', target: 50, actual: 10, unit: '% of departments' }),
      item('gare3', { phase: 'Operationalize', target: 25, actual: 0, unit: '% of departments' }),
      item('loose', {}),
    ] }, opts);
    expect(targetLines(m).map((t) => [t.goal, t.unit, t.target, t.actual])).toEqual([
      ['Housing stability', 'hours', 60, 30],
      ['Phase: Normalize', '% of departments', 100, 80], ['Phase: Organize', '% of departments', 50, 10], ['Phase: Operationalize', '% of departments', 25, 0],
    ]);
    expect(m.workplan.byGoal.map((g) => [g.goal, g.items])).toEqual([['Housing stability', 1], ['Phase: Normalize', 1], ['Phase: Organize', 1], ['Phase: Operationalize', 1], ['(no goal)', 1]]);
    expect(m.workplan.byPhase.filter((p) => p.goal === '(no goal)')).toEqual([]);
  });

  it('totals targets per unit, one unit however it is spelled, and never across units', () => {
    const item = (rowId: string, values: Record<string, unknown>) => ({ sourceId: 's1', sourceName: 'City', rowId, values: { task: rowId, goal: 'G', ...values } });
    const w = aggregateMetrics({ workplan: [
      item('a', { target: 20, actual: 12, unit: 'hours' }), item('b', { target: 40, actual: null, unit: 'Hours ' }), item('c', { target: 10, actual: 3, unit: 'hour' }),
      item('d', { target: 100, actual: 50, unit: '% of departments' }), item('e', { target: 4, actual: 1, unit: null }), item('f', { target: null, actual: null, unit: 'plans' }),
      item('g', { target: 50, actual: null, unit: '% of departments' }),
    ] }, opts).workplan;
    // Shares are averaged, not added: 100 % and 50 % of departments are a 75 % target.
    expect(w.total.targets).toEqual([
      { unit: 'hours', items: 3, target: 70, actual: 15, progress: 50 },
      { unit: '% of departments', items: 2, target: 75, actual: 50, progress: 50 },
      { unit: null, items: 1, target: 4, actual: 1, progress: 25 },
    ]);
    expect(w.byGoal[0].targets).toEqual(w.total.targets);
    // Where the figures are shown, the averaged share says it is one, and of how many items: 75 is no item's target.
    expect(targetLines({ workplan: w } as DemandMetrics).map((t) => [t.unit, t.target])).toEqual([['hours', 70], ['% of departments (average of 2 items)', 75], ['(no unit)', 4]]);
  });

  it('counts items not started, and work under way with no % recorded, as 0 % done, and says how many had no %', () => {
    const item = (rowId: string, values: Record<string, unknown>) => ({ sourceId: 's1', sourceName: 'City', rowId, values: { task: rowId, goal: 'G', ...values } });
    // As pasted from a plan: one item completed, one marked not started with no dates, one late to start,
    // one scheduled for next year, one in progress with no % typed.
    const w = aggregateMetrics({ workplan: [
      item('done', { status: 'Completed' }), item('marked', { status: 'Not started' }), item('late', { startOn: '2024-01-01', endOn: '2025-12-31' }),
      item('later', { startOn: '2025-02-01', endOn: '2025-12-31' }), item('going', { status: 'In progress', startOn: '2024-01-01', endOn: '2025-12-31' }),
    ] }, opts).workplan;
    expect(w.total).toMatchObject({ items: 5, complete: 1, lateStart: 1, notStarted: 1, inProgressNoPercent: 1, percentComplete: 20, noPercentRecorded: 1 });
  });

  it('never reads a GARE phase as 100 % complete while an item in it is still in progress with no %', () => {
    // The Normalize phase of a GARE status slide: three items Completed, one "In progress - waiting on budget" with no %.
    const item = (rowId: string, phase: string, values: Record<string, unknown>) => ({ sourceId: 'gare', sourceName: 'City ORE', rowId, values: { task: rowId, phase, ...values } });
    const w = aggregateMetrics({ workplan: [
      item('videos', 'Normalize', { status: 'Completed' }), item('workshops', 'Normalize', { status: 'Completed', percentComplete: 1 }),
      item('glossary', 'Normalize', { status: 'Completed' }), item('training', 'Normalize', { status: 'In progress', notes: 'waiting on budget' }),
      item('procurement', 'Organize', { status: 'In progress', percentComplete: 0.4 }), item('teams', 'Organize', { status: 'On hold' }),
      item('reap', 'Organize', { status: 'Not started' }),
    ] }, opts).workplan;
    expect(w.byGoal.map((g) => [g.goal, g.items, g.percentComplete, g.noPercentRecorded])).toEqual([['Phase: Normalize', 4, 75, 1], ['Phase: Organize', 3, 13.3, 1]]);
    expect(w.total).toMatchObject({ items: 7, percentComplete: 48.6, noPercentRecorded: 2 });
  });

  it('counts a work-plan item on hold apart (onHold), never overdue or at risk, its % still in the goal\'s % complete', () => {
    const item = (rowId: string, values: Record<string, unknown>) => ({ sourceId: 'city', sourceName: 'City ORE', rowId, values: { task: rowId, goal: 'Capacity', startOn: '2024-01-01', endOn: '2024-03-01', ...values } });
    const w = aggregateMetrics({ workplan: [
      item('teams', { status: 'On hold', percentComplete: 0.4 }), item('videos', { status: 'Postponed' }), item('glossary', { status: 'In progress', percentComplete: 0.5 }),
    ] }, opts).workplan;
    expect(w.total).toMatchObject({ items: 3, onHold: 2, overdue: 1, atRisk: 0, percentComplete: 30, noPercentRecorded: 1 });
    expect(w.byGoal.map((g) => [g.goal, g.onHold, g.overdue])).toEqual([['Capacity', 2, 1]]);
  });

  it('lists upcoming and missed milestones, roadmap items included', () => {
    const ms = metrics().milestones;
    expect(ms.counts).toEqual([
      { kind: 'milestone', done: 0, upcoming: 1, dueThisWeek: 1, missed: 1, undated: 0, stopped: 0, onHold: 0, likelyTypo: 0 },
      { kind: 'roadmap', done: 1, upcoming: 0, dueThisWeek: 0, missed: 0, undated: 0, stopped: 0, onHold: 0, likelyTypo: 0 },
    ]);
    expect(ms.upcoming.map((m) => [m.title, m.status])).toEqual([['Council briefing', 'Due this week'], ['Annual report', 'Upcoming']]);
    expect(ms.missed.map((m) => [m.title, m.date])).toEqual([['Community forum', '2024-06-10']]);
  });

  it.each([
    ['stopped', ['Dropped', 'Cancelled', 'Withdrawn']],
    ['onHold', ['Postponed', 'On hold', 'Paused']],
  ] as const)('counts a milestone or roadmap item an office set aside as %s (%j), never missed or upcoming', (key, [forum, briefing, item]) => {
    const setAside = <T extends { values: { status?: unknown } }>(r: T, status: string): T => ({ ...r, values: { ...r.values, status } });
    // The forum, past its end; the briefing, due this week; the roadmap item, past its target.
    const ms = aggregateMetrics({
      milestones: [setAside(MILESTONES[0], forum), setAside(MILESTONES[1], briefing), MILESTONES[2]],
      roadmap: [setAside(ROADMAP[0], item)],
    }, opts).milestones;
    const none = { done: 0, upcoming: 0, dueThisWeek: 0, missed: 0, undated: 0, stopped: 0, onHold: 0, likelyTypo: 0 };
    expect(ms.counts).toEqual([
      { kind: 'milestone', ...none, upcoming: 1, [key]: 2 },
      { kind: 'roadmap', ...none, [key]: 1 },
    ]);
    expect(ms.missed).toEqual([]);
    expect(ms.upcoming.map((m) => m.title)).toEqual(['Annual report']);
  });
});

describe('Results-Based Accountability', () => {
  it('groups headline figures with a trend by quarter', () => {
    const { rba } = metrics();
    expect(rba.quarters).toEqual(['2024-Q1', '2024-Q2']);
    const find = (id: string) => [...rba.howMuch, ...rba.howWell, ...rba.betterOff].find((x) => x.id === id)!;
    expect(find('requestsFulfilled')).toMatchObject({ value: 4, trend: [{ quarter: '2024-Q1', value: 2 }, { quarter: '2024-Q2', value: 2 }] });
    expect(find('taHours').value).toBe(32);
    // Served: Oakridge Parks, Lake County (twice), Dept. of Health.
    expect(find('organizationsServed')).toMatchObject({ value: 3, trend: [{ value: 2 }, { value: 2 }] });
    expect(find('proactiveOutreach').value).toBe(1);
    expect(find('onTimePercent')).toMatchObject({ value: 75, trend: [{ value: 50 }, { value: 100 }] });
    expect(find('medianDays')).toMatchObject({ value: 17.5, trend: [{ value: 12.5 }, { value: 25 }] });
    expect(find('positiveOutcomePercent')).toMatchObject({ value: 50, trend: [{ value: null }, { value: 50 }] });
  });

  it('leaves hours unknown, not zero, where no request records them', () => {
    // Without hours: everything in Q1 (R1, R2), and every estimate of J. Chen's open request R4.
    const withoutHours = REQUESTS.map((r) =>
      r.values.receivedOn! < '2024-03-01' || r.rowId === 'R4' ? { ...r, values: { ...r.values, hoursSpent: null, estimatedHours: null } } : r);
    const m = aggregateMetrics({ requests: withoutHours }, opts);
    const taHours = m.rba.howMuch.find((x) => x.id === 'taHours')!;
    expect(taHours).toMatchObject({ value: 18, trend: [{ quarter: '2024-Q1', value: null }, { quarter: '2024-Q2', value: 18 }] });
    expect(m.hours.byAssignee.find((a) => a.assignee === 'J. Chen')).toMatchObject({ open: 1, openHours: null, weeksOfWork: null });
    expect(m.hours).toMatchObject({ estimated: 3, spent: 18 });
    const none = aggregateMetrics({ requests: REQUESTS.map((r) => ({ ...r, values: { ...r.values, hoursSpent: null, estimatedHours: null } })) }, opts);
    expect(none.rba.howMuch.find((x) => x.id === 'taHours')).toMatchObject({ value: null, trend: [{ value: null }, { value: null }] });
    expect(none.hours).toMatchObject({ estimated: null, spent: null });
    for (const a of none.hours.byAssignee) expect(a, a.assignee).toMatchObject({ estimated: null, spent: null, openHours: a.open ? null : 0 });
    expect(() => demandMetricsSchema.parse(none)).not.toThrow();
  });

  it('gives a quarter that fulfilled nothing 0 hours delivered, as an empty quarter, not "not recorded"', () => {
    // Without s1's R1 and R2, Q1 only receives (R6, s2/R1) and fulfills nothing; Q2 fulfills R3 and s2/R1 (12 + 6 hours).
    const m = aggregateMetrics({ requests: REQUESTS.filter((r) => !(r.sourceId === 's1' && ['R1', 'R2'].includes(r.rowId))) }, opts);
    const find = (id: string) => m.rba.howMuch.find((x) => x.id === id)!;
    expect(find('requestsReceived').trend[0]).toEqual({ quarter: '2024-Q1', value: 2 });
    expect(find('requestsFulfilled').trend[0]).toEqual({ quarter: '2024-Q1', value: 0 });
    expect(find('taHours')).toMatchObject({ value: 18, trend: [{ quarter: '2024-Q1', value: 0 }, { quarter: '2024-Q2', value: 18 }] });
  });

  it('produces a document that matches its schema', () => {
    expect(() => demandMetricsSchema.parse(metrics())).not.toThrow();
    expect(() => demandMetricsSchema.parse(aggregateMetrics({}, opts))).not.toThrow();
  });
});
