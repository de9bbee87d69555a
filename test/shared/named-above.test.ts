// A value a printed plan states once above its table ("Lead: … unless noted"), for its rows' blank cells.
import { expect, it } from 'vitest';
import { TABLES, type CellInput } from '../../shared';
import { namedAbove } from '../../shared/named-above';

const lead = (table: keyof typeof TABLES, lines: CellInput[][]) => namedAbove(TABLES[table], lines).taken.map((n) => [n.column.name, n.value, n.row]);

it('reads the value a line above names for a column, by its header or an alias, without "unless noted"', () => {
  expect(lead('workplan', [['Work plan 2026-2029'], ['Lead: Office of Diversity & Equity unless noted']])).toEqual([['lead', 'Office of Diversity & Equity', 1]]);
  expect(lead('workplan', [['Owner: Planning Department (unless otherwise noted).']])).toEqual([['lead', 'Planning Department', 0]]);
  expect(lead('roadmap', [['', 'Responsible: Member services, except where noted']])).toEqual([['lead', 'Member services', 0]]);
});

it('takes nothing from a line that names no such column, no value, or two lines naming different values', () => {
  expect(lead('workplan', [['Prepared by: Office of Diversity & Equity'], ['Lead:'], ['Lead: unless noted']])).toEqual([]);
  expect(lead('workplan', [['Lead: Planning'], ['Lead: Parks']])).toEqual([]);
  expect(namedAbove(TABLES.workplan, [['Lead: Planning'], ['Lead: Parks']]).differing.map((named) => named.map((n) => [n.value, n.row]))).toEqual([[['Planning', 0], ['Parks', 1]]]);
  expect(lead('workplan', [['Lead: Planning'], ['lead: planning unless noted']])).toEqual([['lead', 'Planning', 0]]);
  // Milestones and requests have no column a line above may fill.
  expect(lead('milestones', [['Lead: Office of Diversity & Equity']])).toEqual([]);
  expect(lead('requests', [['Lead: Office of Diversity & Equity']])).toEqual([]);
});

it('ends the value where the line goes on to other things, as a plan pasted as a paragraph does', () => {
  // The city plan's own words: the lead and the vision in one paragraph.
  const paragraph = 'Lead: Office of Diversity & Equity unless noted. Vision: a draft citywide Racial Equity Action Plan to Council by the end of 2027.';
  expect(lead('workplan', [[paragraph]])).toEqual([['lead', 'Office of Diversity & Equity', 0]]);
  expect(lead('workplan', [['Lead: Planning Department; Budget: $54,000 remaining']])).toEqual([['lead', 'Planning Department', 0]]);
  expect(lead('workplan', [['Lead: Office of Racial Equity\nStatus legend: Completed · In progress · Not started']])).toEqual([['lead', 'Office of Racial Equity', 0]]);
  // The whole paragraph as the plan prints it: the lead is its second statement, not its first.
  const goalsFirst = 'Goals: Structural Equity Alignment · Measurement and Reporting (cross-cutting). Lead: Office of Diversity & Equity unless noted. Vision: a draft citywide Racial Equity Action Plan to Council by the end of 2027.';
  expect(lead('workplan', [[goalsFirst]])).toEqual([['lead', 'Office of Diversity & Equity', 0]]);
  // A period inside a name is no end.
  expect(lead('roadmap', [['Owner: Dept. of Public Works']])).toEqual([['lead', 'Dept. of Public Works', 0]]);
});

it('reads a label and its value laid out in two cells, as a block of details above a table is', () => {
  expect(lead('workplan', [['Lead:', 'Office of Diversity & Equity (unless noted)'], ['Period:', 'FY 2025-26']])).toEqual([['lead', 'Office of Diversity & Equity', 0]]);
  expect(lead('roadmap', [['Owner:', null, ' Member services ']])).toEqual([['lead', 'Member services', 0]]);
  // A label with nothing after it, or another label after it, names nothing.
  expect(lead('workplan', [['Lead:', 'Vision: a citywide plan']])).toEqual([]);
  expect(lead('workplan', [['Lead:', 2026]])).toEqual([]);
});
