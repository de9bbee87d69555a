// What a report says it covers, in the words a reader would use.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { coverage } from '../../../sync/metrics/headline-figures';

const withSources = (count: number) => aggregateMetrics({
  requests: Array.from({ length: count }, (_, i) => ({ sourceId: `s${i}`, sourceName: `Log ${i + 1}`, rowId: 'r', values: { receivedOn: '2026-03-15', requesterOrg: 'City of Riverside', status: 'New' } })),
}, { asOf: '2026-12-03', rules: DEFAULT_RULES });

describe('coverage', () => {
  it('names the sources of an unfiltered report as one says them', () => {
    expect(coverage(withSources(1))).toMatch(/; its one source\.$/);
    expect(coverage(withSources(2))).toMatch(/; both sources\.$/);
    expect(coverage(withSources(3))).toMatch(/; all 3 sources\.$/);
  });
});
