// `import` of an OpenDocument presentation's tables (.odp, as LibreOffice Impress saves a deck): each slide's table a
// sheet named after the slide's title as a PowerPoint deck's is, in the deck's order, merged cells given to every row
// they span, a table carried over to the next slide continuing its sheet.
import { afterAll, describe, expect, test } from 'vitest';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { ASSOCIATION_ROADMAP } from '../../fixtures/messy/source-plans';
import { storeBackends } from '../../support/store-backends';
import { ODP, slidePage, slideTableFrame, slideTextBox, titleFrame, writeOpenDocument, type OdsCell, type OdsRow } from './opendocument-files';
import { expectRoadmapStored } from './slide-files';
import { tempFolder } from './workbook-files';

const backends = storeBackends('ingest_odp');
const files = tempFolder('odp');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

/** The association's roadmap as Impress keeps it: each focus area and kind merged down over its actions (`number-rows-spanned`, then covered cells). */
function roadmapTable(rows = ASSOCIATION_ROADMAP, y?: string): string {
  const same = (i: number, j: number, column: 0 | 1) => rows[j]?.[column] === rows[i]![column] && (column === 0 || rows[j]?.[0] === rows[i]![0]);
  const merged = (i: number, column: 0 | 1): OdsCell => {
    if (same(i, i - 1, column)) return { covered: true };
    let n = 1;
    while (same(i, i + n, column)) n++;
    return n > 1 ? { attributes: `table:number-rows-spanned="${n}"`, text: rows[i]![column] } : rows[i]![column];
  };
  return slideTableFrame([['Focus area', 'Kind', 'Action'], ...rows.map((r, i): OdsRow => [merged(i, 0), merged(i, 1), r[2]])], y);
}

const milestonesTable = (y?: string) => slideTableFrame([['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum']], y);
const roadmapRows = (rows = ASSOCIATION_ROADMAP) => [['Focus area', 'Kind', 'Action'], ...rows.map((r) => [...r])];

const grids = async (pages: string) => (await readWorkbookGrids(await writeOpenDocument(files.path('x.odp'), pages, ODP, 'office:presentation'))).map((g) => [g.name, g.grid]);

describe('an OpenDocument presentation\'s tables read as sheets', () => {
  test('each slide\'s table a sheet named after the slide\'s title frame, in the deck\'s order; merged down, its value in every row; merged across, in its first column; notes not read', async () => {
    const merges = slideTableFrame([['Lead', 'Due', 'Notes'], [{ attributes: 'table:number-columns-spanned="2"', text: 'Office of Diversity & Equity' }, { covered: true }, { xml: '<text:p> First<text:tab/>line</text:p><text:p>second<text:line-break/>third</text:p>' }]]);
    const read = await grids(slidePage('page1', titleFrame('Equity Roadmap') + roadmapTable(), 'Say the board adopted it.\nTable 9') + slidePage('page2', titleFrame('2026 Milestones') + milestonesTable()) + slidePage('page3', merges));
    expect(read).toEqual([
      ['Equity Roadmap', roadmapRows()],
      ['2026 Milestones', [['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum']]],
      ['Table 3', [['Lead', 'Due', 'Notes'], ['Office of Diversity & Equity', null, 'First line\nsecond\nthird']]],
    ]);
  });

  test('a slide with no title frame names its table after its topmost one-line text box above the table, wherever written and in whatever unit', async () => {
    const read = await grids(
      slidePage('page1', slideTextBox('Tools each department uses to weigh equity,\nadopted by the board in May.', '0.2cm') + milestonesTable('3cm') + slideTextBox('Advancing Equity Roadmap: Tools', '0.25in') + slideTextBox('Source: city plan', '17cm'))
      + slidePage('page2', slideTextBox('Source: city plan', '17cm') + milestonesTable())
      + slidePage('page3', slideTextBox('Equity Roadmap', '1cm') + slideTextBox('Milestones', '7cm') + milestonesTable('4cm') + milestonesTable('9cm')),
    );
    expect(read.map(([name]) => name)).toEqual(['Advancing Equity Roadmap Tools', 'Table 2', 'Equity Roadmap', 'Equity Roadmap (2)']);
  });

  test('a table carried over to the next slide under the same title, or its title "(continued)", continues its sheet after a blank row', async () => {
    const [first, second] = [ASSOCIATION_ROADMAP.slice(0, 6), ASSOCIATION_ROADMAP.slice(6)];
    const read = await grids(slidePage('page1', titleFrame('Equity Roadmap') + roadmapTable(first)) + slidePage('page2', titleFrame('Equity Roadmap (continued)') + roadmapTable(second)) + slidePage('page3', titleFrame('Milestones') + milestonesTable()));
    expect(read).toEqual([['Equity Roadmap', [...roadmapRows(first), [], ...roadmapRows(second)]], ['Milestones', [['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum']]]]);
  });

  test('a deck with no table, and a template (.otp), are named for what they are', async () => {
    const prose = await writeOpenDocument(files.path('talk.odp'), slidePage('page1', titleFrame('Our equity journey') + slideTextBox('Thank you', '5cm')), ODP, 'office:presentation');
    const error = await readWorkbookGrids(prose).catch((e: unknown) => e);
    expect(isErrorType(error, ImportError)).toBe(true);
    expect(error).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/talk\.odp is an OpenDocument presentation with no table in it: only its slides' tables are read/) });
    const template = await writeOpenDocument(files.path('deck.otp'), slidePage('page1', titleFrame('Milestones') + milestonesTable()), `${ODP}-template`, 'office:presentation');
    expect((await readWorkbookGrids(template)).map((g) => g.name)).toEqual(['Milestones']);
  });
});

describe.each(backends)('import of an OpenDocument presentation on $name', (backend) => {
  test('the association\'s roadmap slide is stored row by row, each action with its focus area and kind', async () => {
    const file = await writeOpenDocument(files.path('Roadmap.odp'), slidePage('page1', titleFrame('Our equity journey')) + slidePage('page2', titleFrame('Equity Roadmap') + roadmapTable()), ODP, 'office:presentation');
    await expectRoadmapStored(await backend.open(), file);
  });
});
