// An .xlsx file's zip opened with its size held in check before the workbook reader sees it. The reader
// inflates every part whole into memory, so a small file whose sheet unpacks to gigabytes (a zip bomb)
// took the process down; here parts are inflated as a stream with a ceiling, only the parts that hold
// cells are kept, and sheets are cut to their cells (`SheetCells`). What comes out is a plain (stored)
// zip of those parts for the reader. Zip files that are other documents are named for what they are.
import { createInflateRaw } from 'node:zlib';
import { StringDecoder } from 'node:string_decoder';
import JSZip from 'jszip';
import { ImportError } from './import-error';
import { SheetCells } from './sheet-xml-cells';

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

/** The parts the workbook reader takes cells, names, tables, notes and the date system from; the rest (pictures, charts, chart sheets, pivot caches) it need not see. */
const READ_PARTS = [
  /^_rels\/\.rels$/, /^xl\/workbook\.xml$/, /^xl\/_rels\/workbook\.xml\.rels$/, /^xl\/sharedStrings\.xml$/, /^xl\/styles\.xml$/, /^xl\/theme\/\w+\.xml$/,
  /^xl\/worksheets\/sheet\d+\.xml$/, /^xl\/worksheets\/_rels\/sheet\d+\.xml\.rels$/, /^xl\/comments\d+\.xml$/, /^xl\/drawings\/vmlDrawing\d+\.vml$/, /^xl\/tables\/table\d+\.xml$/,
];
const SHEET_PART = /^xl\/worksheets\/sheet\d+\.xml$/;

interface Entry { name: string; method: number; flags: number; compressed: number; size: number; localOffset: number }

const damaged = (file: string) => new ImportError('not-a-workbook', `${file} is a zip file but not a readable .xlsx workbook (damaged or cut short): open it in Excel or Google Sheets and save or download it as .xlsx.`);
const sizeText = (bytes: number) => (bytes >= 1024 * MB ? `${Math.round(bytes / (1024 * MB))} GB` : `${Math.max(1, Math.round(bytes / MB))} MB`);
const tooLarge = (file: string, limit: number) =>
  new ImportError('too-large', `${file} unpacks to more than ${sizeText(limit)}, more than a workbook of tables holds: it was not read (a damaged file, or one built to exhaust memory); save its tables in a new workbook and import that.`);

/**
 * The workbook's parts (sheets cut to their cells) as a stored zip for the workbook reader. Throws `ImportError`:
 * `not-a-workbook` for a damaged zip or another kind of document, `too-large` past `limits`.
 */
export async function unpackWorkbook(bytes: Buffer, file: string, limits: ArchiveLimits = ARCHIVE_LIMITS): Promise<Buffer> {
  const entries = centralDirectory(bytes, file);
  const names = new Set(entries.map((e) => e.name));
  if (!names.has('xl/workbook.xml')) throw new ImportError('not-a-workbook', `${file} ${otherDocument(names, bytes, entries)}`);
  const read = entries.filter((e) => READ_PARTS.some((p) => p.test(e.name)));
  // A size the file declares is refused before anything is inflated; one it hides is caught while inflating.
  if (read.reduce((sum, e) => sum + e.size, 0) > limits.unpacked) throw tooLarge(file, limits.unpacked);
  const budget = { unpacked: limits.unpacked, kept: limits.kept };
  const parts: { name: string; data: Buffer }[] = [];
  for (const entry of read) {
    const data = await inflated(bytes, entry, file, limits, budget);
    parts.push({ name: entry.name, data: entry.name === 'xl/workbook.xml' ? datesAsDeclared(data) : data });
  }
  return storedZip(parts);
}

/** `date1904="true"` (as LibreOffice writes it) read as the reader reads `"1"`: else a Mac workbook's dates move four years back. */
function datesAsDeclared(workbookXml: Buffer): Buffer {
  const text = workbookXml.toString('utf8');
  const fixed = text.replace(/(<(?:[A-Za-z_][\w.-]*:)?workbookPr\b[^>]*\bdate1904=)(["'])true\2/, '$1$21$2');
  return fixed === text ? workbookXml : Buffer.from(fixed, 'utf8');
}

function otherDocument(names: ReadonlySet<string>, bytes: Buffer, entries: readonly Entry[]): string {
  const fix = 'open it in Excel or Google Sheets and save or download it as .xlsx';
  const mimetype = entries.find((e) => e.name === 'mimetype' && e.method === 0);
  const kind = mimetype ? bytes.subarray(dataStart(bytes, mimetype), dataStart(bytes, mimetype) + Math.min(mimetype.size, 100)).toString('latin1') : '';
  if (kind.startsWith('application/vnd.oasis.opendocument.spreadsheet')) return `is an OpenDocument spreadsheet (.ods), not an .xlsx workbook: ${fix} (in LibreOffice, File > Save As > Excel 2007-365).`;
  if (kind.startsWith('application/vnd.oasis.opendocument')) return `is an OpenDocument file, not an .xlsx workbook: ${fix}.`;
  if (names.has('xl/workbook.bin')) return 'is an Excel binary workbook (.xlsb), not an .xlsx workbook: in Excel, save it as "Excel Workbook (.xlsx)".';
  if (names.has('word/document.xml')) return 'is a Word document, not an .xlsx workbook: import the workbook itself.';
  if (names.has('ppt/presentation.xml')) return 'is a PowerPoint file, not an .xlsx workbook: import the workbook itself.';
  return `is a zip file but not an .xlsx workbook (it holds no workbook): ${fix}.`;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const FULL32 = 0xffffffff;

function centralDirectory(bytes: Buffer, file: string): Entry[] {
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (bytes.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw damaged(file);
  let count = bytes.readUInt16LE(eocd + 10);
  let offset = bytes.readUInt32LE(eocd + 16);
  if ((count === 0xffff || offset === FULL32) && eocd >= 20 && bytes.readUInt32LE(eocd - 20) === ZIP64_LOCATOR) {
    const record = Number(bytes.readBigUInt64LE(eocd - 12));
    if (record + 56 > bytes.length || bytes.readUInt32LE(record) !== ZIP64_EOCD) throw damaged(file);
    count = Number(bytes.readBigUInt64LE(record + 32));
    offset = Number(bytes.readBigUInt64LE(record + 48));
  }
  const entries: Entry[] = [];
  let at = offset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw damaged(file);
    const flags = bytes.readUInt16LE(at + 8);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const name = bytes.subarray(at + 46, at + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1').replace(/^\//, '');
    const entry: Entry = { name, flags, method: bytes.readUInt16LE(at + 10), compressed: bytes.readUInt32LE(at + 20), size: bytes.readUInt32LE(at + 24), localOffset: bytes.readUInt32LE(at + 42) };
    zip64Sizes(entry, bytes.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength));
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Sizes and offsets too large for 32 bits are in the zip64 extra field, in this order, each only where its 32-bit field is full. */
function zip64Sizes(entry: Entry, extra: Buffer): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(i);
    const length = extra.readUInt16LE(i + 2);
    if (id === 0x0001) {
      let at = i + 4;
      const next = () => {
        const value = at + 8 <= i + 4 + length && at + 8 <= extra.length ? Number(extra.readBigUInt64LE(at)) : FULL32;
        at += 8;
        return value;
      };
      if (entry.size === FULL32) entry.size = next();
      if (entry.compressed === FULL32) entry.compressed = next();
      if (entry.localOffset === FULL32) entry.localOffset = next();
      return;
    }
    i += 4 + length;
  }
}

function dataStart(bytes: Buffer, entry: Entry): number {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL) return -1;
  return at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
}

/** One part inflated as a stream, counted against the budgets as it comes; a sheet is cut to its cells on the way. */
async function inflated(bytes: Buffer, entry: Entry, file: string, limits: ArchiveLimits, budget: { unpacked: number; kept: number }): Promise<Buffer> {
  const start = dataStart(bytes, entry);
  // Encrypted entries (bit 0) and methods other than stored and deflated are no workbook any spreadsheet program writes.
  if (start < 0 || start + entry.compressed > bytes.length || entry.flags & 0x1 || (entry.method !== 0 && entry.method !== 8)) throw damaged(file);
  const raw = bytes.subarray(start, start + entry.compressed);
  const cells = SHEET_PART.test(entry.name) ? new SheetCells(file, entry.name, limits.row) : undefined;
  const decoder = new StringDecoder('utf8');
  const kept: Buffer[] = [];
  const keep = (chunk: Buffer | string) => {
    const data = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    budget.kept -= data.length;
    if (budget.kept < 0) throw tooLarge(file, limits.kept);
    if (data.length) kept.push(data);
  };
  const take = (chunk: Buffer) => {
    budget.unpacked -= chunk.length;
    if (budget.unpacked < 0) throw tooLarge(file, limits.unpacked);
    keep(cells ? cells.push(decoder.write(chunk)) : chunk);
  };
  if (entry.method === 0) {
    take(raw);
  } else {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    inflate.end(raw);
    try {
      for await (const chunk of inflate) take(chunk as Buffer);
    } catch (e) {
      inflate.destroy();
      if (e instanceof ImportError) throw e;
      throw damaged(file);
    }
  }
  if (cells) keep(cells.push(decoder.end()) + cells.end());
  return Buffer.concat(kept);
}

/** Parts as a zip with no compression: the workbook reader inflates nothing, and writing one costs only its checksums. */
function storedZip(parts: readonly { name: string; data: Buffer }[]): Promise<Buffer> {
  const zip = new JSZip();
  for (const { name, data } of parts) zip.file(name, data);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
}
