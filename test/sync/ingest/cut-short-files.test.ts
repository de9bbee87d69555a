// Zip-based files (.xlsx, .docx, .pptx, .ods, .odt, .odp) cut short, as an interrupted download or a copy that stopped
// leaves them: an import is the source's whole content, so one read from part of a file would remove the rows past the
// cut. Each is refused whole, saying it seems cut short, and the rows stored from the whole file stay.
import { readFile, writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import type { RowStore } from '../../../sync/store/row-store';
import { storeBackends } from '../../support/store-backends';
import { ODP, odsTable, odtHeading, slidePage, slideTableFrame, titleFrame, writeOpenDocument } from './opendocument-files';
import { placeholder, slideTable, writePresentation } from './slide-files';
import { paragraph, table, writeDocument } from './word-files';
import { tempFolder, writeWorkbook } from './workbook-files';

const backends = storeBackends('ingest_cut');
const files = tempFolder('cut');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const MILESTONES = [['Date', 'Milestone'], ['3/15/2026', 'Community leaders forum'], ['6/30/2026', 'Racial Equity Study published'], ['9/1/2026', 'Implementation team formed']];

const WRITERS: [string, (file: string) => Promise<string>][] = [
  ['xlsx', (file) => writeWorkbook(file, [{ name: 'Milestones', rows: MILESTONES }])],
  ['docx', (file) => writeDocument(file, paragraph('Milestones', 'Heading1') + table(MILESTONES, 1))],
  ['pptx', (file) => writePresentation(file, [placeholder('Milestones') + slideTable(MILESTONES)])],
  ['ods', (file) => writeOpenDocument(file, odsTable('Milestones', MILESTONES))],
  ['odt', (file) => writeOpenDocument(file, odtHeading('Milestones', 1) + odsTable('Milestones', MILESTONES), 'application/vnd.oasis.opendocument.text', 'office:text')],
  ['odp', (file) => writeOpenDocument(file, slidePage('page1', titleFrame('Milestones') + slideTableFrame(MILESTONES)), ODP, 'office:presentation')],
];

/** Where a zip is cut: inside its first entry, among its entries, where its central directory begins, inside it, and inside the record that ends it. */
function cutPoints(zip: Buffer): number[] {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const directory = zip.readUInt32LE(end + 16);
  return [40, Math.floor(directory / 2), directory, directory + Math.floor((end - directory) / 2), end + 10];
}

async function storedMilestones(store: RowStore, sourceId: string): Promise<unknown[]> {
  const rows: unknown[] = [];
  for await (const row of store.rows('milestones', { sourceIds: [sourceId] })) rows.push(row.values);
  return rows;
}

describe.each(backends)('a zip-based file cut short on $name', (backend) => {
  test.each(WRITERS)('a .%s file cut short is refused whole, saying so, and the rows stored from the whole file stay', async (ext, write) => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: `Cut ${ext}`, sourceKind: 'file' });
    const file = await write(files.path(`Milestones.${ext}`));
    const whole = await readFile(file);
    const first = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-12-07T12:00:00Z') });
    expect([first.accepted, first.rejected]).toEqual([MILESTONES.length - 1, []]);
    const before = await storedMilestones(store, principal.id);
    expect(before).toHaveLength(MILESTONES.length - 1);
    for (const at of cutPoints(whole)) {
      await writeFile(file, whole.subarray(0, at));
      const error = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-12-08T12:00:00Z') }).catch((e: unknown) => e);
      expect(isErrorType(error, ImportError) && error.code, `${ext} cut at ${at}`).toBe('not-a-workbook');
      expect((error as Error).message, `${ext} cut at ${at}`).toMatch(/cut short/);
      expect(await storedMilestones(store, principal.id), `${ext} cut at ${at}`).toEqual(before);
    }
  });
});
