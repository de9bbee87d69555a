// How wide a column must be to print a text's words without breaking one inside.
import { describe, expect, it } from 'vitest';
import { headerWordsFit, keepsRightHeaderIndent, printedLines, printedWidth, wordColumnWidth } from '../../shared/printed-text';

describe('wordColumnWidth', () => {
  it('is the narrowest column that prints a word on one line', () => {
    for (const word of ['Operationalize', 'departments', 'Implementation', 'WWWWWW', 'Ærøskøbing', '東京都庁']) {
      const width = wordColumnWidth(word);
      expect(printedLines(word, width), word).toBe(1);
      expect(printedLines(word, width - 1), word).toBeGreaterThan(1);
    }
  });

  it('is set by the widest word of a text, where lines break', () => {
    expect(wordColumnWidth('Host the Operationalize forum')).toBe(wordColumnWidth('Operationalize'));
    expect(wordColumnWidth('Phase 2\nOperationalize')).toBe(wordColumnWidth('Operationalize'));
    // A compound breaks after its dash or slash, so its widest part sets it.
    expect(wordColumnWidth('City–Community')).toBe(wordColumnWidth('Community'));
    expect(wordColumnWidth('Organize—Operationalize')).toBe(wordColumnWidth('—Operationalize'));
    expect(wordColumnWidth('finance/budgeting')).toBe(wordColumnWidth('budgeting'));
    // A date's slashes do not break it.
    expect(wordColumnWidth('3/15/2024')).toBeGreaterThan(wordColumnWidth('2024'));
  });
});

describe('printedWidth', () => {
  it('draws the marks that isolate a right-to-left name as nothing', () => {
    for (const mark of '\u200e\u200f\u2066\u2067\u2068\u2069') expect(printedWidth(mark.charCodeAt(0))).toBe(0);
    expect(wordColumnWidth('\u2068Operationalize\u2069')).toBe(wordColumnWidth('Operationalize'));
  });
});

describe('headerWordsFit', () => {
  it('fails a header whose last line would be a lone sign a reader takes for a fragment, and passes it where the sign stays on its line', () => {
    // At 16 the right-aligned header wraps "Fulfilled on" / "time (SLA met," / "%)"; at 17, "Fulfilled on time" / "(SLA met, %)".
    expect(keepsRightHeaderIndent('Fulfilled on time (SLA met, %)', 16)).toBe(false);
    expect(keepsRightHeaderIndent('Fulfilled on time (SLA met, %)', 17)).toBe(true);
    expect(headerWordsFit('Share of hours (%)', wordColumnWidth('Share of hours') + 2)).toBe(false);
    expect(headerWordsFit('Share of hours (%)', 40)).toBe(true);
  });

  it('passes a header whose last line is a short word of letters or figures', () => {
    expect(headerWordsFit('Request ID', wordColumnWidth('Request') + 1)).toBe(true);
    expect(keepsRightHeaderIndent('Satisfaction (1-5)', 13)).toBe(true);
  });
});
