// `import` of a Word document's tables (.docx), as offices keep their work plans, milestone calendars and logs: each
// table a sheet named after the heading above it, a cell's text as Word shows it, merged cells as a workbook's read.
import { readFile, writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { afterAll, describe, expect, test } from 'vitest';
import type { TypedValue } from '../../../shared/index';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { CITY_PLAN } from '../../fixtures/messy/source-plans';
import { storeBackends } from '../../support/store-backends';
import { tempFolder } from './workbook-files';
import { paragraph, table, textBox, writeDocument, type WordCell } from './word-files';

const backends = storeBackends('ingest_docx');
const files = tempFolder('docx');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const PLAN_HEADING = 'Work Plan 2026–2029';

/** The city's work plan as its document has it: Phase and Goal merged down over their tasks, its header repeated on each page. */
function cityPlanTable(): string {
  const rows: WordCell[][] = [['Phase', 'Goal', 'Task', 'Timeline']];
  CITY_PLAN.forEach(([phase, goal, task, timeline], i) => {
    const before = CITY_PLAN[i - 1];
    const samePhase = before?.[0] === phase;
    rows.push([
      samePhase ? { vMerge: 'continue' } : { text: `Phase ${phase}`, vMerge: 'restart' },
      samePhase && before?.[1] === goal ? { vMerge: 'continue' } : { text: goal, vMerge: 'restart' },
      task,
      timeline,
    ]);
  });
  return table(rows, 1);
}

const cityPlanDocument = () => paragraph('City of Riverside', 'Title') + paragraph(PLAN_HEADING, 'Heading1') + paragraph('The work plan below was adopted by Council in January 2026.') + cityPlanTable() + paragraph('');

const grids = async (body: string) => (await readWorkbookGrids(await writeDocument(files.path('x.docx'), body))).map((g) => [g.name, g.grid]);

const run = (inner: string) => `<w:r>${inner}</w:r>`;
const t = (text: string) => run(`<w:t xml:space="preserve">${text}</w:t>`);
const checkBox = (checked: boolean) =>
  `<w:sdt><w:sdtPr><w14:checkbox><w14:checked w14:val="${checked ? 1 : 0}"/><w14:checkedState w14:val="2612" w14:font="MS Gothic"/><w14:uncheckedState w14:val="2610" w14:font="MS Gothic"/></w14:checkbox></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rFonts w:ascii="MS Gothic"/></w:rPr><w:t>${checked ? '☒' : '☐'}</w:t></w:r></w:sdtContent></w:sdt>`;
const legacyCheckBox = (checked: boolean) =>
  `${run(`<w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Check1"/><w:enabled/><w:checkBox><w:sizeAuto/><w:default w:val="${checked ? 1 : 0}"/></w:checkBox></w:ffData></w:fldChar>`)}${run('<w:instrText xml:space="preserve"> FORMCHECKBOX </w:instrText>')}${run('<w:fldChar w:fldCharType="end"/>')}`;

describe('a Word document\'s tables read as sheets', () => {
  test('the city\'s work plan: one sheet named after the heading above it, Phase and Goal merged down given to every task', async () => {
    const [[name, grid]] = await grids(cityPlanDocument()) as [string, unknown[][]][];
    expect(name).toBe(PLAN_HEADING);
    expect(grid).toEqual([['Phase', 'Goal', 'Task', 'Timeline'], ...CITY_PLAN.map(([phase, goal, task, timeline]) => [`Phase ${phase}`, goal, task, timeline])]);
  });

  test('a document saved by Word on the web, whose main part is word/document2.xml, reads as any other', async () => {
    const file = await writeDocument(files.path('online.docx'), cityPlanDocument(), 'word/document2.xml');
    expect(Object.keys((await JSZip.loadAsync(await readFile(file))).files)).toEqual(expect.arrayContaining(['word/document2.xml', 'word/_rels/document2.xml.rels']));
    expect((await readWorkbookGrids(file)).map((g) => [g.name, g.grid.length])).toEqual([[PLAN_HEADING, CITY_PLAN.length + 1]]);
  });

  test('a document whose writer binds other prefixes (Python\'s ElementTree writes ns0:) reads the same', async () => {
    const file = await writeDocument(files.path('prefixed.docx'), cityPlanDocument() + table([['Milestone', 'Done'], ['Forum', { xml: `<w:p>${checkBox(true)}</w:p>` }]]));
    const zip = await JSZip.loadAsync(await readFile(file));
    for (const part of ['word/document.xml', 'word/styles.xml']) {
      const xml = await zip.file(part)!.async('string');
      const renamed = xml.replace('xmlns:w=', 'xmlns:ns0=').replace('xmlns:w14=', 'xmlns:ns1=').replace('mc:Ignorable="w14"', 'mc:Ignorable="ns1"');
      zip.file(part, renamed.replace(/(<\/?|\s)w:/g, '$1ns0:').replace(/(<\/?|\s)w14:/g, '$1ns1:'));
    }
    const prefixed = files.path('prefixed-ns0.docx');
    await writeFile(prefixed, await zip.generateAsync({ type: 'nodebuffer' }));
    expect((await zip.file('word/document.xml')!.async('string'))).toMatch(/^<\?xml[^>]*>\s*<ns0:document xmlns:ns0=.*<ns1:checked ns1:val="1"/s);
    expect((await readWorkbookGrids(prefixed)).map((g) => [g.name, g.grid])).toEqual((await readWorkbookGrids(file)).map((g) => [g.name, g.grid]));
  });

  test('a cell\'s text as Word shows it: paragraphs and breaks as lines, tabs as spaces, links\' and fields\' shown text, deletions left out', async () => {
    const cell = (xml: string): WordCell => ({ xml: `<w:p>${xml}</w:p>` });
    const [[, grid]] = await grids(table([
      ['Notes', 'Lead', 'Due'],
      [
        { xml: `<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>${t('First line')}${run('<w:br/>')}${t('second')}</w:p><w:p>${t('Owner:')}${run('<w:tab/>')}${t('ODE')}</w:p><w:p/>` },
        cell(`<w:hyperlink r:id="rId9" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${t('Office of Diversity')}</w:hyperlink><w:del w:id="1" w:author="A"><w:r><w:delText> and Inclusion</w:delText></w:r></w:del><w:ins w:id="2" w:author="A">${t(' &amp; Equity')}</w:ins>`),
        cell(`${run('<w:fldChar w:fldCharType="begin"/>')}${run('<w:instrText> DATE \\@ "M/d/yyyy" </w:instrText>')}${run('<w:fldChar w:fldCharType="separate"/>')}${t('3/15/2026')}${run('<w:fldChar w:fldCharType="end"/>')}`),
      ],
      [cell(`<w:fldSimple w:instr=" DOCPROPERTY Owner ">${t('Shown result')}</w:fldSimple>`), { xml: `${paragraph('Outer')}${table([['inner 1', 'inner 2']])}<w:p/>` }, null],
      // A field nested in another's instructions (an IF over a MERGEFIELD): only the outer one's result is shown.
      [cell(`${run('<w:fldChar w:fldCharType="begin"/>')}${run('<w:instrText> IF </w:instrText>')}${run('<w:fldChar w:fldCharType="begin"/>')}${run('<w:instrText> MERGEFIELD Lead </w:instrText>')}${run('<w:fldChar w:fldCharType="separate"/>')}${t('Inner')}${run('<w:fldChar w:fldCharType="end"/>')}${run('<w:instrText> = "" "TBD" "Set" </w:instrText>')}${run('<w:fldChar w:fldCharType="separate"/>')}${t('Set')}${run('<w:fldChar w:fldCharType="end"/>')}`), 'x', 'y'],
    ]));
    expect(grid).toEqual([
      ['Notes', 'Lead', 'Due'],
      ['First line\nsecond\nOwner: ODE', 'Office of Diversity & Equity', '3/15/2026'],
      ['Shown result', 'Outer\ninner 1\ninner 2', null],
      ['Set', 'x', 'y'],
    ]);
  });

  test('a cell merged across columns reads in its first column, the rest blank, and the cells after it stay in their columns', async () => {
    const [[, grid]] = await grids(table([['Goal', 'Task', 'Lead', 'Status'], [{ text: 'Organize', span: 2 }, 'ODE', 'Completed'], ['Normalize', 'Videos', 'HR', 'In progress']]));
    expect(grid).toEqual([['Goal', 'Task', 'Lead', 'Status'], ['Organize', null, 'ODE', 'Completed'], ['Normalize', 'Videos', 'HR', 'In progress']]);
    // A row that starts further right (`w:gridBefore`), as LibreOffice writes a ragged table.
    const ragged = table([['Goal', 'Task', 'Lead'], ['Videos', 'HR']]).replace(/<w:tr>(?!.*<w:tr>)/, '<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>');
    expect((await grids(ragged))[0]![1]).toEqual([['Goal', 'Task', 'Lead'], [null, 'Videos', 'HR']]);
  });

  test('a check box control, an older form check box and a Wingdings box read as the ticks they show', async () => {
    const [[, grid]] = await grids(table([
      ['Milestone', 'A', 'B', 'C'],
      ['Forum', { xml: `<w:p>${checkBox(true)}</w:p>` }, { xml: `<w:p>${legacyCheckBox(true)}</w:p>` }, { xml: `<w:p>${run('<w:sym w:font="Wingdings" w:char="F0FE"/>')}</w:p>` }],
      ['Study', { xml: `<w:p>${checkBox(false)}</w:p>` }, { xml: `<w:p>${legacyCheckBox(false)}</w:p>` }, { xml: `<w:p>${run('<w:sym w:font="Wingdings" w:char="F0A8"/>')}</w:p>` }],
    ]));
    expect(grid.slice(1)).toEqual([['Forum', '☑', '☑', '☑'], ['Study', '☐', '☐', '☐']]);
  });

  test('a table with nothing above it is "Table N"; one under a paragraph is named after it, as a sheet name can hold it, each name once', async () => {
    const small = (id: string) => table([['Milestone', 'Date'], [id, '3/15/2026']]);
    const named = await grids(small('A') + paragraph('Milestones: 2026/27 [draft] — for the commission\'s review', 'Heading2') + small('B') + paragraph('Milestones: 2026/27 [draft] — for the commission\'s review') + small('C') + paragraph('Work plan', 'Heading1') + paragraph('Notes above the table') + small('D'));
    expect(named.map(([name]) => name)).toEqual(['Table 1', 'Milestones 2026 27 draft — for', 'Milestones 2026 27 draft — (2)', 'Work plan']);
  });

  test('a table in a text box (a plan pasted from a PDF) is read once, in its place among the body\'s tables, named as a table of the body is; a text box in a cell is no part of its text', async () => {
    const milestones = table([['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum']]);
    const read = await grids(
      paragraph(PLAN_HEADING, 'Heading1') + textBox(paragraph('') + cityPlanTable(), 'As adopted by Council:')
      // The paragraph a box is anchored in is read as written, whatever the box holds: it names the table after it.
      + table([['Note'], ['Reviewed in March']])
      + paragraph('Milestones') + textBox(milestones, '', true)
      + textBox(paragraph('Notes') + table([['Note'], [{ xml: textBox(table([['Draft']]), 'Reviewed') }]])),
    );
    expect(read).toEqual([
      [PLAN_HEADING, [['Phase', 'Goal', 'Task', 'Timeline'], ...CITY_PLAN.map(([phase, goal, task, timeline]) => [`Phase ${phase}`, goal, task, timeline])]],
      ['As adopted by Council', [['Note'], ['Reviewed in March']]],
      ['Milestones', [['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum']]],
      ['Notes', [['Note'], ['Reviewed']]],
    ]);
  });

  test('a table restarted after a page break, its header repeated or not, continues its sheet after a blank row', async () => {
    const header = ['Milestone', 'Date'];
    const restarted = await grids(paragraph('2026 Milestones', 'Heading1') + table([header, ['A', '3/1/2026']], 1) + paragraph('') + `<w:p>${run('<w:br w:type="page"/>')}</w:p>` + table([header, ['B', '4/1/2026']], 1) + paragraph('') + table([['C', '5/1/2026']]));
    expect(restarted).toEqual([['2026 Milestones', [header, ['A', '3/1/2026'], [], header, ['B', '4/1/2026'], [], ['C', '5/1/2026']]]]);
  });
});

/** Refusal of `file` by the reader: its code and message. */
async function refusal(file: string) {
  const error = await readWorkbookGrids(file).catch((e: unknown) => e);
  expect(isErrorType(error, ImportError)).toBe(true);
  return error as ImportError;
}

/** The GARE work plan of ../shared/source-plans.md as offices keep it in Word: a title, then each stage's heading over its own table. */
const GARE_TITLE = 'Office of Racial Equity Work Plan 2025';
const GARE_HEADER = ['Item', 'Target', 'Due', 'Status'];
const GARE_STAGES: readonly [string, (string | null)[][]][] = [
  ['Normalize', [['Training videos for staff on racial-equity terms and concepts', null, 'Mar 31', 'Completed'], ['Racial-equity workshops for senior and executive staff', '2 workshops', 'Jun 30', 'Completed']]],
  ['Organize', [['Departments that complete a Racial Equity Action Plan', '100% of departments', 'Dec 31', 'In progress']]],
  ['Operationalize', [['TA on department racial equity action plans', '60 hours', 'Sep 30', 'In progress'], ['Departments that submit a Budgeting-for-Equity worksheet', '100% of departments', 'Dec 31', 'Not started']]],
];
const garePlanDocument = (between = '') => paragraph(GARE_TITLE, 'Heading1') + GARE_STAGES.map(([stage, rows]) => paragraph(stage, 'Heading2') + between + table([GARE_HEADER, ...rows], 1)).join('');

/** The city's work plan as one table per phase, each under its phase's heading, the phases under the plan's title. */
const CITY_PHASE_YEARS: Record<number, string> = { 1: '2026–2027', 2: '2027–2028', 3: '2028–2029' };
const cityPhasesDocument = () => paragraph(PLAN_HEADING, 'Heading1') + [1, 2, 3].map((phase) =>
  paragraph(`Phase ${phase} (${CITY_PHASE_YEARS[phase]})`, 'Heading2') + table([['Goal', 'Task', 'Timeline'], ...CITY_PLAN.filter(([p]) => p === phase).map(([, goal, task, timeline]) => [goal, task, timeline])], 1)).join('');

describe('a Word document\'s tables under sibling headings', () => {
  test('tables with the same header under sibling headings are one sheet named after the heading above them: its title row, the header once, each heading a section row over its table\'s rows', async () => {
    const expected = [[GARE_TITLE], GARE_HEADER, ...GARE_STAGES.flatMap(([stage, rows]) => [[`${stage}:`], ...rows])];
    expect(await grids(garePlanDocument())).toEqual([['Office of Racial Equity Work Pl', expected]]);
    // Prose between a heading and its table is left out, as between any heading and table.
    expect(await grids(garePlanDocument(paragraph('Items the office leads this year.')))).toEqual([['Office of Racial Equity Work Pl', expected]]);
  });

  test('tables under sibling headings with different headers or each naming its year, a lone table under its heading, and tables parted by a higher heading stay sheets of their own', async () => {
    const plan = table([['Item', 'Status'], ['Videos', 'Completed']]);
    const calendar = table([['Date', 'Milestone'], ['3/15', 'Forum']]);
    expect((await grids(paragraph('Annual report 2025', 'Heading1') + paragraph('Work plan', 'Heading2') + plan + paragraph('Milestones', 'Heading2') + calendar)).map(([name]) => name)).toEqual(['Work plan', 'Milestones']);
    expect(await grids(paragraph('Annual report 2025', 'Heading1') + paragraph('Work plan', 'Heading2') + plan)).toEqual([['Work plan', [['Item', 'Status'], ['Videos', 'Completed']]]]);
    expect((await grids(paragraph('2025', 'Heading1') + paragraph('Normalize', 'Heading2') + plan + paragraph('2026', 'Heading1') + paragraph('Normalize', 'Heading2') + plan)).map(([name]) => name)).toEqual(['Normalize', 'Normalize (2)']);
    // Headings that each name a year keep their sheets, whose names give that year to the dates written without one.
    expect((await grids(paragraph('Milestones', 'Heading1') + paragraph('2025 calendar', 'Heading2') + calendar + paragraph('2026 calendar', 'Heading2') + calendar)).map(([name]) => name)).toEqual(['2025 calendar', '2026 calendar']);
  });

  test('sibling headings with no heading above them are one sheet named after the first, with no title row', async () => {
    const stage = (name: string) => paragraph(name, 'Heading1') + table([['Item', 'Status'], [`${name} item`, 'Completed']]);
    expect(await grids(stage('Normalize') + stage('Organize'))).toEqual([['Normalize', [['Item', 'Status'], ['Normalize:'], ['Normalize item', 'Completed'], ['Organize:'], ['Organize item', 'Completed']]]]);
  });
});

describe('Word documents that cannot be read', () => {
  test('a document cut short, one whose text is not XML, one with no table, and a .doc or a .docx with a password are refused in one line saying what to do', async () => {
    const good = await writeDocument(files.path('plan.docx'), cityPlanDocument());
    const cut = files.path('cut.docx');
    const bytes = await readFile(good);
    await writeFile(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await refusal(cut)).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/^\S+cut\.docx is a zip file but not a readable Word document \(damaged or cut short\)/) });
    const broken = await writeDocument(files.path('broken.docx'), `${cityPlanTable()}<w:p><w:r><w:t>unclosed</w:r></w:p>`);
    expect(await refusal(broken)).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/not a readable Word document/) });
    const prose = await writeDocument(files.path('letter.docx'), paragraph('Dear Commissioner,') + paragraph('Thank you.'));
    expect(await refusal(prose)).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/is a Word document with no table in it/) });
    // A .doc and a .docx protected by a password share the .xls files' compound-file header: named by the file's name.
    const compound = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    for (const name of ['minutes.doc', 'locked.docx']) {
      await writeFile(files.path(name), compound);
      expect(await refusal(files.path(name)), name).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/is an older Word \(\.doc\) document or one protected by a password: in Word, save it as \.docx/) });
    }
    await writeFile(files.path('old.xls'), compound);
    expect(await refusal(files.path('old.xls'))).toMatchObject({ message: expect.stringMatching(/older Excel \(\.xls\) workbook/) });
  });

  test('cells holding more text than the ceiling of what an import keeps, a document of empty rows, and a table wider than a sheet are refused as too large', async () => {
    const limits = { unpacked: 100_000_000, kept: 1_000_000, row: 100_000 };
    const tooLarge = async (name: string, body: string) => {
      const error = await readWorkbookGrids(await writeDocument(files.path(name), body), limits).catch((e: unknown) => e);
      expect(isErrorType(error, ImportError) && error.code, name).toBe('too-large');
    };
    await tooLarge('huge.docx', table([['Notes'], ...Array.from({ length: 40 }, () => ['x'.repeat(50_000)])]));
    await tooLarge('rows.docx', `<w:tbl>${'<w:tr/>'.repeat(100_000)}</w:tbl>`);
    await tooLarge('lines.docx', table([['Notes'], [{ xml: '<w:p/>'.repeat(200_000) }]]));
    await tooLarge('wide.docx', '<w:tbl><w:tr><w:tc><w:p/></w:tc><w:tc><w:tcPr><w:gridSpan w:val="1000000000"/></w:tcPr><w:p/></w:tc></w:tr></w:tbl>');
    await tooLarge('shifted.docx', '<w:tbl><w:tr><w:trPr><w:gridBefore w:val="1000000000"/></w:trPr><w:tc><w:p/></w:tc></w:tr></w:tbl>');
  });
});

describe.each(backends)('import of a Word document on $name', (backend) => {
  test('the city\'s work plan is stored row by row, each task with its phase and goal, under the heading\'s sheet; imported again, nothing changes', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Work plan document', sourceKind: 'file' });
    const file = await writeDocument(files.path('Work plan.docx'), cityPlanDocument());
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
    expect(r.rejected).toEqual([]);
    expect(r.accepted).toBe(CITY_PLAN.length);
    expect(r.tables).toEqual([expect.objectContaining({ sheet: PLAN_HEADING, table: 'workplan', rows: CITY_PLAN.length })]);
    const rows: Record<string, TypedValue>[] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) rows.push(row.values as Record<string, TypedValue>);
    expect(rows.map((v) => [v.phase, v.goal, v.task]).sort()).toEqual(CITY_PLAN.map(([phase, goal, task]) => [`Phase ${phase}`, goal, task]).sort());
    expect(rows.find((v) => v.task === CITY_PLAN[2]![2])).toMatchObject({ startOn: '2026-02-01', endOn: '2027-08-31' });
    const again = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-26T10:00:00Z') });
    expect([again.accepted, again.unchanged, again.deleted]).toEqual([0, CITY_PLAN.length, 0]);
  });

  test('the GARE plan kept as one table per stage: each item stored with its stage as its phase, a date without a year in the title\'s year', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'GARE plan document', sourceKind: 'file' });
    const file = await writeDocument(files.path('GARE plan.docx'), garePlanDocument());
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2025-03-25T10:00:00Z') }));
    expect([r.accepted, r.rejected]).toEqual([5, []]);
    const stored: unknown[][] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored.push([row.values.phase, row.values.task, row.values.endOn]);
    expect(stored.sort()).toEqual(GARE_STAGES.flatMap(([stage, rows]) => rows.map(([task, , due]) => [stage, task, new Date(`${due} 2025 12:00Z`).toISOString().slice(0, 10)])).sort());
  });

  test('the city\'s work plan kept as one table per phase: each task stored with its phase and goal', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Phased plan document', sourceKind: 'file' });
    const file = await writeDocument(files.path('Phased plan.docx'), cityPhasesDocument());
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
    expect([r.accepted, r.rejected]).toEqual([CITY_PLAN.length, []]);
    const stored: unknown[][] = [];
    for await (const row of store.rows('workplan', { sourceIds: [principal.id] })) stored.push([row.values.phase, row.values.goal, row.values.task]);
    expect(stored.sort()).toEqual(CITY_PLAN.map(([phase, goal, task]) => [`Phase ${phase} (${CITY_PHASE_YEARS[phase]})`, goal, task]).sort());
  });

  test('a milestone calendar\'s partnership check boxes are stored as yes and no', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Milestones document', sourceKind: 'file' });
    const file = await writeDocument(files.path('Milestones.docx'), paragraph('2026 Timeline', 'Heading1') + table([
      ['Date', 'Milestones', 'Team', 'City partnership opportunity'],
      ['3/15/2026', 'Community leaders forum', 'ODE', { xml: `<w:p>${checkBox(true)}</w:p>` }],
      ['6/1/2026', 'Implementation Team named', 'ODE', { xml: `<w:p>${checkBox(false)}</w:p>` }],
    ], 1));
    const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-01T10:00:00Z') }));
    expect([r.accepted, r.rejected]).toEqual([2, []]);
    const stored = new Map<unknown, unknown>();
    for await (const row of store.rows('milestones', { sourceIds: [principal.id] })) stored.set(row.values.milestone, row.values.partnership);
    expect(Object.fromEntries(stored)).toEqual({ 'Community leaders forum': true, 'Implementation Team named': false });
  });
});
