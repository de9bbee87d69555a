// The `metrics` command's text report: hours no request records are said to be not recorded, as on every surface,
// and days and months in words.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { metricsReport } from '../../../sync/metrics/metrics-report';
import { AS_OF, MILESTONES, REQUESTS } from './demand-rows';

describe('the metrics text report', () => {
  it('says hours no request records were not recorded, not n/a or 0', () => {
    const requests = REQUESTS.map((r) => ({ ...r, values: { ...r.values, hoursSpent: null, estimatedHours: null } }));
    const metrics = aggregateMetrics({ requests }, { asOf: AS_OF, rules: DEFAULT_RULES });
    const lines = metricsReport(metrics).split('\n');
    const line = (label: string, after = 0) => lines.slice(after).find((l) => l.trimStart().startsWith(label)) ?? '';
    expect(line('TA hours delivered (fulfilled requests)')).toMatch(/\)\s+not recorded\s+not recorded\s+not recorded$/);
    for (const label of ['Hours estimated', 'Hours spent']) expect(line(label), label).toMatch(/\s{3}not recorded$/);
    const busy = metrics.hours.byAssignee.filter((a) => a.open > 0);
    expect(busy.length).toBeGreaterThan(0);
    for (const a of busy) expect(line(a.assignee, lines.indexOf('Load per assignee')), a.assignee).toMatch(new RegExp(`^  ${a.assignee}\\s+${a.open}\\s+not recorded\\s`));
  });
});

describe('the metrics text report\'s days and months', () => {
  const metrics = aggregateMetrics({ requests: REQUESTS, milestones: MILESTONES }, { asOf: AS_OF, rules: DEFAULT_RULES });
  const text = metricsReport(metrics);

  it('gives milestone days as a US reader reads them', () => {
    expect(text).toMatch(/\nUpcoming milestones\n {2}Council briefing +Jul 3, 2024 +/);
    expect(text).toMatch(/\nMissed milestones\n {2}Community forum +Jun 10, 2024 +/);
  });

  it('prints no ISO day, month or quarter anywhere', () => {
    expect(text).not.toMatch(/\d{4}-(\d{2}|Q)/);
    expect(text).toMatch(/\n {2}Requests received +\d+ +\d+ +\d+\n/);
    expect(text).toMatch(/ +Whole period +Q1 2024 +Q2 2024\n/);
  });
});
