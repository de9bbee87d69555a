// The SpreadsheetApp global: the active spreadsheet, its UI, and the rule builders.
import { BooleanCriteria, DataValidationCriteria, ProtectionType } from './enums.js';
import type { FakeEnv } from './env.js';
import { FakeConditionalFormatRuleBuilder, FakeDataValidationBuilder } from './rules.js';
import type { FakeSpreadsheet } from './spreadsheet.js';
import type { FakeUi } from './ui.js';

type SpreadsheetApp = GoogleAppsScript.Spreadsheet.SpreadsheetApp;
type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export class FakeSpreadsheetApp implements Partial<SpreadsheetApp> {
  readonly DataValidationCriteria =
    DataValidationCriteria as unknown as typeof GoogleAppsScript.Spreadsheet.DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria as unknown as typeof GoogleAppsScript.Spreadsheet.BooleanCriteria;
  readonly ProtectionType = ProtectionType as unknown as typeof GoogleAppsScript.Spreadsheet.ProtectionType;

  constructor(
    private readonly env: FakeEnv,
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly ui: FakeUi,
  ) {}

  getActiveSpreadsheet(): Spreadsheet {
    this.env.require('document', 'SpreadsheetApp.getActiveSpreadsheet');
    return this.spreadsheet as unknown as Spreadsheet;
  }
  getActive(): Spreadsheet {
    return this.getActiveSpreadsheet();
  }
  openById(id: string): Spreadsheet {
    this.env.require('document', 'SpreadsheetApp.openById');
    if (id !== this.spreadsheet.id) {
      this.env.fail('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    }
    return this.spreadsheet as unknown as Spreadsheet;
  }
  getActiveSheet(): GoogleAppsScript.Spreadsheet.Sheet {
    return this.getActiveSpreadsheet().getActiveSheet();
  }
  getActiveRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.getActiveSpreadsheet().getActiveRange()!;
  }
  getUi(): GoogleAppsScript.Base.Ui {
    if (!this.env.uiAvailable || this.env.authMode === 'CUSTOM_FUNCTION') {
      this.env.fail('Cannot call SpreadsheetApp.getUi() from this context.');
    }
    return this.ui as unknown as GoogleAppsScript.Base.Ui;
  }
  flush(): void {
    this.env.count('SpreadsheetApp.flush');
  }
  newDataValidation(): GoogleAppsScript.Spreadsheet.DataValidationBuilder {
    return new FakeDataValidationBuilder(this.env) as unknown as GoogleAppsScript.Spreadsheet.DataValidationBuilder;
  }
  newConditionalFormatRule(): GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.env) as unknown as GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
  }
}
