// A header with a dash inside parentheses ("Average satisfaction (1-5)"), printed in LibreOffice: it wraps at its
// spaces, never after the dash, which left "(1-" at a line's end and "5)" alone under it.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { headerWordsFit, keepsRightHeaderIndent } from '../../../shared/printed-text';
import { capacitySheet, fulfillmentSheet } from '../../../sync/master/breakdown-sheets';
import { aggregateMetrics } from '../../../sync/metrics/aggregate-metrics';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { pdfPageTexts, pdfWords } from '../../support/pdf';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-breakdown-headers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const metrics = aggregateMetrics({
  requests: ['2026-10-02', '2026-11-05'].map((receivedOn, i) => ({ sourceId: 's', sourceName: 'Log', rowId: `r${i}`, values: { receivedOn, requesterOrg: 'City of Riverside', status: 'New' } })),
}, { asOf: '2026-12-06', rules: DEFAULT_RULES });
const sheets = [fulfillmentSheet(metrics), capacitySheet(metrics)];
const written = async () => {
  const file = join(dir, 'breakdowns.xlsx');
  await writeFile(file, await writeWorkbookToBuffer({ title: 'Breakdowns', sheets }));
  return file;
};

it('writes each header with a dash or slash in a column wide enough to wrap it at its spaces only', async () => {
  const book = await new ExcelJS.Workbook().xlsx.readFile(await written());
  const checked: string[] = [];
  for (const ws of book.worksheets) {
    ws.getRow(1).eachCell((cell, column) => {
      const header = String(cell.value);
      if (!/[-/\u2010\u2013]/.test(header)) return;
      const width = ws.getColumn(column).width!;
      const fits = cell.alignment?.horizontal === 'right' ? keepsRightHeaderIndent(header, width) : headerWordsFit(header, width);
      checked.push(`${header}: ${fits}`);
    });
  }
  expect(checked).toContain('Average satisfaction (1-5): true');
  expect(checked.filter((h) => !h.endsWith(': true'))).toEqual([]);
});

it('prints "Average satisfaction (1-5)" on the Fulfillment sheet with "(1-5)" whole', async () => {
  const pdf = await convertToPdf(await written(), dir);
  // The sheet prints two pages across: the page that holds the header.
  const page = (await pdfPageTexts(pdf)).findIndex((text) => text.includes('satisfaction')) + 1;
  expect(page).toBeGreaterThan(0);
  expect((await pdfWords(pdf, page)).map((w) => w.text)).toContain('(1-5)');
}, 180_000);
