// Writes a `WorkbookPlan` as an .xlsx file with exceljs's streaming writer: rows go out as they come and
// the loop yields to the event loop, so a 200,000-row sheet never sits in memory.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { PassThrough, type Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type ExcelJS from 'exceljs';
import { columnLetter } from '../../shared/lists';
import {
  alignsRight, CHARACTER_PX, columnPx, continuedSheetName, dataRowsPerSheet, EXCEL_MAX_ROWS, isEncodedRows, isFormulaCell, isLaterSheet, PRINT_MARGINS, PRINT_PAGE_PX, READABLE_PAGE_PX, WIDEST_FONT_RATIO, type CellKind, type EncodedBlock, type FormulaCell, type LaterSheet, type PlanCell, type PlanColumn, type RowLayout,
  type SheetPlan, type WorkbookPlan,
} from '../../shared/workbook-plan';
import { columnPagesWide, printedColumns, printFooter, repeatedColumns } from '../../shared/pages-wide';
import { keepsRightHeaderIndent } from '../../shared/printed-text';
import { keptTogetherBreaks, PrintedPage } from './printed-page';
import { LINE_POINTS, wrapsInSight } from '../../shared/row-heights';
import { RowXml } from './row-xml';
import type { SharedStringTable } from './shared-string-table';
import { expandTemplate, rowTemplate } from './shared-formulas';
import { DATA_BAR_COLOR, emptyNoteStyle, flushRightHeaderStyle, headerStyle, rightHeaderStyle, runOnStyle, TITLE_POINTS, titleStyle, toneRules } from './sheet-styles';
import { Utf8Rows } from './utf8-rows';
import { WorkbookError } from './workbook-error';
import {
  bufferRelease, openSheetData, sharedStringTable, StreamingParts, styleIdCache, zipDrained, type BookInternals, type DataBar, type PictureAnchor, type SheetInternals, type TablePart,
} from './writer-internals';

/** Rows go to the zip in blocks of this many; between blocks the writer waits for the zip to take them in. */
const BLOCK_ROWS = 100;
/** Excel's limit for a list validation written as literal values. */
const MAX_LITERAL_LIST = 255;
const DEFAULT_DATE_FORMAT = 'yyyy-mm-dd';
/**
 * The widest column `index` may be (in characters) for the sheet to print one page wide at a readable scale:
 * where a column of one long value (a sheet's name) would otherwise push every page across two.
 */
export function widestOnOnePage(widths: readonly number[], index: number): number {
  const others = widths.reduce((sum, w, i) => (i === index ? sum : sum + columnPx(w)), 0);
  return Math.floor((READABLE_PAGE_PX - others - columnPx(0)) / CHARACTER_PX);
}

/**
 * How a sheet of side-by-side runs of columns (`groupEnds`, the last column of each, 1-based) prints: as many whole
 * runs a page as fit at the smallest readable scale, a column break after each page's last column, and the scale
 * that fits the widest page (at most 100 %). Fitting the sheet to one page wide prints it too small to read, and
 * fitting it to several cuts pages where the width falls, through a list and away from its header.
 *
 * `repeated` leading columns print on every page (they say whose row it is), so each page's width counts them;
 * `sectionEnds` (1-based) are columns a page always ends at: each section starts a page of its own and shares its
 * pages evenly, so a page never ends a few columns into a section, nor holds one column alone past its end.
 */
export function columnGroupPages(columns: readonly PlanColumn[], groupEnds: readonly number[], layout: { repeated?: number; sectionEnds?: readonly number[] } = {}): { breakAfterColumns: number[]; scale: number } {
  const repeated = layout.repeated ?? 0;
  const px = (from: number, to: number) => columns.slice(from, to).reduce((sum, c) => sum + (c.hidden ? 0 : columnPx(c.width)), 0);
  const kept = px(0, repeated);
  const ends = [...new Set([...groupEnds, ...(layout.sectionEnds ?? [])])].filter((end) => end > repeated && end < columns.length).sort((a, b) => a - b);
  ends.push(columns.length);
  const runs = ends.map((end, i) => ({ end, px: px(ends[i - 1] ?? repeated, end) }));
  const sectionEnds = new Set(layout.sectionEnds);
  const sections: (typeof runs)[] = [[]];
  for (const run of runs) {
    sections[sections.length - 1].push(run);
    if (sectionEnds.has(run.end) && run.end < columns.length) sections.push([]);
  }
  /** Whole runs a page, each page at most `limit` wide beside the repeated columns (a run wider than that alone on its page). */
  const pack = (section: typeof runs, limit: number) => {
    const breakAfterColumns: number[] = [];
    let widest = 0;
    let page = 0;
    section.forEach((run, i) => {
      if (page > 0 && page + run.px > limit) {
        breakAfterColumns.push(section[i - 1].end);
        page = 0;
      }
      page += run.px;
      widest = Math.max(widest, page);
    });
    return { breakAfterColumns, widest };
  };
  // The fewest pages at a readable scale, then the narrowest limit that keeps that many: pages share the runs
  // evenly and print as large as the widest of them allows.
  const packed = sections.map((section) => {
    let fit = pack(section, READABLE_PAGE_PX / WIDEST_FONT_RATIO - kept);
    for (let limit = Math.max(...section.map((r) => r.px)); limit < fit.widest; limit += CHARACTER_PX) {
      const even = pack(section, limit);
      if (even.breakAfterColumns.length === fit.breakAfterColumns.length) {
        fit = even;
        break;
      }
    }
    return fit;
  });
  const breakAfterColumns = packed.flatMap((fit, i) => (i < packed.length - 1 ? [...fit.breakAfterColumns, sections[i][sections[i].length - 1].end] : fit.breakAfterColumns));
  const widest = kept + Math.max(...packed.map((fit) => fit.widest));
  return { breakAfterColumns, scale: Math.min(100, Math.floor((PRINT_PAGE_PX.width / (Math.max(widest, 1) * WIDEST_FONT_RATIO)) * 100)) };
}

/** The columns from the first that print side by side on one page at full size (at least the first). */
export function columnsOnAPage(columns: readonly PlanColumn[]): number {
  let used = 0;
  let count = 0;
  for (const c of columns) {
    const px = c.hidden ? 0 : columnPx(c.width);
    if (count > 0 && used + px > PRINT_PAGE_PX.width) break;
    used += px;
    count++;
  }
  return Math.max(1, count);
}

// exceljs's streaming writer and its value types, not its index: that also loads its readers (unzip, CSV and
// their helpers), which only cost a write the time to load them.
const require = createRequire(import.meta.url);
const WorkbookWriter = require('exceljs/lib/stream/xlsx/workbook-writer.js') as typeof ExcelJS.stream.xlsx.WorkbookWriter;
const { ValueType } = require('exceljs/lib/doc/enums.js') as Pick<typeof ExcelJS, 'ValueType'>;

/**
 * zlib's level for every part of the zip. The zip library picks level 1, the fastest; level 2 makes the sheets' XML,
 * which is most of a workbook, clearly smaller for almost no more time, while from level 3 the time grows far faster
 * than the file shrinks (the bench prints the master workbook's size). A smaller file is a quicker download for a
 * committee member and a quicker upload to OneDrive or SharePoint.
 */
export const ZIP_LEVEL = 2;

const VALUE_TYPE: Readonly<Record<CellKind, number>> = { number: ValueType.Number, string: ValueType.String, date: ValueType.Date, boolean: ValueType.Boolean };

/** The streaming sheet has data validations, though exceljs's typings omit them. */
interface WithValidations { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }

function argb(color: string): string {
  const hex = color.replace(/^#/, '').toUpperCase();
  return hex.length === 6 ? `FF${hex}` : hex;
}

/** Table names must be identifiers: letters, digits, `_` and `.`, not starting with a digit. */
function tableName(name: string): string {
  const clean = name.replace(/[^A-Za-z0-9_.]/g, '_');
  return /^[A-Za-z_]/.test(clean) ? clean : `T_${clean}`;
}

/** Header texts of a table: Excel needs them non-blank and unique. */
function tableHeaders(columns: readonly PlanColumn[]): string[] {
  const seen = new Set<string>();
  return columns.map((c, i) => {
    let h = c.header.trim() || `Column ${i + 1}`;
    for (let n = 2; seen.has(h.toLowerCase()); n++) h = `${c.header.trim() || `Column ${i + 1}`} ${n}`;
    seen.add(h.toLowerCase());
    return h;
  });
}

/** A dropdown of literal values, `"Yes,No"`: commas separate the values, so no value may hold one. */
function literalList(sheet: string, values: readonly string[]): string {
  const bad = values.find((v) => v.includes(','));
  if (bad !== undefined) throw new WorkbookError('invalid-plan', `${sheet}: the dropdown value "${bad}" holds a comma; list it in a sheet range instead`);
  const formula = `"${values.join(',').replace(/"/g, '""')}"`;
  if (formula.length - 2 > MAX_LITERAL_LIST) throw new WorkbookError('invalid-plan', `${sheet}: a dropdown of literal values is limited to ${MAX_LITERAL_LIST} characters; list them in a sheet range instead`);
  return formula;
}

/**
 * Gridlines do not print: a date or number flush against its cell's right edge would run into the next column's text
 * on paper, so a figure keeps about a character's space there (two spaces) as part of its number format, in each
 * section but the text one. Not an indent: LibreOffice drops the indent of a right-aligned cell drawn after a cell of
 * another number format in its row (a date after a count printed "2026-12-10Met"), while it prints a format's spaces
 * in every cell, as Excel and Sheets do.
 */
export function spacedOnTheRight(format: string): string {
  const sections = [''];
  for (const token of format.match(/"[^"]*"|\[[^\]]*\]|\\.|./g) ?? []) {
    if (token === ';') sections.push('');
    else sections[sections.length - 1] += token;
  }
  // An empty section shows nothing, and a text section shows text, which the reader takes as typed.
  return sections.map((section) => (section === '' || section.includes('@') ? section : `${section}"  "`)).join(';');
}

/** A header sits where its column's values do; its indent only where every word of it still fits beside it. */
const headerStyleOf = (c: PlanColumn) => (!alignsRight(c) ? headerStyle : keepsRightHeaderIndent(c.header, c.width) ? rightHeaderStyle : flushRightHeaderStyle);

/** A row of nothing but empty cells and formulas that show nothing: a ready row no one has typed in. */
const showsNothing = (cells: readonly PlanCell[]) => cells.every((c) => c === null || (isFormulaCell(c) && (c.result === '' || c.result === null)));

/** A row of cells, or rows already encoded, which end at a sheet's last row. */
type PlanRow = readonly PlanCell[] | EncodedBlock;

/** A sheet plan's rows, taken a part at a time: what one sheet cannot hold continues on the next. */
class PlanRows {
  private readonly source: AsyncIterator<PlanRow>;
  private held: IteratorResult<PlanRow> | undefined;

  constructor(rows: AsyncIterable<PlanRow> | Iterable<PlanRow>) {
    this.source = (Symbol.asyncIterator in rows ? rows : (async function* () { yield* rows; })())[Symbol.asyncIterator]();
  }

  async next(): Promise<IteratorResult<PlanRow>> {
    const next = this.held ?? (await this.source.next());
    this.held = undefined;
    return next;
  }

  /** Whether a row is left, keeping it for the next part. */
  async more(): Promise<boolean> {
    this.held ??= await this.source.next();
    return !this.held.done;
  }

  /** Closes the source when the sheet stops early (a failure): an open store read holds its snapshot. */
  async close(): Promise<void> {
    await this.source.return?.();
  }
}

/**
 * The buffer every block is encoded in. A sheet's stream (a StreamBuf in batch mode, piped to the zip from the
 * start) copies what it is given into its own 64 KB buffers before `write` returns, so a fresh buffer per block
 * would only be garbage, which V8 collects late because it lives outside its heap: a good part of the master
 * workbook's peak memory (decision 008).
 */
const scratch = Buffer.allocUnsafe(1 << 20);
const blocks = new Utf8Rows(scratch.length, () => scratch);
/** A block as UTF-8 in `scratch`; a rare larger one (pages of notes) in a buffer of its own, so `scratch` never grows. */
const encoded = (block: string) => {
  blocks.add(block);
  return blocks.take();
};

/** The formula of a row planned for `planRow`, written on `sheetRow` of a continued sheet. */
function movedFormula(sheet: string, cell: FormulaCell, planRow: number, sheetRow: number): FormulaCell {
  const template = rowTemplate(cell.formula, planRow);
  if (!template) throw new WorkbookError('invalid-plan', `${sheet}: the formula "${cell.formula}" refers to whole rows and cannot continue on a next sheet`);
  return { formula: expandTemplate(template, sheetRow), result: cell.result };
}

interface WriteContext {
  book: ExcelJS.stream.xlsx.WorkbookWriter;
  parts: StreamingParts;
  ids: { style: (style: object, kind: CellKind) => number; strings: SharedStringTable };
  pause: (sheet: SheetInternals) => Promise<void>;
  release: (bytes: number) => void;
  rowsPerSheet: number;
}

/** Writes a sheet plan as one sheet, or as several when its rows run past `rowsPerSheet`. */
async function writeSheet(shared: WriteContext, planned: SheetPlan): Promise<SheetInternals[]> {
  const plan = { ...planned, columns: printedColumns(planned) };
  // A laid-out page (no header row, such as Summary) is not a table, and moves on only past Excel's own limit.
  const context = plan.header === false ? { ...shared, rowsPerSheet: EXCEL_MAX_ROWS } : shared;
  const headerRow = (plan.preamble ?? []).length + 1;
  if (context.rowsPerSheet <= headerRow) throw new WorkbookError('invalid-plan', `${plan.name}: a sheet of ${context.rowsPerSheet} rows has no room below its header`);
  // A style per column, not per cell: rows that grow to show wrapped text cost the writer nothing per row.
  const topAligned = plan.columns.some(wrapsInSight);
  const columnStyles: Partial<ExcelJS.Style>[] = plan.columns.map((c) => {
    const right = alignsRight(c);
    const format = c.numFmt ?? (c.type === 'date' ? DEFAULT_DATE_FORMAT : undefined);
    const numFmt = right ? spacedOnTheRight(format ?? 'General') : format;
    const alignment: Partial<ExcelJS.Alignment> = {
      ...(right ? { horizontal: 'right' } : {}), ...(topAligned ? { vertical: 'top' } : {}), ...(c.wrap ? { wrapText: true } : {}),
    };
    return { ...(numFmt ? { numFmt } : {}), ...(Object.keys(alignment).length ? { alignment } : {}) };
  });
  const rows = new PlanRows(isEncodedRows(plan.rows) ? plan.rows.encoded(encodedLayout(context, plan.columns, columnStyles, headerRow)) : plan.rows);
  const sheets: SheetInternals[] = [];
  try {
    for (let part = 1; part === 1 || (await rows.more()); part++) sheets.push(await writePart(context, plan, columnStyles, rows, part));
  } catch (e) {
    await rows.close();
    throw e;
  }
  return sheets;
}

/**
 * What rows encoded elsewhere must agree with: the writer's row numbers, and the style id of every kind of cell
 * a column may hold (a date only in a date column), since the ids come from exceljs on this thread.
 */
function encodedLayout({ ids, rowsPerSheet }: WriteContext, columns: readonly PlanColumn[], columnStyles: readonly object[], headerRow: number): RowLayout {
  const kinds = (c: PlanColumn): CellKind[] => (c.type === 'date' ? ['number', 'string', 'boolean', 'date'] : ['number', 'string', 'boolean']);
  return {
    firstRow: headerRow + 1,
    rowsPerSheet,
    styleIds: columns.map((c, i) => Object.fromEntries(kinds(c).map((kind) => [kind, ids.style(columnStyles[i], kind)]))),
    sharedStrings: ids.strings.snapshot(),
  };
}

async function writePart({ book, parts, ids, pause, release, rowsPerSheet }: WriteContext, plan: SheetPlan, columnStyles: readonly Partial<ExcelJS.Style>[], rows: PlanRows, part: number): Promise<SheetInternals> {
  const preamble = plan.preamble ?? [];
  const withHeader = plan.header !== false;
  if (plan.table && !withHeader) throw new WorkbookError('invalid-plan', `${plan.name}: an Excel table needs a header row`);
  const name = part === 1 ? plan.name : continuedSheetName(plan.name, part);
  const headerRow = preamble.length + 1;
  /** How far this part's rows sit above where the plan put them. */
  const shift = (part - 1) * dataRowsPerSheet(headerRow, rowsPerSheet);
  /** A span of the plan's rows as this part's rows: the rows above the data repeat on every part. */
  const span = (from: number, to: number): [number, number] | undefined => {
    const first = from <= headerRow ? from : Math.max(from - shift, headerRow + 1);
    const last = Math.min(to <= headerRow ? to : to - shift, rowsPerSheet);
    return first <= last ? [first, last] : undefined;
  };
  const repeated = repeatedColumns(plan);
  /** A sheet wider than a readable page reads across before down, the repeated columns on every page. */
  const pagesAcross = (across: number) => ({
    fitToWidth: across, horizontalCentered: across === 1,
    ...(across > 1 ? { pageOrder: 'overThenDown', printTitlesColumn: `A:${columnLetter(repeated)}` } : { pageOrder: 'downThenOver', printTitlesColumn: undefined }),
  });
  const sections = plan.print?.columnSections;
  const groups = sections
    ? columnGroupPages(plan.columns, plan.columns.map((_, i) => i + 1), { repeated, sectionEnds: sections })
    : plan.print?.columnGroups ? columnGroupPages(plan.columns, plan.print.columnGroups) : undefined;
  const scale = plan.print?.scale ?? groups?.scale;
  const sheet = book.addWorksheet(name, {
    properties: plan.tabColor ? { tabColor: { argb: argb(plan.tabColor) } } : undefined,
    views: plan.freeze ? [{ state: 'frozen', xSplit: plan.freeze.columns ?? 0, ySplit: plan.freeze.rows }] : undefined,
    // fitToWidth alone does nothing: exceljs writes the fitToPage flag that makes Excel and LibreOffice honour it
    // only when no scale is given (a plan's scale turns fitting off). 0 pages tall means "as many as it takes".
    pageSetup: {
      orientation: 'landscape', fitToHeight: plan.print?.pagesTall ?? 0, margins: PRINT_MARGINS,
      printTitlesRow: withHeader ? `${headerRow}:${headerRow}` : undefined,
      // exceljs puts a `$` before each corner and no more: the row's own `$` makes the area absolute, which is
      // how Excel and LibreOffice read a print area (relative, LibreOffice ignores it).
      printArea: plan.print?.area ? `A$1:${columnLetter(plan.print.area.lastColumn)}$${plan.print.area.lastRow}` : undefined,
      ...(groups
        ? { pageOrder: 'downThenOver', printTitlesColumn: sections ? `A:${columnLetter(repeated)}` : undefined }
        : pagesAcross(plan.print?.pagesWide ?? columnPagesWide(plan.columns, repeated))),
      ...(scale ? { scale } : {}),
    },
    headerFooter: { oddFooter: `&L${printFooter(name).left}&R${printFooter(name).right}` },
  } as Partial<ExcelJS.AddWorksheetOptions>);
  const internals = sheet as unknown as SheetInternals;
  for (const row of plan.print?.breakAfterRows ?? []) {
    const at = span(row, row);
    if (at) internals.rowBreaks.push({ id: at[0], max: 16383, man: 1 });
  }
  // Column styles format the cells users add later, too.
  sheet.columns = plan.columns.map((c, i) => ({ width: c.width, style: columnStyles[i], hidden: c.hidden }));
  openSheetData(internals);

  // The text alternative goes in the picture's own description (Excel's Alt Text), not in a cell beneath:
  // a long text there runs out from under the picture and widens the printed page.
  const pictures: PictureAnchor[] = part > 1 ? [] : (plan.images ?? []).map((img) => ({ mediaId: parts.addPng(img.png), col: img.col, row: img.row, width: img.width, height: img.height, alt: img.alt }));
  const headers = plan.table ? tableHeaders(plan.columns) : plan.columns.map((c) => c.header);

  const xml = new RowXml(name, plan.columns, { column: (col, kind) => ids.style(columnStyles[col] ?? {}, kind), row: ids.style }, ids.strings, plan.clipped);
  if (plan.evenRows) {
    if (!Array.isArray(plan.rows)) throw new Error(`${name}: even rows are measured before they are written, so they must be planned as an array`);
    xml.evenRowsOf(plan.rows);
  }
  let rowNumber = 0;
  // Only a sheet with ready rows follows its rows down the pages.
  const page = plan.readyRowsFrom === undefined ? undefined : new PrintedPage(scale);
  // Each row's printed height, where blocks are kept on a page: the breaks are known once every row is written.
  const keepTogether = part === 1 ? plan.print?.keepTogether : undefined;
  const rowPoints: number[] = [];
  const put = (cells: readonly PlanCell[], typed: boolean, style?: object | readonly object[]) => {
    rowNumber++;
    xml.add(rowNumber, cells, typed, style, cells.length);
    page?.add(xml.lastRowPoints, withHeader && rowNumber === headerRow);
    if (keepTogether) rowPoints.push(style === titleStyle ? Math.max(TITLE_POINTS, xml.lastRowPoints) : xml.lastRowPoints);
  };
  const send = (bytes: Buffer) => {
    internals.stream.write(bytes);
    release(bytes.length);
  };
  const flush = () => {
    const block = xml.take();
    if (block) send(encoded(block));
  };

  // A note above the table runs on across its row, as a sentence among the rows does: in a wrapped first column it
  // would wrap with no height for its lines and print over the header.
  preamble.forEach((cells, i) => put(cells, false, i === 0 ? titleStyle : runOnStyle));
  if (withHeader) put(headers, false, plan.columns.map(headerStyleOf));
  let written = 0;
  /**
   * The last row that shows something: where the ready rows do not all print on the first page with the rows above
   * them, the print area ends here. Not at a page's foot: which page a row falls on past the first depends on the
   * scale the host fits the sheet at, in its fonts (LibreOffice without Carlito fits a sheet smaller than Excel), so
   * a foot counted at one scale leaves a page of nothing but ready rows at another; a first page holds at least as
   * many rows at any smaller scale.
   */
  let printedTo = rowNumber;
  let readyPastFoot = false;
  const runOn = new Set(plan.runOnRows);
  while (rowNumber < rowsPerSheet) {
    const next = await rows.next();
    if (next.done) break;
    if ('xml' in next.value) {
      if (keepTogether) throw new WorkbookError('invalid-plan', `${name}: blocks kept on a page are measured as their rows are written, so they must be planned, not encoded`);
      const { xml: bytes, rows: count, strings } = next.value;
      flush();
      ids.strings.adopt(strings);
      send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      rowNumber += count;
      await pause(internals);
      continue;
    }
    const planRow = rowNumber + shift - headerRow + 1;
    const ready = page !== undefined && planRow >= plan.readyRowsFrom! && showsNothing(next.value);
    if (ready && !readyPastFoot && !page.fitsFirstPage(LINE_POINTS)) readyPastFoot = true;
    const cells = shift === 0 ? next.value : next.value.map((c) => (isFormulaCell(c) ? movedFormula(name, c, rowNumber + 1 + shift, rowNumber + 1) : c));
    if (runOn.has(planRow)) put(cells, false, runOnStyle);
    else put(cells, true);
    if (!ready) {
      readyPastFoot = false;
      printedTo = rowNumber;
    }
    if (++written % BLOCK_ROWS === 0) {
      flush();
      await pause(internals);
    }
  }
  const lastDataRow = rowNumber;
  if (readyPastFoot) sheet.pageSetup.printArea = `A$1:${columnLetter(plan.columns.length)}$${printedTo}`;
  // Set before the sheet is committed, when its setup is written: a table with no rows prints its header
  // on one page rather than across several pages of nothing.
  if (lastDataRow === headerRow && !groups) Object.assign(sheet.pageSetup, pagesAcross(1));
  if (lastDataRow === headerRow && withHeader && plan.whenEmpty) {
    // Unwrapped, the line runs on over the empty cells beside it. The fixed print area cannot leave rows off
    // the page: the sheet has none, and one written later is a new workbook, planned again.
    put([plan.whenEmpty], false, emptyNoteStyle);
    sheet.pageSetup.printArea = `A$1:${columnLetter(columnsOnAPage(plan.columns))}$${rowNumber}`;
  }
  flush();

  const lastCol = columnLetter(Math.max(1, plan.columns.length));
  if (plan.autoFilter && withHeader && !plan.table) {
    sheet.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: Math.max(lastDataRow, headerRow), column: plan.columns.length } };
  }
  for (const v of plan.validations ?? []) {
    const rowSpan = span(v.fromRow, v.toRow);
    if (!rowSpan) continue;
    const letter = columnLetter(v.column);
    const formula = typeof v.list === 'string' ? v.list : literalList(name, v.list);
    (sheet as unknown as WithValidations).dataValidations.add(`${letter}${rowSpan[0]}:${letter}${rowSpan[1]}`, {
      type: 'list', allowBlank: true, formulae: [formula], showErrorMessage: true,
      errorStyle: v.allowOther ? 'warning' : 'stop',
      errorTitle: 'Not in the list',
      error: v.allowOther ? 'This value is not in the list. Keep it anyway?' : 'Pick a value from the list (the Lists sheet holds the choices).',
    });
  }
  const dataBars: DataBar[] = [];
  // Formats over "the rows written" are asked for this part's rows, already in its own row numbers.
  const conditionals = [
    ...(plan.conditionals ?? []).flatMap((c) => { const rowSpan = span(c.fromRow, c.toRow); return rowSpan ? [{ ...c, fromRow: rowSpan[0], toRow: rowSpan[1] }] : []; }),
    ...(plan.conditionalsTo?.(lastDataRow) ?? []),
  ];
  for (const c of conditionals) {
    if (c.toRow < c.fromRow) continue;
    const letter = columnLetter(c.column);
    const ref = `${letter}${c.fromRow}:${letter}${c.toRow}`;
    const rules = toneRules(c.tones ?? {});
    if (rules.length) sheet.addConditionalFormatting({ ref, rules });
    // Percentages run from 0 to 100 %, so a half-done item shows a half bar whatever the others are.
    if (c.dataBar) dataBars.push({ ref, percent: plan.columns[c.column - 1]?.type === 'percent', color: DATA_BAR_COLOR });
  }
  const table = (): TablePart | undefined => plan.table
    ? { name: tableName(part === 1 ? plan.table : `${plan.table} ${part}`), ref: `A${headerRow}:${lastCol}${Math.max(lastDataRow, headerRow + 1)}`, columns: headers }
    : undefined;
  if (keepTogether) {
    // The last block ends where the page does: rows below the print area (working values) never print.
    const printed = plan.print?.area ? rowPoints.slice(0, plan.print.area.lastRow) : rowPoints;
    const planned = internals.rowBreaks.map((b) => b.id);
    for (const row of keptTogetherBreaks(printed, keepTogether, withHeader ? headerRow : undefined, scale, planned)) internals.rowBreaks.push({ id: row, max: 16383, man: 1 });
    internals.rowBreaks.sort((a, b) => a.id - b.id);
  }
  parts.attach(internals, { pictures, dataBars, table, columnBreaks: groups?.breakAfterColumns });
  sheet.commit();
  return internals;
}

/** How a write shares its process with other work. */
export interface WriteOptions {
  /**
   * Collects garbage after every 32 MB of sheet XML (`bufferRelease`): a lower peak for a process that does
   * nothing else (the `export` command). Not in the service: each collection is a full pause of every other
   * request, and V8 collects more often after one (decision 006).
   */
  collectSpentBuffers?: boolean;
}

/**
 * Streams the workbook to `stream` (a file, an HTTP response, an upload buffer). Resolves once the
 * last byte is handed to the stream; rejects with a `WorkbookError` if the plan or the stream fails.
 */
export async function writeWorkbook(plan: WorkbookPlan<SheetPlan | LaterSheet>, stream: Writable, { collectSpentBuffers = false }: WriteOptions = {}): Promise<void> {
  // exceljs listens for stream errors only once it finishes: until then, a failing stream would leave it waiting forever.
  let failure: WorkbookError | undefined;
  let reject!: (e: WorkbookError) => void;
  const streamFailure = new Promise<never>((_, r) => (reject = r));
  streamFailure.catch(() => undefined);
  const onError = (e: unknown) => {
    failure ??= new WorkbookError('output-failed', `writing the workbook failed: ${(e as Error)?.message ?? String(e)}`, { cause: e });
    reject(failure);
  };
  stream.on('error', onError);
  // Waits for the zip to take the block in (the zip in turn waits for the destination), or at least
  // gives the event loop a turn.
  const pause = async (sheet: SheetInternals) => {
    if (failure) throw failure;
    if (!(await zipDrained(sheet))) await nextTurn();
  };
  try {
    const book = new WorkbookWriter({ stream, useSharedStrings: false, useStyles: true, zip: { zlib: { level: ZIP_LEVEL } } });
    book.creator = 'Equity Desk';
    book.title = plan.title;
    const internals = book as unknown as BookInternals;
    const parts = new StreamingParts(internals);
    const styleId = styleIdCache(internals);
    const ids = { style: (style: object, kind: CellKind) => styleId(style, VALUE_TYPE[kind]), strings: sharedStringTable(internals) };
    const context: WriteContext = { book, parts, ids, pause, release: collectSpentBuffers ? bufferRelease() : () => undefined, rowsPerSheet: plan.rowsPerSheet ?? EXCEL_MAX_ROWS };
    const written = new Map<SheetPlan | LaterSheet, SheetInternals[]>();
    const write = async (entry: SheetPlan | LaterSheet, sheet: SheetPlan | undefined) => {
      if (!sheet) return;
      if (sheet.name !== entry.name) throw new WorkbookError('invalid-plan', `the sheet planned as "${entry.name}" came as "${sheet.name}"`);
      written.set(entry, await Promise.race([writeSheet(context, sheet), streamFailure]));
    };
    for (const entry of plan.sheets) if (!isLaterSheet(entry)) await write(entry, entry);
    for (const entry of plan.sheets) if (isLaterSheet(entry)) await write(entry, await Promise.race([entry.later(), streamFailure]));
    // Tabs in the plan's order, whatever order the sheets were written in: exceljs lists its worksheets
    // array in workbook.xml, and names each sheet's part and relationship by its own id, not its place.
    internals._worksheets = plan.sheets.flatMap((entry) => written.get(entry) ?? []);
    await Promise.race([book.commit(), streamFailure]);
  } finally {
    stream.off('error', onError);
  }
}

/** The whole file in memory: for small workbooks (templates, tests), not for the 200,000-row master. */
export async function writeWorkbookToBuffer(plan: WorkbookPlan<SheetPlan | LaterSheet>): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = once(sink, 'end');
  await writeWorkbook(plan, sink);
  await ended;
  return Buffer.concat(chunks);
}
