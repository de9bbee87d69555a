// The pages' one escape and figure: text stored before the field limit, and figures typed as 1e308, as every page
// (dashboard, annual report, a requester's status page) shows them.
import { describe, expect, it } from 'vitest';
import { MAX_FIELD_TEXT } from '../../../shared/clip-text';
import { esc, figure } from '../../../sync/dashboard/html-text';

describe('page text from rows stored before their limits', () => {
  it('clips a text longer than a field keeps today with its marker, then escapes it; a text that fits is only escaped', () => {
    const long = `<b>${'Pasted from the agency action plan PDF: '.repeat(1000)}`;
    const shown = esc(long);
    expect(shown.startsWith('&lt;b&gt;Pasted from')).toBe(true);
    expect(shown.endsWith(' … [clipped: 40,003 characters in all]')).toBe(true);
    expect(shown.replace(/&lt;|&gt;/g, '<').length).toBeLessThanOrEqual(MAX_FIELD_TEXT);
    const fits = 'x'.repeat(MAX_FIELD_TEXT - 1);
    expect(esc(`${fits}&`)).toBe(`${fits}&amp;`);
  });

  it('shows a figure past fifteen digits as a power of ten, not hundreds of digits across a table', () => {
    expect(figure(1e308)).toBe('1E308');
    expect(figure(-2.5e20)).toBe('-2.5E20');
    expect(figure(123456789.125)).toBe('123,456,789.13');
  });
});

describe('page text with direction controls stored before they were refused', () => {
  it('leaves them out, so a sentence naming the text reads in order', () => {
    expect(esc('override \u202enoitcA\u202c and isolate \u2066x\u2069')).toBe('override noitcA and isolate x');
  });
});

describe('page text with control characters stored before they were refused', () => {
  it('leaves out what HTML calls a parse error (controls, DEL, C1 controls, noncharacters), keeping tabs and line breaks', () => {
    expect(esc('NUL\u0000 bell\u0007 del\u007f C1\u0085\u009b non\ufffe\uffff\ufdd0 tab\tline\nfeed\f')).toBe('NUL bell del C1 non tab\tline\nfeed\f');
  });
});
