// A SurveyMonkey export heads its columns with two rows: the question, then what each column holds of its answer
// ("Response", "Open-Ended Response", or a part such as "Email Address" under "Contact information"). Read as one
// header and a row below it, the second row was stored as a request nobody sent, and the parts lost their columns.
import { writeFile } from 'node:fs/promises';
import { afterAll, expect, test } from 'vitest';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { joinSurveyHeader } from '../../../sync/ingest/survey-header-rows';
import { storeBackends } from '../../support/store-backends';
import { tempFolder } from './workbook-files';

const backends = storeBackends('ingest_survey_header');
const files = tempFolder('survey-header');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const QUESTIONS = 'Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,What is the name of your organization?,What type of organization is it?,What kind of help do you need?,Please describe your request.,Contact information,';
const PARTS = ',,,,,,,,,Open-Ended Response,Response,Response,Open-Ended Response,Name,Email Address';
const RESPONSES = [
  '114288935012,431509884,12/07/2026 03:14:22 PM,12/07/2026 03:20:11 PM,73.162.10.4,,,,,Department of Transportation,State agency,Training & workshops,Kickoff workshop,Maria Lee,mlee@dot.ca.gov',
  '114288935013,431509884,12/06/2026 09:05:10 AM,12/06/2026 09:08:00 AM,73.162.10.5,,,,,City of Fresno,City,Budget equity tool,Walkthrough,Dev Patel,dpatel@fresno.gov',
];

/** The lines imported as one CSV file, as `import` does: what it said, and the requests stored. */
async function imported(name: string, lines: readonly string[]) {
  const store = await backends[0].open();
  const source = (await store.createPrincipal({ kind: 'source', name, sourceKind: 'file' })).principal.id;
  const file = files.path(`${name}.csv`);
  await writeFile(file, lines.join('\r\n'));
  const r = await importWorkbook(store, { file, sourceId: source, at: new Date(Date.UTC(2026, 11, 8)) });
  const stored = [];
  for await (const row of store.rows('requests', { sourceIds: [source] })) stored.push(row.values);
  return { r, stored };
}

test('the two header rows are read as one, so every response is a request and no other row is', async () => {
  const { r, stored } = await imported('responses', [QUESTIONS, PARTS, ...RESPONSES]);
  expect(r.rejected).toEqual([]);
  expect(r.accepted).toBe(2);
  const rows = stored.map((v) => [v.requestId, v.requesterOrg, v.contactName, v.contactEmail, v.receivedOn]);
  expect(rows.sort()).toEqual([
    ['114288935012', 'Department of Transportation', 'Maria Lee', 'mlee@dot.ca.gov', '2026-12-07'],
    ['114288935013', 'City of Fresno', 'Dev Patel', 'dpatel@fresno.gov', '2026-12-06'],
  ]);
  // Responses keep their rows' numbers in the file, and the second header row is said once.
  expect(r.warnings).toContainEqual(expect.objectContaining({ row: 2, message: expect.stringContaining('SurveyMonkey') }));
});

test("a sheet whose second row is a person's is left as it is", () => {
  const grid = [['Respondent ID', 'Collector ID', 'Organization'], [1, 2, 'City of Fresno']];
  const sheet = { name: 'S', grid, textsLikeErrors: new Set<string>(), excelTables: [] };
  expect(joinSurveyHeader(sheet)).toBe(sheet);
});

// A choice question spans a column per choice under the question (the cell holds the choice's text when ticked), and
// SurveyMonkey writes the words typed after "Other" in a column of their own, "Other (please specify)".
const CHOICES = 'Respondent ID,Collector ID,Start Date,End Date,IP Address,Email Address,First Name,Last Name,Custom Data 1,What is the name of your organization?,What type of organization is it?,,What kind of help do you need?,,,,Please describe your request.';
const CHOICE_PARTS = ',,,,,,,,,Open-Ended Response,Response,Other (please specify),Training & workshops,Budget equity tool,Language access,Other (please specify),Open-Ended Response';
const CHOSEN = [
  '114288935012,431509884,12/07/2026 03:14:22 PM,12/07/2026 03:20:11 PM,73.162.10.4,,,,,Department of Transportation,State agency,,Training & workshops,,Language access,,Kickoff workshop',
  '114288935013,431509884,12/06/2026 09:05:10 AM,12/06/2026 09:08:00 AM,73.162.10.5,,,,,Sacramento Foundation,,Nonprofit foundation,,,,Help with a grant application,Grant narrative',
  '114288935014,431509884,12/05/2026 10:00:00 AM,12/05/2026 10:04:00 AM,73.162.10.6,,,,,City of Fresno,City,,,Budget equity tool,,,Walkthrough',
];

test('a choice answered "Other" keeps its typed words in Notes, and ticked boxes read as the first with the rest in Notes', async () => {
  const { r, stored } = await imported('choices', [CHOICES, CHOICE_PARTS, ...CHOSEN]);
  expect(r.rejected).toEqual([]);
  expect(r.accepted).toBe(3);
  const rows = stored.map((v) => [v.requestId, v.requesterType, v.category, v.notes]);
  expect(rows.sort()).toEqual([
    ['114288935012', 'State agency', 'Training & workshops', 'Category: Language access'],
    ['114288935013', 'Other', 'Other', 'Requester type: Nonprofit foundation\nCategory: Help with a grant application'],
    ['114288935014', 'City', 'Budget equity tool', null],
  ]);
  // The choices' columns are one question's, said once, never each ignored as a column of its own.
  expect(r.warnings.filter((w) => /Language access|please specify/.test(w.line) && w.code === 'unknown_column')).toEqual([]);
  expect(r.warnings).toContainEqual(expect.objectContaining({ row: 1, message: expect.stringContaining('What kind of help do you need?') }));
});
