// The master's Long texts sheet, on both stores: SQLite writes the data sheets on a worker thread, PostgreSQL on
// this one. A note longer than a row prints is clipped in its cell, which names where the whole note is.
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { writeMasterWorkbook, type MasterLayout } from '../../../sync/master/master-workbook';
import type { RowStore } from '../../../sync/store/row-store';
import { printedLines, MAX_ROW_LINES } from '../../../sync/workbook/row-xml';
import { storeBackends } from '../../support/store-backends';
import { AS_OF } from '../metrics/demand-rows';

const backends = storeBackends('long-texts');
afterAll(async () => Promise.all(backends.map((b) => b.cleanup())));

/** A note of 5,000 characters (the longest a field keeps), words of varied length, a paragraph break in it. */
const WORDS = 'the county asked for coaching on its racial equity action plan before the council hearing and for examples from other departments'.split(' ');
const NOTE = (() => {
  let text = '';
  for (let i = 0; text.length < 5000; i++) text += (i === 300 ? '\n\n' : i ? ' ' : '') + WORDS[(i * 5) % WORDS.length];
  return text.slice(0, 5000);
})();

async function storeWith(store: RowStore, notes: string): Promise<void> {
  const source = (await store.createPrincipal({ kind: 'source', name: 'City of Oakridge', sourceKind: 'excel' })).principal.id;
  const row = (rowId: string, values: Record<string, unknown>) => ({ rowId, hash: JSON.stringify(values), values });
  const upserts = [
    row('R1', { requestId: 'R1', receivedOn: '2024-05-01', requesterOrg: 'Lake County', requesterType: 'County', category: 'Training & workshops', priority: 'High', status: 'In progress', notes: 'Short note.' }),
    row('R2', { requestId: 'R2', receivedOn: '2024-05-02', requesterOrg: 'Dept. of Health', requesterType: 'State agency', category: 'Data & evaluation', priority: 'Low', status: 'New', notes }),
  ];
  await store.applyBatch({ sourceId: source, table: 'requests', upserts, deletes: [], full: false, rejected: [], at: new Date('2024-06-01T12:00:00Z') });
}

async function master(store: RowStore, layout: MasterLayout = {}): Promise<ExcelJS.Workbook> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  await writeMasterWorkbook(store, { asOf: AS_OF, rules: DEFAULT_RULES }, sink, layout);
  sink.end();
  await finished(sink);
  return new ExcelJS.Workbook().xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer);
}

const texts = (ws: ExcelJS.Worksheet) => ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1));

describe.each(backends)('the master workbook\'s Long texts sheet ($name)', (backend) => {
  it('holds a note too long for its row whole, in parts that each print within a row, named by the clipped cell\'s marker', async () => {
    const store = await backend.fresh().open();
    // SQLite writes the data sheets on a worker thread, PostgreSQL on this one: both paths are tested.
    expect(store.threadReads !== undefined).toBe(backend.name === 'sqlite');
    await storeWith(store, NOTE);
    const book = await master(store);
    expect(book.worksheets.map((w) => w.name).slice(-2)).toEqual(['Data quality', 'Long texts']);

    const requests = book.getWorksheet('Requests')!;
    const notesColumn = (requests.getRow(1).values as unknown[]).indexOf('Notes');
    const row = requests.getRows(2, requests.rowCount - 1)!.find((r) => r.getCell(notesColumn).value !== 'Short note.')!;
    const ref = `Requests!${requests.getColumn(notesColumn).letter}${row.number}`;
    const clipped = String(row.getCell(notesColumn).value);
    expect(clipped.endsWith(` … [continues on sheet Long texts, ${ref}]`)).toBe(true);
    expect(NOTE.startsWith(clipped.slice(0, clipped.indexOf(' … [continues')))).toBe(true);

    const longTexts = book.getWorksheet('Long texts')!;
    const [header, ...parts] = texts(longTexts);
    expect(header).toEqual(['Sheet', 'Cell', 'Source', 'Field', 'Part', 'Text']);
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.map((p) => p.slice(0, 5))).toEqual(parts.map((_, i) => ['Requests', ref, 'City of Oakridge', 'Notes', `${i + 1} of ${parts.length}`]));
    expect(parts.map((p) => p[5]).join('')).toBe(NOTE);
    const textWidth = longTexts.getColumn(6).width!;
    for (const p of parts) expect(printedLines(String(p[5]), textWidth)).toBeLessThanOrEqual(MAX_ROW_LINES);
    // Cut between words: no part but the last ends inside a word.
    for (const p of parts.slice(0, -1)) expect(String(p[5])).toMatch(/\s$/);
    expect(longTexts.getColumn(6).alignment).toMatchObject({ wrapText: true });
    expect(longTexts.pageSetup).toMatchObject({ fitToWidth: 1, printTitlesRow: '1:1' });
  });

  it('names the cell on the sheet a table continues on, its name quoted', async () => {
    const store = await backend.fresh().open();
    await storeWith(store, NOTE);
    // A header and one row a sheet: the second request is on Requests (2).
    const book = await master(store, { rowsPerSheet: 2 });
    const continued = book.getWorksheet('Requests (2)')!;
    const notesColumn = (continued.getRow(1).values as unknown[]).indexOf('Notes');
    // Quoted as Excel writes a sheet name with a space: unquoted, the reference would not find the cell.
    const ref = `'Requests (2)'!${continued.getColumn(notesColumn).letter}2`;
    expect(String(continued.getRow(2).getCell(notesColumn).value).endsWith(` … [continues on sheet Long texts, ${ref}]`)).toBe(true);
    expect(texts(book.getWorksheet('Long texts')!).slice(1).map((p) => p.slice(0, 2))).toContainEqual(['Requests (2)', ref]);
  });

  it('is left out when no text was clipped', async () => {
    const store = await backend.fresh().open();
    await storeWith(store, 'A note that fits its row.');
    const book = await master(store);
    expect(book.worksheets.map((w) => w.name)).not.toContain('Long texts');
    expect(book.worksheets.at(-1)?.name).toBe('Data quality');
  });
});
