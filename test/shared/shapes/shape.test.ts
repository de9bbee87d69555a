// The add-ons check the service's answers and a row's values with shapes generated from the zod schemas, not with zod:
// every answer zod refuses the shapes refuse, with the same words at the same place, and every one zod takes they take.
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { ANSWER_SHAPES, FIELD_SHAPES } from '../../../shared/shapes/built-shapes';
import { shapeProblems, type Shape } from '../../../shared/shapes/shape';
import { linksTurnedOffAnswer, outboxAnswer, requesterLinkAnswer, syncAnswer, syncStateAnswer } from '../../../shared/wire/sync-answers';

type Json = unknown;

/** A full answer of each kind, every optional field given, as a service of this version sends it. */
const GOOD: Record<keyof typeof ANSWER_SHAPES, { schema: z.core.$ZodType; answer: Json }> = {
  sync: { schema: syncAnswer, answer: { accepted: 2, unchanged: 1, deleted: 0, rejected: [{ rowId: 'r-1', errors: [{ field: 'receivedOn', message: 'Received is required' }] }], warnings: [{ rowId: 'r-2', field: 'dueOn', message: 'a typo?' }] } },
  state: {
    schema: syncStateAnswer,
    answer: { table: 'requests', rows: [{ rowId: 'r-1', hash: 'abc', sheetRow: 2, ownId: 'TA-1' }], unreadable: [{ sheet: 'Old log', message: 'no column for Received' }], sheetWarnings: [{ row: 1, column: 'C', header: 'Due', message: 'read as nothing', sheet: 'Requests' }] },
  },
  outbox: { schema: outboxAnswer, answer: { table: 'requests', items: [{ id: 1, rowId: 'web-1', kind: 'fields', fields: ['satisfaction'], values: { satisfaction: 5 } }, { id: 2, rowId: 'web-2', kind: 'row', fields: null, values: {} }] } },
  requesterLink: { schema: requesterLinkAnswer, answer: { url: 'https://equity-desk.example.gov/requests/x' } },
  linksTurnedOff: { schema: linksTurnedOffAnswer, answer: { statusLinks: 1, feedbackLinks: 0 } },
};

/** Values put in place of each part of an answer: of every JSON type, out of bounds, missing. */
const WRONG: Json[] = [undefined, null, '', 'x', 'x'.repeat(2001), 'row', 'workplan', 'c', 'CD', 0, -1, 1.5, 2 ** 53, 1_048_577, true, [], [1], {}, { a: 1 }];

/** Every place in `value` (paths to each property and item, the root too). */
function places(value: Json, path: (string | number)[] = []): (string | number)[][] {
  const inner = typeof value === 'object' && value !== null ? Object.entries(value).flatMap(([k, v]) => places(v, [...path, Array.isArray(value) ? Number(k) : k])) : [];
  return [path, ...inner];
}

function replaced(value: Json, path: (string | number)[], by: Json): Json {
  if (path.length === 0) return by;
  const copy = (Array.isArray(value) ? [...value] : { ...(value as object) }) as Record<string | number, Json>;
  const [head, ...rest] = path;
  // Missing, as JSON has it: an item taken out, a property left out.
  if (rest.length === 0 && by === undefined && Array.isArray(copy)) copy.splice(Number(head), 1);
  else if (rest.length === 0 && by === undefined) delete copy[head];
  else copy[head] = replaced(copy[head], rest, by);
  return copy;
}

const zodIssues = (schema: z.core.$ZodType, value: Json) => {
  const result = z.safeParse(schema, value);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};
const shapeIssues = (shape: Shape, value: Json) => shapeProblems(shape, value).map((p) => `${p.path.join('.')}: ${p.message}`);

describe("the answers' shapes", () => {
  for (const [name, { schema, answer }] of Object.entries(GOOD) as [keyof typeof GOOD, (typeof GOOD)[keyof typeof GOOD]][]) {
    test(`${name}: refuses what zod refuses, with zod's words at zod's place, and takes what zod takes`, () => {
      const shape = ANSWER_SHAPES[name];
      expect(shapeIssues(shape, answer)).toEqual([]);
      let refused = 0;
      for (const path of places(answer)) {
        for (const by of WRONG) {
          const candidate = replaced(answer, path, by);
          const expected = zodIssues(schema, candidate);
          const got = shapeIssues(shape, candidate);
          const where = `${path.join('.')} = ${JSON.stringify(by)}`;
          // A sheet name's storable-text rule is a function: the shape has the bounds its metadata gives (`z.meta`),
          // in zod's words for bounds. Refused alike; the rule's words, and what it alone refuses, stay the service's.
          if (path.at(-1) === 'sheet' && typeof by === 'string') expect(got.length > 0, where).toBe(expected.length > 0);
          else if (path.at(-1) === 'sheet') expect(got[0], where).toBe(expected[0]);
          else expect(got, where).toEqual(expected);
          if (expected.length) refused++;
        }
      }
      expect(refused).toBeGreaterThan(places(answer).length);
    });
  }

  test('a shape is plain data, the same once written out as JSON as the build writes it into Code.js', () => {
    expect(JSON.parse(JSON.stringify({ ANSWER_SHAPES, FIELD_SHAPES }))).toEqual({ ANSWER_SHAPES, FIELD_SHAPES });
  });
});
