// The number formats the Excel port writes days and text under, and how it tells a format that shows a date.

export const DATE_FORMAT = 'yyyy-mm-dd';
export const TEXT_FORMAT = '@';

/** A number format that shows a date: d, m or y outside quoted text and [colour]/[locale] tags. */
export function isDateFormat(format: unknown): boolean {
  if (typeof format !== 'string' || format === TEXT_FORMAT) return false;
  const bare = format.replace(/"[^"]*"/g, '').replace(/\[[^\]]*\]/g, '').replace(/\\./g, '');
  return /[dmy]/i.test(bare) && !/^general$/i.test(bare);
}
