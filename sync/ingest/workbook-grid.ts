// An .xlsx file as grids of plain cell values, one per sheet, for the shared table reader (a CSV file's one sheet, a
// Word document's tables, a PowerPoint file's and an OpenDocument file's are read into the same grids, `delimited-text.ts`,
// `document-tables.ts`, `slide-tables.ts`, `opendocument-tables.ts`, `opendocument-slides.ts`). Formulas
// give their cached results, rich text and links their text, merged cells their range's value, so a
// cell reads as the user sees it. Read from the XML parser's events as each part streams: a model of the
// workbook with an object per cell would take many times the file's size.
import { open, readFile, stat } from 'node:fs/promises';
import { excelTableAt, type ExcelTable } from '../../shared/excel-tables';
import { decodeText, delimitedTextGrid, textKind } from './delimited-text';
import { documentTables } from './document-tables';
import { ImportError } from './import-error';
import { opendocumentSlides } from './opendocument-slides';
import { opendocumentTables } from './opendocument-tables';
import type { SheetGrid } from './sheet-grid';
import { SheetGridCells } from './sheet-grid-cells';
import { slideTables } from './slide-tables';
import { ARCHIVE_LIMITS, ODF_PRESENTATION, ODF_SPREADSHEET, ODF_TEXT, PRESENTATION, readWorkbookArchive, WORD_DOCUMENT, WORKBOOK, type ArchiveLimits, type WorkbookArchive } from './workbook-archive';
import { PartRelationships, relationshipsOf } from './workbook-relationships';
import { NumberFormats, SharedStrings, TableDefinition, WorkbookSheets } from './workbook-parts';
import { joinJiraComments } from './jira-comments';
import { joinSurveyHeader } from './survey-header-rows';

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Throws `ImportError` when the file is missing, is not an .xlsx workbook, or unpacks to more than `limits` allow
 * (`readWorkbookArchive`); the rows and cells that hold nothing are left out as the sheets stream (`SheetCells`).
 */
export async function readWorkbookGrids(file: string, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<SheetGrid[]> {
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) throw new ImportError('file-not-found', `${file}: no such file`);
  const head = await leadingBytes(file);
  const zip = head.subarray(0, 4).equals(ZIP_SIGNATURE);
  if (!zip && textKind(decodeText(head)) !== 'table') throw new ImportError('not-a-workbook', `${file} ${whyNotAWorkbook(head, file)}`);
  if (info.size > (zip ? limits.unpacked : limits.kept)) throw new ImportError('too-large', `${file} is larger than any workbook of tables an import reads: save its tables in a new workbook and import that.`);
  if (!zip) return [toolGrid(delimitedTextGrid(file, decodeText(await readFile(file))))];
  return (await readWorkbookArchive(await readFile(file), file, limits, { [WORKBOOK]: sheetGrids, [WORD_DOCUMENT]: documentTables, [PRESENTATION]: slideTables, [ODF_SPREADSHEET]: opendocumentTables, [ODF_TEXT]: opendocumentTables, [ODF_PRESENTATION]: opendocumentSlides })).map(toolGrid);
}

/** A tool's export whose cells its header alone cannot say (decision 033): SurveyMonkey's two header rows, Jira's many comments. */
const toolGrid = (sheet: SheetGrid): SheetGrid => joinJiraComments(joinSurveyHeader(sheet));

const SHARED_STRINGS = 'xl/sharedStrings.xml';
const STYLES = 'xl/styles.xml';

/**
 * The workbook and its relationships first, then each sheet's: they say which parts are sheets and tables, and which
 * date system the sheets count in; then the strings and number formats the cells refer to, the tables, and the sheets.
 */
async function sheetGrids(archive: WorkbookArchive): Promise<SheetGrid[]> {
  const { file, limits } = archive;
  const relationships = (part: string) => new PartRelationships(part, archive.parts, limits.row, archive.refusal(relationshipsOf(part)));
  const workbookRels = relationshipsOf(archive.main);
  archive.declared([archive.main, workbookRels]);
  const workbook = new WorkbookSheets(limits.row, archive.refusal(archive.main));
  await archive.read(archive.main, workbook);
  const related = relationships(archive.main);
  if (archive.parts.has(workbookRels)) await archive.read(workbookRels, related);
  const sheets = workbook.sheets.flatMap(({ name, relationship }) => {
    const target = related.targets.get(relationship);
    return target?.kind === 'worksheet' ? [{ name, part: target.part }] : [];
  });
  const sheetRels = new Map<string, PartRelationships>();
  const withRels = [...new Set(sheets.map((s) => s.part))].filter((part) => archive.parts.has(relationshipsOf(part)));
  archive.declared(withRels.map(relationshipsOf));
  for (const part of withRels) {
    const rels = relationships(part);
    await archive.read(relationshipsOf(part), rels);
    sheetRels.set(part, rels);
  }
  const tableParts = [...new Set([...sheetRels.values()].flatMap((rels) => [...rels.targets.values()].filter((r) => r.kind === 'table').map((r) => r.part)))];
  const shared = [SHARED_STRINGS, STYLES].filter((part) => archive.parts.has(part));
  archive.declared([...shared, ...tableParts, ...new Set(sheets.map((s) => s.part))]);
  const strings = new SharedStrings(limits.row, archive.refusal(SHARED_STRINGS));
  if (archive.parts.has(SHARED_STRINGS)) await archive.read(SHARED_STRINGS, strings);
  const formats = new NumberFormats(limits.row, archive.refusal(STYLES));
  if (archive.parts.has(STYLES)) await archive.read(STYLES, formats);
  const tables = new Map<string, TableDefinition>();
  for (const part of tableParts) {
    const table = new TableDefinition(limits.row, archive.refusal(part));
    await archive.read(part, table);
    tables.set(part, table);
  }
  const grids: SheetGrid[] = [];
  for (const { name, part } of sheets) {
    const cells = new SheetGridCells(file, part, limits.row, workbook.date1904, strings.strings, formats);
    await archive.read(part, cells);
    const rels = sheetRels.get(part)?.targets;
    const excelTables = new Map<string, ExcelTable>();
    for (const id of cells.tableParts) {
      const table = tables.get(rels?.get(id)?.part ?? '');
      const at = table?.name === undefined ? undefined : excelTableAt(table.name, table.ref ?? '');
      if (at && !excelTables.has(at.name)) excelTables.set(at.name, at);
    }
    grids.push({ name, grid: Array.from(cells.grid, (row) => (row ? Array.from(row, (c) => c ?? null) : [])), textsLikeErrors: cells.textsLikeErrors, excelTables: [...excelTables.values()], uncalculated: cells.uncalculated, indents: cells.indents, rowLevels: cells.rowLevels });
  }
  return grids;
}

const SNIFFED_BYTES = 512;

async function leadingBytes(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFFED_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SNIFFED_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Why a file the workbook reader refused is not a workbook, told from its first bytes in words an
 * administrator can act on: the zip reader's own message names offsets and a web page, not the file.
 */
export function whyNotAWorkbook(head: Buffer, file: string): string {
  const fix = 'open it in Excel or Google Sheets and save or download it as .xlsx';
  if (head.length === 0) return 'is empty: an .xlsx workbook was expected.';
  if (head.subarray(0, 4).equals(ZIP_SIGNATURE)) return `is a zip file but not a readable .xlsx workbook (damaged or cut short, or another kind of file): ${fix}.`;
  // The compound-file header shared by .xls workbooks, .doc documents, .ppt files and password-protected .xlsx, .docx and .pptx files: only the name tells them apart.
  if (head.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))) {
    if (/\.doc[xm]?$/i.test(file)) return 'is an older Word (.doc) document or one protected by a password: in Word, save it as .docx without a password.';
    if (/\.ppt[xm]?$/i.test(file)) return 'is an older PowerPoint (.ppt) file or one protected by a password: in PowerPoint, save it as .pptx without a password.';
    return 'is an older Excel (.xls) workbook or one protected by a password: save it as .xlsx without a password.';
  }
  const kind = textKind(decodeText(head));
  // Older tools' "Export to Excel" writes a web page's table under an .xls name.
  if (kind === 'pdf') return 'is a PDF document, not a workbook: copy its tables into a sheet in Excel or Google Sheets, save it as .xlsx and import that.';
  if (kind === 'markup') return `is a web page or XML file, not an .xlsx workbook or CSV file: ${fix}.`;
  if (kind === 'plain') return `is a text file with no columns (no commas, semicolons or tabs between values), not an .xlsx workbook or CSV file: ${fix}.`;
  return `is not an .xlsx workbook or CSV file: ${fix}.`;
}
