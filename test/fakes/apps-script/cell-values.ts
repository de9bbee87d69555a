// One grid cell, and how Sheets turns what a script writes (setValue/setValues) into a stored value:
// "=…" becomes a formula, "'…" stays text, numeric, boolean and date-looking text is parsed.
import { AUTOMATIC_FORMAT } from './number-format.js';
import { isDate } from './realm.js';
import { zonedInstant } from './zoned-time.js';
import type { FakeDataValidation } from './rules.js';

export type CellValue = string | number | boolean | Date;

export interface Cell {
  /** '' when empty; for a formula cell, the cached result last written by the test (formulas are not evaluated). */
  value: CellValue;
  formula: string;
  note: string;
  /** As getBackgrounds reports it: '#ffffff' for a cell with no fill, as Sheets does. */
  background: string;
  /** Whether the cell has a fill of its own (false: none, so banding and alternating colours show). */
  filled: boolean;
  fontColor: string;
  fontWeight: GoogleAppsScript.Spreadsheet.FontWeight;
  wrap: boolean;
  numberFormat: string;
  validation: FakeDataValidation | null;
}

export const WHITE = '#ffffff';
export const BLACK = '#000000';
export const MAX_CELL_CHARS = 50_000;

export function blankCell(): Cell {
  return {
    value: '',
    formula: '',
    note: '',
    background: WHITE,
    filled: false,
    fontColor: BLACK,
    fontWeight: 'normal',
    wrap: true,
    numberFormat: AUTOMATIC_FORMAT,
    validation: null,
  };
}

export interface ParsedInput {
  value: CellValue;
  formula: string;
  /** The number format Sheets applies on its own when it recognises a date. */
  impliedFormat: string | null;
}

const numberPattern = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function parseDate(text: string, timeZone: string): ParsedInput | null {
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const [year, month, day, hour, minute, second] = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]].map((p) => Number(p ?? 0))
    : us
      ? [Number(us[3]), Number(us[1]), Number(us[2]), 0, 0, 0]
      : [];
  if (year === undefined) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  const instant = zonedInstant(timeZone, year, month, day, hour, minute, second);
  const timed = iso?.[4] !== undefined;
  return {
    value: new Date(instant),
    formula: '',
    impliedFormat: iso ? (timed ? 'yyyy-mm-dd h:mm:ss' : 'yyyy-mm-dd') : 'M/d/yyyy',
  };
}

/**
 * Interprets a value written by a script the way Sheets does for setValue/setValues ("user entered").
 * `plainText` is true when the cell's number format is "@", where text is stored as typed.
 */
export function parseInput(input: unknown, timeZone: string, plainText: boolean): ParsedInput {
  const plain = (value: CellValue): ParsedInput => ({ value, formula: '', impliedFormat: null });
  if (input === null || input === undefined) return plain('');
  if (isDate(input)) return plain(new Date(input.getTime()));
  if (typeof input === 'number' || typeof input === 'boolean') return plain(input);
  const text = String(input);
  if (plainText || text === '') return plain(text);
  if (text.startsWith("'")) return plain(text.slice(1));
  if (text.length > 1 && text.startsWith('=')) return { value: '', formula: text, impliedFormat: null };
  const trimmed = text.trim();
  if (/^(true|false)$/i.test(trimmed)) return plain(trimmed.toLowerCase() === 'true');
  if (/\d/.test(trimmed) && numberPattern.test(trimmed)) return plain(Number(trimmed.replace(/,/g, '')));
  const percent = /^([+-]?\d+(?:\.\d+)?)%$/.exec(trimmed);
  if (percent) return { value: Number(percent[1]) / 100, formula: '', impliedFormat: '0%' };
  // Sheets reads a leading + or - before non-numeric text as the start of a formula.
  if (/^[+-]./.test(text)) return { value: '', formula: `=${text}`, impliedFormat: null };
  return parseDate(trimmed, timeZone) ?? plain(text);
}
