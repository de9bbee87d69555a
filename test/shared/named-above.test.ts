// A value a printed plan states once above its table ("Lead: … unless noted"), for its rows' blank cells.
import { expect, it } from 'vitest';
import { TABLES } from '../../shared';
import { namedAbove } from '../../shared/named-above';

const lead = (table: keyof typeof TABLES, lines: string[][]) => namedAbove(TABLES[table], lines).map((n) => [n.column.name, n.value, n.row]);

it('reads the value a line above names for a column, by its header or an alias, without "unless noted"', () => {
  expect(lead('workplan', [['Work plan 2026-2029'], ['Lead: Office of Diversity & Equity unless noted']])).toEqual([['lead', 'Office of Diversity & Equity', 1]]);
  expect(lead('workplan', [['Owner: Planning Department (unless otherwise noted).']])).toEqual([['lead', 'Planning Department', 0]]);
  expect(lead('roadmap', [['', 'Responsible: Member services, except where noted']])).toEqual([['lead', 'Member services', 0]]);
});

it('takes nothing from a line that names no such column, no value, or two lines naming different values', () => {
  expect(lead('workplan', [['Prepared by: Office of Diversity & Equity'], ['Lead:'], ['Lead: unless noted']])).toEqual([]);
  expect(lead('workplan', [['Lead: Planning'], ['Lead: Parks']])).toEqual([]);
  expect(lead('workplan', [['Lead: Planning'], ['lead: planning unless noted']])).toEqual([['lead', 'Planning', 0]]);
  // Milestones and requests have no column a line above may fill.
  expect(lead('milestones', [['Lead: Office of Diversity & Equity']])).toEqual([]);
  expect(lead('requests', [['Lead: Office of Diversity & Equity']])).toEqual([]);
});
