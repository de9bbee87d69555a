// Where we reach into exceljs's streaming writer: rows written as XML we make ourselves (its row model
// is too slow for 200,000 rows), and pictures, Excel tables and data bars, which it writes not at all
// or (data bars) with a dangling Excel 2010 extension reference.
//
// Trade-off: this depends on internals of exceljs 4.4's streaming writer (the book's `zip`, `media`,
// `styles` and `addContentTypes`; a sheet's `stream` and the zip entry it pipes to, `startedData`,
// `conditionalFormatting`, `_sheetRelsWriter` and four `_write…` methods). The alternative, the
// in-memory workbook, holds every row and cannot write a 200,000-row sheet within 256 MB. The tests read
// every part back with exceljs, openpyxl and LibreOffice, so an upgrade that moves these internals
// fails loudly, not silently.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Writable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import zlib from 'node:zlib';
import { SharedStringTable } from './shared-string-table';
import { escapeXml, escapeXstring, withoutForbiddenXml } from './xml-text';

const require = createRequire(import.meta.url);
// Renders [Content_Types].xml; the streaming writer's own call omits drawings and tables.
const ContentTypesXform = require('exceljs/lib/xlsx/xform/core/content-types-xform.js') as new () => { toXml(model: object): string };

/**
 * The zip's CRC-32 of every entry from zlib's native code instead of the crc-32 package's JavaScript,
 * which the zip (archiver, through crc32-stream) runs on the event loop over every byte of every sheet.
 * The same checksum (the package's signed form); Node before 20.15 has no zlib.crc32 and keeps the package's.
 */
function nativeZipChecksums(): void {
  if (typeof zlib.crc32 !== 'function') return;
  const from = (pkg: string, paths?: string[]) => require.resolve(pkg, paths && { paths });
  const crcStream = from('crc32-stream', [dirname(from('archiver'))]);
  const crc = require(from('crc-32', [dirname(crcStream)])) as { buf(data: Uint8Array, seed?: unknown): number };
  // crc32-stream's first seed is a zeroed Buffer, which the package reads as 0.
  crc.buf = (data, seed) => zlib.crc32(data, typeof seed === 'number' ? seed >>> 0 : 0) | 0;
}
nativeZipChecksums();

const REL_DRAWING = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const REL_IMAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const REL_TABLE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table';
const EMU_PER_PIXEL = 9525;

interface Zip { append(source: string | Buffer, options: { name: string }): void }

/** The members of exceljs's `WorkbookWriter` this module relies on. */
export interface BookInternals {
  zip: Zip;
  media: { name: string }[];
  /** Indexed by sheet id (from 1) as exceljs adds them; any order of the same sheets is the tab order. */
  _worksheets: unknown[];
  /** Always present; written at commit (part, relationship, content type) when it holds any string. */
  sharedStrings: { add(text: string): number };
  commentRefs: unknown[];
  styles: { addStyleModel(model: object, cellType: number): number };
  addImage(image: { buffer: Buffer; extension: 'png' }): number;
  addContentTypes(): Promise<void>;
}

/** archiver's PassThrough (readable-stream 2, which has no `writableNeedDrain`) in front of a zip entry. */
type ZipEntryStream = Writable & { _writableState?: { needDrain: boolean } };

/** The members of exceljs's `WorksheetWriter` this module relies on. */
export interface SheetInternals {
  id: number;
  /** exceljs's StreamBuf; `pipes[0]` is the zip entry's stream, once the zip has taken the sheet. */
  stream: { write(data: string | Buffer): void; pipes?: ZipEntryStream[] };
  startedData: boolean;
  /** Manual page breaks, written when the sheet commits: `id` is the row a page ends after. */
  rowBreaks: { id: number; max: number; man: 1 }[];
  _writeRowBreaks(): void;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
  conditionalFormatting: { rules: { priority?: number }[] }[];
  _sheetRelsWriter: { addRelationship(rel: { Type: string; Target: string }): string };
  _writeLegacyData(): void;
  _writeConditionalFormatting(): void;
}

/** Sheet XML written between two collections of the buffers that carried it. */
const RELEASE_EVERY_BYTES = 32 * 1024 * 1024;
let collect: (() => void) | null | undefined;

/**
 * Counts the bytes of sheet XML handed to the zip and collects garbage after every 32 MB. Each byte travels
 * in fresh 64 KB buffers (exceljs's StreamBuf, then zlib's output), held outside V8's heap, which V8 collects
 * only once many of them have piled up: a good part of the master workbook's peak memory (decision 006). Node offers no
 * collection without `--expose-gc`, so the flag is set here, for a function reached through a fresh context;
 * where that fails, memory is left to V8. Only for a process that does nothing else (see `WriteOptions`).
 */
export function bufferRelease(): (bytes: number) => void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  const gc = collect;
  if (!gc) return () => undefined;
  let since = 0;
  return (bytes) => {
    since += bytes;
    if (since < RELEASE_EVERY_BYTES) return;
    since = 0;
    gc();
  };
}

/** Opens `<sheetData>` (after `<cols>`) so rows can be written as XML; the sheet's commit closes it. */
export function openSheetData(sheet: SheetInternals): void {
  sheet._writeColumns();
  sheet._writeOpenSheetData();
  sheet.startedData = true;
}

/**
 * Waits until the zip has taken in what the sheet wrote so far. exceljs hands rows on without
 * backpressure; waiting on the zip entry's stream keeps memory flat however slow compression or the
 * destination are. Resolves false when there was nothing to wait for.
 */
export async function zipDrained(sheet: SheetInternals): Promise<boolean> {
  const entry = sheet.stream.pipes?.[0];
  if (!entry?._writableState?.needDrain) return false;
  await once(entry, 'drain');
  return true;
}

/** The style id exceljs gives a style for a cell of this type (its `ValueType`), cached per style object and type. */
export function styleIdCache(book: BookInternals): (style: object, cellType: number) => number {
  const ids = new WeakMap<object, Map<number, number>>();
  return (style, cellType) => {
    let byType = ids.get(style);
    if (!byType) ids.set(style, (byType = new Map()));
    let id = byType.get(cellType);
    // A fresh copy each time: exceljs caches ids by object alone, whatever the cell type.
    if (id === undefined) byType.set(cellType, (id = book.styles.addStyleModel({ ...style }, cellType)));
    return id;
  };
}

/** The workbook's shared strings, put in exceljs's table (which the book writes at commit); exceljs's own would hold every text. */
// exceljs escapes markup and C0 controls in the shared strings, but passes U+FFFE and U+FFFF, which XML forbids too.
export const sharedStringTable = (book: BookInternals) => new SharedStringTable((text) => book.sharedStrings.add(withoutForbiddenXml(escapeXstring(text))));

/** A data bar over `ref`, from 0 to 1 (`percent`) or to the largest value. */
export interface DataBar {
  ref: string;
  percent: boolean;
  color: string;
}

export interface PictureAnchor {
  mediaId: number;
  /** 0-based cell of the top-left corner. */
  col: number;
  row: number;
  width: number;
  height: number;
  alt: string;
}

export interface TablePart {
  name: string;
  /** e.g. `A3:F250`: header row first. */
  ref: string;
  columns: readonly string[];
}

const xmlText = (s: string) => escapeXml(s).replace(/"/g, '&quot;');

function drawingXml(pictures: readonly PictureAnchor[], imageRel: (mediaId: number) => string): string {
  const anchors = pictures.map((p, i) => {
    const cx = Math.round(p.width * EMU_PER_PIXEL);
    const cy = Math.round(p.height * EMU_PER_PIXEL);
    return '<xdr:oneCellAnchor>'
      + `<xdr:from><xdr:col>${p.col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${p.row}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>`
      + `<xdr:ext cx="${cx}" cy="${cy}"/>`
      + `<xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="Picture ${i + 1}" descr="${xmlText(p.alt)}"/>`
      + '<xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>'
      + `<xdr:blipFill><a:blip r:embed="${imageRel(p.mediaId)}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>`
      + `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${cx}" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>`
      + '</xdr:pic><xdr:clientData/></xdr:oneCellAnchor>';
  });
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"'
    + ' xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'
    + ' xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    + anchors.join('') + '</xdr:wsDr>';
}

function relsXml(rels: readonly { id: string; type: string; target: string }[]): string {
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    + rels.map((r) => `<Relationship Id="${r.id}" Type="${r.type}" Target="${r.target}"/>`).join('')
    + '</Relationships>';
}

/**
 * The Excel 2007 form of a data bar, which every reader draws; exceljs adds an x14 reference to nothing. Its
 * lengths run from none to the whole cell: left at their defaults (10 to 90 percent), Excel and LibreOffice draw a
 * zero as a stub a reader takes for some progress, and every other bar longer than its share.
 */
function dataBarXml(bar: DataBar, priority: number): string {
  const max = bar.percent ? '<cfvo type="num" val="1"/>' : '<cfvo type="max"/>';
  return `<conditionalFormatting sqref="${bar.ref}"><cfRule type="dataBar" priority="${priority}">`
    + `<dataBar minLength="0" maxLength="100"><cfvo type="num" val="0"/>${max}<color rgb="${bar.color}"/></dataBar></cfRule></conditionalFormatting>`;
}

function tableXml(id: number, t: TablePart): string {
  const cols = t.columns.map((c, i) => `<tableColumn id="${i + 1}" name="${xmlText(c)}"/>`).join('');
  return '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    + `<table xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" id="${id}" name="${xmlText(t.name)}" displayName="${xmlText(t.name)}" ref="${t.ref}" headerRowCount="1" totalsRowShown="0">`
    + `<autoFilter ref="${t.ref}"/><tableColumns count="${t.columns.length}">${cols}</tableColumns>`
    + '<tableStyleInfo name="TableStyleMedium2" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>'
    + '</table>';
}

/** Tracks the extra parts of one workbook and lists them in its content types. */
export class StreamingParts {
  private readonly drawings: { name: string }[] = [];
  private readonly tables: { target: string }[] = [];

  constructor(private readonly book: BookInternals) {
    book.addContentTypes = async () => {
      const model = {
        worksheets: book._worksheets.filter(Boolean),
        sharedStrings: book.sharedStrings,
        commentRefs: book.commentRefs,
        media: book.media,
        drawings: this.drawings,
        tables: this.tables,
      };
      book.zip.append(new ContentTypesXform().toXml(model), { name: '[Content_Types].xml' });
    };
  }

  addPng(png: Uint8Array): number {
    return this.book.addImage({ buffer: Buffer.from(png.buffer, png.byteOffset, png.byteLength), extension: 'png' });
  }

  /**
   * Writes the sheet's data bars, drawing and table parts when the sheet is committed, in the element
   * order the schema requires (`conditionalFormatting`, ..., `drawing`, `legacyDrawing`, `tableParts`).
   * `table` is read at commit time, when the last row is known.
   */
  attach(sheet: SheetInternals, extra: { pictures: readonly PictureAnchor[]; dataBars: readonly DataBar[]; table: () => TablePart | undefined; columnBreaks?: readonly number[] }): void {
    const { pictures, dataBars, table, columnBreaks = [] } = extra;
    // exceljs writes no column breaks; the schema puts them right after the row breaks.
    const writeRowBreaks = sheet._writeRowBreaks.bind(sheet);
    sheet._writeRowBreaks = () => {
      writeRowBreaks();
      if (columnBreaks.length) {
        sheet.stream.write(`<colBreaks count="${columnBreaks.length}" manualBreakCount="${columnBreaks.length}">`
          + columnBreaks.map((id) => `<brk id="${id}" max="1048575" man="1"/>`).join('') + '</colBreaks>');
      }
    };
    const writeConditional = sheet._writeConditionalFormatting.bind(sheet);
    sheet._writeConditionalFormatting = () => {
      writeConditional();
      // Priorities are unique per sheet; exceljs numbered its rules from 1 while writing them.
      let priority = Math.max(0, ...sheet.conditionalFormatting.flatMap((cf) => cf.rules.map((r) => r.priority ?? 0)));
      for (const bar of dataBars) sheet.stream.write(dataBarXml(bar, ++priority));
    };
    const writeLegacy = sheet._writeLegacyData.bind(sheet);
    sheet._writeLegacyData = () => {
      if (pictures.length) sheet.stream.write(`<drawing r:id="${this.addDrawing(sheet, pictures)}"/>`);
      writeLegacy();
      const t = table();
      if (t) sheet.stream.write(`<tableParts count="1"><tablePart r:id="${this.addTable(sheet, t)}"/></tableParts>`);
    };
  }

  private addDrawing(sheet: SheetInternals, pictures: readonly PictureAnchor[]): string {
    const name = `drawing${sheet.id}`;
    const ids = new Map<number, string>();
    for (const p of pictures) if (!ids.has(p.mediaId)) ids.set(p.mediaId, `rId${ids.size + 1}`);
    const rels = [...ids].map(([mediaId, id]) => ({ id, type: REL_IMAGE, target: `../media/${this.book.media[mediaId].name}` }));
    this.book.zip.append(drawingXml(pictures, (m) => ids.get(m)!), { name: `xl/drawings/${name}.xml` });
    this.book.zip.append(relsXml(rels), { name: `xl/drawings/_rels/${name}.xml.rels` });
    this.drawings.push({ name });
    return sheet._sheetRelsWriter.addRelationship({ Type: REL_DRAWING, Target: `../drawings/${name}.xml` });
  }

  private addTable(sheet: SheetInternals, t: TablePart): string {
    const id = this.tables.length + 1;
    const target = `table${id}.xml`;
    this.book.zip.append(tableXml(id, t), { name: `xl/tables/${target}` });
    this.tables.push({ target });
    return sheet._sheetRelsWriter.addRelationship({ Type: REL_TABLE, Target: `../tables/${target}` });
  }
}
