// The dropdowns and colors each data-sheet row gets, in a template and on the rows a sync makes ready.
import { describe, expect, it } from 'vitest';
import { listRange } from '../../shared/lists';
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

  it("points Preferred channel's dropdown at the Channel list it offered before, when the Lists sheet was made before Contact preference", () => {
    expect(dropdown('preferredChannel')?.list).toBe(listRange('contactPreference'));
    const older = rowRules(requests, columnOf, { fromRow: 2, toRow: 60 }, ['contactPreference']).validations;
    expect(older.find((v) => v.column === columnOf('preferredChannel'))).toMatchObject({ list: listRange('channel'), allowOther: true });
    expect(older.find((v) => v.column === columnOf('channel'))?.list).toBe(listRange('channel'));
  });
});
