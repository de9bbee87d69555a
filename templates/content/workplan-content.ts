// The `workplan` template's content: a city's three-phase racial-equity work plan (2026–2029) and a
// city Office of Racial Equity's GARE plan, as written in their own documents (tasks shortened).
// Timelines stay in the documents' words and go through the same date parser as an imported sheet.
import { parseDateText } from '../../shared/cells/date-text';
import type { RowOf } from '../../shared/tables';

export const CITY_GOALS = [
  'Structural Equity Alignment', 'Institutional Accountability and Shared Governance', 'Equitable City–Community Partnership',
  'Learning that Drives Systems Change', 'Measurement and Reporting',
] as const;

type Goal = (typeof CITY_GOALS)[number];
const [STRUCTURAL, ACCOUNTABILITY, PARTNERSHIP, LEARNING, MEASUREMENT] = CITY_GOALS;

/** phase, goal, task, timeline, city partnership opportunity, note. */
const CITY_PLAN: readonly (readonly [1 | 2 | 3, Goal, string, string, boolean, string?])[] = [
  [1, STRUCTURAL, 'Host a community leaders forum to review and finalize recommendations on the work plan', 'Feb 2026 – Aug 2027', true, '$54,000 remaining of a $250,000 facilitation contract'],
  [1, STRUCTURAL, 'Conduct the Citywide Racial Equity Study (racialized history and present-day inequities), with community-led forums and listening sessions', 'Feb 2026 – Aug 2027', true, '$250,000 for a historical analysis and an equity benchmark study'],
  [1, STRUCTURAL, 'Align equity GIS tool datasets with community-defined equity priorities', 'Feb 2026 – Aug 2027', false],
  [1, ACCOUNTABILITY, 'Establish a Citywide Racial Equity Implementation Team with department representatives and community careholders', 'Jun 2026 – Dec 2027', true],
  [1, ACCOUNTABILITY, 'Apply a co-governance tool for equitable table design: roles, decision-making norms, accountability', 'Jun 2026 – Dec 2027', true],
  [1, ACCOUNTABILITY, 'Draft the Citywide Racial Equity Action Plan with community careholders co-authoring sections', 'Jun 2026 – Dec 2027', true, 'Vision: a draft citywide Racial Equity Action Plan to Council by the end of 2027'],
  [1, PARTNERSHIP, 'Establish engagement standards: language access, accessibility, timing, compensation', 'Apr 2026 – Dec 2026', true],
  [1, PARTNERSHIP, 'Host interactive workshops for Council, staff and careholders on community-centered governance', 'Apr 2026 – Dec 2026', true],
  [1, LEARNING, 'Conduct workshops for Council, staff and careholders on governance and decision-making barriers', 'Sep 2026 – Dec 2027', true],
  [1, LEARNING, 'Develop an Equity Evaluation Framework', 'Sep 2026 – Dec 2027', false],
  [1, LEARNING, 'Produce annual progress reports integrating quantitative metrics and community narrative', 'Sep 2026 – Dec 2027', false],
  [2, ACCOUNTABILITY, 'Develop and present a racial equity ordinance to Council', 'Jan 2027 – Dec 2027', false],
  [2, ACCOUNTABILITY, 'Expand the action plan to workforce equity, budgeting, procurement, contracting, grantmaking', 'Jan 2027 – Dec 2027', false],
  [2, ACCOUNTABILITY, 'Require every department to submit a department equity action plan', 'Jan 2027 – Dec 2027', false],
  [2, LEARNING, 'Citywide racial equity training aligned with implementation needs', 'Jan 2027 – Dec 2027', false],
  [2, LEARNING, 'Department-by-department implementation and training plans for equity impact tools', 'Jan 2027 – Dec 2027', false],
  [2, STRUCTURAL, 'Launch a citywide equity dashboard informed by the equity study', 'Sep 2027 – Dec 2027', false],
  [2, PARTNERSHIP, 'Communication and monitoring strategy that keeps communities informed of progress', 'Jan 2027 – Dec 2028', true],
  [2, MEASUREMENT, 'Annual progress reports on the action plan (quantitative data, departmental progress, community narrative)', 'Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028', false],
  [3, ACCOUNTABILITY, 'Codify racial equity requirements into policies, ordinances, regulations and procedures', 'Jun 2028 – Dec 2029', false],
  [3, ACCOUNTABILITY, 'Require a Racial Equity Impact Statement with every fiscal statement on agenda items', 'Jun 2028 – Dec 2029', false],
  [3, STRUCTURAL, 'Three-year impact assessment against the equity study', 'Jan 2029 – Dec 2029', false],
  [3, LEARNING, 'Integrate evaluation findings into continuous improvement; update tools and guidance', 'Jan 2029 – Dec 2029', false],
  [3, PARTNERSHIP, 'Maintain and resource community accountability and co-governance mechanisms; compensate careholders', 'Jan 2029 – Dec 2029', true],
];

export const GARE_GOAL = 'Office of Racial Equity plan (GARE)';

/** stage, item, target, its unit, status, timeline, note (accomplishments reported in the same update). */
const GARE_PLAN: readonly (readonly [string, string, number | null, string | null, string, string | null, string?])[] = [
  ['Normalize', 'Training videos for staff on racial-equity terms and concepts', null, null, 'Not started', null],
  ['Normalize', 'Citywide racial-equity training opportunities launched', null, null, 'Not started', null],
  ['Normalize', 'Racial-equity workshops for senior and executive staff', 2, 'workshops', 'Not started', null],
  ['Organize', 'Training and organizational-development procurement', null, null, 'Not started', 'July 2022 – June 2025'],
  ['Organize', 'Departments that complete a Racial Equity Action Plan', 100, '% of departments', 'Not started', null],
  ['Organize', 'Departments that establish Racial Equity Action Teams', 50, '% of departments', 'Not started', null],
  ['Operationalize', 'Consultations on Budgeting-for-Equity worksheets', 20, 'hours', 'Not started', null],
  ['Operationalize', 'TA on department racial equity action plans', 60, 'hours', 'In progress', null, 'Reported: 25+ ad-hoc consultations with departments'],
  ['Operationalize', 'TA on department racial equity action teams', 20, 'hours', 'Not started', null],
  ['Operationalize', 'Results-Based Accountability "Turn the Curve" plans with departments', 5, 'plans', 'In progress', null, 'Reported: 2 RBA trainings for 10 offices and departments'],
  ['Operationalize', 'Departments that submit a Budgeting-for-Equity worksheet', 100, '% of departments', 'Not started', null],
];

/** A timeline as the documents write it, read by the shared parser: `{start, end}` and its note for two ranges. */
function timeline(text: string): { startOn: string; endOn: string; note?: string } {
  const parsed = parseDateText(text);
  if (parsed.kind !== 'date') throw new Error(`work-plan content: unreadable timeline "${text}"`);
  return { startOn: parsed.start, endOn: parsed.end ?? parsed.start, note: parsed.notes.length ? `Timeline: ${text}` : undefined };
}

/** The pre-filled rows of the work plan: nothing is recorded as done, so progress starts at 0 %. */
export function workplanContent(): RowOf<'workplan'>[] {
  const city = CITY_PLAN.map(([phase, goal, task, when, partnership, note], i): RowOf<'workplan'> => {
    const t = timeline(when);
    const notes = [note, t.note].filter(Boolean).join('. ') || null;
    return {
      itemId: `P${phase}-${String(i + 1).padStart(2, '0')}`, goal, phase: `Phase ${phase}`, task, lead: 'Office of Diversity & Equity',
      startOn: t.startOn, endOn: t.endOn, target: null, actual: null, unit: null, percentComplete: 0, status: 'Not started', partnership, notes,
    };
  });
  const gare = GARE_PLAN.map(([stage, task, target, unit, status, when, note], i): RowOf<'workplan'> => {
    const t = when ? timeline(when) : undefined;
    const notes = note ?? null;
    return {
      itemId: `G-${String(i + 1).padStart(2, '0')}`, goal: GARE_GOAL, phase: stage, task, lead: 'Office of Racial Equity',
      startOn: t?.startOn ?? null, endOn: t?.endOn ?? null, target, actual: null, unit,
      percentComplete: status === 'Not started' ? 0 : null, status, partnership: false, notes,
    };
  });
  return [...city, ...gare];
}
