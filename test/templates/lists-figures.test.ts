// Which Lists figures the templates' own formulas read: words typed there ("two weeks") are written back as a number
// only where a formula reads the cell, so the definition's `inFormulas` must say what the formulas do.
import { describe, expect, it } from 'vitest';
import { LIST_PLACEMENTS, SETTINGS, listRange, settingRef, type SettingKey } from '../../shared/lists';
import { isFormulaCell, type PlanCell } from '../../shared/workbook-plan';
import { buildTemplatePlan, TEMPLATE_NAMES } from '../../templates/build-template';

const formulas = TEMPLATE_NAMES.flatMap((name) =>
  buildTemplatePlan(name, { sample: 3, asOf: '2026-06-01' }).sheets.flatMap((sheet) =>
    [...(sheet.rows as Iterable<readonly PlanCell[]>)].flatMap((row) => row.flatMap((c) => (isFormulaCell(c) ? [c.formula] : [])))));

describe('the Lists figures the formulas read', () => {
  it('finds formulas to look in', () => {
    expect(formulas.length).toBeGreaterThan(100);
  });

  it.each(Object.keys(SETTINGS) as SettingKey[])('setting %s is read by a formula exactly when its definition says so', (key) => {
    expect(formulas.some((f) => f.includes(settingRef(key))), key).toBe(SETTINGS[key].figures.inFormulas);
  });

  it.each(LIST_PLACEMENTS.filter((p) => p.block.paired?.figures).map((p) => [p.block.key, p] as const))('the figures of list %s are read by a formula exactly when its definition says so', (_, p) => {
    expect(formulas.some((f) => f.includes(listRange(p.block.key, true)))).toBe(p.block.paired!.figures!.inFormulas);
  });
});
