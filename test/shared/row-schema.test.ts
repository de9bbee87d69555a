// The row schema moved from classic zod to zod/mini to keep the Apps Script bundle small: every value
// either flavour refuses must be refused by the other with the very same message.
import path from 'node:path';
import vm from 'node:vm';
import { build } from 'esbuild';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { ISO_DATE } from '../../shared/cells/dates';
import { rowSchema } from '../../shared/row-schema';
import { FIELD_SHAPES } from '../../shared/shapes/built-shapes';
import { rowProblems } from '../../shared/validate-row';
import { TABLES, type InputColumn, type TableName } from '../../shared/tables';
import { realmOf, toRealm } from '../fakes/apps-script/realm';

/** The schema as it was written with classic zod before the move. */
function classicField(c: InputColumn): z.ZodType {
  switch (c.type) {
    case 'date': return z.string().regex(ISO_DATE, 'expected a date as YYYY-MM-DD');
    case 'number': return z.number().finite();
    case 'percent': return z.number().min(0).max(1);
    case 'rating': return z.number().int().min(1).max(5);
    case 'boolean': return z.boolean();
    case 'email': return z.email();
    default: return z.string().max(5000);
  }
}
const classicRow = (table: TableName) =>
  z.object(Object.fromEntries(TABLES[table].columns.map((c) => [c.name, c.required ? classicField(c) : classicField(c).nullable()])));

const CANDIDATES: unknown[] = [null, undefined, '', 'x', 'x'.repeat(5001), '2024-3-5', '2024-03-05', 3, -1, 0, 0.5, 1.5, 7, 2.5, Infinity, NaN, true, 'a@b', 'staff@equity.example.gov', {}, []];

/** rowSchema bundled on its own and run where classic zod never loaded, as in the Apps Script bundle. */
async function isolatedRowSchema(): Promise<typeof rowSchema> {
  const entry = path.resolve(import.meta.dirname, '../../shared/row-schema.ts');
  const out = await build({ entryPoints: [entry], bundle: true, write: false, format: 'iife', globalName: 'RowSchema', platform: 'neutral', mainFields: ['module', 'main'], logLevel: 'silent' });
  const context = vm.createContext({});
  vm.runInContext(out.outputFiles[0].text, context);
  const inRealm = (context.RowSchema as { rowSchema: typeof rowSchema }).rowSchema;
  // Rows are rebuilt from the context's own constructors, as the bundle would have made them.
  return (table) => {
    const schema = inRealm(table);
    return { safeParse: (row: unknown) => schema.safeParse(toRealm(realmOf(context), row)) } as ReturnType<typeof rowSchema>;
  };
}

describe('the row schema (zod/mini)', () => {
  it("checks emails with zod's own pattern, the one its email schema applies", () => {
    expect(FIELD_SHAPES.email.pattern).toBe(z.regexes.email.source);
  });

  for (const table of Object.keys(TABLES) as TableName[]) {
    it(`accepts and refuses ${table} values exactly as classic zod did, with the same messages, as do its shapes`, async () => {
      const mini = (await isolatedRowSchema())(TABLES[table]);
      const classic = classicRow(table);
      const base = Object.fromEntries(TABLES[table].columns.map((c) => [c.name, null]));
      let refused = 0;
      for (const c of TABLES[table].columns) {
        for (const value of CANDIDATES) {
          const row = { ...base, [c.name]: value };
          const a = classic.safeParse(row);
          const b = mini.safeParse(row);
          const issues = (r: typeof a | typeof b) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
          expect(issues(b), `${c.name} = ${String(value)}`).toEqual(issues(a));
          // …and so does the check the add-ons make with the shapes generated from it, which carries no zod.
          expect(rowProblems(TABLES[table], row).map((p) => `${p.field}: ${p.message}`), `shapes: ${c.name} = ${String(value)}`).toEqual(issues(a));
          if (!a.success) refused++;
        }
      }
      expect(refused).toBeGreaterThan(TABLES[table].columns.length);
    });
  }
});
