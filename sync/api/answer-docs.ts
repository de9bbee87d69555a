// What the fields of the service's answers mean, for `/openapi.json`. Written here, where the service documents the
// API, rather than in the answers' schemas (shared/wire/sync-answers.ts), whose shapes the add-ons check answers with.
// Imported for its effect by openapi.ts, before it generates the document.
import * as z from 'zod/mini';
import { sheetWarningFields, syncAnswer, syncStateAnswer } from '../../shared/wire/sync-answers';

const describe = (schema: z.core.$ZodType, description: string) => z.globalRegistry.add(schema, { description });

describe(sheetWarningFields.row, "The sheet's own row number: the header row for a column's warning.");

const sync = syncAnswer.shape;
describe(sync.accepted, 'Rows new or changed, now stored.');
describe(sync.unchanged, 'Rows whose content hash matched what is stored.');
describe(sync.deleted, 'Rows turned into tombstones.');
describe(sync.rejected, 'Invalid rows; their last good version stays.');
describe(sync.warnings, 'Accepted with a note (e.g. a likely typo in a date).');

const state = syncStateAnswer.shape;
const stateRow = state.rows.def.element.shape;
describe(stateRow.hash, 'contentHash of the stored typed values.');
describe(stateRow.sheetRow, 'Where the row was last placed, if it was.');
describe(stateRow.ownId, "The row's own ID as stored (its table's ID column: `TA-2024-031`), if it has one.");
describe(state.unreadable, 'Sheets of this table last sent as unreadable, with their message.');
describe(state.sheetWarnings, "The sheets' own warnings held for this table, as the sheets last sent them (`sheets[].warnings`), each with its sheet.");
