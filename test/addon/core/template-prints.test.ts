import { describe, expect, test } from 'vitest';
import { builtLayout } from '../../../addon/apps-script/built-layout';
import { measuredLayout } from '../../../addon/core/printed-layout';
import { addDays } from '../../../shared/cells/dates';
import type { PlanCell } from '../../../shared/workbook-plan';
import { contentTemplatePlan, templateContent, TEMPLATE_NAMES } from '../../../templates/build-template';

// The Sheets add-on sets a template's sheets up with layouts measured at build time; any day of set-up must get what
// measuring the sheet that day gives (the Excel add-in's layout, and the template file's widths).
const DAYS = [
  ...Array.from({ length: 160 }, (_, i) => addDays('2019-06-01', i * 23)),
  '2026-03-16', '2028-02-29', '2035-06-01', '2041-12-31',
];

describe('template layouts measured at build time', () => {
  test.each(TEMPLATE_NAMES)('%s: each sheet set up narrowed or evened gets the widths and row height measuring gives', (name) => {
    let compared = 0;
    for (const asOf of DAYS) {
      for (const sheet of contentTemplatePlan(name, templateContent, asOf).sheets) {
        const rows = [...(sheet.rows as Iterable<readonly PlanCell[]>)];
        const measured = measuredLayout(sheet, rows);
        const built = builtLayout(sheet, rows);
        expect([sheet.name, asOf, built.columns.map((c) => c.width), built.evenRowPoints]).toEqual([sheet.name, asOf, measured.columns.map((c) => c.width), measured.evenRowPoints]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(DAYS.length);
  });

  test('the work plan narrows differently as its statuses follow the day, and each day is measured', () => {
    const widths = new Set(DAYS.map((asOf) => JSON.stringify(builtLayout(contentTemplatePlan('workplan', templateContent, asOf).sheets[0], []).columns.map((c) => c.width))));
    expect(widths.size).toBeGreaterThan(1);
  });
});
