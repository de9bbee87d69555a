// The table definitions give the compiler every field name: a misspelled one fails `npm run typecheck`
// (each `@ts-expect-error` below fails the typecheck if its line ever compiles), and the inferred types
// agree with the definitions at run time.
import { expect, expectTypeOf, it } from 'vitest';
import { CUSTOM_FUNCTIONS, customFunctionFields } from '../../shared/custom-functions';
import { defineTable, derivedColumn, derivedColumnOf, inputColumn, TABLES, TABLE_NAMES, type FieldOf, type RowOf } from '../../shared/tables';

it('infers each table\'s fields and row type from its definition', () => {
  expectTypeOf<FieldOf<'milestones'>>().toEqualTypeOf<'milestoneId' | 'date' | 'endOn' | 'milestone' | 'team' | 'partnership' | 'status'>();
  expectTypeOf<RowOf<'workplan'>['percentComplete']>().toEqualTypeOf<number | null>();
  expectTypeOf<RowOf<'workplan'>['partnership']>().toEqualTypeOf<boolean | null>();
  expectTypeOf<RowOf<'requests'>['receivedOn']>().toEqualTypeOf<string | null>();
  for (const name of TABLE_NAMES) expect(TABLES[name].name).toBe(name);
});

it('refuses misspelled field names at compile time', () => {
  // @ts-expect-error: no such field
  const row: Partial<RowOf<'requests'>> = { recievedOn: '2026-01-01' };
  // @ts-expect-error: no such field
  expect(() => inputColumn('requests', 'recievedOn').name).toThrow();
  // @ts-expect-error: no such derived column
  expect(derivedColumnOf('requests', 'slaStat')).toBeUndefined();
  expect(inputColumn('requests', 'receivedOn').type).toBe('date');
  expect(row).toBeDefined();
});

it('refuses a derived column reading a field it does not declare, or one the table does not have', () => {
  const column = derivedColumn({
    name: 'late', header: 'Late', type: 'text', width: 8,
    inputs: ['dueOn'],
    // @ts-expect-error: the formula may only point at declared inputs
    formula: (r) => `IF(${r.dueOn}<${r.fulfilledOn},"late","")`,
    compute: (v) => (v.dueOn === null ? null : 'late'),
  });
  const table = defineTable({
    name: 'requests', sheet: 'Requests', noun: 'request',
    columns: [{ name: 'fulfilledOn', header: 'Fulfilled', type: 'date', width: 10 }],
    // @ts-expect-error: `dueOn` is not a column of this table
    derived: [column],
  });
  expect(table.derived[0].inputs).toEqual(['dueOn']);
});

it('refuses a column naming a field the table does not have', () => {
  const table = defineTable({
    name: 'workplan', sheet: 'Work plan', noun: 'item',
    // @ts-expect-error: `start` is not a column of this table
    columns: [
      { name: 'startOn', header: 'Start', type: 'date', width: 10 },
      { name: 'endOn', header: 'End', type: 'date', notBefore: 'start', width: 10 },
    ],
    derived: [],
  });
  expect(table.columns[1].notBefore).toBe('start');
});

it('gives every custom function the inputs of the columns it returns, in their order', () => {
  const sla = CUSTOM_FUNCTIONS.find((fn) => fn.name === 'EQ_SLA')!;
  expect(customFunctionFields(sla)).toEqual(derivedColumnOf('requests', 'slaState').inputs);
  const milestone = CUSTOM_FUNCTIONS.find((fn) => fn.name === 'EQ_MILESTONE_STATUS')!;
  expect(customFunctionFields(milestone)).toEqual(['date', 'endOn', 'status']);
});
