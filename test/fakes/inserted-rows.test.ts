// The fakes' model of inserting rows, checked against what Sheets and Excel do to formulas (the hosts' own
// behaviour, as their documentation and a person inserting rows see it).
import { describe, expect, test } from 'vitest';
import { formulaAfterInsert, fromR1C1, rowsAfter, toR1C1 } from './inserted-rows';

const insert = { sheet: 'TA Log', before: 5, count: 2 };

describe('rows inserted, as both hosts move references', () => {
  test('a range grows only when the rows go in inside it: one ending right above the insertion stays, one starting at it moves', () => {
    expect(formulaAfterInsert('=SUM(C2:C5)', 'TA Log', insert)).toBe('=SUM(C2:C7)');
    expect(formulaAfterInsert('=SUM(C2:C4)', 'TA Log', insert)).toBe('=SUM(C2:C4)');
    expect(formulaAfterInsert('=SUM(C5:C9)', 'TA Log', insert)).toBe('=SUM(C7:C11)');
  });

  test('anchored rows move too; other sheets move only what names the sheet; text in quotes stays', () => {
    expect(formulaAfterInsert('=$C$9+C$4', 'TA Log', insert)).toBe('=$C$11+C$4');
    expect(formulaAfterInsert("=SUM('TA Log'!H2:H8)+Lists!B9", 'Dashboard', insert)).toBe("=SUM('TA Log'!H2:H10)+Lists!B9");
    expect(formulaAfterInsert('=COUNTIF(G2:G9,"A9")', 'Dashboard', insert)).toBe('=COUNTIF(G2:G9,"A9")');
    expect(formulaAfterInsert('=IF(A9="","",LOG10(B9))', 'TA Log', insert)).toBe('=IF(A11="","",LOG10(B11))');
  });

  test('merged ranges and tables move or grow by the same rule', () => {
    expect(rowsAfter({ row: 3 }, 4, insert)).toEqual({ row: 3, span: 6 });
    expect(rowsAfter({ row: 3 }, 2, insert)).toEqual({ row: 3, span: 2 });
    expect(rowsAfter({ row: 5 }, 1, insert)).toEqual({ row: 7, span: 1 });
  });

  test('R1C1 takes a row\'s formulas to another row with their relative references moved', () => {
    const r1c1 = toR1C1('=TODAY()-$A$2+C4*D$1', 4, 5);
    expect(r1c1).toBe('=TODAY()-R2C1+RC[-2]*R1C[-1]');
    expect(fromR1C1(r1c1, 6, 5)).toBe('=TODAY()-$A$2+C6*D$1');
    expect(fromR1C1('=R[-1]C[0]+R[-9]C', 3, 2)).toBe('=B2+#REF!');
  });
});
