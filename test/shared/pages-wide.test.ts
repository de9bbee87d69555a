// The rule that narrows a table's text columns so it prints on as few pages across as a readable scale allows.
import { describe, expect, it } from 'vitest';
import { alignsRight, columnPx, READABLE_PAGE_PX, textColumn, type PlanColumn } from '../../shared/workbook-plan';
import { columnPagesWide, LONGEST_WORD_KEPT, narrowedToFewestPages } from '../../shared/pages-wide';
import { headerWordsFit, keepsRightHeaderIndent, printedLines, wordColumnWidth } from '../../shared/printed-text';

const shown = (columns: readonly PlanColumn[]) => columns.reduce((sum, c) => sum + (c.hidden ? 0 : columnPx(c.width)), 0);
const dates = (n: number): PlanColumn[] => Array.from({ length: n }, (_, i) => ({ header: `Day ${i + 1}`, width: 12, type: 'date' }));

describe('narrowedToFewestPages', () => {
  it('leaves columns that print one page wide already as they are', () => {
    const columns = [textColumn('Task', 48), ...dates(4)];
    expect(narrowedToFewestPages(columns, 1)).toBe(columns);
  });

  it('narrows only the wrapped columns, in one proportion, just enough to fit, none below its header\'s words', () => {
    const columns = [textColumn('Source', 22), textColumn('Task', 48), textColumn('Goal', 30), textColumn('Derived status', 20), textColumn('Notes', 32), ...dates(8)];
    expect(shown(columns)).toBeGreaterThan(READABLE_PAGE_PX);
    const narrowed = narrowedToFewestPages(columns, 1);
    expect(shown(narrowed)).toBeLessThanOrEqual(READABLE_PAGE_PX);
    narrowed.forEach((c, i) => {
      expect(c.width, c.header).toBeLessThanOrEqual(columns[i].width);
      expect(headerWordsFit(c.header, c.width), c.header).toBe(true);
      if (!c.wrap) expect(c, c.header).toEqual(columns[i]);
    });
    // As little as it takes: a character more in each wrapped column would not fit.
    expect(shown(narrowed.map((c) => (c.wrap ? { ...c, width: c.width + 1 } : c)))).toBeGreaterThan(READABLE_PAGE_PX);
  });

  it('narrows a table too wide for one page even at its narrowest to the fewest pages across, its leading columns repeated on each', () => {
    const columns = [textColumn('Source', 22), { header: 'ID', width: 14 }, textColumn('Description', 40), textColumn('Notes', 40), textColumn('Why', 40), ...dates(20)];
    expect(columnPagesWide(columns, 2)).toBe(3);
    const narrowed = narrowedToFewestPages(columns, 2);
    expect(columnPagesWide(narrowed, 2)).toBe(2);
    narrowed.forEach((c, i) => {
      expect(c.width, c.header).toBeLessThanOrEqual(columns[i].width);
      if (!c.wrap) expect(c, c.header).toEqual(columns[i]);
    });
    // As little as it takes: a character more in each wrapped column would print on three pages again.
    expect(columnPagesWide(narrowed.map((c) => (c.wrap ? { ...c, width: c.width + 1 } : c)), 2)).toBe(3);
  });

  it('narrows no column below about half its width, where its text would run to many short lines', () => {
    // Two pages across would take the texts to their narrowest, a quarter of their widths: it stays on three.
    const columns = [{ header: 'ID', width: 14 }, textColumn('Description', 40), textColumn('Notes', 32), textColumn('Why', 40), textColumn('Comment', 32), ...dates(24)];
    expect(columnPagesWide(columns, 1)).toBe(3);
    const narrowed = narrowedToFewestPages(columns, 1);
    expect(columnPagesWide(narrowed, 1)).toBe(3);
    narrowed.forEach((c, i) => expect(c.width, c.header).toBeGreaterThanOrEqual(Math.floor(columns[i].width * 0.45)));
  });

  it('narrows no wrapped column below its longest word, up to a cap past which a long token (a web address) breaks', () => {
    const holding = (header: string, width: number, longestWord: number): PlanColumn => ({ ...textColumn(header, width), longestWord });
    const plain = [textColumn('Source', 22), textColumn('Phase', 20), textColumn('Lead', 20), textColumn('Link', 30), textColumn('Task', 48), textColumn('Notes', 32), ...dates(8)];
    const words = [10, 15, 4, 60, 12, 12];
    const columns = plain.map((c, i) => (i < words.length ? holding(c.header, c.width, words[i]) : c));
    const narrowedPlain = narrowedToFewestPages(plain, 1);
    const narrowed = narrowedToFewestPages(columns, 1);
    // Without its words known, Phase is narrowed below its longest word.
    expect(narrowedPlain[1].width).toBeLessThan(15);
    expect(narrowed[1].width).toBeGreaterThanOrEqual(15);
    // A column of short words narrows as the others do; a link's words are kept only up to the cap.
    expect(narrowed[2].width).toBeLessThan(15);
    expect(narrowed[3].width).toBeLessThanOrEqual(Math.max(LONGEST_WORD_KEPT, Math.floor(30 * 0.99)));
    expect(narrowed[3].width).toBeGreaterThanOrEqual(LONGEST_WORD_KEPT);
    // Still on the fewest pages across, and as little narrowed as that takes.
    expect(columnPagesWide(narrowed, 1)).toBe(columnPagesWide(narrowedPlain, 1));
    expect(shown(narrowed)).toBeLessThanOrEqual(READABLE_PAGE_PX);
  });

  it('widens a wrapped column planned narrower than its longest word to that word, up to the cap', () => {
    const columns: PlanColumn[] = [{ ...textColumn('Phase', 10), longestWord: 15 }, { ...textColumn('Link', 12), longestWord: 60 }, { ...textColumn('Unit', 10), longestWord: 6 }, ...dates(3)];
    expect(narrowedToFewestPages(columns, 1).map((c) => c.width)).toEqual([15, LONGEST_WORD_KEPT, 10, 12, 12, 12]);
  });

  describe('with the cells\' texts known', () => {
    // An office's plan: one goal and one lead on every row, a task of a line or two each, a few notes.
    const rows = [
      ['Draft the Citywide Racial Equity Action Plan with community careholders co-authoring sections', ''],
      ['Require every department to submit a department equity action plan', ''],
      ['Expand the action plan to workforce equity, budgeting, procurement, contracting, grantmaking', ''],
      ['Require a Racial Equity Impact Statement with every fiscal statement on agenda items', 'Timeline: Year 1-2'],
      ['Develop and present a racial equity ordinance to Council', 'Timeline: After budget adoption'],
      ['Develop an Equity Evaluation Framework', ''],
    ];
    const byHeader: Record<string, string[]> = {
      Source: rows.map(() => 'City of Riverside ODE'), Task: rows.map((r) => r[0]), Goal: rows.map(() => 'Institutional Accountability and Shared Governance'),
      Lead: rows.map(() => 'Office of Diversity & Equity'), Notes: rows.map((r) => r[1]),
    };
    const planned = [textColumn('Source', 22), { header: 'ID', width: 9 }, textColumn('Task', 48), textColumn('Goal', 30), textColumn('Lead', 20), textColumn('Notes', 32), ...dates(8)]
      .map((c) => (byHeader[c.header] ? { ...c, longestWord: Math.max(...byHeader[c.header].filter(Boolean).map(wordColumnWidth)) } : c));
    const texts = planned.map((c) => byHeader[c.header]);
    /** Each row's lines, as tall as its tallest cell. */
    const rowLines = (columns: readonly PlanColumn[]) => rows.map((_, r) => Math.max(...columns.map((c, i) => (texts[i]?.[r] ? printedLines(texts[i]![r], c.width) : 1))));
    const total = (lines: number[]) => lines.reduce((a, n) => a + n, 0);

    it('shares the width of the narrowed columns by the lines their texts take: rows shorter than narrowed in one proportion, on as few pages', () => {
      const proportional = narrowedToFewestPages(planned, 2);
      const shared = narrowedToFewestPages(planned, 2, texts);
      expect(columnPagesWide(shared, 2)).toBe(columnPagesWide(proportional, 2));
      expect(shown(shared)).toBeLessThanOrEqual(READABLE_PAGE_PX);
      // The goal's four words took four lines on every row, taller than most tasks.
      expect(Math.max(...rowLines(proportional))).toBe(4);
      expect(Math.max(...rowLines(shared))).toBeLessThanOrEqual(3);
      expect(total(rowLines(shared))).toBeLessThan(total(rowLines(proportional)));
      shared.forEach((c, i) => {
        if (!c.wrap) expect(c, c.header).toEqual(planned[i]);
        else expect(c.width, c.header).toBeGreaterThanOrEqual(Math.min(planned[i].longestWord!, LONGEST_WORD_KEPT));
        expect(headerWordsFit(c.header, c.width), c.header).toBe(true);
      });
    });

    it('shares the width out and ends where a column\'s texts keep their lines however wide it grows: each cell broken into lines by its writer', () => {
      // Notes kept one line apart (a Timeline's days below a person's note): two lines at any width.
      const broken = texts.map((t, i) => (planned[i].header === 'Notes' ? t!.map((n) => `Room B\n${n || 'Timeline: Apr 7, 14 & 21, 2026'}`) : t));
      const shared = narrowedToFewestPages(planned, 2, broken);
      expect(columnPagesWide(shared, 2)).toBe(columnPagesWide(narrowedToFewestPages(planned, 2), 2));
      expect(shown(shared)).toBeLessThanOrEqual(READABLE_PAGE_PX);
    });

    it('prints the columns no row fills as narrow as their headers\' words and shares their room among the texts', () => {
      const figures: PlanColumn[] = [{ header: 'Target', width: 10, type: 'number' }, { header: 'Actual', width: 10, type: 'number' }];
      const withFigures = [...planned.slice(0, -2), ...figures];
      const empty = withFigures.map((c) => (c.header === 'ID' || c.type === 'number' ? { ...c, empty: true } : c));
      const figureTexts = withFigures.map((c) => byHeader[c.header]);
      const asPlanned = narrowedToFewestPages(withFigures, 2, figureTexts);
      const narrowed = narrowedToFewestPages(empty, 2, figureTexts);
      expect(columnPagesWide(narrowed, 2)).toBe(1);
      narrowed.forEach((c, i) => {
        if (!empty[i].empty) return;
        expect(c.width, c.header).toBeLessThan(withFigures[i].width);
        expect(alignsRight(c) ? keepsRightHeaderIndent(c.header, c.width) : headerWordsFit(c.header, c.width), c.header).toBe(true);
        // The narrowest its header allows.
        expect(alignsRight(c) ? keepsRightHeaderIndent(c.header, c.width - 1) : headerWordsFit(c.header, c.width - 1), c.header).toBe(false);
      });
      const lines = (columns: readonly PlanColumn[]) => total(rows.map((_, r) => Math.max(...columns.map((c, i) => (figureTexts[i]?.[r] ? printedLines(figureTexts[i]![r], c.width) : 1)))));
      expect(lines(narrowed)).toBeLessThan(lines(asPlanned));
    });

    it('leaves columns no row fills as they are where the columns print across pages: each page ends at a column\'s edge', () => {
      const wide = [...planned, ...dates(12)];
      const withEmpty = wide.map((c) => (c.header === 'ID' ? { ...c, empty: true } : c));
      const narrowed = narrowedToFewestPages(withEmpty, 2, wide.map((c) => byHeader[c.header]));
      expect(columnPagesWide(narrowed, 2)).toBeGreaterThan(1);
      expect(narrowed.map((c) => c.width)).toEqual(narrowedToFewestPages(wide, 2, wide.map((c) => byHeader[c.header])).map((c) => c.width));
    });

    it('leaves columns no row fills as they are where the columns print one page wide as planned', () => {
      const fitting = planned.filter((c) => c.type !== 'date').map((c) => (c.header === 'ID' ? { ...c, empty: true } : c));
      expect(columnPagesWide(fitting, 2)).toBe(1);
      expect(narrowedToFewestPages(fitting, 2, fitting.map((c) => byHeader[c.header])).find((c) => c.header === 'ID')!.width).toBe(9);
    });

    it('leaves columns that print on as few pages as planned at their planned widths', () => {
      const fitting = planned.filter((c) => c.type !== 'date');
      expect(columnPagesWide(fitting, 2)).toBe(1);
      expect(narrowedToFewestPages(fitting, 2, fitting.map((c) => byHeader[c.header])).map((c) => c.width)).toEqual(fitting.map((c) => Math.max(c.width, c.longestWord ?? 0)));
    });
  });

  it('leaves a table as it is when narrowing would not save a page across', () => {
    const columns = [textColumn('Source', 12), textColumn('Description', 12), ...dates(40)];
    expect(narrowedToFewestPages(columns, 1)).toBe(columns);
  });
});
