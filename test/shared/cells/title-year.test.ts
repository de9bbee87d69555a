// The year a sheet's title or tab name gives its dates written without one.
import { expect, it } from 'vitest';
import { DEFAULT_READ_OPTIONS, readTable, TABLES, titleYears, validateRows } from '../../../shared';

it('finds the one year named by the title rows or the sheet name, and none when they name several', () => {
  expect(titleYears('2024 Timeline', [])).toEqual({ titleYear: 2024 });
  expect(titleYears('Milestones', [['City of Fresno — Racial Equity Milestones 2025', null]])).toEqual({ titleYear: 2025 });
  expect(titleYears('Milestones', [['Plan 2023–2024']])).toEqual({});
  expect(titleYears('Sheet1', [['Milestones', 12024]])).toEqual({});
});

it('is read with the table, from the rows above its header', () => {
  const grid = [['2024 Milestone Calendar'], [], ['Date', 'Milestone'], ['Jan 26', 'Council study session']];
  expect(readTable(TABLES.milestones, 'Calendar', grid).title).toEqual({ titleYear: 2024 });
  expect(readTable(TABLES.milestones, 'Calendar', grid.slice(2)).title).toEqual({});
});

it('finds the one fiscal year named, by the year it ends in, over the calendar years written inside it', () => {
  expect(titleYears('Milestones', [['FY 2024-25 milestones']])).toEqual({ titleFiscalYear: 2025 });
  expect(titleYears('FY25 Work plan', [])).toEqual({ titleFiscalYear: 2025 });
  expect(titleYears('Plan', [['Fiscal Year 2024–2025 calendar']])).toEqual({ titleFiscalYear: 2025 });
  expect(titleYears('Plan', [['FY 2024-2027 strategic plan']])).toEqual({});
  expect(titleYears('FY24', [['FY25 calendar']])).toEqual({});
});

it("dates without a year under a fiscal-year title take the year their months fall in, not a nearer date's, and say so", () => {
  const grid = [['FY 2024-25 milestones'], ['Date', 'Milestone'], ['Nov 3', 'Budget hearing'], ['Jan-Mar', 'Listening sessions'], ['6/30/2022', 'Prior plan adopted']];
  const read = readTable(TABLES.milestones, 'Calendar', grid);
  const results = validateRows(TABLES.milestones, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });
  expect(results.map((r) => [r.values.date, r.values.endOn])).toEqual([['2024-11-03', null], ['2025-01-01', '2025-03-31'], ['2022-06-30', null]]);
  expect(results[1].warnings.map((w) => w.message)).toEqual([
    'Date: "Jan-Mar" has no year; read as 2025-01-01 to 2025-03-31, assuming 2025 (the sheet\'s title names fiscal year 2024-25, July 2024 to June 2025: July to December in 2024, January to June in 2025)',
  ]);
  // A fiscal year starting in October (the Lists sheet's setting) puts November in the first year and July in the second.
  const october = validateRows(TABLES.milestones, [{ milestone: 'a', date: 'Nov 3' }, { milestone: 'b', date: 'Jul 1' }], { ...DEFAULT_READ_OPTIONS, titleFiscalYear: 2025, fiscalYearStartMonth: 10 });
  expect(october.map((r) => r.values.date)).toEqual(['2024-11-03', '2025-07-01']);
  // Winter takes the year of its January: in FY 2024-25 it is December 2024 to February 2025.
  const [winter] = validateRows(TABLES.milestones, [{ milestone: 'a', date: 'Winter' }], { ...DEFAULT_READ_OPTIONS, titleFiscalYear: 2025 });
  expect([winter.values.date, winter.values.endOn]).toEqual(['2024-12-01', '2025-02-28']);
  // Two seasons run from the first, which is in the fiscal year: fall 2024 to the winter after it.
  const [fallWinter] = validateRows(TABLES.milestones, [{ milestone: 'a', date: 'Fall/Winter' }], { ...DEFAULT_READ_OPTIONS, titleFiscalYear: 2025 });
  expect([fallWinter.values.date, fallWinter.values.endOn]).toEqual(['2024-09-01', '2025-02-28']);
  const [listed] = validateRows(TABLES.milestones, [{ milestone: 'a', date: 'Fall, Winter' }], { ...DEFAULT_READ_OPTIONS, titleFiscalYear: 2025 });
  expect([listed.values.date, listed.values.endOn]).toEqual(['2024-09-01', '2025-02-28']);
});

it("quarters under a fiscal-year title are that fiscal year's, kept where a calendar quarter's would be, and say which months", () => {
  const grid = [['FY 2025-26 work plan'], ['Task', 'Start'], ['Budget equity tool pilot', 'Q4'], ['Department action plans', 'FY26 Q2']];
  const read = readTable(TABLES.workplan, 'Plan', grid);
  const results = validateRows(TABLES.workplan, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });
  expect(results.map((r) => [r.values.startOn, r.values.endOn])).toEqual([['2026-04-01', '2026-06-30'], ['2025-10-01', '2025-12-31']]);
  expect(results[0].warnings.map((w) => w.message)).toEqual([
    'Start: read "Q4" as 2026-04-01 to 2026-06-30 (the sheet covers fiscal year 2025-26; fiscal years start in July: Q4 is April to June 2026)',
  ]);
  // A deadline takes the quarter's last day, as it does a calendar quarter's.
  const [due] = validateRows(TABLES.requests, [{ requesterOrg: 'Caltrans', receivedOn: '2025-08-01', dueOn: 'Q2' }], { ...DEFAULT_READ_OPTIONS, titleFiscalYear: 2026 });
  expect(due.values.dueOn).toBe('2025-12-31');
  // Without a fiscal year in the title, a quarter alone stays a calendar one, said so.
  const [calendar] = validateRows(TABLES.workplan, [{ task: 'a', startOn: 'Q4' }], { ...DEFAULT_READ_OPTIONS, titleYear: 2026 });
  expect(calendar.values.startOn).toBe('2026-10-01');
});

it('a run of quarters without a year takes the year a quarter alone would, fills a start and end pair, and says which year it assumed', () => {
  const options = { ...DEFAULT_READ_OPTIONS, titleYear: 2026 };
  const [plan] = validateRows(TABLES.workplan, [{ task: 'Engagement standards', startOn: 'Q1 - Q2' }], options);
  expect([plan.values.startOn, plan.values.endOn]).toEqual(['2026-01-01', '2026-06-30']);
  expect(plan.warnings.map((w) => w.message)).toEqual([
    'Start: "Q1 - Q2" has no year; read as 2026-01-01 to 2026-06-30, assuming 2026 (the year in the sheet\'s title; a quarter without FY is a calendar quarter: Q1 to Q2 is January to June 2026)',
  ]);
  // A date column with no end of its own keeps the end where it is a deadline, else the start.
  const [due] = validateRows(TABLES.requests, [{ requesterOrg: 'Caltrans', receivedOn: '2026-01-05', dueOn: 'Q3–Q4' }], options);
  expect(due.values.dueOn).toBe('2026-12-31');
  // With no title, the nearest date in the column gives the year.
  const near = validateRows(TABLES.milestones, [{ milestone: 'a', date: '2027-02-01' }, { milestone: 'b', date: 'Q3–Q4' }]);
  expect([near[1].values.date, near[1].values.endOn]).toEqual(['2027-07-01', '2027-12-31']);
  expect(near[1].warnings.map((w) => w.code)).toEqual(['year_assumed']);
  // A Timeline under a fiscal-year title: the fiscal year's quarters.
  const grid = [['FY 2025-26 work plan'], ['Task', 'Timeline'], ['Budget equity tool pilot', 'Q3–Q4']];
  const read = readTable(TABLES.workplan, 'Plan', grid);
  const [fiscal] = validateRows(TABLES.workplan, read.rows.map((r) => r.raw), { ...DEFAULT_READ_OPTIONS, ...read.title });
  expect([fiscal.values.startOn, fiscal.values.endOn]).toEqual(['2026-01-01', '2026-06-30']);
  expect(read.issues.filter((i) => i.code === 'date_range').map((i) => i.message)).toEqual(['Timeline: read "Q3–Q4" as 2026-01-01 to 2026-06-30 (the sheet covers fiscal year 2025-26; fiscal years start in July: Q3 to Q4 is January to June 2026)']);
});

it("dates without a year under a year's title take that year, not a nearer date's", () => {
  const results = validateRows(TABLES.milestones, [{ milestone: 'a', date: '12/5/2023' }, { milestone: 'b', date: 'Jan 26' }], { ...DEFAULT_READ_OPTIONS, titleYear: 2024 });
  expect(results[1].values.date).toBe('2024-01-26');
});

it('quarters without a year listed with a comma ("Q1, Q3") are two ranges, read as the earliest start to the latest end, saying each', () => {
  const [plan] = validateRows(TABLES.workplan, [{ task: 'Listening sessions', startOn: 'Q1, Q3' }], { ...DEFAULT_READ_OPTIONS, titleYear: 2026 });
  expect([plan.values.startOn, plan.values.endOn]).toEqual(['2026-01-01', '2026-09-30']);
  expect(plan.warnings.map((w) => w.message)).toEqual([
    'Start: "Q1, Q3" has no year; read as 2026-01-01 to 2026-09-30, assuming 2026 (the year in the sheet\'s title); "Q1, Q3" holds 2 date ranges: read as 2026-01-01 to 2026-09-30; read "Q1" as 2026-01-01 to 2026-03-31 (a quarter without FY is a calendar quarter: Q1 is January to March 2026); read "Q3" as 2026-07-01 to 2026-09-30 (a quarter without FY is a calendar quarter: Q3 is July to September 2026)',
  ]);
  // Under a fiscal-year title, each is that fiscal year's quarter.
  const [fiscal] = validateRows(TABLES.roadmap, [{ action: 'Webinars', targetOn: 'Q1, Q3' }], { ...DEFAULT_READ_OPTIONS, titleFiscalYear: 2026 });
  expect(fiscal.values.targetOn).toBe('2026-03-31');
});

it('"Week of Mar 9" without a year takes the title\'s year, and a due date its Friday, saying both', () => {
  const [request] = validateRows(TABLES.requests, [{ requesterOrg: 'Caltrans', receivedOn: '2026-02-20', dueOn: 'Week of Mar 9' }], { ...DEFAULT_READ_OPTIONS, titleYear: 2026 });
  expect(request.values.dueOn).toBe('2026-03-13');
  expect(request.warnings.map((w) => w.message)).toEqual([
    'Due: "Week of Mar 9" has no year; read as 2026-03-09 to 2026-03-13, assuming 2026 (the year in the sheet\'s title; a week of work, Monday to Friday); used its end, 2026-03-13',
  ]);
});
