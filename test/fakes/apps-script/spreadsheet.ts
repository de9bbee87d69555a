// The active spreadsheet: its sheets, named ranges, selection, time zone and the toasts it showed.
import { parseA1 } from './a1-notation.js';
import type { FakeEnv } from './env.js';
import { FakeRange } from './range.js';
import { FakeSheet } from './sheet.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;

export interface Toast {
  message: string;
  title: string;
  timeoutSeconds: number;
}

export class FakeSpreadsheet implements Partial<Spreadsheet> {
  readonly sheetList: FakeSheet[] = [];
  readonly namedRanges = new Map<string, FakeRange>();
  readonly toasts: Toast[] = [];
  activeSheet: FakeSheet;
  activeRange: FakeRange | null = null;
  timeZone: string;
  private nextSheetId = 0;

  constructor(
    readonly env: FakeEnv,
    readonly id: string,
    public name: string,
    sheetNames: readonly string[] = ['Sheet1'],
  ) {
    this.timeZone = env.timeZone;
    for (const sheetName of sheetNames) this.addSheet(sheetName, this.sheetList.length);
    this.activeSheet = this.sheetList[0];
  }

  checkNewSheetName(name: string, renamed?: FakeSheet): void {
    const clash = this.sheetList.find((s) => s !== renamed && s.name.toLowerCase() === name.toLowerCase());
    if (clash) this.env.fail(`A sheet with the name "${name}" already exists. Please enter another name.`);
  }

  /** Adds a sheet without permission checks or activation: for test set-up and the constructor. */
  addSheet(name: string, index: number): FakeSheet {
    this.checkNewSheetName(name);
    const sheet = new FakeSheet(this, name, this.nextSheetId === 0 ? 0 : 1_000_000 + this.nextSheetId);
    this.nextSheetId++;
    this.sheetList.splice(index, 0, sheet);
    return sheet;
  }

  select(range: FakeRange): void {
    this.activeSheet = range.sheet;
    this.activeRange = range;
  }

  getSheets(): Sheet[] {
    this.env.require('document', 'SpreadsheetApp.Spreadsheet.getSheets');
    this.env.count('Spreadsheet.getSheets');
    return this.env.out([...this.sheetList] as unknown as Sheet[]);
  }
  getSheetByName(name: string): Sheet | null {
    this.env.require('document', 'SpreadsheetApp.Spreadsheet.getSheetByName');
    this.env.count('Spreadsheet.getSheetByName');
    return (this.sheetList.find((s) => s.name === name) ?? null) as unknown as Sheet | null;
  }
  getSheetById(id: number): Sheet | null {
    return (this.sheetList.find((s) => s.sheetId === id) ?? null) as unknown as Sheet | null;
  }
  insertSheet(a?: string | number | object, b?: number | object): Sheet {
    this.env.require('documentWrite', 'SpreadsheetApp.Spreadsheet.insertSheet');
    this.env.count('Spreadsheet.insertSheet');
    const name = typeof a === 'string' ? a : this.freeSheetName();
    const index = typeof a === 'number' ? a : typeof b === 'number' ? b : this.sheetList.length;
    if (index < 0 || index > this.sheetList.length) this.env.fail(`Sheet index ${index} is out of range.`);
    const sheet = this.addSheet(name, index);
    this.activeSheet = sheet;
    this.activeRange = null;
    return sheet as unknown as Sheet;
  }
  private freeSheetName(): string {
    let n = this.sheetList.length + 1;
    while (this.sheetList.some((s) => s.name === `Sheet${n}`)) n++;
    return `Sheet${n}`;
  }
  deleteSheet(sheet: Sheet): void {
    this.env.require('documentWrite', 'SpreadsheetApp.Spreadsheet.deleteSheet');
    const index = this.sheetList.indexOf(sheet as unknown as FakeSheet);
    if (index < 0) this.env.fail('Invalid argument: sheet');
    if (this.sheetList.length === 1) this.env.fail("You can't remove all the sheets in a document.");
    this.sheetList.splice(index, 1);
    if (this.activeSheet === (sheet as unknown)) this.activeSheet = this.sheetList[0];
  }
  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  rename(newName: string): void {
    this.name = newName;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    this.env.count('Spreadsheet.getSpreadsheetTimeZone');
    return this.timeZone;
  }
  setSpreadsheetTimeZone(timezone: string): void {
    this.timeZone = timezone;
  }
  getSpreadsheetLocale(): string {
    return 'en_US';
  }
  toast(msg: string, title?: string, timeoutSeconds?: number | null): void {
    this.toasts.push({ message: String(msg), title: title ?? '', timeoutSeconds: timeoutSeconds ?? 5 });
  }
  getRange(a1Notation: string): Range {
    const ref = parseA1(a1Notation);
    const sheet = ref?.sheetName ? this.sheetList.find((s) => s.name === ref.sheetName) : this.activeSheet;
    if (!ref || !sheet) this.env.fail('Range not found');
    return sheet.rangeFromA1(a1Notation.slice(a1Notation.lastIndexOf('!') + 1));
  }
  setNamedRange(name: string, range: Range): void {
    if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) || /^[A-Za-z]{1,3}[0-9]+$/.test(name)) {
      this.env.fail('Named ranges must contain only letters, numbers, and underscores, and cannot look like a cell reference.');
    }
    if (!(range instanceof FakeRange)) this.env.fail('Invalid argument: range');
    this.namedRanges.set(name, range);
  }
  getRangeByName(name: string): Range | null {
    return (this.namedRanges.get(name) ?? null) as unknown as Range | null;
  }
  removeNamedRange(name: string): void {
    this.namedRanges.delete(name);
  }
  getActiveSheet(): Sheet {
    return this.activeSheet as unknown as Sheet;
  }
  setActiveSheet(sheet: Sheet): Sheet {
    return sheet.activate();
  }
  getActiveRange(): Range | null {
    const range = this.activeRange ?? new FakeRange(this.activeSheet, { row: 1, column: 1, numRows: 1, numColumns: 1 });
    return range as unknown as Range;
  }
  setActiveRange(range: Range): Range {
    return range.activate();
  }
  setActiveSelection(range: Range | string): Range {
    return typeof range === 'string' ? this.getRange(range).activate() : range.activate();
  }
}
