// The `roadmap` and `milestones` templates' content: an association of cities' equity roadmap as
// published (no dates: members set their own), and a milestone calendar around the city work plan,
// dated relative to `asOf` so it always shows done, due-this-week, missed and upcoming items.
import { addDays } from '../../shared/cells/dates';
import type { RowOf } from '../../shared/tables';

const EDUCATION = 'Education, training and peer learning';
const TOOLS = 'Tools and technical assistance';
const CAPACITY = 'Organizational capacity';
const EARLY = 'Early action';
const MORE = 'Additional strategy';

const ROADMAP: readonly (readonly [string, string, string])[] = [
  [EDUCATION, EARLY, 'On-demand webinar to normalize equity conversations'],
  [EDUCATION, EARLY, 'Equity programming in the annual conference general sessions'],
  [EDUCATION, EARLY, 'Roundtable for city management staff to share equity practices'],
  [EDUCATION, MORE, 'Regional roundtables on member-driven DEI concerns'],
  [EDUCATION, MORE, 'A diversity-officer network as advisors and peer-learning forum'],
  [EDUCATION, MORE, 'Survey members for a baseline of DEI training needs'],
  [TOOLS, EARLY, 'Centralized DEI resources on the website'],
  [TOOLS, EARLY, 'Early-action toolkit: partner links, glossary, reading lists, training materials'],
  [TOOLS, EARLY, 'Curated list of organizations and consultants that provide TA'],
  [TOOLS, MORE, 'Local equity self-assessment tool with partners, and training to use it'],
  [CAPACITY, EARLY, 'Advancing Equity Advisory Committee of members'],
  [CAPACITY, EARLY, 'Staff training program on equity'],
  [CAPACITY, EARLY, 'Equity goals and metrics in team and individual performance management'],
  [CAPACITY, MORE, 'Equity audit of the organization'],
  [CAPACITY, MORE, 'Report roadmap progress in the annual report'],
];

export function roadmapContent(): RowOf<'roadmap'>[] {
  return ROADMAP.map(([focusArea, kind, action], i) => ({
    itemId: `R-${String(i + 1).padStart(2, '0')}`, focusArea, kind, action, lead: null, status: 'Not started', targetOn: null,
    notes: i === 0 ? 'Add a target date to each action to track it on the Dashboard' : null,
  }));
}

/** days from asOf, days the event lasts beyond its first day, milestone, team, partnership, status. */
const CALENDAR: readonly (readonly [number, number, string, string, boolean, string])[] = [
  [-150, 0, 'Community leaders forum: review the work-plan recommendations', 'Office of Diversity & Equity', true, 'Completed'],
  [-120, 0, 'Citywide Racial Equity Study contract awarded', 'Office of Diversity & Equity', false, 'Completed'],
  [-90, 2, 'Listening sessions on the equity study, north and east districts', 'Community partners', true, 'Completed'],
  [-45, 0, 'Racial Equity Implementation Team charter adopted', 'Implementation Team', false, 'In progress'],
  [-20, 0, 'Engagement standards (language access, compensation) drafted', 'Office of Diversity & Equity', true, 'Completed'],
  [3, 0, 'Engagement standards published for public comment', 'Office of Diversity & Equity', true, 'In progress'],
  [5, 0, 'Council workshop on community-centered governance', 'Council & staff', true, 'Not started'],
  [40, 0, 'Equity GIS tool: community priority datasets released', 'GIS & Data team', false, 'Not started'],
  [70, 2, 'Community forums on the equity study findings (three sessions)', 'Community partners', true, 'Not started'],
  [120, 0, 'Annual progress report published', 'Office of Diversity & Equity', false, 'Not started'],
  [200, 0, 'Draft Citywide Racial Equity Action Plan to Council', 'Office of Diversity & Equity', true, 'Not started'],
  [260, 0, 'Department equity action plans due', 'All departments', false, 'Not started'],
  [330, 0, 'Racial equity ordinance: first reading', 'City Attorney & Office of Diversity & Equity', false, 'Not started'],
];

export function milestoneContent(asOf: string): RowOf<'milestones'>[] {
  return CALENDAR.map(([offset, extra, milestone, team, partnership, status], i) => {
    const date = addDays(asOf, offset);
    return { milestoneId: `MS-${String(i + 1).padStart(2, '0')}`, date, endOn: extra ? addDays(date, extra) : null, milestone, team, partnership, status };
  });
}
