// The dashboard's "Since the last meeting" section on paper: a month of changes, lists longer than what is left
// of a page, prints without leaving pages mostly empty.
import { writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { ChangesReport } from '../../../sync/changes/changes-schema';
import { changesSection } from '../../../sync/dashboard/changes-section';
import { DASHBOARD_CSS } from '../../../sync/dashboard/dashboard-style';
import { pageHead } from '../../../sync/dashboard/html-text';
import { withChromium } from '../../support/chromium';
import { halfEmptyPages } from '../../support/pdf';
import { tempFolder } from '../ingest/workbook-files';

const SOURCES = ['Racial Equity Commission — work plan', 'City of Riverside — TA intake'];
const rows = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => ({
  sourceId: `s${i % 2}`, sourceName: SOURCES[i % 2], table: 'requests' as const, rowId: `${prefix}${i}`,
  label: `TA-2026-${String(50 + i).padStart(4, '0')} Department of Housing and Community Development`, on: `2026-11-${String(6 + i).padStart(2, '0')}`,
}));

/** Two long lists side by side, then two more: each longer than what is left of the first page. */
const report: ChangesReport = {
  since: '2026-11-06', until: '2026-12-04',
  requests: { received: rows('r', 27), fulfilled: rows('f', 14), closed: rows('c', 15), wentOverdue: rows('o', 16) },
  workplan: [],
  milestones: { done: [], missed: [] },
  dataQuality: { rejected: [], fixed: [] },
  sources: [],
};

const page = `${pageHead('Changes', DASHBOARD_CSS)}<body><main>${changesSection({ report, sinceFrom: 'lookback', form: {}, keep: {}, action: '/dashboard' })}</main></body></html>`;

describe('the changes section on paper', () => {
  it.each(['Letter', 'A4'] as const)('prints on %s paper with no page but the last left more than half empty', async (paper) => {
    const folder = tempFolder('changes-print');
    try {
      const file = folder.path('changes.pdf');
      await withChromium(async (browser) => {
        const tab = await browser.newPage();
        await tab.setContent(page);
        const edge = '0.4in';
        await writeFile(file, await tab.pdf({ format: paper, margin: { top: edge, right: edge, bottom: edge, left: edge } }));
      });
      const { pages, halfEmpty } = await halfEmptyPages(file);
      expect(pages).toBeGreaterThan(1);
      expect(halfEmpty).toEqual([]);
    } finally {
      folder.cleanup();
    }
  }, 120_000);
});
