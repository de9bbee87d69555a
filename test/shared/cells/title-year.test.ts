// The year a sheet's title or tab name gives its dates written without one.
import { expect, it } from 'vitest';
import { readTable, TABLES, titleYear } from '../../../shared';

it('finds the one year named by the title rows or the sheet name, and none when they name several', () => {
  expect(titleYear('2024 Timeline', [])).toBe(2024);
  expect(titleYear('Milestones', [['City of Fresno — Racial Equity Milestones 2025', null]])).toBe(2025);
  expect(titleYear('Milestones', [['Plan 2023–2024']])).toBeUndefined();
  expect(titleYear('Sheet1', [['Milestones', 12024]])).toBeUndefined();
});

it('is read with the table, from the rows above its header', () => {
  const grid = [['2024 Milestone Calendar'], [], ['Date', 'Milestone'], ['Jan 26', 'Council study session']];
  expect(readTable(TABLES.milestones, 'Calendar', grid).titleYear).toBe(2024);
  expect(readTable(TABLES.milestones, 'Calendar', grid.slice(2)).titleYear).toBeUndefined();
});
