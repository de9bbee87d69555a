// Excel's day numbers (by the workbook's date system) and the calendar days they show, within the days Excel shows as
// dates: one rule for the Excel add-in, which reads them from the host, and the import, which reads them from the file.
import { dateFromSerial, serialFromIso } from './dates';

/**
 * How a workbook counts days: 1900 (Excel's default) from 1/1/1900 as 1, 1904 (Excel for Mac's old default, set
 * per workbook) from 1/1/1904 as 0, which makes each day's number 1,462 less.
 */
export type DateSystem = 1900 | 1904;
const DAYS_BEFORE_1904 = 1462;

/** 9999-12-31, the last day Excel shows (in the 1900 system); past it, as below the first day, a date-formatted cell shows ####. */
const LAST_SERIAL = 2958465;
/**
 * Excel's 2/29/1900, a day that never was: Lotus 1-2-3 counted 1900 as a leap year and Excel kept its numbers, so
 * the days before it are one more than the shared serials (counted from 1899-12-30) make them.
 */
const PHANTOM_LEAP_DAY = 60;
const PHANTOM_SHOWN = '2/29/1900';

/**
 * What a date-formatted number is: its date, with its time of day (a form's timestamp), or where Excel shows no day
 * the value to read as it is — the text it shows for 2/29/1900, the number itself for one it shows as #### (a phone
 * number pasted into a date column) or as day 0 — which the readers then reject at that cell, as no date.
 */
export function excelDate(serial: number, system: DateSystem = 1900): Date | string | number {
  const day = Math.floor(serial);
  if (system === 1904) {
    if (day < 0 || day > LAST_SERIAL - DAYS_BEFORE_1904) return serial;
    return dateFromSerial(serial + DAYS_BEFORE_1904);
  }
  if (day < 1 || day > LAST_SERIAL) return serial;
  if (day === PHANTOM_LEAP_DAY) return PHANTOM_SHOWN;
  return dateFromSerial(day < PHANTOM_LEAP_DAY ? serial + 1 : serial);
}

/** `excelDate` without the time of day: the day a date column holds. */
export function excelDay(serial: number, system: DateSystem = 1900): Date | string | number {
  const read = excelDate(Math.floor(serial), system);
  return typeof read === 'number' ? serial : read;
}

/** The number Excel stores for a day (YYYY-MM-DD). */
export function excelSerial(iso: string, system: DateSystem = 1900): number {
  const serial = serialFromIso(iso);
  if (system === 1904) return serial - DAYS_BEFORE_1904;
  return serial <= PHANTOM_LEAP_DAY ? serial - 1 : serial;
}

/**
 * A date argument's number, which a custom function receives as the workbook counts days, as the shared readers count
 * the same day (the 1900 system's number). 0 stays 0: an empty cell may arrive as 0 (decision 011), so 1/1/1904 reads as
 * an empty cell.
 */
export function serialAs1900(serial: number, system: DateSystem): number {
  return system === 1904 && serial > 0 ? serial + DAYS_BEFORE_1904 : serial;
}
