// The report's PDF is printed on the paper the shared PAPERS list defines, upright, so paper sizes have one
// definition: here a Letter sheet of another size stands in for a change to that list.
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { annualReport } from '../../../sync/report/annual-report';
import { reportPdf } from '../../../sync/report/report-pdf';
import { reportService, type ReportService } from '../dashboard/report-service';
import { tempFolder } from '../ingest/workbook-files';
import { AS_OF } from '../metrics/demand-rows';

const PAPER = vi.hoisted(() => ({ width: 12, height: 9 }));
vi.mock('../../../shared/workbook-plan', async (original) => {
  const actual = await original<typeof import('../../../shared/workbook-plan')>();
  return { ...actual, PAPERS: { ...actual.PAPERS, letter: PAPER } };
});

let svc: ReportService;
beforeAll(async () => {
  svc = await reportService();
});
afterAll(async () => svc?.close());

describe('the report\'s PDF', () => {
  it('is printed on the Letter paper of the shared PAPERS list, upright', async () => {
    const folder = tempFolder('report-paper');
    try {
      const file = folder.path('report.pdf');
      await writeFile(file, await reportPdf(await annualReport(svc.seeded.store, { year: 2024, asOf: AS_OF, rules: DEFAULT_RULES })));
      const { stdout } = await promisify(execFile)('pdfinfo', [file]);
      const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(stdout)!;
      expect([Math.round(Number(width)), Math.round(Number(height))]).toEqual([PAPER.height * 72, PAPER.width * 72]);
    } finally {
      folder.cleanup();
    }
  }, 120_000);
});
