// A sheet's basic filter (Range.createFilter / Sheet.getFilter). Criteria are recorded, rows are never hidden.
import type { FakeRange } from './range.js';

type Filter = GoogleAppsScript.Spreadsheet.Filter;
type FilterCriteria = GoogleAppsScript.Spreadsheet.FilterCriteria;

export class FakeFilter implements Partial<Filter> {
  readonly criteria = new Map<number, FilterCriteria>();

  constructor(readonly range: FakeRange) {}

  getRange(): GoogleAppsScript.Spreadsheet.Range {
    return this.range as unknown as GoogleAppsScript.Spreadsheet.Range;
  }
  getColumnFilterCriteria(columnPosition: number): FilterCriteria | null {
    return this.criteria.get(columnPosition) ?? null;
  }
  setColumnFilterCriteria(columnPosition: number, filterCriteria: FilterCriteria | null): Filter {
    if (filterCriteria === null) this.criteria.delete(columnPosition);
    else this.criteria.set(columnPosition, filterCriteria);
    return this as unknown as Filter;
  }
  remove(): void {
    this.range.sheet.filter = null;
  }
}
