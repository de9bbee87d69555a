// Data-validation and conditional-format rules with their builders (SpreadsheetApp.newDataValidation(),
// SpreadsheetApp.newConditionalFormatRule()). Rules are stored, not enforced: Sheets does not reject
// script writes that break a validation rule either.
import { BooleanCriteria, DataValidationCriteria, enumName } from './enums.js';
import type { FakeEnv } from './env.js';

type Range = GoogleAppsScript.Spreadsheet.Range;
type DataValidation = GoogleAppsScript.Spreadsheet.DataValidation;
type DataValidationBuilder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;
type ValidationCriteria = GoogleAppsScript.Spreadsheet.DataValidationCriteria;
type ConditionalFormatRule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;
type ConditionalFormatRuleBuilder = GoogleAppsScript.Spreadsheet.ConditionalFormatRuleBuilder;
type BooleanCondition = GoogleAppsScript.Spreadsheet.BooleanCondition;
type BooleanCriteriaType = GoogleAppsScript.Spreadsheet.BooleanCriteria;

interface ValidationSpec {
  criteria: string | null;
  args: unknown[];
  allowInvalid: boolean;
  helpText: string | null;
}

/** What a validation and its builder both report: the real API gives both the same getters. */
abstract class ValidationGetters {
  constructor(
    protected readonly env: FakeEnv,
    /** Public for tests, which check what a rule holds. */
    public spec: ValidationSpec,
  ) {}

  copy(): DataValidationBuilder {
    return new FakeDataValidationBuilder(this.env, { ...this.spec }) as unknown as DataValidationBuilder;
  }
  getAllowInvalid(): boolean {
    return this.spec.allowInvalid;
  }
  getCriteriaType(): ValidationCriteria {
    return this.spec.criteria as unknown as ValidationCriteria;
  }
  getCriteriaValues(): any[] {
    return this.env.out(this.spec.args);
  }
}

export class FakeDataValidation extends ValidationGetters implements Partial<DataValidation> {
  getHelpText(): string {
    return this.spec.helpText ?? '';
  }
}

export class FakeDataValidationBuilder extends ValidationGetters implements Partial<DataValidationBuilder> {
  constructor(env: FakeEnv, spec: ValidationSpec = { criteria: null, args: [], allowInvalid: true, helpText: null }) {
    super(env, spec);
  }

  private set(criteria: string, args: unknown[]): DataValidationBuilder {
    this.spec = { ...this.spec, criteria, args: [...args] };
    return this as unknown as DataValidationBuilder;
  }

  build(): DataValidation {
    if (this.spec.criteria === null) this.env.fail('You must specify a validation criteria.');
    return new FakeDataValidation(this.env, { ...this.spec }) as unknown as DataValidation;
  }
  getHelpText(): string | null {
    return this.spec.helpText;
  }
  requireCheckbox(checkedValue?: any, uncheckedValue?: any): DataValidationBuilder {
    const args = [checkedValue, uncheckedValue].filter((v) => v !== undefined);
    return this.set(DataValidationCriteria.CHECKBOX, args);
  }
  requireDate(): DataValidationBuilder {
    return this.set(DataValidationCriteria.DATE_IS_VALID_DATE, []);
  }
  requireDateAfter(date: GoogleAppsScript.Base.Date): DataValidationBuilder {
    return this.set(DataValidationCriteria.DATE_AFTER, [date]);
  }
  requireDateBetween(start: GoogleAppsScript.Base.Date, end: GoogleAppsScript.Base.Date): DataValidationBuilder {
    return this.set(DataValidationCriteria.DATE_BETWEEN, [start, end]);
  }
  requireFormulaSatisfied(formula: string): DataValidationBuilder {
    return this.set(DataValidationCriteria.CUSTOM_FORMULA, [formula]);
  }
  requireNumberBetween(start: number, end: number): DataValidationBuilder {
    return this.set(DataValidationCriteria.NUMBER_BETWEEN, [start, end]);
  }
  requireNumberGreaterThanOrEqualTo(number: number): DataValidationBuilder {
    return this.set(DataValidationCriteria.NUMBER_GREATER_THAN_OR_EQUAL_TO, [number]);
  }
  requireTextIsEmail(): DataValidationBuilder {
    return this.set(DataValidationCriteria.TEXT_IS_VALID_EMAIL, []);
  }
  requireValueInList(values: string[], showDropdown = true): DataValidationBuilder {
    return this.set(DataValidationCriteria.VALUE_IN_LIST, [[...values], showDropdown]);
  }
  requireValueInRange(range: Range, showDropdown = true): DataValidationBuilder {
    return this.set(DataValidationCriteria.VALUE_IN_RANGE, [range, showDropdown]);
  }
  setAllowInvalid(allowInvalidData: boolean): DataValidationBuilder {
    this.spec = { ...this.spec, allowInvalid: allowInvalidData };
    return this as unknown as DataValidationBuilder;
  }
  setHelpText(helpText: string): DataValidationBuilder {
    this.spec = { ...this.spec, helpText };
    return this as unknown as DataValidationBuilder;
  }
  withCriteria(criteria: ValidationCriteria, args: any[]): DataValidationBuilder {
    return this.set(enumName(criteria), args);
  }
}

interface FormatSpec {
  criteria: string | null;
  args: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  italic: boolean | null;
  ranges: Range[];
}

class FakeBooleanCondition implements Partial<BooleanCondition> {
  constructor(
    private readonly env: FakeEnv,
    private readonly spec: Readonly<FormatSpec>,
  ) {}
  getBackground(): string | null {
    return this.spec.background;
  }
  getBold(): boolean | null {
    return this.spec.bold;
  }
  getCriteriaType(): BooleanCriteriaType {
    return this.spec.criteria as unknown as BooleanCriteriaType;
  }
  getCriteriaValues(): any[] {
    return this.env.out(this.spec.args);
  }
  getFontColor(): string | null {
    return this.spec.fontColor;
  }
  getItalic(): boolean | null {
    return this.spec.italic;
  }
}

export class FakeConditionalFormatRule implements Partial<ConditionalFormatRule> {
  constructor(
    private readonly env: FakeEnv,
    readonly spec: Readonly<FormatSpec>,
  ) {}
  copy(): ConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.env, { ...this.spec }) as unknown as ConditionalFormatRuleBuilder;
  }
  getBooleanCondition(): BooleanCondition | null {
    return new FakeBooleanCondition(this.env, this.spec) as unknown as BooleanCondition;
  }
  getGradientCondition(): null {
    return null;
  }
  getRanges(): Range[] {
    return this.env.out([...this.spec.ranges]);
  }
}

export class FakeConditionalFormatRuleBuilder implements Partial<ConditionalFormatRuleBuilder> {
  constructor(
    private readonly env: FakeEnv,
    private spec: FormatSpec = {
      criteria: null, args: [], background: null, fontColor: null, bold: null, italic: null, ranges: [],
    },
  ) {}

  private update(change: Partial<FormatSpec>): ConditionalFormatRuleBuilder {
    this.spec = { ...this.spec, ...change };
    return this as unknown as ConditionalFormatRuleBuilder;
  }

  build(): ConditionalFormatRule {
    if (this.spec.criteria === null) this.env.fail('A conditional format rule must have a condition.');
    if (this.spec.ranges.length === 0) this.env.fail('A conditional format rule must have at least one range.');
    return new FakeConditionalFormatRule(this.env, { ...this.spec }) as unknown as ConditionalFormatRule;
  }
  copy(): ConditionalFormatRuleBuilder {
    return new FakeConditionalFormatRuleBuilder(this.env, { ...this.spec }) as unknown as ConditionalFormatRuleBuilder;
  }
  getRanges(): Range[] {
    return this.env.out([...this.spec.ranges]);
  }
  setBackground(color: string | null): ConditionalFormatRuleBuilder {
    return this.update({ background: color });
  }
  setBold(bold: boolean | null): ConditionalFormatRuleBuilder {
    return this.update({ bold });
  }
  setFontColor(color: string | null): ConditionalFormatRuleBuilder {
    return this.update({ fontColor: color });
  }
  setItalic(italic: boolean | null): ConditionalFormatRuleBuilder {
    return this.update({ italic });
  }
  setRanges(ranges: Range[]): ConditionalFormatRuleBuilder {
    return this.update({ ranges: [...ranges] });
  }
  whenCellEmpty(): ConditionalFormatRuleBuilder {
    return this.update({ criteria: BooleanCriteria.CELL_EMPTY, args: [] });
  }
  whenCellNotEmpty(): ConditionalFormatRuleBuilder {
    return this.update({ criteria: BooleanCriteria.CELL_NOT_EMPTY, args: [] });
  }
  whenFormulaSatisfied(formula: string): ConditionalFormatRuleBuilder {
    return this.update({ criteria: BooleanCriteria.CUSTOM_FORMULA, args: [formula] });
  }
  whenNumberLessThan(number: number): ConditionalFormatRuleBuilder {
    return this.update({ criteria: BooleanCriteria.NUMBER_LESS_THAN, args: [number] });
  }
  whenTextContains(text: string): ConditionalFormatRuleBuilder {
    return this.update({ criteria: BooleanCriteria.TEXT_CONTAINS, args: [text] });
  }
  whenTextEqualTo(text: string): ConditionalFormatRuleBuilder {
    return this.update({ criteria: BooleanCriteria.TEXT_EQUAL_TO, args: [text] });
  }
  withCriteria(criteria: BooleanCriteriaType, args: any[]): ConditionalFormatRuleBuilder {
    return this.update({ criteria: enumName(criteria), args: [...args] });
  }
}
