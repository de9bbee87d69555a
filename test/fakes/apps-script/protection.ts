// A protection as Sheet.getProtections hands it out: the range or sheet it covers, the ranges a sheet's protection
// excepts, whether the person running the script may edit it, and whether it only warns (which a script never sees).
import type { GridRect } from './a1-notation.js';
import type { FakeEnv } from './env.js';
import type { FakeSheet } from './sheet.js';

type Range = GoogleAppsScript.Spreadsheet.Range;

/** The owner's protection, 1-based: a range, or the whole sheet (`rect` null) but its `unprotected` ranges. */
export interface ProtectionModel {
  rect: GridRect | null;
  unprotected: GridRect[];
  /** The person running the script is among its editors. */
  editable: boolean;
  /** Warning-only (Data > Protect, Show a warning): anyone may edit, a person after a prompt, a script without one. */
  warningOnly: boolean;
}

export class FakeProtection {
  constructor(
    private readonly env: FakeEnv,
    private readonly sheet: FakeSheet,
    private readonly model: ProtectionModel,
  ) {}

  private rangeOf(rect: GridRect): Range {
    return this.sheet.rangeAt(rect.row, rect.column, rect.numRows, rect.numColumns);
  }

  getProtectionType(): GoogleAppsScript.Spreadsheet.ProtectionType {
    return (this.model.rect ? 'RANGE' : 'SHEET') as unknown as GoogleAppsScript.Spreadsheet.ProtectionType;
  }
  /** A sheet's protection covers the sheet whole, its excepted ranges included. */
  getRange(): Range {
    this.env.count('Protection.getRange');
    return this.rangeOf(this.model.rect ?? { row: 1, column: 1, numRows: this.sheet.maxRows, numColumns: this.sheet.maxColumns });
  }
  getUnprotectedRanges(): Range[] {
    this.env.count('Protection.getUnprotectedRanges');
    return this.env.out(this.model.unprotected.map((rect) => this.rangeOf(rect)));
  }
  /** Whether the person running the script may edit it: an editor of it, or anyone while it only warns. */
  canEdit(): boolean {
    this.env.count('Protection.canEdit');
    return this.model.editable || this.model.warningOnly;
  }
  isWarningOnly(): boolean {
    this.env.count('Protection.isWarningOnly');
    return this.model.warningOnly;
  }
}
