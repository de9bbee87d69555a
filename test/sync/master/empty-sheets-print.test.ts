// A master workbook of a deployment with no rows yet, printed in LibreOffice: each breakdown and the Data quality
// sheet says in one line under its header why it is empty, rather than printing a header over nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { capacitySheet, demandSheet, targetsSheet } from '../../../sync/master/breakdown-sheets';
import { dataQualitySheet, NO_PROBLEMS } from '../../../sync/master/data-quality-sheet';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { pdfPageTexts } from '../../support/pdf';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-empty-master-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

it('prints each empty breakdown and an empty Data quality sheet as one page that says so in one line', async () => {
  const metrics = aggregateMetrics({}, { asOf: '2026-12-06', rules: DEFAULT_RULES });
  const file = join(dir, 'empty.xlsx');
  await writeFile(file, await writeWorkbookToBuffer({ title: 'Empty', sheets: [demandSheet(metrics), targetsSheet(metrics), dataQualitySheet([])] }));
  const pages = await pdfPageTexts(await convertToPdf(file, dir));
  const sheetOf = (text: string) => /^\s*(\S.*?)\s{2,}Page \d+ of \d+\s*$/m.exec(text)?.[1];
  expect(pages.map(sheetOf)).toEqual(['Demand', 'Targets', 'Data quality']);
  // Below the header and above the footer, a line of words: never a page of nothing under a header.
  for (const text of pages) {
    const body = text.split('\n').filter((line) => line.trim() && !/Page \d+ of \d+/.test(line)).slice(1);
    expect(body.join(' '), sheetOf(text)).toMatch(/\w+ \w+ \w+/);
  }
  // The Data quality note on one line, not wrapped into the narrow Source column.
  expect(pages[2].split('\n').some((line) => line.includes(NO_PROBLEMS))).toBe(true);
}, 180_000);

it('prints a Capacity sheet with no assignee yet with a line under its header that says so, above the weeks', async () => {
  const metrics = aggregateMetrics({}, { asOf: '2026-12-06', rules: DEFAULT_RULES });
  const file = join(dir, 'capacity.xlsx');
  await writeFile(file, await writeWorkbookToBuffer({ title: 'Empty', sheets: [capacitySheet(metrics)] }));
  const [page] = await pdfPageTexts(await convertToPdf(file, dir));
  // Under the header, before the summary of the weeks: not a header over a blank line.
  expect(page.indexOf('No request has an assignee')).toBeGreaterThan(page.indexOf('Assignee'));
  expect(page.indexOf('No request has an assignee')).toBeLessThan(page.indexOf('Over the last 12 weeks'));
}, 180_000);
