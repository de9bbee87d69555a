// `import` of CSV and tab-separated files, as service desks, form tools and browsers hand them over: read as one
// sheet named after the file, in the encodings and separators Excel writes, each record a row.
import { writeFile } from 'node:fs/promises';
import { afterAll, describe, expect, test } from 'vitest';
import { isErrorType } from '../../../shared/typed-error';
import { ImportError } from '../../../sync/ingest/import-error';
import { importWorkbook } from '../../../sync/ingest/import-workbook';
import { decodeText, delimitedTextGrid, textKind } from '../../../sync/ingest/delimited-text';
import { storeBackends } from '../../support/store-backends';
import { tempFolder } from './workbook-files';

const backends = storeBackends('ingest_csv');
const files = tempFolder('csv');
afterAll(async () => {
  await Promise.all(backends.map((b) => b.cleanup()));
  files.cleanup();
});

const LOG = [
  'Request ID,Received,Organization,Requester type,Description,Priority,Status',
  '00107,10/2/2026,"City of Davis, Office of Equity",City,"Review the draft plan:',
  'sections 2 and ""Next steps""",High,New',
  '00108,10/6/2026,Yolo County,County,Budget equity tool training,Medium,In progress',
  '00109,13/45/2026,Alameda County,County,Data help,Low,New',
  '',
].join('\r\n');

/** What reading `text` as the file /d/log.csv throws. */
function refusal(text: string): unknown {
  try {
    delimitedTextGrid('/d/log.csv', text);
  } catch (e) {
    return e;
  }
}

describe('a CSV file read as a sheet', () => {
  test('each record is a row, quoted commas, quotes and line breaks kept in their cell, blank cells blank', () => {
    const sheet = delimitedTextGrid('/tmp/exports/TA requests.csv', LOG);
    expect(sheet.name).toBe('TA requests');
    expect(sheet.grid).toHaveLength(4);
    expect(sheet.grid[1]).toEqual(['00107', '10/2/2026', 'City of Davis, Office of Equity', 'City', 'Review the draft plan:\nsections 2 and "Next steps"', 'High', 'New']);
    expect(delimitedTextGrid('x.csv', 'a,b\n1,\n').grid).toEqual([['a', 'b'], ['1', null]]);
  });

  test('a value written as ="…", as exports keep an ID\'s leading zeros for Excel, is the text Excel shows', () => {
    expect(delimitedTextGrid('x.csv', 'Request ID,Notes\n="00107","=""TBD"" per staff"\n=SUM(1),x\n').grid).toEqual([['Request ID', 'Notes'], ['00107', '="TBD" per staff'], ['=SUM(1)', 'x']]);
  });

  test('semicolons, tabs and pipes are told apart from commas, and Excel\'s "sep=" line is honored and not a row', () => {
    for (const sep of [';', '\t', '|']) {
      expect(delimitedTextGrid('x.csv', `Status${sep}Notes\nNew${sep}"a, b"\n`).grid, JSON.stringify(sep)).toEqual([['Status', 'Notes'], ['New', 'a, b']]);
    }
    expect(delimitedTextGrid('x.csv', 'sep=;\nStatus;Notes, more\nNew;x\n').grid).toEqual([['Status', 'Notes, more'], ['New', 'x']]);
  });

  test('decoded by its byte-order mark, as UTF-8 where it is valid, else as Windows-1252', () => {
    const text = 'Organización,Café\n';
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]))).toBe(text);
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]))).toBe(text);
    expect(decodeText(Buffer.from(text, 'utf8'))).toBe(text);
    expect(decodeText(Buffer.from(text, 'latin1'))).toBe(text);
    // Windows-1252's curly quotes and dash, which Latin-1 does not have.
    expect(decodeText(Buffer.from([0x93, 0x54, 0x42, 0x44, 0x94, 0x20, 0x96]))).toBe('\u201cTBD\u201d \u2013');
  });

  test('a browser\'s " (1)" for a second download is not part of the sheet\'s name; characters a sheet name cannot hold are spaces', () => {
    expect(delimitedTextGrid('/d/Jira (1).csv', 'a,b\n').name).toBe('Jira');
    expect(delimitedTextGrid('/d/TA: 2026?.csv', 'a,b\n').name).toBe('TA 2026');
    expect(delimitedTextGrid('/d/A very long export file name from the service desk.csv', 'a,b\n').name).toHaveLength(31);
  });

  test("the id Notion puts after a database's name in its export (and its _all copy) is not part of the sheet's name", () => {
    expect(delimitedTextGrid('/d/Milestones 9b30b13b97a74acda7dd1f152937e173.csv', 'a,b\n').name).toBe('Milestones');
    expect(delimitedTextGrid('/d/Milestones 9b30b13b97a74acda7dd1f152937e173_all.csv', 'a,b\n').name).toBe('Milestones');
  });

  test('a header holding U+FFFD, the mark an earlier program left for a character it could not decode, is a table\'s header', () => {
    expect(textKind('Item ID,Notas de la reuni\ufffdn\nH-1,ok\n')).toBe('table');
    // A file whose first line holds control characters is another kind of file.
    expect(textKind('\u0089PNG\u0000\u001a,x\n')).toBe('binary');
  });

  test('a quoted value never closed is refused, naming its row, instead of reading every row after it as one cell', () => {
    const error = refusal('Status,Notes\nNew,ok\nNew,"never closed\nNew,x\n');
    expect(isErrorType(error, ImportError) && error.code).toBe('not-a-workbook');
    expect((error as Error).message).toMatch(/^\/d\/log\.csv: row 3 opens a quoted value/);
  });

  test('a last record with no line end and fewer fields than the header is refused as cut short, naming its row', () => {
    for (const cut of [LOG.slice(0, LOG.indexOf('Alameda') + 4), LOG.slice(0, LOG.indexOf('Alameda') - 1), `${LOG.slice(0, LOG.indexOf('00109'))}001`]) {
      const error = refusal(cut);
      expect(isErrorType(error, ImportError) && error.code, cut).toBe('not-a-workbook');
      expect((error as Error).message, cut).toMatch(/^\/d\/log\.csv: row 4 has only [123] of the header's 7 columns and no line break after it: the file seems cut short/);
    }
    // A blank line between rows is no sign of a writer that shortens rows.
    expect((refusal('Status,Notes,Owner\nNew,x,A\n\nDone,y,B\nNew') as Error).message).toMatch(/row 5 has only 1 of the header's 3 columns .* seems cut short/);
    // Cut inside a quoted value: the quote is never closed.
    expect((refusal(LOG.slice(0, LOG.indexOf('Review') + 6)) as Error).message).toMatch(/^\/d\/log\.csv: row 2 opens a quoted value .* the file seems cut short/);
  });

  test('a last record with no line end that has all its fields is kept, as many writers leave off the last line break', () => {
    expect(delimitedTextGrid('x.csv', 'Status,Notes\nNew,x\nDone,y').grid).toEqual([['Status', 'Notes'], ['New', 'x'], ['Done', 'y']]);
    expect(delimitedTextGrid('x.csv', 'Status,Notes\r\nNew,"a\r\nb"').grid).toEqual([['Status', 'Notes'], ['New', 'a\nb']]);
    expect(delimitedTextGrid('x.csv', 'Status,Notes\nNew,').grid).toEqual([['Status', 'Notes'], ['New', null]]);
    // A short record that ends with its line break is a whole row whose last cells a writer left off.
    expect(delimitedTextGrid('x.csv', 'Status,Notes,Owner\nNew\n').grid).toEqual([['Status', 'Notes', 'Owner'], ['New']]);
    // A writer that leaves off a row's empty last cells does so on other rows too: its short last row is whole.
    expect(delimitedTextGrid('x.csv', 'Status,Notes,Owner\nNew,x\nDone').grid).toEqual([['Status', 'Notes', 'Owner'], ['New', 'x'], ['Done']]);
  });

  test('a header holding a control character is refused naming its column and the character, not as another kind of file', () => {
    expect(textKind('Request ID,Stat\u0007us,Notes\nR1,New,x\n')).toBe('table');
    // More than one is another kind of file's bytes, or text in an encoding of two bytes a character without its mark.
    expect(textKind('Request ID,Stat\u0007us,N\u0000otes\nR1,New,x\n')).toBe('binary');
    const error = refusal('Request ID,Stat\u0007us,Notes\nR1,New,x\n');
    expect(isErrorType(error, ImportError) && error.code).toBe('not-a-workbook');
    expect((error as Error).message).toBe('/d/log.csv: the name of the header\'s column B, "Stat[U+0007]us", holds the control character U+0007, which no column\'s name holds (the file may be damaged): remove it and import the file again.');
  });
});

describe.each(backends)('import of a CSV file on $name', (backend) => {
  test('stores the rows as a workbook\'s, IDs with their leading zeros, and rejects a bad row naming the file\'s sheet, row and column', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Service desk', sourceKind: 'file' });
    const file = files.path('TA requests.csv');
    await writeFile(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LOG, 'utf8')]));
    const r = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-12-07T12:00:00Z') });
    expect(r.accepted).toBe(2);
    expect(r.rejected).toEqual([expect.objectContaining({ sheet: 'TA requests', row: 4, errors: [expect.objectContaining({ field: 'receivedOn', column: 'B' })] })]);
    const rows = [];
    for await (const row of store.rows('requests', { sourceIds: [principal.id] })) rows.push(row.values);
    expect(rows.map((values) => values.requestId).sort()).toEqual(['00107', '00108']);
    expect(rows.find((values) => values.requestId === '00107')).toMatchObject({ requesterOrg: 'City of Davis, Office of Equity', receivedOn: '2026-10-02', description: 'Review the draft plan:\nsections 2 and "Next steps"' });
    // The same export downloaded again reads as the same sheet: nothing changes.
    const again = files.path('TA requests (1).csv');
    await writeFile(again, LOG);
    const second = await importWorkbook(store, { file: again, sourceId: principal.id, at: new Date('2026-12-08T12:00:00Z') });
    expect([second.accepted, second.unchanged, second.deleted, second.removedFrom]).toEqual([0, 2, 0, []]);
  });

  test('a stray control character in a cell refuses that row, naming its cell; the rest are stored', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Stray NUL', sourceKind: 'file' });
    const file = files.path('Requests.csv');
    await writeFile(file, 'Request ID,Received,Organization,Status\nR1,10/2/2026,City of Davis,New\nR2,10/3/2026,Yolo\u0000 County,New\n');
    const r = await importWorkbook(store, { file, sourceId: principal.id, at: new Date() });
    expect(r.accepted).toBe(1);
    expect(r.rejected).toEqual([expect.objectContaining({ sheet: 'Requests', row: 3, errors: [expect.objectContaining({ field: 'requesterOrg', column: 'C' })] })]);
  });

  test('a web page under a spreadsheet\'s name, and text with no columns, are refused with what to do; nothing is stored', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Not tables', sourceKind: 'file' });
    const cases: [string, string, RegExp][] = [
      ['export.xls', '<html><body><table><tr><td>Status</td></tr></table></body></html>', /is a web page .*save or download it as \.xlsx/],
      ['notes.csv', 'just a line of text\n', /text file with no columns/],
      ['plan.pdf', '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n1 0 obj\n<</Type/Catalog>>\n', /is a PDF document.*copy its tables into a sheet/],
      ['utf16.csv', Buffer.from('Status,Notes\nNew,x\n', 'utf16le').toString('latin1'), /is not an \.xlsx workbook or CSV file/],
    ];
    for (const [name, text, reason] of cases) {
      const file = files.path(name);
      await writeFile(file, Buffer.from(text, 'latin1'));
      const error = await importWorkbook(store, { file, sourceId: principal.id, at: new Date() }).catch((e: unknown) => e);
      expect(isErrorType(error, ImportError) && error.code, name).toBe('not-a-workbook');
      expect((error as Error).message, name).toMatch(reason);
    }
    expect(await store.syncState(principal.id, 'requests')).toEqual([]);
  });

  test('a file cut short is refused whole and the rows stored from the whole file stay as they were', async () => {
    const store = await backend.open();
    const { principal } = await store.createPrincipal({ kind: 'source', name: 'Cut download', sourceKind: 'file' });
    const file = files.path('Cut requests.csv');
    await writeFile(file, LOG);
    expect((await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-12-07T12:00:00Z') })).accepted).toBe(2);
    const stored = async () => {
      const rows = [];
      for await (const row of store.rows('requests', { sourceIds: [principal.id] })) rows.push(row.values);
      return rows;
    };
    const before = await stored();
    await writeFile(file, LOG.slice(0, LOG.indexOf('00108') + 12));
    const error = await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-12-08T12:00:00Z') }).catch((e: unknown) => e);
    expect(isErrorType(error, ImportError) && error.code).toBe('not-a-workbook');
    expect((error as Error).message).toMatch(/row 3 has only 2 of the header's 7 columns .* seems cut short/);
    expect(await stored()).toEqual(before);
  });
});
