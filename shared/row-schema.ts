// The zod schema of a table's typed row, generated from its column definitions. One schema for every surface: the
// service and the CLI parse with it, and the add-ons check with the shapes generated from its fields at build time
// (`shared/shapes/built-shapes.ts`), so the Apps Script bundle carries no zod. Written with zod/mini, whose messages
// the shapes' check words as zod does.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ISO_DATE } from './cells/dates';
import { MAX_FIELD_TEXT } from './clip-text';
import type { ColumnType, TableDef } from './tables/column';

// zod/mini ships no messages; English is the one classic zod installs, so the service and the add-on
// word a rejected cell the same way whichever flavour loaded first.
z.config(en());

const text = z.string().check(z.maxLength(MAX_FIELD_TEXT));

/** What a cell of each column type holds once read; the add-on checks with their shapes (`shared/shapes/built-shapes.ts`). */
export const FIELD_SCHEMAS: Readonly<Record<ColumnType, z.ZodMiniType>> = {
  id: text,
  text,
  longtext: text,
  choice: text,
  date: z.string().check(z.regex(ISO_DATE, 'expected a date as YYYY-MM-DD')),
  number: z.number(),
  percent: z.number().check(z.minimum(0), z.maximum(1)),
  rating: z.int().check(z.minimum(1), z.maximum(5)),
  boolean: z.boolean(),
  email: z.email(),
};

/** By definition, not by name: a table's view with other required columns (the intake form's) has its own schema. */
const cache = new WeakMap<TableDef, z.ZodMiniType<Record<string, unknown>>>();

/** A typed row: every input column, null when blank; required columns must be present. */
export function rowSchema(table: TableDef): z.ZodMiniType<Record<string, unknown>> {
  let s = cache.get(table);
  if (!s) {
    s = z.object(Object.fromEntries(table.columns.map((c) => [c.name, c.required ? FIELD_SCHEMAS[c.type] : z.nullable(FIELD_SCHEMAS[c.type])])));
    cache.set(table, s);
  }
  return s;
}
