// The dropdowns and colors each data-sheet row gets, in a template and on the rows a sync makes ready.
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../shared/tables';
import { rowRules } from '../../templates/data-sheet';

const requests = TABLES.requests;
const columnOf = (field: string) => requests.columns.findIndex((c) => c.name === field) + 1 || undefined;
const { validations } = rowRules(requests, columnOf, { fromRow: 2, toRow: 60 });
const dropdown = (field: string) => validations.find((v) => v.column === columnOf(field));

describe('row rules of a data sheet', () => {
  it('warns at a Preferred channel the column once offered (Web form) instead of refusing it, and still refuses a Channel outside its list', () => {
    expect(dropdown('preferredChannel')).toMatchObject({ allowOther: true });
    expect(dropdown('channel')?.allowOther).toBeFalsy();
  });
});
