// The colours of a status tone in a sheet (fill and text), the same in every host's conditional formats.
import type { PlanConditional, Tone } from '../../shared/workbook-plan';

export const TONE_COLOURS: Readonly<Record<Tone, { background: string; font: string }>> = {
  good: { background: '#d9ead3', font: '#274e13' },
  warn: { background: '#fff2cc', font: '#7f6000' },
  bad: { background: '#f4cccc', font: '#990000' },
  neutral: { background: '#eeeeee', font: '#434343' },
};

/**
 * Whether a host's rule coloring cells equal to `text` with `fill` is one `c` makes: `text` is one of its
 * tones, in that tone's fill. Hosts hand a color back in either case.
 */
export function isToneRule(c: PlanConditional, text: string, fill: unknown): boolean {
  const tone = c.tones?.[text];
  return tone !== undefined && TONE_COLOURS[tone].background === String(fill ?? '').toLowerCase();
}
