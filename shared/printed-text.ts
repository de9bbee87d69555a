// How wide a cell's text prints and how many lines it wraps to, in Calibri's letter widths: what the workbook writer
// sizes rows by and what narrows a column no further than its header's words, in a written file or an add-on's sheet.
import { CHARACTER_PX, COLUMN_PADDING_PX } from './workbook-plan';

/**
 * How much wider bold text runs than the widths below (Calibri Bold, and DejaVu Sans Bold where LibreOffice lacks
 * Calibri): a bold header measured as regular text wraps onto a line more than its row holds, cut in print.
 */
export const BOLD_WIDENING = 1.1;

/**
 * Digits a line ending in a word with a dash needs to spare before LibreOffice, without Calibri, keeps that word on
 * it whole: "satisfaction (1-5)" measured here a tenth of a digit inside its line broke after "(1-" (column 17) and
 * stayed whole a digit inside (column 18).
 */
const DASHED_LINE_ROOM = 0.6;
/** A word of signs alone ("%)", "(%)", "#"): on a line by itself it reads as a fragment torn from the line above. */
const isSignsOnly = (word: string) => !/[\p{L}\p{N}]/u.test(word);
/**
 * Whether a bold header wraps in a line of `width` characters at its spaces alone, into lines that read as words. A
 * word wider than the line is broken inside; so is one whose piece up to a dash or slash fits where the line has no
 * room for the whole word: "Average satisfaction (1-5)" printed "(1-" at a line's end and "5)" under it. A last line
 * holding one word of signs alone fails too: "Fulfilled on time (SLA met, %)" printed "%)" under "time (SLA met,".
 */
export function headerWordsFit(header: string, width: number): boolean {
  const perLine = width / BOLD_WIDENING - CELL_MARGIN;
  const words = header.split(/\s+/);
  let used = 0;
  let lines = 0;
  let wordsOnLine = 0;
  for (const word of words) {
    const whole = textWidth(word);
    const piece = firstPieceWidth(word);
    if (used > 0 && used + printedWidth(SPACE) + whole <= (piece < whole ? perLine - DASHED_LINE_ROOM : perLine)) {
      used += printedWidth(SPACE) + whole;
      wordsOnLine++;
      continue;
    }
    if (whole > perLine || (used > 0 && piece < whole && used + printedWidth(SPACE) + piece <= perLine + DASHED_LINE_ROOM)) return false;
    used = whole;
    lines++;
    wordsOnLine = 1;
  }
  return !(lines > 1 && wordsOnLine === 1 && isSignsOnly(words[words.length - 1]));
}

/**
 * Digits a right-aligned header needs beside its longest word (measured by `headerWordsFit`) for its one-character
 * indent as LibreOffice draws it without Calibri, wider than Excel's: in a narrower column LibreOffice drops the
 * indent, so the word touches the next column's header ("completeStatus"), or breaks the word (decision 006).
 */
const RIGHT_HEADER_ROOM = 1.3;
/** Whether a right-aligned header keeps its indent, set apart from the next column's, in Excel and LibreOffice alike. */
export const keepsRightHeaderIndent = (header: string, width: number): boolean => headerWordsFit(header, width - RIGHT_HEADER_ROOM);
/**
 * The narrowest column from `width` up to `widest` where a header wraps at its spaces alone (`widest` where none is):
 * a header of an office's own words may hold a word thousands of digits wide, each width tried costing its length.
 */
export function headerWidth(header: string, width: number, widest = Infinity): number {
  let fitted = width;
  while (fitted < widest && !headerWordsFit(header, fitted)) fitted++;
  return fitted;
}
/** The narrowest column from `width` up to `widest` where a right-aligned header keeps its indent and wraps at its spaces alone. */
export function rightHeaderWidth(header: string, width: number, widest = Infinity): number {
  let fitted = width;
  while (fitted < widest && !keepsRightHeaderIndent(header, fitted)) fitted++;
  return fitted;
}

const SPACE = 32;
export const NEWLINE = 10;

/**
 * Calibri's advance widths of the printable ASCII characters (space to `~`), in 2048ths of an em, over its
 * digits' 1038: a column's width counts digits, and most letters are narrower ("il" takes less than one).
 * DejaVu Sans, which LibreOffice draws with where Calibri and Carlito are missing, has nearly the same ratios.
 */
const CALIBRI_ASCII = [
  463, 548, 821, 1038, 1038, 1470, 1402, 453, 621, 621, 1038, 1038, 511, 627, 517, 791,
  1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 1038, 548, 548, 1038, 1038, 1038, 941,
  1823, 1185, 1114, 1092, 1260, 1000, 941, 1292, 1276, 516, 653, 1064, 861, 1751, 1322, 1356,
  1058, 1378, 1112, 941, 998, 1314, 1162, 1822, 1063, 998, 959, 628, 791, 628, 1038, 1038,
  588, 981, 1076, 866, 1076, 1019, 625, 964, 1076, 470, 490, 931, 470, 1636, 1076, 1080,
  1076, 1076, 714, 801, 686, 1076, 925, 1464, 887, 927, 809, 663, 941, 663, 1038,
];
const DIGIT_UNITS = 1038;
const ASCII_WIDTHS = Float64Array.from(CALIBRI_ASCII, (w) => w / DIGIT_UNITS);
/** East Asian ideographs, kana, hangul and full-width forms take about two digits each. */
const WIDE = 2;
/** The widest character, in digits (a wide script's, wider than ASCII's `W` and `@`): a text no longer than the line over this fits without a scan. */
export const WIDEST = Math.max(...ASCII_WIDTHS, WIDE);
const isWide = (code: number) => (code >= 0x1100 && code <= 0x115f) || (code >= 0x2e80 && code <= 0xa4cf) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xfe30 && code <= 0xfe4f) || (code >= 0xff00 && code <= 0xff60);

/**
 * Any other letter or sign, as wide as ASCII's widest: Cyrillic capitals (Ш, Ж), an em dash and Æ print about that
 * wide, and a row measured a little tall leaves space where one measured short loses its last lines in print.
 */
const OTHER_WIDTH = Math.max(...ASCII_WIDTHS);
const ascii = (c: string) => ASCII_WIDTHS[c.charCodeAt(0) - SPACE];
/**
 * Latin letters past ASCII (U+0080 to U+024F): one with marks (é, ñ, ł's base l) as wide as its letter, the rest
 * (Æ, Œ, ß, signs) at the widest; a no-break space as a space.
 */
const LATIN_FROM = 0x80;
const LATIN_WIDTHS = Float64Array.from({ length: 0x250 - LATIN_FROM }, (_, i) => {
  const base = String.fromCharCode(LATIN_FROM + i).normalize('NFD');
  return LATIN_FROM + i === 0xa0 ? ascii(' ') : base.length > 1 && base.charCodeAt(0) > SPACE && base.charCodeAt(0) < 0x7f ? ascii(base[0]) : OTHER_WIDTH;
});
/** Punctuation pasted from word processors, by the ASCII sign at least as wide: curly quotes, hyphens, en dash, bullet. */
const PUNCTUATION_WIDTHS = new Map<number, number>([
  [0x2010, ascii('-')], [0x2011, ascii('-')], [0x2013, ascii('0')], [0x2018, ascii('"')], [0x2019, ascii('"')], [0x201a, ascii('"')],
  [0x201c, ascii('0')], [0x201d, ascii('0')], [0x201e, ascii('0')], [0x2022, ascii('0')],
]);

/** The marks that set a text's direction (left-to-right and right-to-left marks, isolates): drawn as nothing. */
const isDirectionMark = (code: number) => code === 0x200e || code === 0x200f || (code >= 0x2066 && code <= 0x2069);
/** A character's width in digits as a cell draws it: ASCII by Calibri's widths, wide scripts as two, others as above. */
export function printedWidth(code: number): number {
  if (code >= SPACE && code < SPACE + ASCII_WIDTHS.length) return ASCII_WIDTHS[code - SPACE];
  if (isDirectionMark(code)) return 0;
  if (code >= LATIN_FROM && code < LATIN_FROM + LATIN_WIDTHS.length) return LATIN_WIDTHS[code - LATIN_FROM];
  if (isWide(code)) return WIDE;
  return PUNCTUATION_WIDTHS.get(code) ?? OTHER_WIDTH;
}
/** Every character the same width: the unit of a chart's labels, measured by their average width. */
const evenWidth = (): number => 1;

/** A column's padding in digits: OOXML counts a column's width as its text's digits plus the padding's pixels. */
export const CELL_MARGIN = COLUMN_PADDING_PX / CHARACTER_PX;

const HYPHEN = 0x2d;
const SLASH = 0x2f;
const EM_DASH = 0x2014;
/** Dashes a line may end on, as LibreOffice breaks them: the hyphen, the typographic hyphen and the en dash. */
const isBreakingDash = (code: number) => code === HYPHEN || code === 0x2010 || code === 0x2013;
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

/**
 * Whether a line may end after `text[i]` inside a word, as LibreOffice's line breaking has it: after a hyphen or an
 * en dash (before a digit too), after an em dash, after a slash that does not follow a digit (a date's or a
 * fraction's stays whole); never inside a run of dashes, and never after a no-break hyphen. Missing one, a long
 * compound ("Organize—Operationalize") is measured as broken only at the line's end and loses a line in print.
 */
function breaksAfter(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  const next = text.charCodeAt(i + 1);
  if (isBreakingDash(next) || next === EM_DASH) return false;
  if (isBreakingDash(code) || code === EM_DASH) return true;
  return code === SLASH && i > 0 && !isDigit(text.charCodeAt(i - 1));
}
/** The letters `breaksAfter` may answer yes for. */
const mayBreakAfter = (code: number) => code === SLASH || code === EM_DASH || isBreakingDash(code);
/** An em dash may also open a line, unless it follows another dash. */
const breaksBefore = (text: string, i: number) => text.charCodeAt(i) === EM_DASH && !isBreakingDash(text.charCodeAt(i - 1)) && text.charCodeAt(i - 1) !== EM_DASH;

/**
 * Lines a text takes wrapped in a line `width` units wide: whole words to a line, a word broken after its dashes and
 * slashes where `breaksAfter` allows, a piece longer than the line broken where the line ends, a line break kept.
 * `widthOf` gives a character's width in the line's unit (each character one unit unless given).
 */
export function wrappedLines(text: string, width: number, widthOf: (code: number) => number = evenWidth): number {
  const perLine = Math.max(1, widthOf === evenWidth ? Math.floor(width) : width);
  const space = widthOf(SPACE);
  // Scanned by character code, not split into words: long text is common. A text that fits its line never
  // gets here from the writer: `height` settles it by its length, before the call.
  let lines = 1;
  let used = 0;
  // What joins this piece to the one before on a line: a space, or nothing when a word was broken after a dash.
  let gap = 0;
  for (let start = 0; start <= text.length;) {
    let end = start;
    let word = 0;
    let inWord = false;
    for (let code = text.charCodeAt(end); end < text.length && code !== SPACE && code !== NEWLINE; code = text.charCodeAt(end)) {
      // Only a dash or a slash may break a word, so every other letter skips the checks.
      if (code === EM_DASH && end > start && breaksBefore(text, end)) {
        inWord = true;
        break;
      }
      word += widthOf(code);
      end++;
      if (mayBreakAfter(code) && end < text.length && text.charCodeAt(end) !== SPACE && text.charCodeAt(end) !== NEWLINE && breaksAfter(text, end - 1)) {
        inWord = true;
        break;
      }
    }
    if (used > 0 && used + gap + word <= perLine) {
      used += gap + word;
    } else {
      if (used > 0) lines++;
      // A piece longer than the line is broken where the line ends, character by character as Excel does.
      let rest = word;
      for (let i = start; rest > perLine && i < end;) {
        let line = 0;
        while (i < end && line + widthOf(text.charCodeAt(i)) <= perLine) line += widthOf(text.charCodeAt(i++));
        if (line === 0) line = widthOf(text.charCodeAt(i++));
        rest -= line;
        lines++;
      }
      used = rest;
    }
    if (inWord) {
      gap = 0;
      start = end;
      continue;
    }
    if (text.charCodeAt(end) === NEWLINE) {
      lines++;
      used = 0;
    }
    gap = space;
    start = end + 1;
  }
  return lines;
}

/**
 * The printed width (in digits) of a text's widest piece that no line may break inside: a word, or the part of a
 * compound between the dashes and slashes `breaksAfter` breaks it at, as `wrappedLines` breaks them.
 */
function widestWord(text: string): number {
  let widest = 0;
  let piece = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === SPACE || code === NEWLINE) {
      widest = Math.max(widest, piece);
      piece = 0;
      continue;
    }
    if (code === EM_DASH && piece > 0 && breaksBefore(text, i)) {
      widest = Math.max(widest, piece);
      piece = 0;
    }
    piece += printedWidth(code);
    const next = text.charCodeAt(i + 1);
    if (mayBreakAfter(code) && i + 1 < text.length && next !== SPACE && next !== NEWLINE && breaksAfter(text, i)) {
      widest = Math.max(widest, piece);
      piece = 0;
    }
  }
  return Math.max(widest, piece);
}

const textWidth = (text: string): number => {
  let width = 0;
  for (let i = 0; i < text.length; i++) width += printedWidth(text.charCodeAt(i));
  return width;
};
/** A word's width up to where `breaksAfter` first lets a line end inside it; the whole word's where nowhere does. */
function firstPieceWidth(word: string): number {
  for (let i = 0; i < word.length - 1; i++) if (mayBreakAfter(word.charCodeAt(i)) && breaksAfter(word, i)) return textWidth(word.slice(0, i + 1));
  return textWidth(word);
}

/** The narrowest column (Excel's unit) that prints every word of `text` on a line of its own at most: no word broken. */
export const wordColumnWidth = (text: string): number => Math.ceil(widestWord(text) + CELL_MARGIN);

/**
 * The narrowest column from `min` up to `max` (Excel's unit) in which each of `texts` prints on one line: a column
 * sized from what it holds, where a fixed width wrapped most names or left room no name used. Past `max`, a text wraps.
 */
export function oneLineWidth(texts: Iterable<string>, min: number, max: number): number {
  let width = min;
  for (const text of texts) while (width < max && printedLines(text, width) > 1) width++;
  return width;
}

/** Lines a cell's text takes printed in a column `width` characters wide (Excel's unit, the widest digit). */
export const printedLines = (text: string, width: number): number => wrappedLines(text, width - CELL_MARGIN, printedWidth);
