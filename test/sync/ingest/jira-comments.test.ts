// Jira's export gives each comment a column of its own, all headed "Comment", each cell "date;author's account id;text".
// Read by header, the first was Notes with the account id in it and the others were ignored: a desk's replies lost.
import { writeFile } from 'node:fs/promises';
import { afterAll, expect, test } from 'vitest';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { joinJiraComments } from '../../../sync/ingest/jira-comments';
import { storeBackends } from '../../support/store-backends';
import { tempFolder } from './workbook-files';

const backends = storeBackends('ingest_jira_comments');
const files = tempFolder('jira-comments');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const LINES = [
  'Summary,Issue key,Issue id,Status,Reporter,Created,Custom field (Organizations),Comment,Comment,Comment',
  'Budget equity tool walkthrough,TAR-26,46024,In Progress,Dev Patel,20/Nov/26 9:02 AM,City of Fresno,"20/Nov/26 9:30 AM;712020:dbd660ad-a6f9-46c6-ba6d-12d60b31a247;Scheduled for Dec 1","01/Dec/26 4:45 PM;712020:dbd660ad-a6f9-46c6-ba6d-12d60b31a247;Delivered; slides\nattached",',
  'Data questions,TAR-25,46020,Waiting for customer,Jo Smith,14/Nov/26 8:55 AM,Yurok Tribe,,,',
];

test("every comment is kept in Notes, each on its own line with its date, without the author's account id", async () => {
  const store = await backends[0].open();
  const source = (await store.createPrincipal({ kind: 'source', name: 'Jira', sourceKind: 'file' })).principal.id;
  const file = files.path('jira.csv');
  await writeFile(file, LINES.join('\r\n'));
  const r = await importWorkbook(store, { file, sourceId: source, at: new Date(Date.UTC(2026, 11, 8)) });
  expect(r.rejected).toEqual([]);
  const notes = new Map<unknown, unknown>();
  for await (const row of store.rows('requests', { sourceIds: [source] })) notes.set(row.values.requestId, row.values.notes);
  expect(notes.get('TAR-26')).toBe('Comment 20/Nov/26 9:30 AM: Scheduled for Dec 1\nComment 01/Dec/26 4:45 PM: Delivered; slides\nattached');
  expect(notes.get('TAR-25')).toBeNull();
  expect(r.warnings.map((w) => w.message)).not.toContainEqual(expect.stringContaining('column "Comment" ignored'));
});

test('a sheet of no Jira export keeps its Comment columns as they are', () => {
  const sheet = { name: 'S', grid: [['Request ID', 'Comment', 'Comment'], ['R-1', 'a;b;c', 'd']], textsLikeErrors: new Set<string>(), excelTables: [] };
  expect(joinJiraComments(sheet)).toBe(sheet);
});

test("a Jira header is looked for at the sheet's top only: a log whose rows mention an Issue key deep down is no export", () => {
  const rows = Array.from({ length: 100 }, (_, r) => [`R-${r}`, 'a;b;c', 'd']);
  rows[60] = ['Issue key', 'Comment', 'Comment'];
  const sheet = { name: 'S', grid: [['Request ID', 'Comment', 'Comment'], ...rows], textsLikeErrors: new Set<string>(), excelTables: [] };
  expect(joinJiraComments(sheet)).toBe(sheet);
  const titled = { ...sheet, grid: [['TA desk export'], [], ['Summary', 'Issue key', 'Comment', 'Comment'], ['Walkthrough', 'TAR-1', '1/Dec/26;712020:x;Done', null]] };
  expect(joinJiraComments(titled).grid[3]).toEqual(['Walkthrough', 'TAR-1', 'Comment 1/Dec/26: Done', null]);
});
