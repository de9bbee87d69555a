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
import { BOLD_STYLES, odtHeading, odtList, odtParagraph, writeOpenDocument } from './opendocument-files';
import { tempFolder } from './workbook-files';
import { boldParagraph, listItem, paragraph, styledItem, table, writeDocument } from './word-files';

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

  test('an OpenDocument roadmap whose kinds are bold lines, by a bold span or a bold paragraph style', async () => {
    const body = AREAS.slice(0, 2).map((area, a) => odtHeading(areaHeading(area), 1) + ['Early action', 'Additional strategy'].map((kind) =>
      (a === 0 ? odtParagraph(kind === 'Early action' ? 'Early Actions' : 'Additional Strategies', 'P1', 'T1') : odtParagraph(kind === 'Early action' ? 'Early Actions' : 'Additional Strategies', 'P2'))
      + odtList(actionsOf(area, kind))).join('')).join('');
    const [[name, grid]] = await grids(await writeOpenDocument(files.path('roadmap.odt'), body, ODT, 'office:text', BOLD_STYLES)) as [string, unknown[][]][];
    expect(name).toBe('Roadmap');
    expect(grid).toEqual([['Focus area', 'Kind', 'Action', 'Notes'], ...ASSOCIATION_ROADMAP.filter(([area]) => AREAS.indexOf(area) < 2).map(([area, kind, action]) =>
      [areaHeading(area), kind === 'Early action' ? 'Early Actions' : 'Additional Strategies', action, null])]);
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
});
