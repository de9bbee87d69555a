// `import` of a PowerPoint file's tables (.pptx), as offices present their roadmaps and early actions on slides: each
// slide's table a sheet named after the slide's title, in the deck's order, merged cells as a Word table's read.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { readWorkbookGrids } from '../../../sync/ingest/workbook-grid';
import { ASSOCIATION_ROADMAP } from '../../fixtures/messy/source-plans';
import { storeBackends } from '../../support/store-backends';
import { expectRoadmapStored, placeholder, slideTable, STRICT_RELATIONSHIPS, textBox, writePresentation, type SlideCell } from './slide-files';
import { tempFolder } from './workbook-files';

const backends = storeBackends('ingest_pptx');
const files = tempFolder('pptx');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

/** The association's roadmap as its slide has it: each focus area and kind merged down over its actions (`rowSpan`, then `vMerge`). */
function roadmapTable(rows = ASSOCIATION_ROADMAP): string {
  const span = (i: number, column: 0 | 1) => {
    let n = 1;
    while (rows[i + n]?.[column] === rows[i]![column] && (column === 0 || rows[i + n]![0] === rows[i]![0])) n++;
    return n;
  };
  const merged = (i: number, column: 0 | 1): SlideCell => {
    const before = rows[i - 1];
    const same = before?.[column] === rows[i]![column] && (column === 0 || before?.[0] === rows[i]![0]);
    if (same) return { vMerge: true };
    const n = span(i, column);
    return n > 1 ? { text: rows[i]![column], rowSpan: n } : rows[i]![column];
  };
  return slideTable([['Focus area', 'Kind', 'Action'], ...rows.map((r, i) => [merged(i, 0), merged(i, 1), r[2]])]);
}

const milestonesTable = (y?: number) => slideTable([['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum']], y);

const grids = async (slides: string[], order?: number[]) => (await readWorkbookGrids(await writePresentation(files.path('x.pptx'), slides, order))).map((g) => [g.name, g.grid]);

describe('a PowerPoint file\'s tables read as sheets', () => {
  test('each slide\'s table a sheet named after the slide\'s title, in the order the deck shows them, merged cells given to every row they span', async () => {
    const read = await grids([placeholder('2026 Milestones') + milestonesTable(), placeholder('Equity Roadmap', 'ctrTitle') + placeholder('Adopted by the board in May.', 'body') + roadmapTable()], [1, 0]);
    expect(read).toEqual([
      ['Equity Roadmap', [['Focus area', 'Kind', 'Action'], ...ASSOCIATION_ROADMAP.map((r) => [...r])]],
      ['2026 Milestones', [['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum']]],
    ]);
  });

  test('a cell\'s text as PowerPoint shows it: paragraphs and breaks as lines, a field\'s text; merged across, in its first column; a slide with no title is "Table N"', async () => {
    const [[name, grid]] = await grids([slideTable([
      ['Notes', 'Lead', 'Due'],
      [
        { xml: '<a:txBody><a:bodyPr/><a:p><a:r><a:t>First line</a:t></a:r><a:br/><a:r><a:t>second</a:t></a:r></a:p><a:p><a:r><a:t>Owner:\tODE</a:t></a:r></a:p><a:p/></a:txBody>' },
        { text: 'Office of Diversity & Equity', gridSpan: 2 },
        { hMerge: true },
      ],
      ['Updated', { xml: '<a:txBody><a:bodyPr/><a:p><a:fld id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}" type="datetime1"><a:t>3/15/2026</a:t></a:fld></a:p></a:txBody>' }, null],
    ])]);
    expect(name).toBe('Table 1');
    expect(grid).toEqual([['Notes', 'Lead', 'Due'], ['First line\nsecond\nOwner: ODE', 'Office of Diversity & Equity', null], ['Updated', '3/15/2026', null]]);
  });

  test('a slide with no title placeholder names its table after its topmost one-line text box above the table', async () => {
    const read = await grids([
      // Written after the table, placed above it; the prose above it is no title, the footer below it none either.
      textBox('Tools each department uses to weigh equity in its decisions,\nadopted by the board in May.', 100000)
        + textBox(`Tools each department uses to weigh equity in its decisions, adopted by the board in May ${'and reviewed '.repeat(4)}`, 200000) + milestonesTable() + textBox('Advancing Equity Roadmap: Tools', 360000) + textBox('Source: city plan', 6000000),
      textBox('Source: city plan', 6000000) + milestonesTable(),
      textBox('Equity Roadmap', 360000) + textBox('Milestones', 2500000) + milestonesTable(1440000) + milestonesTable(3000000),
    ]);
    // A sheet's name holds no colon: it is a space, as in any title (`excelSheetName`).
    expect(read.map(([name]) => name)).toEqual(['Advancing Equity Roadmap Tools', 'Table 2', 'Equity Roadmap', 'Equity Roadmap (2)']);
  });

  test('the slides are listed by the relationships namespace, whatever prefix the deck binds it to', async () => {
    for (const relationships of [{ prefix: 'rel', uri: STRICT_RELATIONSHIPS }, { prefix: 'r', uri: STRICT_RELATIONSHIPS }, { prefix: 'rel', uri: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships' }]) {
      const file = await writePresentation(files.path('strict.pptx'), [placeholder('Milestones') + milestonesTable()], undefined, relationships);
      expect((await readWorkbookGrids(file)).map((g) => g.name), relationships.prefix).toEqual(['Milestones']);
    }
  });

  test('a table carried over to the next slide under the same title, or its title "(continued)", continues its sheet after a blank row', async () => {
    const [first, second] = [ASSOCIATION_ROADMAP.slice(0, 6), ASSOCIATION_ROADMAP.slice(6)];
    const read = await grids([placeholder('Equity Roadmap') + roadmapTable(first), placeholder('Equity Roadmap (continued)') + roadmapTable(second), placeholder('Milestones') + milestonesTable()]);
    expect(read.map(([name]) => name)).toEqual(['Equity Roadmap', 'Milestones']);
    expect(read[0]![1]).toEqual([['Focus area', 'Kind', 'Action'], ...first.map((r) => [...r]), [], ['Focus area', 'Kind', 'Action'], ...second.map((r) => [...r])]);
  });
});

async function refusal(file: string) {
  const error = await readWorkbookGrids(file).catch((e: unknown) => e);
  expect(isErrorType(error, ImportError)).toBe(true);
  return error as ImportError;
}

describe('PowerPoint files that cannot be read', () => {
  test('a deck with no table, one cut short, and a .ppt or a .pptx with a password are refused in one line saying what to do', async () => {
    const prose = await writePresentation(files.path('talk.pptx'), [placeholder('Our equity journey') + placeholder('Thank you', 'body')]);
    expect(await refusal(prose)).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/talk\.pptx is a PowerPoint file with no table in it: only its slides' tables are read/) });
    const bytes = await readFile(await writePresentation(files.path('deck.pptx'), [placeholder('Equity Roadmap') + roadmapTable()]));
    await writeFile(files.path('cut.pptx'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    expect(await refusal(files.path('cut.pptx'))).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/cut\.pptx is a zip file but not a readable PowerPoint file \(damaged or cut short\)/) });
    // A .ppt and a .pptx protected by a password begin as an .xls does (a compound file): named by the file's name.
    const compound = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    for (const name of ['board.ppt', 'locked.pptx']) {
      await writeFile(files.path(name), compound);
      expect(await refusal(files.path(name)), name).toMatchObject({ code: 'not-a-workbook', message: expect.stringMatching(/is an older PowerPoint \(\.ppt\) file or one protected by a password: in PowerPoint, save it as \.pptx/) });
    }
  });
});

describe.each(backends)('import of a PowerPoint file on $name', (backend) => {
  test('the association\'s roadmap slide is stored row by row, each action with its focus area and kind', async () => {
    await expectRoadmapStored(await backend.open(), await writePresentation(files.path('Roadmap.pptx'), [placeholder('Our equity journey', 'ctrTitle'), placeholder('Equity Roadmap') + roadmapTable()]));
  });
});
