// The changes workbook printed by LibreOffice: a row whose text wraps is as tall as its lines, with no spare line
// under them, so the rows of a page read evenly spaced.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changesWorkbookPlan } from '../../../sync/changes/changes-workbook';
import type { ChangesReport } from '../../../sync/changes/changes-schema';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { pdfWords } from '../../support/pdf';

/** What each received request's line says after its tag: one line, two, four. */
const LABELS = [
  'County Health',
  'Department of Housing and Community Development, asking for a budget equity tool review',
  'Department of Housing and Community Development, asking for a review of the budget equity tool, a training for program staff, and a follow-up session with the department heads before the May Revise',
  'City of Eureka',
  'County Health',
];
const tag = (i: number) => `Q${100 + i}`;

const report: ChangesReport = {
  since: '2026-11-05', until: '2026-12-03',
  requests: {
    received: LABELS.map((label, i) => ({ sourceId: 's', sourceName: 'City plan', table: 'requests' as const, rowId: `r${i}`, label: `${tag(i)} ${label}`, on: '2026-11-10' })),
    fulfilled: [], closed: [], wentOverdue: [], dateNotRecorded: 0,
  },
  workplan: [],
  milestones: { done: [], missed: [] },
  removed: [],
  dataQuality: { rejected: [], fixed: [] },
  sources: [],
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'changes-print-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

it('prints a wrapped row as tall as its lines: each line past the first adds no more room than the line takes', async () => {
  const file = join(dir, 'changes.xlsx');
  await writeFile(file, await writeWorkbookToBuffer(changesWorkbookPlan(report)));
  const words = await pdfWords(await convertToPdf(file, dir), 1);
  const tops = LABELS.map((_, i) => words.find((w) => w.text === tag(i))!.top);
  const what = words.find((w) => w.text === tag(0))!.left;
  // A line's pitch as LibreOffice sets it, from the wrapped lines of the longest text; a row's, from the one-line rows.
  const lineTops = [...new Set(words.filter((w) => w.left >= what - 1 && w.top >= tops[2] - 1 && w.top < tops[3] - 1).map((w) => Math.round(w.top * 10) / 10))].sort((a, b) => a - b);
  expect(lineTops.length).toBe(4);
  const linePitch = (lineTops[3] - lineTops[0]) / 3;
  const rowPitch = tops[4] - tops[3];
  for (const [row, lines] of [[1, 2], [2, 4]] as const) {
    const spare = tops[row + 1] - tops[row] - rowPitch - (lines - 1) * linePitch;
    // Under a tenth of a line per line past the first: a whole first line's height for each left more.
    expect(spare / (lines - 1) / linePitch, `row ${tag(row)}: spare room per wrapped line, in lines`).toBeLessThan(0.1);
  }
}, 120_000);
