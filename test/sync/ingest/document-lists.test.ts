// `import` of a plan written as headings over bulleted or numbered lists in a Word document (.docx) or an OpenDocument
// text (.odt), as offices write roadmaps and work plans: each item a row, the headings above it its columns (focus area,
// kind, goal, phase), read by the same table reader as a pasted table.
import { afterAll, describe, expect, test } from 'vitest';
import type { TypedValue } from '../../../shared/index';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { ASSOCIATION_ROADMAP, CITY_PLAN, GARE_PLAN } from '../../fixtures/messy/source-plans';
import { storeBackends } from '../../support/store-backends';
import { BOLD_STYLES, odtHeading, odtList, odtParagraph, writeOpenDocument, type OdtItem } from './opendocument-files';
import { tempFolder } from './workbook-files';
import { boldParagraph, characterStyled, listItem, paragraph, styledItem, table, writeDocument } from './word-files';

const backends = storeBackends('ingest_lists');
const files = tempFolder('lists');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const ODT = 'application/vnd.oasis.opendocument.text';
const ROADMAP_TITLE = 'Advancing Equity Roadmap';
const AREAS = [...new Set(ASSOCIATION_ROADMAP.map(([area]) => area))];
const areaHeading = (area: string) => `Focus Area ${AREAS.indexOf(area) + 1}: ${area}`;
const actionsOf = (area: string, kind: string) => ASSOCIATION_ROADMAP.filter(([a, k]) => a === area && k === kind).map(([, , action]) => action);
const SUB_BULLETS = ['Onboarding module for new staff', 'Annual refresher'];
const WITH_SUB_BULLETS = 'Staff training program on equity';

/**
 * The association's roadmap as its Word document has it: a focus area heading each, its early actions and additional
 * strategies under a sub-heading (the first area), a bold paragraph (the second) or a line closed by a colon (the third);
 * the bullets by direct numbering, by the List Bullet style and by a style based on it; one action with sub-bullets.
 */
function roadmapDocument(): string {
  const kindLabel = [
    (kind: string) => paragraph(kind === 'Early action' ? 'Early Actions' : 'Additional Strategies', 'Heading2'),
    (kind: string) => boldParagraph(kind === 'Early action' ? 'Early Actions' : 'Additional Strategies'),
    (kind: string) => paragraph(kind === 'Early action' ? 'Early actions:' : 'Additional strategies:'),
  ];
  const bullet = [(t: string) => listItem(t), (t: string) => styledItem(t), (t: string) => styledItem(t, 'PlanBullet')];
  return paragraph(ROADMAP_TITLE, 'Title') + paragraph('Adopted by the board in 2025.') + AREAS.map((area, a) =>
    paragraph(areaHeading(area), 'Heading1') + paragraph('Why this matters to members.') + ['Early action', 'Additional strategy'].map((kind) =>
      kindLabel[a]!(kind) + actionsOf(area, kind).map((action) =>
        bullet[a]!(action) + (action === WITH_SUB_BULLETS ? SUB_BULLETS.map((s) => listItem(s, 1)).join('') : '')).join('')).join('')).join('');
}

const roadmapGrid = () => [
  [ROADMAP_TITLE],
  ['Focus area', 'Kind', 'Action', 'Notes'],
  ...ASSOCIATION_ROADMAP.map(([area, kind, action]) => {
    const labels = AREAS.indexOf(area) === 2 ? ['Early actions', 'Additional strategies'] : ['Early Actions', 'Additional Strategies'];
    return [areaHeading(area), kind === 'Early action' ? labels[0] : labels[1], action, action === WITH_SUB_BULLETS ? SUB_BULLETS.join('\n') : null];
  }),
];

const CITY_TITLE = 'Racial Equity Work Plan 2026–2029';
const PHASE_YEARS: Record<number, string> = { 1: '2026–2027', 2: '2027–2028', 3: '2028–2029' };
const CITY_GOALS = [...new Set(CITY_PLAN.map(([, goal]) => goal))];
const LEAD = 'Office of Diversity & Equity';
/** A sheet's name is at most 31 characters, as Excel's. */
const sheetName = (title: string) => title.slice(0, 31);

/** The city's work plan as goal headings, phase sub-headings and tasks with their timeline in the bullet, one with its lead. */
function cityPlanDocument(): string {
  return paragraph(CITY_TITLE, 'Heading1') + CITY_GOALS.map((goal) => paragraph(goal, 'Heading2') + [1, 2, 3].map((phase) => {
    const tasks = CITY_PLAN.filter(([p, g]) => p === phase && g === goal);
    return tasks.length === 0 ? '' : paragraph(`Phase ${phase} (${PHASE_YEARS[phase]})`, 'Heading3')
      + tasks.map(([, , task, timeline], i) => listItem(`${task} (${timeline})${i === 0 && phase === 1 ? ` — Lead: ${LEAD}` : ''}`, 0, 3)).join('');
  }).join('')).join('');
}

const grids = async (file: string) => (await readWorkbookGrids(file)).map((g) => [g.name, g.grid]);

const GARE_TITLE = 'Office of Racial Equity Work Plan 2025';
const STAGES = [...new Set(GARE_PLAN.map(([stage]) => stage))];

/** The GARE plan in a Writer document: a stage heading over each stage's items, one item with a nested list. */
const garePlanText = () => odtHeading(GARE_TITLE, 1) + STAGES.map((stage) => odtHeading(stage, 2) + odtList(GARE_PLAN.filter(([s]) => s === stage).map(([, item], i) =>
  (stage === 'Organize' && i === 0 ? { text: item, items: ['Request for proposals', 'Contract signed'] } : item)))).join('');

/**
 * The GARE plan's items as its status update writes them: the target and the legend's status at each item's end, in the
 * forms offices use (after a dash, in parentheses, after a label), one item's dates part of its task.
 */
const GARE_ENDS: Record<string, string> = {
  'Training videos for staff on racial-equity terms and concepts': ' (Completed)',
  'Citywide racial-equity training opportunities launched': ' – In progress',
  'Racial-equity workshops for senior and executive staff': ' — 2 workshops',
  'Departments that complete a Racial Equity Action Plan': '. Target: 100% of departments',
  'Departments that establish Racial Equity Action Teams': ' — Target: 50% of departments (Not started)',
  'Consultations on Budgeting-for-Equity worksheets': ' — 20 hours; Status: Completed',
  'TA on department racial equity action plans': ' — 60 hours – In progress',
  'TA on department racial equity action teams': ' (Target: 20 hours)',
  'Results-Based Accountability "Turn the Curve" plans with departments': ' — 5 plans',
  'Departments that submit a Budgeting-for-Equity worksheet': ' - 100% of departments',
};
const GARE_STATUS: Record<string, string> = {
  'Training videos for staff on racial-equity terms and concepts': 'Completed',
  'Citywide racial-equity training opportunities launched': 'In progress',
  'Departments that establish Racial Equity Action Teams': 'Not started',
  'Consultations on Budgeting-for-Equity worksheets': 'Completed',
  'TA on department racial equity action plans': 'In progress',
};
const gareItem = (item: string) => `${item}${GARE_ENDS[item] ?? ''}`;
const gareTargetsDocument = () => paragraph(GARE_TITLE, 'Heading1') + STAGES.map((stage) => paragraph(stage, 'Heading2') + GARE_PLAN.filter(([s]) => s === stage).map(([, item]) => listItem(gareItem(item))).join('')).join('');
const gareTargetGrid = () => [
  [GARE_TITLE],
  ['Phase', 'Task', 'Target', 'Status', 'Notes'],
  ...GARE_PLAN.map(([stage, item, target]) => [stage, item, target === '—' ? null : target, GARE_STATUS[item] ?? null, null]),
];

/** The city's first phase as a numbered outline, as offices type one: `1. Goal` over `a. Task (timeline)`, no headings, no colons. */
const PHASE_ONE = CITY_PLAN.filter(([phase]) => phase === 1);
const OUTLINE_GOALS = [...new Set(PHASE_ONE.map(([, goal]) => goal))];
const STUDY = CITY_PLAN[1]![2];
const STUDY_STEPS = ['Historical analysis (Mar 2026)', 'Benchmark study (Jun 2026)'];
const FORUM_NOTE = 'Invite neighborhood associations and faith leaders';

/**
 * Each goal a top item over its tasks, each task ending with its timeline. A task's describing sub-item (no timeline)
 * and a dated task's dated steps stay its notes: only a parent with nothing of its own at its end heads dated items.
 */
const OUTLINE: OdtItem[] = OUTLINE_GOALS.map((goal) => ({ text: goal, items: PHASE_ONE.filter(([, g]) => g === goal).map(([, , task, timeline]) => {
  const text = `${task} (${timeline})`;
  return task === CITY_PLAN[0]![2] ? { text, items: [FORUM_NOTE] } : task === STUDY ? { text, items: STUDY_STEPS } : text;
}) }));
/** A Word document's numbered list of `items`, each nested list a level down. */
const wordList = (items: readonly OdtItem[], level = 0): string =>
  items.map((i) => (typeof i === 'string' ? listItem(i, level, 3) : listItem(i.text, level, 3) + wordList(i.items, level + 1))).join('');

const outlineGrid = () => [
  [CITY_TITLE],
  ['Phase', 'Task', 'Timeline', 'Notes'],
  ...OUTLINE_GOALS.flatMap((goal) => PHASE_ONE.filter(([, g]) => g === goal).map(([, , task, timeline]) =>
    [goal, task, timeline, task === CITY_PLAN[0]![2] ? FORUM_NOTE : task === STUDY ? STUDY_STEPS.join('\n') : null])),
];

async function refusal(file: string) {
  const error = await readWorkbookGrids(file).catch((e: unknown) => e);
  return isErrorType(error, ImportError) ? { code: error.code, message: error.message } : error;
}

describe('a plan written as headings over lists, read as a table', () => {
  test('a Word roadmap: each bullet a row under its focus area and kind, whether the kind is a heading, a bold line or a line closed by a colon; sub-bullets its notes', async () => {
    const file = await writeDocument(files.path('roadmap.docx'), roadmapDocument());
    expect(await grids(file)).toEqual([[ROADMAP_TITLE, roadmapGrid()]]);
  });

  test('the city work plan: goal headings, phase sub-headings, the timeline and the lead written in the bullet read into their own columns', async () => {
    const [[name, grid]] = await grids(await writeDocument(files.path('plan.docx'), cityPlanDocument())) as [string, unknown[][]][];
    expect(name).toBe(sheetName(CITY_TITLE));
    expect(grid.slice(0, 3)).toEqual([
      [CITY_TITLE],
      ['Goal', 'Phase', 'Task', 'Timeline', 'Lead', 'Notes'],
      [CITY_GOALS[0], 'Phase 1 (2026–2027)', CITY_PLAN[0]![2], CITY_PLAN[0]![3], LEAD, null],
    ]);
    expect(grid.length).toBe(2 + CITY_PLAN.length);
  });

  test('a list item closed by a colon heads the items nested under it: the kind written as a bullet over its actions', async () => {
    const area = AREAS[1]!;
    const body = paragraph(areaHeading(area), 'Heading1') + ['Early action', 'Additional strategy'].map((kind) =>
      listItem(kind === 'Early action' ? 'Early actions:' : 'Additional strategies:') + actionsOf(area, kind).map((action) => listItem(action, 1)).join('')).join('');
    const expected = [['Roadmap', [['Focus area', 'Kind', 'Action', 'Notes'], ...ASSOCIATION_ROADMAP.filter(([a]) => a === area).map(([, kind, action]) =>
      [areaHeading(area), kind === 'Early action' ? 'Early actions' : 'Additional strategies', action, null])]]];
    expect(await grids(await writeDocument(files.path('nested.docx'), body))).toEqual(expected);
    const odt = odtHeading(areaHeading(area), 1) + odtList(['Early action', 'Additional strategy'].map((kind) => ({ text: kind === 'Early action' ? 'Early actions:' : 'Additional strategies:', items: actionsOf(area, kind) })));
    expect(await grids(await writeOpenDocument(files.path('nested.odt'), odt, ODT, 'office:text'))).toEqual(expected);
  });

  test('an OpenDocument text\'s lists read as a Word document\'s: the GARE plan\'s stages, a nested list as its item\'s notes', async () => {
    const expected = [[sheetName(GARE_TITLE), [
      [GARE_TITLE],
      ['Phase', 'Task', 'Notes'],
      ...GARE_PLAN.map(([stage, item], i) => [stage, item, i === 3 ? 'Request for proposals\nContract signed' : null]),
    ]]];
    expect(await grids(await writeOpenDocument(files.path('gare.odt'), garePlanText(), ODT, 'office:text'))).toEqual(expected);
    // A web page LibreOffice opened and saved as .odt says it is a web text (`text-web`): its body is a text's.
    expect(await grids(await writeOpenDocument(files.path('gare-web.odt'), garePlanText(), `${ODT}-web`, 'office:text'))).toEqual(expected);
  });

  test('the GARE plan with each item\'s target and status at its end: read into Target and Status as a table\'s cells, the words of the task kept', async () => {
    const expected = [[sheetName(GARE_TITLE), gareTargetGrid()]];
    expect(await grids(await writeDocument(files.path('gare-targets.docx'), gareTargetsDocument()))).toEqual(expected);
    const odt = odtHeading(GARE_TITLE, 1) + STAGES.map((stage) => odtHeading(stage, 2) + odtList(GARE_PLAN.filter(([s]) => s === stage).map(([, item]) => gareItem(item)))).join('');
    expect(await grids(await writeOpenDocument(files.path('gare-targets.odt'), odt, ODT, 'office:text'))).toEqual(expected);
  });

  test('a numbered outline with no headings nor colons: the items over dated items are their groups, the dated items the rows', async () => {
    const expected = [[sheetName(CITY_TITLE), outlineGrid()]];
    expect(await grids(await writeDocument(files.path('outline.docx'), paragraph(CITY_TITLE, 'Heading1') + wordList(OUTLINE)))).toEqual(expected);
    const odt = odtHeading(CITY_TITLE, 1) + odtList(OUTLINE);
    expect(await grids(await writeOpenDocument(files.path('outline.odt'), odt, ODT, 'office:text'))).toEqual(expected);
    // A goal over its phases over dated tasks: the goal heads items that head items, and is read as the goal.
    const phased: OdtItem[] = OUTLINE.map((goal) => typeof goal === 'string' ? goal : { text: goal.text, items: [{ text: 'Phase 1 (2026–2027)', items: goal.items }] });
    const [[, grid]] = await grids(await writeDocument(files.path('phased.docx'), paragraph(CITY_TITLE, 'Heading1') + wordList(phased))) as [string, unknown[][]][];
    expect(grid.slice(1)).toEqual([['Goal', 'Phase', 'Task', 'Timeline', 'Notes'], ...outlineGrid().slice(2).map(([goal, ...rest]) => [goal, 'Phase 1 (2026–2027)', ...rest])]);
  });

  test('an OpenDocument roadmap whose kinds are bold lines, by a bold span or a bold paragraph style', async () => {
    const body = AREAS.slice(0, 2).map((area, a) => odtHeading(areaHeading(area), 1) + ['Early action', 'Additional strategy'].map((kind) =>
      (a === 0 ? odtParagraph(kind === 'Early action' ? 'Early Actions' : 'Additional Strategies', 'P1', 'T1') : odtParagraph(kind === 'Early action' ? 'Early Actions' : 'Additional Strategies', 'P2'))
      + odtList(actionsOf(area, kind))).join('')).join('');
    const [[name, grid]] = await grids(await writeOpenDocument(files.path('roadmap.odt'), body, ODT, 'office:text', BOLD_STYLES)) as [string, unknown[][]][];
    expect(name).toBe('Roadmap');
    expect(grid).toEqual([['Focus area', 'Kind', 'Action', 'Notes'], ...ASSOCIATION_ROADMAP.filter(([area]) => AREAS.indexOf(area) < 2).map(([area, kind, action]) =>
      [areaHeading(area), kind === 'Early action' ? 'Early Actions' : 'Additional Strategies', action, null])]);
  });

  test('a line heads the list after it when its paragraph style or character style is bold, through the styles it is based on; a style that unsets bold does not', async () => {
    // The city plan's first phase with each goal written in the office's own styles: goals name no column, so only bold makes them headings.
    const goalLines = [(t: string) => paragraph(t, 'PlanHeading'), (t: string) => characterStyled(t, 'Strong')];
    const goals = OUTLINE_GOALS.slice(0, 2);
    const tasks = (goal: string) => PHASE_ONE.filter(([, g]) => g === goal);
    const expected = [[sheetName(CITY_TITLE), [[CITY_TITLE], ['Phase', 'Task', 'Timeline', 'Notes'], ...goals.flatMap((goal) => tasks(goal).map(([, , task, timeline]) => [goal, task, timeline, null]))]]];
    const body = paragraph(CITY_TITLE, 'Heading1') + goals.map((goal, g) => goalLines[g]!(goal) + tasks(goal).map(([, , task, timeline]) => listItem(`${task} (${timeline})`)).join('')).join('');
    expect(await grids(await writeDocument(files.path('styled.docx'), body))).toEqual(expected);
    const unbold = paragraph(CITY_TITLE, 'Heading1') + paragraph(goals[0]!, 'PlanNote') + tasks(goals[0]!).map(([, , task, timeline]) => listItem(`${task} (${timeline})`)).join('');
    expect(await grids(await writeDocument(files.path('unbold.docx'), unbold))).toEqual([[sheetName(CITY_TITLE), [[CITY_TITLE], ['Task', 'Timeline', 'Notes'], ...tasks(goals[0]!).map(([, , task, timeline]) => [task, timeline, null])]]]);
    // In a Writer document: a named paragraph style in styles.xml, bold itself or by its parent, given directly or through an automatic style.
    const common = '<style:style style:name="Plan_20_heading" style:display-name="Plan heading" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>'
      + '<style:style style:name="Plan_20_goal" style:display-name="Plan goal" style:family="paragraph" style:parent-style-name="Plan_20_heading"/>';
    const automatic = '<style:style style:name="P3" style:family="paragraph" style:parent-style-name="Plan_20_goal"/>';
    const odt = odtHeading(CITY_TITLE, 1) + goals.map((goal, g) => odtParagraph(goal, g === 0 ? 'Plan_20_heading' : 'P3') + odtList(tasks(goal).map(([, , task, timeline]) => `${task} (${timeline})`))).join('');
    expect(await grids(await writeOpenDocument(files.path('styled.odt'), odt, ODT, 'office:text', automatic, common))).toEqual(expected);
  });

  test('a document with tables: its tables read as before, a plan in lists after them, a list that is no plan (bullets under one heading) not read', async () => {
    const plan = table([['Phase', 'Task', 'Timeline'], ['Phase 1', 'Host a forum', 'Feb 2026 – Aug 2027']]);
    const body = paragraph('Work plan', 'Heading1') + plan + paragraph('Attendees', 'Heading1') + listItem('Ana Ruiz') + listItem('Lee Park') + roadmapDocument();
    const read = await grids(await writeDocument(files.path('mixed.docx'), body));
    expect(read).toEqual([['Work plan', [['Phase', 'Task', 'Timeline'], ['Phase 1', 'Host a forum', 'Feb 2026 – Aug 2027']]], [ROADMAP_TITLE, roadmapGrid()]]);
  });

  test('list items holding more than the ceiling of what an import keeps, in text or in number, are refused as too large', async () => {
    const limits = { unpacked: 100_000_000, kept: 1_000_000, row: 100_000 };
    const tooLarge = async (file: string) => {
      const error = await readWorkbookGrids(file, limits).catch((e: unknown) => e);
      expect(isErrorType(error, ImportError) && error.code, file).toBe('too-large');
    };
    const heads = paragraph('Focus Area 1: Tools', 'Heading1') + paragraph('Early Actions', 'Heading2');
    await tooLarge(await writeDocument(files.path('long.docx'), heads + listItem('x'.repeat(50_000)).repeat(30)));
    await tooLarge(await writeDocument(files.path('many.docx'), heads + listItem('x').repeat(40_000)));
    const odtHeads = odtHeading('Focus Area 1: Tools', 1) + odtHeading('Early Actions', 2);
    await tooLarge(await writeOpenDocument(files.path('long.odt'), odtHeads + odtList(Array.from({ length: 30 }, () => 'x'.repeat(50_000))), ODT, 'office:text'));
    await tooLarge(await writeOpenDocument(files.path('many.odt'), odtHeads + odtList(Array.from({ length: 40_000 }, () => 'x')), ODT, 'office:text'));
  });

  test('a document whose lists form no plan is refused as one with no table', async () => {
    const file = await writeDocument(files.path('minutes.docx'), paragraph('Minutes', 'Heading1') + paragraph('Attendees:') + listItem('Ana Ruiz') + listItem('Lee Park'));
    expect(await refusal(file)).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/is a Word document with no table in it/) });
  });
});

describe.each(backends)('import of a plan written as lists on $name', (backend) => {
  test('the roadmap: every action stored with its focus area and kind; imported again, nothing changes', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Roadmap document', sourceKind: 'file' });
    const file = await writeDocument(files.path('Roadmap.docx'), roadmapDocument());
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
    expect([r.accepted, r.rejected]).toEqual([ASSOCIATION_ROADMAP.length, []]);
    expect(r.tables).toEqual([expect.objectContaining({ sheet: ROADMAP_TITLE, table: 'roadmap' })]);
    const stored: unknown[][] = [];
    for await (const row of store.rows('roadmap', { sourceIds: [principal.id] })) stored.push([row.values.focusArea, row.values.kind, row.values.action, row.values.notes ?? null]);
    expect(stored.sort()).toEqual(ASSOCIATION_ROADMAP.map(([area, kind, action]) => [areaHeading(area), kind, action, action === WITH_SUB_BULLETS ? SUB_BULLETS.join('\n') : null]).sort());
    const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-26T10:00:00Z') });
    expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, ASSOCIATION_ROADMAP.length, 0]);
  });

  test('the city work plan: each task stored with its goal, phase, dates and lead; the goal headings, which name no column, said to be read as the goal', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Work plan document', sourceKind: 'file' });
    const file = await writeDocument(files.path('City plan.docx'), cityPlanDocument());
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
    expect([r.accepted, r.rejected]).toEqual([CITY_PLAN.length, []]);
    expect(r.warnings).toContainEqual(expect.objectContaining({ sheet: sheetName(CITY_TITLE), row: 2, message: expect.stringMatching(/^the document's headings at this level \("Structural Equity Alignment", .*\) name no column: read as each item's Goal/) }));
    const stored: Record<string, TypedValue>[] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored.push(row.values as Record<string, TypedValue>);
    expect(stored.map((v) => [v.goal, v.phase, v.task]).sort()).toEqual(CITY_PLAN.map(([phase, goal, task]) => [goal, `Phase ${phase} (${PHASE_YEARS[phase]})`, task]).sort());
    expect(stored.find((v) => v.task === CITY_PLAN[0]![2])).toMatchObject({ startOn: '2026-02-01', endOn: '2027-08-31', lead: LEAD });
  });

  test('the GARE plan: each item stored with its stage, its target as a figure and unit, and its status', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'GARE update', sourceKind: 'file' });
    const file = await writeDocument(files.path('GARE update.docx'), gareTargetsDocument());
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
    expect([r.accepted, r.rejected]).toEqual([GARE_PLAN.length, []]);
    const stored = new Map<unknown, Record<string, TypedValue>>();
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored.set(row.values.task, row.values as Record<string, TypedValue>);
    expect(stored.get('TA on department racial equity action plans')).toMatchObject({ phase: 'Operationalize', target: 60, unit: 'hours', status: 'In progress' });
    expect(stored.get('Departments that complete a Racial Equity Action Plan')).toMatchObject({ phase: 'Organize', target: 100, unit: '% of departments' });
    expect(stored.get('Training videos for staff on racial-equity terms and concepts')).toMatchObject({ status: 'Completed', target: null });
  });
});

/** A task's bullet less its timeline. */
const taskOf = (bullet: string) => bullet.replace(/ \([^()]*\)$/, '');
/** A goal heading over dated task bullets, as an office edits its plan between imports. */
const EDITED_GOAL = 'Goal 1: Structural Equity Alignment';
const EDITED_TASKS = CITY_PLAN.filter(([, goal]) => goal === 'Structural Equity Alignment' || goal === 'Learning that Drives Systems Change').slice(0, 6).map(([, , task, timeline]) => `${task} (${timeline})`);
const [TASK_A, TASK_B, INSERTED, TASK_C, TASK_D, TASK_E] = EDITED_TASKS.map(taskOf) as [string, string, string, string, string, string];
/** The plan under its title: each goal a heading over its bullets, `status` a task's status written at its end. */
const planOf = (goals: readonly (readonly [string, readonly string[]])[], status: Record<string, string> = {}) => paragraph(CITY_TITLE, 'Title')
  + goals.map(([goal, bullets]) => paragraph(goal, 'Heading2') + bullets.map((b) => listItem(`${b}${status[taskOf(b)] ? ` (${status[taskOf(b)]})` : ''}`)).join('')).join('');
const editedPlan = (bullets: readonly string[], status: Record<string, string> = {}) => planOf([[EDITED_GOAL, bullets]], status);

describe.each(backends)('a plan in lists edited between imports on $name', (backend) => {
  async function importer() {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Plan document', sourceKind: 'file' });
    const sync = async (body: string, at: string) => importWorkbook(store, { file: await writeDocument(files.path('Plan.docx'), body), sourceId: principal.id, at: new Date(at) });
    const ids = async () => {
      const out: Record<string, string> = {};
      for await (const r of store.rows('workplan', { sourceIds: [principal.id] })) out[String(r.values.task)] = r.rowId;
      return out;
    };
    const statuses = async (rowId: string) => {
      const out: unknown[] = [];
      for await (const c of store.changes('workplan', { sourceIds: [principal.id] })) if (c.rowId === rowId) out.push(c.op === 'delete' ? 'removed' : c.values?.status ?? null);
      return out;
    };
    return { sync, ids, statuses };
  }
  const counts = (r: { accepted: number; unchanged: number; deleted: number }) => [r.accepted, r.unchanged, r.deleted];
  const without = (tasks: readonly string[], task: string) => tasks.filter((t) => !t.startsWith(task));

  test('a bullet inserted in the middle is the one new row: the others keep their ids, and a status set later continues its task\'s history', async () => {
    const { sync, ids, statuses } = await importer();
    const five = without(EDITED_TASKS, INSERTED);
    expect(counts(await sync(editedPlan(five), '2026-03-01T12:00:00Z'))).toEqual([5, 0, 0]);
    const before = await ids();
    expect(counts(await sync(editedPlan(EDITED_TASKS), '2026-04-01T12:00:00Z'))).toEqual([1, 5, 0]);
    const after = await ids();
    for (const task of [TASK_A, TASK_B, TASK_C, TASK_D, TASK_E]) expect(after[task], task).toBe(before[task]);
    expect(Object.values(before)).not.toContain(after[INSERTED]);
    expect(counts(await sync(editedPlan(EDITED_TASKS, { [TASK_D]: 'In progress' }), '2026-05-01T12:00:00Z'))).toEqual([1, 5, 0]);
    expect((await ids())[TASK_D]).toBe(before[TASK_D]);
    expect(await statuses(before[TASK_D]!)).toEqual([null, 'In progress']);
  });

  test('a bullet removed from the middle is the one row removed', async () => {
    const { sync, ids, statuses } = await importer();
    await sync(editedPlan(EDITED_TASKS), '2026-03-01T12:00:00Z');
    const before = await ids();
    expect(counts(await sync(editedPlan(without(EDITED_TASKS, TASK_B)), '2026-04-01T12:00:00Z'))).toEqual([0, 5, 1]);
    const { [TASK_B]: removed, ...kept } = before;
    expect(await ids()).toEqual(kept);
    expect(await statuses(removed!)).toEqual([null, 'removed']);
  });

  test('a second goal added above the one heading the plan was named after, with more tasks than it: its tasks keep their ids, now with their goal', async () => {
    const { sync, ids, statuses } = await importer();
    const goal = 'Structural Equity Alignment';
    const five = without(EDITED_TASKS, INSERTED);
    const one = await sync(planOf([[goal, five]]), '2026-03-01T12:00:00Z');
    expect(one.tables.map((t) => t.sheet)).toEqual([goal]);
    const before = await ids();
    const other = 'Institutional Accountability and Shared Governance';
    const added = CITY_PLAN.filter(([, g]) => g === other).map(([, , task, timeline]) => `${task} (${timeline})`);
    expect(added.length).toBeGreaterThan(five.length);
    const two = await sync(planOf([[other, added], [goal, five]]), '2026-04-01T12:00:00Z');
    expect(two.tables.map((t) => t.sheet)).toEqual([sheetName(CITY_TITLE)]);
    // Each task gains its goal: changed, not removed and added again.
    expect(counts(two)).toEqual([added.length + five.length, 0, 0]);
    const after = await ids();
    for (const task of [TASK_A, TASK_B, TASK_C, TASK_D, TASK_E]) expect(after[task], task).toBe(before[task]);
    for (const task of added.map(taskOf)) expect(Object.values(before), task).not.toContain(after[task]);
    expect(two.warnings.map((w) => w.message)).toContainEqual(expect.stringMatching(/^read as sheet "Structural Equity Alignment" renamed/));
    expect(await statuses(before[TASK_D]!)).toEqual([null, null]);
  });

  test('a goal with its tasks added above the others adds its rows alone', async () => {
    const { sync, ids } = await importer();
    await sync(editedPlan(EDITED_TASKS), '2026-03-01T12:00:00Z');
    const before = await ids();
    const added = CITY_PLAN.filter(([, goal]) => goal === 'Equitable City–Community Partnership').map(([, , task, timeline]) => `${task} (${timeline})`);
    const r = await sync(planOf([['Goal 0: Equitable City–Community Partnership', added], [EDITED_GOAL, EDITED_TASKS]]), '2026-04-01T12:00:00Z');
    expect(counts(r)).toEqual([added.length, EDITED_TASKS.length, 0]);
    const after = await ids();
    for (const [task, id] of Object.entries(before)) expect(after[task], task).toBe(id);
  });
});
