// What a percent-formatted cell shows. Sheets and Excel keep "150%" as 1.5: read as a bare number, a value above
// 1 is taken for a whole-number percent (1.5%), a hundredth of what the person typed and sees.
import { positiveSection } from './date-format';

/**
 * A number under a percent format as the text the cell shows (`150%`), which the reader reads as a typed
 * percent; undefined under any other format.
 */
export function percentTyped(value: number, format: string | undefined): string | undefined {
  if (!format || !positiveSection(format).includes('%')) return undefined;
  return `${Number((value * 100).toPrecision(12))}%`;
}
