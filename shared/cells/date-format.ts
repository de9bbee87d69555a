// What a date cell's number format says it holds. A person who types `Aug 2027` gets the date August 1, 2027
// under a format that shows no day (`mmm yyyy`): read as that date alone, a deadline would fall a month early.
import { MONTH_NAMES } from './periods';

/** The period a date format shows without its day: `month` (`mmm yyyy`, `yyyy-mm`, `mmmm`), `year` (`yyyy`). */
export type ShownPeriod = 'month' | 'year';

/** Quoted text, escaped characters, padding and fill (`_)`, `*-`) show nothing of the date. */
const LITERALS = /"[^"]*"|\\.|_.|\*./g;
/** `[$-409]` locale and `[Red]` colour tags; `[h]`, `[mm]`, `[ss]` are elapsed time and kept for the time test. */
const TAGS = /\[(?![hms]+\])[^\]]*\]/gi;

/** A number format's first section (how it shows a positive number) without its literal text and tags. */
export const positiveSection = (format: string): string => format.replace(LITERALS, '').replace(TAGS, '').split(';')[0];

/**
 * The period a number format shows when it shows a date with no day and no time; undefined for a format that
 * shows a day or a time, or no date at all. Excel and Sheets format strings alike: only the first section
 * (positive numbers) shows a date, and `m` is a minute wherever an hour or a second is shown, so such a format is
 * a time whatever else it shows.
 */
export function shownPeriod(format: string): ShownPeriod | undefined {
  const bare = positiveSection(format).replace(/am\/pm|a\/p/gi, '').toLowerCase();
  if (/[hs]/.test(bare) || /\[[hms]+\]/.test(bare) || bare.includes('d')) return undefined;
  if (bare.includes('m')) return 'month';
  return bare.includes('y') ? 'year' : undefined;
}

/**
 * A date cell as the text a person typed to make it (`Aug 2027`, `2027`) when its format shows only that period
 * and it is the period's first day, as typing the period makes it; undefined otherwise. A later day under such a
 * format was typed with its day (only the display hides it) and stays that day. The reader reads the text as it
 * reads the period typed as text: a deadline takes its last day, a start its first and fills its end.
 */
export function periodTyped(iso: string, format: string | undefined): string | undefined {
  const shows = format ? shownPeriod(format) : undefined;
  if (shows === 'month' && iso.endsWith('-01')) return `${MONTH_NAMES[Number(iso.slice(5, 7)) - 1].slice(0, 3)} ${iso.slice(0, 4)}`;
  if (shows === 'year' && iso.endsWith('-01-01')) return iso.slice(0, 4);
  return undefined;
}
