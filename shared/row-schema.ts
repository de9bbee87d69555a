// The zod schema of a table's typed row, generated from its column definitions. One schema for every
// surface (service and add-on), written with zod/mini so the Apps Script bundle carries only the checks it
// uses: classic zod's chained methods pull in the whole library on every execution.
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';
import { ISO_DATE } from './cells/dates';
import { MAX_FIELD_TEXT } from './clip-text';
import type { InputColumn, TableDef } from './tables/column';

// zod/mini ships no messages; English is the one classic zod installs, so the service and the add-on
// word a rejected cell the same way whichever flavour loaded first.
z.config(en());

/**
 * zod's own email pattern: `validate-row` pre-checks with it so a value it passes is one the schema accepts. Taken
 * from the email schema, not `z.regexes`: naming that namespace bundles every pattern zod has into Code.js.
 */
export const EMAIL_PATTERN = z.email()._zod.def.pattern!;

function fieldSchema(c: InputColumn): z.ZodMiniType {
  switch (c.type) {
    case 'date': return z.string().check(z.regex(ISO_DATE, 'expected a date as YYYY-MM-DD'));
    case 'number': return z.number();
    case 'percent': return z.number().check(z.minimum(0), z.maximum(1));
    case 'rating': return z.int().check(z.minimum(1), z.maximum(5));
    case 'boolean': return z.boolean();
    case 'email': return z.email();
    default: return z.string().check(z.maxLength(MAX_FIELD_TEXT));
  }
}

/** By definition, not by name: a table's view with other required columns (the intake form's) has its own schema. */
const cache = new WeakMap<TableDef, z.ZodMiniType<Record<string, unknown>>>();

/** A typed row: every input column, null when blank; required columns must be present. */
export function rowSchema(table: TableDef): z.ZodMiniType<Record<string, unknown>> {
  let s = cache.get(table);
  if (!s) {
    s = z.object(Object.fromEntries(table.columns.map((c) => [c.name, c.required ? fieldSchema(c) : z.nullable(fieldSchema(c))])));
    cache.set(table, s);
  }
  return s;
}
