// Shared formulas: which references shift with the row, and which runs of cells may share a formula.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandTemplate, rowTemplate, SharedFormulas, type XmlOut } from '../../../sync/workbook/shared-formulas';

const shifted = (formula: string, from: number, to: number) => {
  const t = rowTemplate(formula, from);
  return t && expandTemplate(t, to);
};

describe('rowTemplate', () => {
  it('shifts relative rows and leaves absolute ones', () => {
    expect(shifted('IF(ISNUMBER(B7),$C7+Lists!$B$2,D$3)', 7, 8)).toBe('IF(ISNUMBER(B8),$C8+Lists!$B$2,D$3)');
    expect(shifted('SUM(A7:A9)*$A$1', 7, 107)).toBe('SUM(A107:A109)*$A$1');
    expect(shifted('VLOOKUP(N7,Lists!$S$2:$T$61,2,0)', 7, 10)).toBe('VLOOKUP(N10,Lists!$S$2:$T$61,2,0)');
  });

  it('leaves text, quoted sheet names, functions with digits and numbers alone', () => {
    const f = `IF(A7="B7 and C7","x",'Work plan 2'!K7&LOG10(100)&ATAN2(1,2)&1E5&'It''s A1'!A1)`;
    expect(shifted(f, 7, 9)).toBe(`IF(A9="B7 and C7","x",'Work plan 2'!K9&LOG10(100)&ATAN2(1,2)&1E5&'It''s A1'!A3)`);
    expect(shifted('Sheet1!A7+TRUE+FALSE', 7, 8)).toBe('Sheet1!A8+TRUE+FALSE');
  });

  it('counts lower-case references as references (missing one would shift it wrongly)', () => {
    expect(shifted('sum(a7:b7)', 7, 8)).toBe('sum(a8:b8)');
  });

  it('refuses whole-row ranges and unbalanced quotes', () => {
    expect(rowTemplate('SUM(2:5)', 7)).toBeUndefined();
    expect(rowTemplate('SUM($2:$5)', 7)).toBeUndefined();
    expect(rowTemplate('"open', 7)).toBeUndefined();
    expect(rowTemplate('SUM(A:A)', 7)).toEqual({ pieces: ['SUM(A:A)'], offsets: [] });
  });

  it('gives back the formula on its own row', () => {
    const ref = fc.tuple(fc.constantFrom('', '$'), fc.constantFrom('A', 'N', 'AB', 'XFD'), fc.constantFrom('', '$'), fc.integer({ min: 1, max: 99_999 }))
      .map(([a, c, b, r]) => `${a}${c}${b}${r}`);
    const piece = fc.oneof(ref, fc.constantFrom('+', '-', '*', ',', 'IF(', ')', '"A1"', "'My sheet'!", 'Lists!', ':', '2', 'LOG10(', ' '));
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), fc.integer({ min: 1, max: 1_000 }), (parts, row) => {
      const formula = parts.join('');
      const t = rowTemplate(formula, row);
      if (t) expect(expandTemplate(t, row)).toBe(formula);
    }));
  });
});

describe('SharedFormulas', () => {
  function write(formulas: readonly (readonly [number, string])[]): string {
    const shared = new SharedFormulas();
    const out: XmlOut = { text: '', parts: [] };
    for (const [row, f] of formulas) {
      out.text += `[${row}]`;
      shared.formula(out, 0, 'H', row, f);
    }
    return shared.resolve(out);
  }

  it('writes a run once, with its range, and the rest as references to it', () => {
    expect(write([[2, 'B2*2'], [3, 'B3*2'], [4, 'B4*2']])).toBe('[2]<f t="shared" ref="H2:H4" si="0">B2*2</f>[3]<f t="shared" si="0"/>[4]<f t="shared" si="0"/>');
  });

  it('starts a new run where the formula changes or a row is skipped, and keeps lone formulas plain', () => {
    expect(write([[2, 'B2*2'], [3, 'B3*3'], [4, 'B4*3'], [6, 'B6*3'], [7, 'SUM(1:2)'], [8, 'SUM(1:2)']])).toBe(
      '[2]<f>B2*2</f>[3]<f t="shared" ref="H3:H4" si="0">B3*3</f>[4]<f t="shared" si="0"/>[6]<f>B6*3</f>[7]<f>SUM(1:2)</f>[8]<f>SUM(1:2)</f>',
    );
  });

  it('escapes the master formula', () => {
    expect(write([[2, 'IF(A2<1,"a&b","")'], [3, 'IF(A3<1,"a&b","")']])).toContain('>IF(A2&lt;1,"a&amp;b","")</f>');
  });
});
