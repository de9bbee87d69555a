// The shape (`shape.ts`) of a zod schema, from zod's own JSON Schema of it: what the add-on checks with, generated
// from the schemas the service parses with, never written again by hand.
import * as z from 'zod/mini';
import type { Shape, ShapeOf } from './shape';

type Json = Record<string, unknown>;

/** What a shape keeps of a JSON Schema; descriptions, titles and the like stay with `/openapi.json`. */
const KEPT = ['type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern', 'format', 'message', 'required'] as const;

/** zod's own bounds on every integer, which the check knows without being told. */
const SAFE_BOUNDS: Readonly<Record<string, number>> = { minimum: Number.MIN_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER };

function shapeOfJson(json: Json): Shape {
  const anyOf = json.anyOf as Json[] | undefined;
  if (anyOf?.length === 2 && anyOf.some((s) => s.type === 'null')) return { ...shapeOfJson(anyOf.find((s) => s.type !== 'null')!), nullable: true };
  const shape: Record<string, unknown> = {};
  for (const key of KEPT) if (json[key] !== undefined && !(json.type === 'integer' && SAFE_BOUNDS[key] === json[key])) shape[key] = json[key];
  if (Array.isArray(json.type)) {
    const [type, ...rest] = json.type.filter((t) => t !== 'null');
    if (rest.length) throw new Error(`shapeOf: a value of several types (${json.type.join(', ')}) has no shape`);
    Object.assign(shape, { type }, json.type.includes('null') ? { nullable: true } : {});
  }
  if (anyOf || json.oneOf || json.allOf) throw new Error('shapeOf: a union has no shape');
  // A schema referred to rather than written out (one that contains itself) would otherwise check nothing.
  if (json.$ref) throw new Error(`shapeOf: a schema referred to (${String(json.$ref)}) has no shape`);
  if (json.properties) shape.properties = Object.fromEntries(Object.entries(json.properties as Record<string, Json>).map(([k, v]) => [k, shapeOfJson(v)]));
  if (json.items) shape.items = shapeOfJson(json.items as Json);
  return shape as Shape;
}

interface ErrorDef {
  check?: string;
  type?: string;
  format?: string;
  error?: (issue: unknown) => unknown;
}

/**
 * The schema's own words for a value failing a check that has them: a pattern's (`z.regex(ISO_DATE, 'expected a date
 * as …')`) or a custom check's. Other failures are worded by zod's messages, as the shape's check words them.
 */
function ownMessage(def: ErrorDef): string | undefined {
  const said = def.check === 'string_format' || def.type === 'custom' ? def.error?.({ code: def.type === 'custom' ? 'custom' : 'invalid_format', format: def.format, input: undefined }) : undefined;
  return typeof said === 'string' ? said : (said as { message?: string } | undefined)?.message;
}

/**
 * The shape of `schema` as its input is checked. Throws for what a shape cannot say (a union other than with null, a
 * schema that contains itself); a check written as a function is carried only as far as the schema's metadata describes
 * it (`z.meta`), and by its own message.
 */
export function shapeOf<T>(schema: z.ZodMiniType<T>): ShapeOf<T> {
  const json = z.toJSONSchema(schema, {
    io: 'input',
    unrepresentable: 'any',
    override: ({ zodSchema, jsonSchema }) => {
      for (const def of [zodSchema._zod.def, ...(zodSchema._zod.def.checks ?? []).map((check) => check._zod.def)]) {
        const message = ownMessage(def as ErrorDef);
        if (message !== undefined) (jsonSchema as Json).message = message;
      }
    },
  });
  return shapeOfJson(json as Json);
}
