// An .xlsx file's zip opened with its size held in check before the workbook reader sees it. The reader
// inflates every part whole into memory, so a small file whose sheet unpacks to gigabytes (a zip bomb)
// took the process down; here parts are inflated as a stream with a ceiling, only the parts that hold
// cells are kept, and sheets are cut to their cells (`SheetCells`). What comes out is a plain (stored)
// zip of those parts for the reader. Zip files that are other documents are named for what they are.
import { StringDecoder } from 'node:string_decoder';
import JSZip from 'jszip';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { ImportError } from './import-error';
import { SheetCells } from './sheet-xml-cells';
import { PartNames, PartRelationships, relationshipsOf } from './workbook-part-names';
import { WorkbookXml } from './workbook-xml';

export interface ArchiveLimits {
  /** All parts read, inflated, as the file declares them and as they turn out. */
  unpacked: number;
  /** What the workbook reader is given, once sheets are cut to their cells. */
  kept: number;
  /** One sheet row's text. */
  row: number;
}

const MB = 1024 * 1024;
export const ARCHIVE_LIMITS: ArchiveLimits = { unpacked: 1024 * MB, kept: 256 * MB, row: 16 * MB };

/**
 * The parts the workbook reader takes cells, names and the date system from, besides the sheets, notes and tables that
 * relationships name (`PartNames`); the rest (pictures, charts, chart sheets, pivot caches) it need not see. The theme
 * and notes' shapes it reads as they are written; the others are rewritten in its spelling (`WorkbookXml`).
 */
const XML_PARTS = [/^_rels\/\.rels$/, /^xl\/sharedStrings\.xml$/, /^xl\/styles\.xml$/];
const THEME = /^xl\/theme\/\w+\.xml$/;
const WORKBOOK = 'xl/workbook.xml';

const damaged = (file: string) => new ImportError('not-a-workbook', `${file} is a zip file but not a readable .xlsx workbook (damaged or cut short): open it in Excel or Google Sheets and save or download it as .xlsx.`);
const sizeText = (bytes: number) => (bytes >= 1024 * MB ? `${Math.round(bytes / (1024 * MB))} GB` : `${Math.max(1, Math.round(bytes / MB))} MB`);
const tooLarge = (file: string, limit: number) =>
  new ImportError('too-large', `${file} unpacks to more than ${sizeText(limit)}, more than a workbook of tables holds: it was not read (a damaged file, or one built to exhaust memory); save its tables in a new workbook and import that.`);

/**
 * The workbook's parts (sheets cut to their cells) as a stored zip for the workbook reader. Throws `ImportError`:
 * `not-a-workbook` for a damaged zip or another kind of document, `too-large` past `limits`.
 */
export async function unpackWorkbook(bytes: Buffer, file: string, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<Buffer> {
  const zip = await opened(bytes, file);
  try {
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    const byName = new Map(entries.map((e) => [nameOf(e), e]));
    if (!byName.has(WORKBOOK)) throw new ImportError('not-a-workbook', `${file} ${await otherDocument(zip, new Set(byName.keys()), entries)}`);
    const budget = { unpacked: limits.unpacked, kept: limits.kept };
    const declared = (names: Iterable<string>) => {
      // A size the file declares is refused before the part is inflated; one it hides is caught while inflating.
      let sum = 0;
      for (const name of names) sum += byName.get(name)?.uncompressedSize ?? 0;
      if (sum > budget.unpacked) throw tooLarge(file, limits.unpacked);
    };
    const refusal = (part: string) => () => new ImportError('too-large', `${file}: its part ${part} holds more text in one place than any workbook does; the file is damaged or was built to exhaust memory, and was not read.`);
    const spelt = (part: string) => new WorkbookXml(limits.row, refusal(part));
    const parts: { name: string; data: Buffer }[] = [];
    const read = async (part: string, as: string, rewrite: WorkbookXml | undefined) => parts.push({ name: as, data: await inflated(zip, byName.get(part)!, file, limits, budget, rewrite) });
    // The workbook and its relationships first, then each sheet's: they say which parts are sheets, notes and tables,
    // and which date system the sheets count in.
    const names = new PartNames(new Set(byName.keys()));
    const workbookRels = relationshipsOf(WORKBOOK);
    declared([WORKBOOK, workbookRels]);
    const workbook = datesAsDeclared(await inflated(zip, byName.get(WORKBOOK)!, file, limits, budget, spelt(WORKBOOK)));
    const date1904 = /<workbookPr\b[^>]*\bdate1904="1"/.test(workbook.toString('utf8'));
    parts.push({ name: WORKBOOK, data: workbook });
    if (byName.has(workbookRels)) await read(workbookRels, workbookRels, new PartRelationships(WORKBOOK, WORKBOOK, names, limits.row, refusal(workbookRels)));
    const sheets = [...names.parts].filter(([, { kind }]) => kind === 'worksheet');
    const sheetRels = sheets.map(([sheet, { as }]) => ({ sheet, as, rels: relationshipsOf(sheet) })).filter(({ rels }) => byName.has(rels));
    declared(sheetRels.map(({ rels }) => rels));
    for (const { sheet, as, rels } of sheetRels) await read(rels, relationshipsOf(as), new PartRelationships(sheet, as, names, limits.row, refusal(rels)));
    const others = [...byName.keys()].filter((name) => XML_PARTS.some((p) => p.test(name)) || THEME.test(name));
    declared([...others, ...names.parts.keys()]);
    for (const name of others) await read(name, name, THEME.test(name) ? undefined : spelt(name));
    for (const [part, { kind, as }] of names.parts) {
      const rewrite = kind === 'worksheet' ? new SheetCells(file, part, limits.row, date1904) : kind === 'vmlDrawing' ? undefined : spelt(part);
      await read(part, as, rewrite);
    }
    return await storedZip(parts);
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw damaged(file);
  } finally {
    zip.close();
  }
}

/**
 * The zip's directory, read by yauzl. Names are left undecoded and checked by nothing: a workbook's part names are
 * matched against the few the reader takes, so an odd name elsewhere (a leading slash, a backslash) is no reason to refuse
 * the file. Sizes are not checked against what the parts inflate to: the ceilings below count what they truly inflate to.
 */
async function opened(bytes: Buffer, file: string): Promise<ZipFile> {
  try {
    return await fromBufferPromise(bytes, { autoClose: false, lazyEntries: true, decodeStrings: false, validateEntrySizes: false });
  } catch {
    throw damaged(file);
  }
}

/** A part's name as the workbook's relationships give it: UTF-8 when the entry says so, else one byte a character. */
const nameOf = (entry: Entry) => entry.fileNameRaw.toString(entry.generalPurposeBitFlag & 0x800 ? 'utf8' : 'latin1').replace(/^\//, '');

/** `date1904="true"` (as LibreOffice writes it) read as the reader reads `"1"`: else a Mac workbook's dates move four years back. */
function datesAsDeclared(workbookXml: Buffer): Buffer {
  const text = workbookXml.toString('utf8');
  const fixed = text.replace(/(<workbookPr\b[^>]*\bdate1904=")true"/, '$11"');
  return fixed === text ? workbookXml : Buffer.from(fixed, 'utf8');
}

async function otherDocument(zip: ZipFile, names: ReadonlySet<string>, entries: readonly Entry[]): Promise<string> {
  const fix = 'open it in Excel or Google Sheets and save or download it as .xlsx';
  const mimetype = entries.find((e) => nameOf(e) === 'mimetype' && e.compressionMethod === 0 && e.uncompressedSize <= 100);
  const chunks: Buffer[] = [];
  if (mimetype) await streamed(zip, mimetype, (chunk) => chunks.push(chunk));
  const kind = Buffer.concat(chunks).toString('latin1');
  if (kind.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return `is an OpenDocument spreadsheet (.ods), not an .xlsx workbook: ${fix} (in LibreOffice, File > Save As > Excel 2007-365).`;
  if (kind.startsWith('application/vnd.oasis.opendocument')) return `is an OpenDocument file, not an .xlsx workbook: ${fix}.`;
  if (names.has('xl/workbook.bin')) return 'is an Excel binary workbook (.xlsb), not an .xlsx workbook: in Excel, save it as "Excel Workbook (.xlsx)".';
  if (names.has('word/document.xml')) return 'is a Word document, not an .xlsx workbook: import the workbook itself.';
  if (names.has('ppt/presentation.xml')) return 'is a PowerPoint file, not an .xlsx workbook: import the workbook itself.';
  return `is a zip file but not an .xlsx workbook (it holds no workbook): ${fix}.`;
}

/** One part inflated as a stream, counted against the budgets as it comes, and rewritten on the way by `rewrite`. */
async function inflated(zip: ZipFile, entry: Entry, file: string, limits: ArchiveLimits, budget: { unpacked: number; kept: number }, rewrite?: WorkbookXml): Promise<Buffer> {
  const decoder = new StringDecoder('utf8');
  const kept: Buffer[] = [];
  const keep = (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    budget.kept -= data.length;
    if (budget.kept < 0) throw tooLarge(file, limits.kept);
    if (data.length) kept.push(data);
  };
  await streamed(zip, entry, (chunk) => {
    budget.unpacked -= chunk.length;
    if (budget.unpacked < 0) throw tooLarge(file, limits.unpacked);
    keep(rewrite ? rewrite.push(decoder.write(chunk)) : chunk);
  });
  if (rewrite) keep(rewrite.push(decoder.end()) + rewrite.end());
  return Buffer.concat(kept);
}

/**
 * A part inflated as a stream, each chunk given to `take` as it comes, which may throw to stop it. Encrypted parts
 * and methods other than stored and deflated, which no spreadsheet program writes, are refused by yauzl.
 */
async function streamed(zip: ZipFile, entry: Entry, take: (chunk: Buffer) => void): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  try {
    for await (const chunk of stream) take(chunk as Buffer);
  } finally {
    stream.destroy();
  }
}

/** Parts as a zip with no compression: the workbook reader inflates nothing, and writing one costs only its checksums. */
function storedZip(parts: readonly { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const { name, data } of parts) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
