// What a value must look like as plain data (a subset of JSON Schema), and the check of a value against it: how the
// add-on checks the service's answers and a row's values without carrying zod. The shapes are generated from the zod
// schemas (`shape-of.ts`), never written by hand; a problem is worded as zod's English messages word it, so a value
// reads the same whichever of the two checked it.

export type ShapeType = 'string' | 'number' | 'integer' | 'boolean' | 'object' | 'array' | 'null';

export interface Shape {
  /** None: any value. */
  readonly type?: ShapeType;
  readonly nullable?: boolean;
  readonly enum?: readonly (string | number | boolean)[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  /** A regular expression's source, as JSON Schema writes it. */
  readonly pattern?: string;
  /** The pattern is this format's (`email`), and a value failing it is said as that format's. */
  readonly format?: string;
  /** The schema's own words for a value failing its pattern, or, with no pattern, failing it at all (a custom check's). */
  readonly message?: string;
  readonly properties?: Readonly<Record<string, Shape>>;
  readonly required?: readonly string[];
  readonly items?: Shape;
}

/** A shape that checks a value of type `T`: the type comes from the schema the shape was generated from. */
export interface ShapeOf<T> extends Shape {
  /** Never set: carries `T` for the compiler only. */
  readonly checks?: (value: T) => void;
}

export interface ShapeProblem {
  path: (string | number)[];
  message: string;
}

/** zod's names for the formats a shape may carry. */
const FORMAT_NAMES: Readonly<Record<string, string>> = { email: 'email address' };

const patterns = new Map<string, RegExp>();
const compiled = (source: string) => patterns.get(source) ?? patterns.set(source, new RegExp(source)).get(source)!;

/** A value's type as zod's messages name it. */
function received(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  return typeof value;
}

const quoted = (value: unknown) => (typeof value === 'string' ? `"${value}"` : String(value));
const invalidType = (expected: string, value: unknown) => `Invalid input: expected ${expected}, received ${received(value)}`;

function typeProblem(type: ShapeType, value: unknown): string | undefined {
  switch (type) {
    case 'number':
    case 'integer':
      if (typeof value !== 'number' || !Number.isFinite(value)) return invalidType('number', value);
      return type === 'integer' && !Number.isInteger(value) ? invalidType('int', value) : undefined;
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? undefined : invalidType('object', value);
    case 'array':
      return Array.isArray(value) ? undefined : invalidType('array', value);
    case 'null':
      return value === null ? undefined : invalidType('null', value);
    default:
      return typeof value === type ? undefined : invalidType(type, value);
  }
}

/** What a length counts, as zod's messages say it. */
const LENGTH_UNITS: Readonly<Record<string, string>> = { string: 'characters', array: 'items' };

/** The length bounds of a string or an array, which zod checks even of a value of the wrong type that has a length. */
function lengthProblems(shape: Shape, value: unknown): string[] {
  const of = typeof value === 'string' ? 'string' : Array.isArray(value) ? 'array' : undefined;
  if (of === undefined) return [];
  const { length } = value as string | unknown[];
  const out: string[] = [];
  if (shape.minLength !== undefined && length < shape.minLength) out.push(`Too small: expected ${of} to have >=${shape.minLength} ${LENGTH_UNITS[of]}`);
  if (shape.maxLength !== undefined && length > shape.maxLength) out.push(`Too big: expected ${of} to have <=${shape.maxLength} ${LENGTH_UNITS[of]}`);
  return out;
}

/** The bounds and pattern of a value of the right type, each problem as zod says it, in zod's order. */
function boundProblems(shape: Shape, value: unknown): string[] {
  const out: string[] = [];
  if (shape.type === 'integer' && !Number.isSafeInteger(value)) {
    out.push((value as number) > 0 ? `Too big: expected int to be <=${Number.MAX_SAFE_INTEGER}` : `Too small: expected int to be >=${Number.MIN_SAFE_INTEGER}`);
  }
  if (typeof value === 'number') {
    if (shape.minimum !== undefined && value < shape.minimum) out.push(`Too small: expected number to be >=${shape.minimum}`);
    if (shape.maximum !== undefined && value > shape.maximum) out.push(`Too big: expected number to be <=${shape.maximum}`);
  }
  out.push(...lengthProblems(shape, value));
  if (typeof value === 'string' && shape.pattern !== undefined && !compiled(shape.pattern).test(value)) {
    const format = shape.format === undefined ? undefined : `Invalid ${FORMAT_NAMES[shape.format] ?? shape.format}`;
    out.push(shape.message ?? format ?? `Invalid string: must match pattern /${shape.pattern}/`);
  }
  return out;
}

/**
 * Every problem of `value` against `shape`, with where it is; none when it fits. A property the shape does not name is
 * let through, as a zod object does.
 */
export function shapeProblems(shape: Shape, value: unknown, path: (string | number)[] = [], out: ShapeProblem[] = []): ShapeProblem[] {
  if (value === null && shape.nullable) return out;
  // A list of values is checked as zod checks it: against the values alone, whatever the type.
  if (shape.enum) {
    if (!shape.enum.includes(value as string)) out.push({ path, message: shape.enum.length === 1 ? `Invalid input: expected ${quoted(shape.enum[0])}` : `Invalid option: expected one of ${shape.enum.map(quoted).join('|')}` });
    return out;
  }
  const wrongType = shape.type === undefined ? undefined : typeProblem(shape.type, value);
  if (wrongType !== undefined) {
    out.push({ path, message: shape.pattern === undefined ? shape.message ?? wrongType : wrongType });
    for (const message of lengthProblems(shape, value)) out.push({ path, message });
    return out;
  }
  for (const message of boundProblems(shape, value)) out.push({ path, message });
  if (shape.properties) {
    const object = value as Record<string, unknown>;
    for (const [key, property] of Object.entries(shape.properties)) {
      if (object[key] === undefined && !shape.required?.includes(key)) continue;
      shapeProblems(property, object[key], [...path, key], out);
    }
  }
  if (shape.items && Array.isArray(value)) value.forEach((item, i) => shapeProblems(shape.items!, item, [...path, i], out));
  return out;
}
