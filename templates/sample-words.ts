// The vocabulary of generated sample rows: the requesters, people and work a state commission and a
// city equity office actually deal with (from their own plans), so samples read like real logs.
import type { REQUESTER_TYPES } from '../shared/lists';

type RequesterType = (typeof REQUESTER_TYPES)[number];

/** Organisation, and the e-mail domain of its staff. */
export const ORGANISATIONS: Readonly<Record<RequesterType, readonly (readonly [string, string])[]>> = {
  'State agency': [
    ['Department of Public Health', 'cdph.example.gov'], ['Department of Transportation', 'dot.example.gov'],
    ['Employment Development Department', 'edd.example.gov'], ['Department of Housing and Community Development', 'hcd.example.gov'],
    ['Department of Education', 'cde.example.gov'], ['Department of Social Services', 'dss.example.gov'],
    ['Department of Corrections and Rehabilitation', 'cdcr.example.gov'], ['Civil Rights Department', 'crd.example.gov'],
    ['Department of Water Resources', 'dwr.example.gov'], ['Department of Health Care Services', 'dhcs.example.gov'],
    ['Office of Emergency Services', 'oes.example.gov'], ['Department of Finance', 'dof.example.gov'],
  ],
  'Legislative office': [
    ['Assembly District 14 office', 'assembly.example.gov'], ['Senate District 9 office', 'senate.example.gov'],
    ['Assembly Budget Committee', 'assembly.example.gov'], ['Senate Office of Research', 'senate.example.gov'],
  ],
  City: [
    ['City of Riverside', 'riversideca.example.gov'], ['City of Fresno', 'fresno.example.gov'], ['City of Stockton', 'stockton.example.gov'],
    ['City of Long Beach', 'longbeach.example.gov'], ['City of Santa Ana', 'santa-ana.example.gov'], ['City of Sacramento', 'cityofsacramento.example.gov'],
  ],
  County: [
    ['Alameda County', 'acgov.example.gov'], ['Fresno County', 'fresnocounty.example.gov'], ['Sonoma County', 'sonomacounty.example.gov'],
    ['Kern County', 'kerncounty.example.gov'], ['San Bernardino County', 'sbcounty.example.gov'],
  ],
  'Tribal government': [['Northern Valley Tribal Council', 'nvtc.example.org'], ['Coastal Band Tribal Government', 'coastalband.example.org']],
  'Special district': [
    ['Eastside Unified School District', 'eusd.example.org'], ['Valley Water District', 'valleywater.example.gov'],
    ['Regional Transit District', 'rtd.example.gov'],
  ],
  'Community organization': [
    ['Community Health Collaborative', 'chc.example.org'], ['Youth Justice Coalition', 'yjc.example.org'],
    ['Language Access Network', 'lan.example.org'], ['Eastside Community Coalition', 'ecc.example.org'],
  ],
  Other: [['University Equity Lab', 'equitylab.example.edu'], ['Regional Evaluation Partners', 'rep.example.org']],
};

export const FIRST_NAMES = ['Maya', 'Luis', 'Priya', 'Sam', 'Rosa', 'Darnell', 'Mei', 'Tomás', 'Aaliyah', 'Kenji', 'Fatima', 'Joseph', 'Lan', 'Grace', 'Omar', 'Teresa', 'Andre', 'Nina', 'Hector', 'Keisha'] as const;
export const LAST_NAMES = ['Chen', 'Ortega', 'Nair', 'Whitfield', 'Delgado', 'Washington', 'Nguyen', 'Herrera', 'Johnson', 'Tanaka', 'Ali', 'Begay', 'Tran', 'Kim', 'Haddad', 'Morales', 'Brooks', 'Petrov', 'Ramirez', 'Owens'] as const;

/** What a request asks for, by category; `{org}` is the requesting organization. */
export const REQUEST_ASKS: Readonly<Record<string, readonly string[]>> = {
  'Training & workshops': ['Racial equity foundations training for {org} managers', 'Two-part workshop on implicit bias in hiring for {org}', 'Train-the-trainer session so {org} can run equity onboarding'],
  'Racial equity action plan': ['Review the draft racial equity action plan of {org} before submission', 'Help {org} set measurable goals for its action plan', 'Facilitate the action-plan kickoff with the {org} equity team'],
  'Budget equity tool': ['Apply the budget equity tool to {org} budget change proposals', 'Walk {org} budget staff through the equity worksheet', 'Review equity answers in the {org} budget request'],
  'Results-based accountability': ['Turn-the-Curve session on a {org} program measure', 'Help {org} choose population and performance measures', 'Coach {org} on an RBA scorecard for its equity goals'],
  'Data & evaluation': ['Disaggregate {org} program outcomes by race and ZIP code', 'Advise {org} on demographic data collection standards', 'Design an evaluation of the {org} equity pilot'],
  'Community engagement': ['Design listening sessions for the {org} planning process', 'Plan compensated community advisory seats for {org}', 'Review the {org} engagement plan for accessibility and timing'],
  'Narrative & communications': ['Edit the {org} equity progress report for plain language', 'Help {org} frame its racial equity narrative for the public', 'Messaging guidance for a {org} community announcement'],
  'Policy & legislation': ['Equity impact questions on a bill {org} is analyzing', 'Review a proposed {org} policy with an equity lens', 'Brief {org} on racial equity impact statements'],
  'Language access': ['Review the {org} language access plan', 'Advise {org} on translating notices into threshold languages', 'Interpretation options for {org} public meetings'],
  'Co-governance': ['Co-governance agreement template for a {org} program', 'Set decision-making norms for the {org} community table', 'Apply the co-governance tool to the {org} advisory board'],
  Other: ['General question from {org} about the Commission', 'Connect {org} with peers doing similar equity work'],
};

export const FRAMEWORK_BY_CATEGORY: Readonly<Record<string, string | null>> = {
  'Training & workshops': 'Normalize', 'Racial equity action plan': 'Organize', 'Budget equity tool': 'Operationalize',
  'Results-based accountability': 'Operationalize', 'Data & evaluation': 'Learning & evaluation', 'Community engagement': 'Community partnership',
  'Narrative & communications': 'Normalize', 'Policy & legislation': 'Structural equity', 'Language access': 'Community partnership',
  'Co-governance': 'Shared governance', Other: null,
};

/** Notes staff leave; two begin with `-` and `+`, which must stay text when written to a sheet. */
export const REQUEST_NOTES = [
  '- waiting on data from the budget office', '+1 from the deputy director: high visibility', 'Follow-up call booked with the program lead',
  'Shared the equity toolkit and glossary', 'Joint session with the evaluation partner', 'Requester asked to move the deadline',
] as const;

export const WORKPLAN_TASKS = [
  ['Quarterly check-in with department equity leads', 4, 'check-ins'], ['Train department leads on the budget equity tool', 40, 'staff'],
  ['Collect department equity action plan worksheets', 24, 'departments'], ['Community listening session in each council district', 7, 'sessions'],
  ['Translate engagement materials into threshold languages', 5, 'languages'], ['Evaluate the pilot of the co-governance tool', null, null],
  ['Update the Equity Evaluation Framework indicators', null, null], ['Present progress to the Council equity committee', 2, 'presentations'],
  ['Compensate community careholders for forum participation', 30, 'careholders'], ['Publish the equity dashboard data dictionary', null, null],
  ['Turn-the-Curve session with a department', 5, 'plans'], ['Racial equity onboarding module for new hires', 1, 'module'],
] as const;

export const WORKPLAN_LEADS = ['Office of Diversity & Equity', 'Implementation Team', 'Budget Office', 'GIS & Data team', 'Human Resources', 'Community partners'] as const;

export const MILESTONE_EVENTS = [
  'Community forum on the equity study findings', 'Implementation Team monthly meeting', 'Department equity plan submissions due',
  'Council study session on racial equity', 'Listening session with youth organizations', 'Equity dashboard data refresh',
  'Careholder compensation payments issued', 'Budget equity worksheet training', 'Annual progress report drafting retreat',
  'Partner convening on co-governance',
] as const;

export const MILESTONE_TEAMS = ['Office of Diversity & Equity', 'Implementation Team', 'Community partners', 'Council & staff', 'All departments', 'GIS & Data team'] as const;

export const ROADMAP_ACTIONS: Readonly<Record<string, readonly string[]>> = {
  'Education, training and peer learning': ['Peer-learning cohort for new equity officers', 'Webinar series on budgeting for equity', 'Mentoring pairs between member cities'],
  'Tools and technical assistance': ['Template racial equity action plan for small cities', 'Help desk hours for members using the self-assessment', 'Data guide on disaggregating city service data'],
  'Organizational capacity': ['Equity lens on the association hiring process', 'Board briefing on roadmap progress', 'Accessible meeting standards for all association events'],
};

export const ROADMAP_LEADS = ['Association staff', 'Advancing Equity Advisory Committee', 'Member services', 'Training team'] as const;
