// A template filled with sample rows prints its words whole, as the master does: narrowed to print one page wide,
// the work plan's Phase printed "Operationali" over "ze" and its Unit "department" over "s".
import { describe, expect, it } from 'vitest';
import { LONGEST_WORD_KEPT, printedColumns } from '../../shared/pages-wide';
import { wordColumnWidth } from '../../shared/printed-text';
import { shownText } from '../../shared/row-heights';
import type { PlanCell } from '../../shared/workbook-plan';
import { buildTemplatePlan, localToday, TEMPLATE_NAMES } from '../../templates/build-template';

const asOf = localToday();

describe.each(TEMPLATE_NAMES)('template %s with 20 sample rows', (name) => {
  it('prints each wrapped column at least as wide as its widest word (up to a long word\'s width)', () => {
    const plan = buildTemplatePlan(name, { sample: 20, asOf });
    const data = plan.sheets[0];
    const columns = printedColumns(data);
    const rows = [...(data.rows as Iterable<readonly PlanCell[]>)];
    columns.forEach((c, i) => {
      if (!c.wrap || c.hidden) return;
      for (const row of rows) {
        const text = shownText(row[i]);
        if (text) expect(c.width, `${c.header}: "${text}"`).toBeGreaterThanOrEqual(Math.min(wordColumnWidth(text), LONGEST_WORD_KEPT));
      }
    });
  });
});
