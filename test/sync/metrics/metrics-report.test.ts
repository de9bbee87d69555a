// The metrics as `equity-desk metrics` prints them without --json: days and months in words.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { metricsReport } from '../../../sync/metrics/metrics-report';
import { AS_OF, MILESTONES, REQUESTS } from './demand-rows';

describe('the metrics text report', () => {
  const metrics = aggregateMetrics({ requests: REQUESTS, milestones: MILESTONES }, { asOf: AS_OF, rules: DEFAULT_RULES });
  const text = metricsReport(metrics);

  it('gives milestone days as a US reader reads them', () => {
    expect(text).toMatch(/\nUpcoming milestones\n {2}Council briefing +Jul 3, 2024 +/);
    expect(text).toMatch(/\nMissed milestones\n {2}Community forum +Jun 10, 2024 +/);
  });

  it('prints no ISO day or month anywhere', () => {
    expect(text).not.toMatch(/\d{4}-\d{2}/);
  });
});
