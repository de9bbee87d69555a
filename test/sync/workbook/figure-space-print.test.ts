// A date or number keeps its space on the right on paper, in LibreOffice too, whatever the cell to its left holds:
// LibreOffice dropped the indent of a figure drawn after a figure of another number format ("2026-12-10Met").
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import type { SheetPlan } from '../../../shared/workbook-plan';
import { writeWorkbookToBuffer } from '../../../sync/workbook/write-workbook';
import { convertToPdf } from '../../support/libreoffice';
import { pdfWords } from '../../support/pdf';

it('prints a date after a count, and a count after a date, with the same space before the next column as with none beside it', async () => {
  const plan: SheetPlan = {
    name: 'Requests',
    columns: [
      { header: 'Request', width: 10 }, { header: 'Days open', width: 9, type: 'number', numFmt: '0' },
      { header: 'SLA due', width: 12, type: 'date', numFmt: 'yyyy-mm-dd' }, { header: 'SLA', width: 10 },
      { header: 'Due', width: 12, type: 'date', numFmt: 'yyyy-mm-dd' }, { header: 'Hours', width: 9, type: 'number', numFmt: '0.0' },
      { header: 'Outcome', width: 14 },
    ],
    // Each figure follows text, then a figure of another format.
    rows: [
      ['alone', null, '2026-12-10', 'Met', null, 16, 'Delivered'],
      ['after', 3, '2026-12-10', 'Met', '2026-12-01', 16, 'Delivered'],
    ],
  };
  const dir = await mkdtemp(join(tmpdir(), 'figure-space-'));
  try {
    const file = join(dir, 'figures.xlsx');
    await writeFile(file, await writeWorkbookToBuffer({ title: 'Figures', sheets: [plan] }));
    const words = await pdfWords(await convertToPdf(file, dir), 1);
    const rowOf = (label: string) => {
      const top = words.find((w) => w.text === label)!.top;
      return words.filter((w) => Math.abs(w.top - top) < 2);
    };
    const gap = (row: ReturnType<typeof rowOf>, figure: string, next: string) => row.find((w) => w.text === next)!.left - row.find((w) => w.text === figure)!.right;
    const alone = rowOf('alone');
    const after = rowOf('after');
    expect(gap(alone, '2026-12-10', 'Met')).toBeGreaterThan(3);
    expect(gap(after, '2026-12-10', 'Met')).toBeCloseTo(gap(alone, '2026-12-10', 'Met'), 0);
    expect(gap(after, '16.0', 'Delivered')).toBeCloseTo(gap(alone, '16.0', 'Delivered'), 0);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
