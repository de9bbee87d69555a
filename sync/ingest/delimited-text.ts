// A CSV or tab-separated file as one sheet's grid, for the same table reader as a workbook's sheets: service desks,
// form tools and browsers hand people their data as CSV, and saving it as .xlsx first changes what it holds (Excel
// drops an ID's leading zeros and reads "3/4" as a day of its own locale). Each record is a row, as Excel shows it.
import { basename, extname } from 'node:path';
import Papa from 'papaparse';
import type { CellInput } from '../../shared/index';
import { columnLetter } from '../../shared/lists';
import { codePoint } from '../../shared/row-id';
import { ImportError } from './import-error';
import type { SheetGrid } from './sheet-grid';

/** The text of a file's bytes: by its byte-order mark, else UTF-8 where every byte sequence is one, else Windows-1252 (Excel's "CSV (Comma delimited)" on Windows). */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return windows1252(bytes);
  }
}

/** Node's TextDecoder reads "windows-1252" as Latin-1, which has control characters where Windows has curly quotes and dashes. */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function windows1252(bytes: Uint8Array): string {
  let text = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    const chunk = bytes.subarray(start, start + 0x8000);
    text += String.fromCharCode(...Array.from(chunk, (b) => (b >= 0x80 && b < 0xa0 ? WINDOWS_1252_HIGH.charCodeAt(b - 0x80) : b)));
  }
  return text;
}

/**
 * Control characters no text file of a table holds (tabs, line and page breaks aside). U+FFFD is not one: an export
 * that passed through a program that could not decode a character ("Reuni\ufffdn") holds it as text.
 */
const CONTROL = /[\u0000-\u0008\u000e-\u001f]/;

const CONTROLS = new RegExp(CONTROL.source, 'g');

/**
 * What kind of file the leading part of one is, once decoded: a table's CSV, a PDF, a web page or XML, text of no
 * table, or another kind of file. Another kind is told by its first line holding more than one control character:
 * a person's cell may hold a stray one further down, which the row's own check refuses, and a header a single stray
 * one, which `delimitedTextGrid` refuses naming its column; another kind of file's bytes hold runs of them.
 */
export function textKind(text: string): 'table' | 'pdf' | 'markup' | 'plain' | 'binary' {
  if (text.startsWith('%PDF-')) return 'pdf';
  if ((/^[^\n]*/.exec(text)![0].match(CONTROLS) ?? []).length > 1) return 'binary';
  if (/^\s*</.test(text)) return 'markup';
  return /[,;\t|]/.test(text) ? 'table' : 'plain';
}

/**
 * The sheet a CSV file holds, named after the file as Excel names it when it opens one; a browser's " (1)" for a
 * second download of the same file is not part of the name, so the next export reads as the same sheet. Throws
 * `ImportError` where the file seems cut short (`cutShort`), and where a header's name holds a control character:
 * the name decides which field the column's cells go to, and a name read without the character could put them in
 * another or none, so the file is refused rather than guessed at.
 */
export function delimitedTextGrid(file: string, text: string): SheetGrid {
  const name = sheetNameOf(file);
  // Excel writes and honors a first line "sep=;" naming the separator.
  const sep = /^sep=(.)\r?\n/.exec(text);
  const body = sep ? text.slice(sep[0].length) : text;
  const parsed = Papa.parse<string[]>(body, { delimiter: sep?.[1] ?? separatorOf(body), skipEmptyLines: false });
  const records = parsed.data;
  const cut = cutShort(body, parsed);
  if (cut) throw new ImportError('not-a-workbook', `${file}: ${cut}`);
  const header = records[0] ?? [];
  const named = header.findIndex((cell) => CONTROL.test(cell));
  if (named >= 0) {
    const control = CONTROL.exec(header[named])![0];
    const shown = header[named].replace(CONTROLS, (ch) => `[${codePoint(ch)}]`);
    throw new ImportError('not-a-workbook', `${file}: the name of the header's column ${columnLetter(named + 1)}, "${shown}", holds the control character ${codePoint(control)}, which no column's name holds (the file may be damaged): remove it and import the file again.`);
  }
  // The file's last line break ends the last record; it starts no row.
  while (records.length > 0 && records[records.length - 1].every((cell) => cell === '')) records.pop();
  const grid: CellInput[][] = records.map((record) => record.map(cellText));
  return { name, grid, textsLikeErrors: new Set(), excelTables: [] };
}

const CUT = 'the file seems cut short (a download or copy that stopped): nothing was imported; get the whole file again and import that.';

/**
 * Why the file seems cut short or broken, or undefined: a quoted value never closed would swallow every row after it;
 * a last record with no line break after it and fewer fields than the header is the first part of a row whose rest
 * never arrived. An import is the source's whole content, so reading the part that did would remove every row past
 * the cut. A last record with all its fields is whole: many writers leave off the last line break; so is a short one
 * where rows above it are short too, from a writer that leaves off a row's empty last cells.
 */
function cutShort(body: string, parsed: Papa.ParseResult<string[]>): string | undefined {
  const unclosed = parsed.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
  if (unclosed) {
    return `row ${(unclosed.row ?? 0) + 1} opens a quoted value (") that is never closed, so every row after it would read as one cell: close the quote or save the file again from the program that made it; or ${CUT}`;
  }
  const records = parsed.data;
  if (records.length < 2 || /[\r\n]$/.test(body)) return undefined;
  const header = records[0].length;
  const last = records[records.length - 1].length;
  // A blank line is no row a writer shortened.
  if (last >= header || records.slice(1, -1).some((r) => r.length < header && !(r.length === 1 && r[0] === ''))) return undefined;
  return `row ${records.length} has only ${last} of the header's ${header} columns and no line break after it: ${CUT}`;
}

/**
 * A cell's text as a spreadsheet shows it: `="00107"`, which exports write so that Excel keeps an ID's leading zeros,
 * is the text it yields; a line break is a line feed, where some tools write a quoted value's breaks as CR LF.
 */
function cellText(cell: string): string | null {
  if (cell === '') return null;
  const shown = /^="((?:[^"]|"")*)"$/.exec(cell);
  return (shown ? shown[1].replace(/""/g, '"') : cell).replace(/\r\n?/g, '\n') || null;
}

const SEPARATORS = [',', ';', '\t', '|'];

/**
 * The separator that splits the header into the most columns, quotes respected (commas first on a tie): a table's
 * first record names its columns, and Papa Parse's own guess, which weighs every previewed record alike, takes
 * a semicolon file whose values hold commas for a comma file.
 */
function separatorOf(body: string): string {
  let best = SEPARATORS[0];
  let most = 0;
  for (const delimiter of SEPARATORS) {
    const [header = []] = Papa.parse<string[]>(body, { delimiter, preview: 1 }).data;
    if (header.length > most) [best, most] = [delimiter, header.length];
  }
  return best;
}

/**
 * `text` as a sheet's name: Excel's hold at most 31 characters, none of `[]:*?/\` and no line break; each run of them
 * and of spaces one space, so "Roadmap: Tools" keeps its words' room; '' when nothing is left.
 */
export const excelSheetName = (text: string): string => text.replace(/[[\]:*?/\\\s]+/g, ' ').trim().slice(0, 31).trimEnd();

// A browser's " (1)" for a second download, and the id Notion writes after a database's name (and its "_all" copy's), name
// no sheet: the name before them says what the table is ("Milestones").
const sheetNameOf = (file: string) => excelSheetName(basename(file, extname(file)).replace(/ \(\d+\)$| [0-9a-f]{32}(?:_all)?$/, '')) || 'Sheet1';
