// A body of the wrong shape is answered in the service's own words, naming the field and what it holds (clipped, as
// every message quotes a value), never in zod's stock English; a schema's own message still wins.
import { expect, test } from 'vitest';
import { requesterLinkRequest, syncRequest } from '../../../shared/wire/sync-wire';
import { isErrorType } from '../../../shared/typed-error';
import { ApiError } from '../../../sync/api/api-error';
import { parseBody } from '../../../sync/api/request-body';
import { createSourceBody } from '../../../sync/api/schemas';

function refusal(schema: Parameters<typeof parseBody>[0], body: unknown): string {
  try {
    parseBody(schema, body);
  } catch (e) {
    if (isErrorType(e, ApiError)) return `${e.status} ${e.code}: ${e.message}`;
    throw e;
  }
  return 'accepted';
}

const schemas = { createSourceBody, requesterLinkRequest, syncRequest };

test.each([
  ['createSourceBody', {}, 'name: missing (expected a string)'],
  ['createSourceBody', { name: 5 }, 'name: expected a string, not a number'],
  ['createSourceBody', { name: 'County log', kind: 'pdf' }, 'kind: "pdf" is not one of google-sheets, excel, file'],
  ['createSourceBody', { name: 'County log', kind: 'x'.repeat(500) }, `kind: "${'x'.repeat(60)}"… (500 characters) is not one of google-sheets, excel, file`],
  ['createSourceBody', { name: 'County log', colour: 'red' }, 'unknown key "colour"'],
  ['createSourceBody', ['County log'], 'expected an object, not an array'],
  ['createSourceBody', { name: '  ' }, 'name: name must not be empty'],
  ['requesterLinkRequest', {}, 'table: missing (one of requests, workplan, milestones, roadmap); rowId: missing (expected a string)'],
  ['syncRequest', { table: 'requests' }, 'rows: missing (expected an array)'],
  ['syncRequest', { table: 'requests', rows: [{ values: {} }] }, 'rows.0.rowId: missing (expected a string)'],
  ['syncRequest', { table: 'requests', rows: [], full: 'yes' }, 'full: expected a boolean, not a string'],
] as const)('%s refuses %j: %s', (schema, body, message) => {
  expect(refusal(schemas[schema], body)).toBe(`400 invalid_body: ${message}`);
});
