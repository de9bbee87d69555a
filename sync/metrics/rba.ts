// The headline figures as Results-Based Accountability measures (How much did we do? How well did we do
// it? Is anyone better off?), each over the whole period and as a trend by quarter.
import { mean, percentile, percentOf, quartersShown, roundRecorded } from './figures';
import { RECEIVED_MEASURE } from './headline-figures';
import type { DemandMetrics, RbaMeasure } from './metrics-schema';
import { newQuarter, type QuarterFigures } from './request-metrics';

/** Trends show the most recent quarters only; older ones stay in the data, not in the headline. */
export const TREND_QUARTERS = 8;

/** `all` is the whole period's figures, for a quarter's hours (see taHours). */
type Measure = Omit<RbaMeasure, 'value' | 'trend'> & { of: (q: QuarterFigures, all: QuarterFigures) => number | null };

const MEASURES: Record<'howMuch' | 'howWell' | 'betterOff', Measure[]> = {
  howMuch: [
    { id: RECEIVED_MEASURE, label: 'Requests received', unit: 'count', of: (q) => q.received },
    { id: 'requestsFulfilled', label: 'Requests fulfilled', unit: 'count', of: (q) => q.fulfilled },
    // A quarter that fulfilled nothing delivered no hours, where requests record hours at all; it is only "not
    // recorded" when it fulfilled requests and none of them records its hours.
    { id: 'taHours', label: 'TA hours delivered (fulfilled requests)', unit: 'hours', of: (q, all) => (q.hoursRecorded ? roundRecorded(q.hours) : q.fulfilled === 0 && all.hoursRecorded > 0 ? 0 : null) },
    { id: 'organizationsServed', label: 'Agencies and governments served', unit: 'count', of: (q) => q.orgs.size },
    { id: 'proactiveOutreach', label: 'Proactive outreach (requests we initiated)', unit: 'count', of: (q) => q.proactive },
  ],
  howWell: [
    { id: 'onTimePercent', label: 'Fulfilled on time (SLA met, %)', unit: 'percent', of: (q) => percentOf(q.met, q.met + q.missed) },
    { id: 'medianDays', label: 'Median days to fulfill', unit: 'days', of: (q) => percentile(q.durations, 50) },
    { id: 'p90Days', label: '90th percentile days to fulfill', unit: 'days', of: (q) => percentile(q.durations, 90) },
    { id: 'satisfaction', label: 'Average satisfaction (1-5)', unit: 'rating', of: (q) => mean(q.satisfactionSum, q.satisfactionN, 2) },
  ],
  betterOff: [
    { id: 'positiveOutcomes', label: 'Requests with a positive outcome at follow-up', unit: 'count', of: (q) => q.positive },
    { id: 'positiveOutcomePercent', label: 'Positive outcomes among follow-ups (%)', unit: 'percent', of: (q) => percentOf(q.positive, q.followedUp) },
    { id: 'actionPlansAdopted', label: 'Action plans adopted', unit: 'count', of: (q) => q.actionPlans },
  ],
};

/** The last `TREND_QUARTERS` of the quarters shown for those holding any figure (`quartersShown`). */
const trendQuarters = (quarters: Iterable<string>): string[] => quartersShown(quarters).slice(-TREND_QUARTERS);

export function rbaMeasures(all: QuarterFigures, byQuarter: ReadonlyMap<string, QuarterFigures>): DemandMetrics['rba'] {
  const quarters = trendQuarters(byQuarter.keys());
  const build = (m: Measure): RbaMeasure => ({
    id: m.id, label: m.label, unit: m.unit, value: m.of(all, all),
    // A quarter with no figures did nothing: its counts are zero and its rates and averages have no figure.
    trend: quarters.map((quarter) => ({ quarter, value: m.of(byQuarter.get(quarter) ?? newQuarter(), all) })),
  });
  return {
    quarters,
    howMuch: MEASURES.howMuch.map(build),
    howWell: MEASURES.howWell.map(build),
    betterOff: MEASURES.betterOff.map(build),
  };
}
