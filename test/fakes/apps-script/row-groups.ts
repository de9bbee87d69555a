// Row groups of a sheet (View > Group rows, or an .xlsx's row outline opened in Sheets), as Apps Script sees them: a
// depth per row, 0 where no group holds it, and a group at depth d a run of adjacent rows each at depth d or deeper.
// A collapsed group hides its rows from view, not from a script: getValues reads them as any other.
import type { FakeEnv } from './env.js';
import type { FakeSheet } from './sheet.js';

type Group = GoogleAppsScript.Spreadsheet.Group;
type Range = GoogleAppsScript.Spreadsheet.Range;

/** Sheets refuses a depth past this many nested groups (Range.shiftRowGroupDepth leaves it unchanged). */
const MAX_DEPTH = 8;

/** The rows of one group, 1-based, and its depth. */
export interface GroupSpan {
  row: number;
  numRows: number;
  depth: number;
}

export class RowGroups {
  /** `depths[row - 1]`; a hole is depth 0. */
  private readonly depths: number[] = [];
  /** Groups collapsed, as `row:depth` of their first row. */
  private readonly collapsed = new Set<string>();

  depthAt(row: number): number {
    return this.depths[row - 1] ?? 0;
  }

  /** Each row's depth moved by `delta`, kept within 0 and the most Sheets nests: Range.shiftRowGroupDepth. */
  shift(row: number, numRows: number, delta: number): void {
    for (let r = row; r < row + numRows; r++) this.depths[r - 1] = Math.min(MAX_DEPTH, Math.max(0, this.depthAt(r) + delta));
  }

  /** The group at `depth` holding `row`, or null when the row is at a lower depth (Sheet.getRowGroup). */
  groupAt(row: number, depth: number): GroupSpan | null {
    if (depth < 1 || this.depthAt(row) < depth) return null;
    let [top, bottom] = [row, row];
    while (top > 1 && this.depthAt(top - 1) >= depth) top--;
    while (this.depthAt(bottom + 1) >= depth) bottom++;
    return { row: top, numRows: bottom - top + 1, depth };
  }

  isCollapsed(group: GroupSpan): boolean {
    return this.collapsed.has(`${group.row}:${group.depth}`);
  }

  setCollapsed(group: GroupSpan, collapsed: boolean): void {
    const key = `${group.row}:${group.depth}`;
    if (collapsed) this.collapsed.add(key);
    else this.collapsed.delete(key);
  }

  /** Rows inserted after `after` take the depth of the shallower row either side: inside a group they join it. */
  inserted(after: number, howMany: number): void {
    const depth = Math.min(this.depthAt(after), this.depthAt(after + 1));
    if (this.depths.length > after) this.depths.splice(after, 0, ...new Array<number>(howMany).fill(depth));
  }

  deleted(row: number, howMany: number): void {
    this.depths.splice(row - 1, howMany);
  }
}

/** Sheets' Group over a FakeSheet's row groups. The control toggle (getControlIndex) is not modeled. */
export class FakeGroup implements Partial<Group> {
  constructor(
    private readonly env: FakeEnv,
    private readonly sheet: FakeSheet,
    private readonly span: GroupSpan,
  ) {}

  private self(): Group {
    return this as unknown as Group;
  }

  getRange(): Range {
    this.env.count('Group.getRange');
    return this.sheet.rangeAt(this.span.row, 1, this.span.numRows, this.sheet.maxColumns);
  }
  getDepth(): number {
    this.env.count('Group.getDepth');
    return this.span.depth;
  }
  isCollapsed(): boolean {
    this.env.count('Group.isCollapsed');
    return this.sheet.rowGroups.isCollapsed(this.span);
  }
  collapse(): Group {
    this.env.require('documentWrite', 'SpreadsheetApp.Group.collapse');
    this.env.count('Group.collapse');
    this.sheet.rowGroups.setCollapsed(this.span, true);
    return this.self();
  }
  expand(): Group {
    this.env.require('documentWrite', 'SpreadsheetApp.Group.expand');
    this.env.count('Group.expand');
    this.sheet.rowGroups.setCollapsed(this.span, false);
    return this.self();
  }
}
