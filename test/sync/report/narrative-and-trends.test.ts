// The pieces of the annual report that are words: a sentence per trend, and the office's Markdown cut by
// heading and placed beside the chapter it names, never dropped, never able to run a script.
import { describe, expect, it } from 'vitest';
import type { RbaMeasure } from '../../../sync/metrics/metrics-schema';
import { narrativeSections } from '../../../sync/report/narrative';
import { CHAPTERS, NARRATIVE_CHAPTER, placeNarrative } from '../../../sync/report/report-html';
import { trendSentence } from '../../../sync/report/trend-sentences';

const QUARTERS = ['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'];
const measure = (unit: RbaMeasure['unit'], values: (number | null)[], label = 'Requests fulfilled', id = 'x'): RbaMeasure => ({
  id, label, unit, value: null, trend: [{ quarter: '2025-Q4', value: 99 }, ...values.map((value, i) => ({ quarter: QUARTERS[i], value }))],
});

describe('trendSentence', () => {
  it('says where a count started and ended in the year, by how much, and that more is better', () => {
    expect(trendSentence(measure('count', [10, 12, 8, 15]), QUARTERS)).toBe('Requests fulfilled rose from 10 in Q1 to 15 in Q4 (up 50%), an improvement.');
  });
  it('says demand rose or fell, never that more requests are an improvement or fewer a change to watch', () => {
    const received = (values: number[]) => measure('count', values, 'Requests received', 'requestsReceived');
    expect(trendSentence(received([21, 29, 63, 86]), QUARTERS)).toBe('Requests received rose from 21 in Q1 to 86 in Q4 (up 310%): demand grew.');
    expect(trendSentence(received([40, 29, 63, 20]), QUARTERS)).toBe('Requests received fell from 40 in Q1 to 20 in Q4 (down 50%): demand eased.');
  });
  it('names a quarter still running, and compares counts with the last whole quarter, not with a part of one', () => {
    const asOf = '2026-12-06';
    expect(trendSentence(measure('count', [5, 2, 6, 4], 'Action plans adopted'), QUARTERS, asOf))
      .toBe('Action plans adopted rose from 5 in Q1 to 6 in Q3 (up 20%), an improvement; Q4 so far, to Dec 6: 4.');
    expect(trendSentence(measure('count', [21, 29, 63, 86], 'Requests received', 'requestsReceived'), QUARTERS, asOf))
      .toBe('Requests received rose from 21 in Q1 to 63 in Q3 (up 200%): demand grew; Q4 so far, to Dec 6: 86.');
    // A rate is a rate in part of a quarter too, but the reader is told the quarter is not over.
    expect(trendSentence(measure('days', [23.5, 19, 17, 20], 'Median days to fulfill'), QUARTERS, asOf))
      .toBe('Median days to fulfill fell from 23.5 days in Q1 to 20 days in Q4 so far, to Dec 6 (down 15%), an improvement.');
    // Only one whole quarter before the running one: nothing to compare a count with.
    expect(trendSentence(measure('count', [null, null, 6, 4], 'Action plans adopted'), QUARTERS, asOf)).toBe('Action plans adopted: 6 in Q3; Q4 so far, to Dec 6: 4.');
    // Figures dated after the day (a later quarter's): that quarter is not one running on it.
    expect(trendSentence(measure('count', [5, 2, 6, 4], 'Action plans adopted'), QUARTERS, '2026-08-15')).toBe('Action plans adopted fell from 5 in Q1 to 4 in Q4 (down 20%), a change to watch.');
    // A year that is over has no running quarter.
    expect(trendSentence(measure('count', [5, 2, 6, 4], 'Action plans adopted'), QUARTERS, '2026-12-31')).toBe('Action plans adopted fell from 5 in Q1 to 4 in Q4 (down 20%), a change to watch.');
  });
  it('counts percentages in points, and fewer days to fulfill as the improvement', () => {
    expect(trendSentence(measure('percent', [80, null, 70.5, null], 'Fulfilled on time (SLA met, %)'), QUARTERS)).toBe('Fulfilled on time fell from 80% in Q1 to 70.5% in Q3 (down 9.5 points), a change to watch.');
    expect(trendSentence(measure('days', [30, 20, 25, 12], 'Median days to fulfill'), QUARTERS)).toBe('Median days to fulfill fell from 30 days in Q1 to 12 days in Q4 (down 60%), an improvement.');
  });
  it('leaves out quarters of other years, and says so when a year has one figure or none', () => {
    expect(trendSentence(measure('count', [null, 4, null, null]), QUARTERS)).toBe('Requests fulfilled: 4 in Q2, the only quarter with a figure.');
    expect(trendSentence(measure('count', [null, null, null, null]), QUARTERS)).toBe('Requests fulfilled: no figures this year.');
    expect(trendSentence(measure('rating', [4.2, null, null, 4.2], 'Average satisfaction (1-5)'), QUARTERS)).toBe('Average satisfaction held at 4.2 from Q1 to Q4.');
  });
});

describe('the narrative', () => {
  const md = [
    'An opening paragraph before any heading.',
    '',
    '## how much did we do',
    'Demand **grew**. <script>alert(1)</script> [a trap](javascript:alert(1)) [our site](https://example.gov)',
    '```',
    '# not a heading inside code',
    '```',
    '# Capacity',
    'We asked for a third position.',
    '## Voices from the community',
    '<img src=x onerror=alert(1)> "It changed how our council reads the budget."',
  ].join('\n');
  const sections = narrativeSections(md);

  it('is cut at each # and ## heading, code fences aside, with the text before the first heading kept', () => {
    expect(sections.map((s) => s.heading)).toEqual(['', 'how much did we do', 'Capacity', 'Voices from the community']);
    expect(sections[1].html).toContain('# not a heading inside code');
  });

  it('shows HTML typed into the file as text, and keeps only web and mail links', () => {
    const html = sections.map((s) => s.html).join('');
    expect(html).not.toMatch(/<script|<img|javascript:/);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<a href="https://example.gov">our site</a>');
    expect(html).toContain('<strong>grew</strong>');
  });

  it('goes beside the chapter its heading names (case and punctuation aside); the rest is kept in its own chapter', () => {
    const placed = placeNarrative(sections);
    expect(placed.get('introduction')?.map((s) => s.heading)).toEqual(['']);
    expect(placed.get(CHAPTERS.find((c) => c.id === 'measures')!.id)?.map((s) => s.heading)).toEqual(['how much did we do']);
    expect(placed.get('capacity')?.map((s) => s.heading)).toEqual(['Capacity']);
    expect(placed.get(NARRATIVE_CHAPTER.id)?.map((s) => s.heading)).toEqual(['Voices from the community']);
    expect([...placed.values()].flat()).toHaveLength(sections.length);
  });

  it.each(['Highlights', 'Executive summary', 'Year in review'])('opens the report with a narrative headed as annual reports open, %j', (heading) => {
    // Seen on the QA narrative: "# Highlights" printed last, after Data quality, as "Community narrative".
    expect([...placeNarrative([{ heading, html: '<p>x</p>' }]).keys()]).toEqual(['introduction']);
  });

  it.each([['2026 Highlights', 'introduction'], ['Highlights of 2026', 'introduction'], ['Year in review: 2026', 'introduction'], ['FY 2025-26 Demand', 'demand']])(
    'places a heading that names the report\'s year as it places the heading without it, %j', (heading, chapter) => {
      expect([...placeNarrative([{ heading, html: '<p>x</p>' }]).keys()]).toEqual([chapter]);
    });

  it('places a heading in British spelling ("Fulfilment") beside its chapter', () => {
    expect([...placeNarrative([{ heading: 'Fulfilment', html: '<p>x</p>' }]).keys()]).toEqual(['fulfillment']);
  });
});
