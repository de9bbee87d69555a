// RangeList: one call that sets the same colour or note on many separate cells (Sheet.getRangeList), the
// way a script touches only the cells it means to without rewriting the block around them.
import type { FakeEnv } from './env.js';
import type { FakeRange } from './range.js';

type Range = GoogleAppsScript.Spreadsheet.Range;
type RangeList = GoogleAppsScript.Spreadsheet.RangeList;

export class FakeRangeList implements Partial<RangeList> {
  constructor(
    private readonly env: FakeEnv,
    readonly ranges: FakeRange[],
  ) {}

  private each(method: string, apply: (range: FakeRange) => void): RangeList {
    this.env.require('documentWrite', `SpreadsheetApp.RangeList.${method}`);
    this.env.count(`RangeList.${method}`);
    // The ranges' own writes are part of this one call: they are not counted again.
    const before = { ...this.env.counts };
    for (const range of this.ranges) apply(range);
    for (const key of Object.keys(this.env.counts)) if (key.startsWith('Range.')) this.env.counts[key] = before[key] ?? 0;
    return this as unknown as RangeList;
  }
  getRanges(): Range[] {
    return this.env.out(this.ranges as unknown as Range[]);
  }
  setBackground(color: string | null): RangeList {
    return this.each('setBackground', (r) => r.setBackground(color));
  }
  setNote(note: string | null): RangeList {
    return this.each('setNote', (r) => r.setNote(note));
  }
  clearNote(): RangeList {
    return this.each('clearNote', (r) => r.clearNote());
  }
}
