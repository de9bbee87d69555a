// The zod schema of a table's typed row, generated from its column definitions.
import { z } from 'zod';
import { ISO_DATE } from './cells/dates';
import type { InputColumn, TableDef } from './tables/column';


function fieldSchema(c: InputColumn): z.ZodType {
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

const cache = new Map<string, z.ZodType>();

/** A typed row: every input column, null when blank; required columns must be present. */
export function rowSchema(table: TableDef): z.ZodType<Record<string, unknown>> {
  let s = cache.get(table.name);
  if (!s) {
    s = z.object(Object.fromEntries(table.columns.map((c) => [c.name, c.required ? fieldSchema(c) : fieldSchema(c).nullable()])));
    cache.set(table.name, s);
  }
  return s as z.ZodType<Record<string, unknown>>;
}
