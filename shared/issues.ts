// Validation problems as values: rendered per surface (HTTP body, cell note, sidebar, CLI line, Data-quality sheet).
import { placeRef } from './sheet-ref';

export type IssueCode =
  | 'required' | 'blank_kept' | 'not_a_date' | 'date_tbd' | 'date_range' | 'date_period' | 'date_no_year' | 'year_assumed' | 'day_first' | 'implausible_date' | 'end_before_start'
  | 'not_a_number' | 'number_in_words' | 'out_of_range' | 'not_in_list' | 'not_an_email' | 'too_long'
  | 'unknown_column' | 'missing_column' | 'unit_dropped' | 'unit_mismatch' | 'at_least' | 'at_most' | 'number_range' | 'percent_scaled' | 'percent_checkbox' | 'wrong_type'
  | 'header_tie' | 'grouping_column' | 'repeated_header' | 'note_row' | 'continued_line' | 'totals_row' | 'section_row' | 'choice_matched' | 'former_choice' | 'read_as_other' | 'column_absent'
  | 'named_above' | 'header_by_values' | 'phase_named' | 'error_value' | 'still_loading' | 'another_table' | 'outside_table' | 'legend_row'
  | 'stand_in_column' | 'people_separated' | 'export_column' | 'survey_answer' | 'answers_disagree' | 'added_choice' | 'repeated_id' | 'pasted_break' | 'dates_in_text' | 'not_calculated' | 'done_day_unknown' | 'heading_assumed' | 'sheet_renamed';

export interface FieldIssue {
  code: IssueCode;
  field: string;
  message: string;
  severity: 'error' | 'warning';
  /**
   * The day read is one picked inside a period longer than a month (a year, fiscal year, quarter, season) in a column
   * of one day: kept with its warning, and left out of figures counted in days (days to fulfill, SLA, age), which it
   * would skew. Stored with the row's warning, which is how the metrics know it.
   */
  dayGuessed?: true;
  /**
   * Said only while the service keeps the row's done day unknown (done with no date when it first stored the row,
   * decision 025), which only its store knows, after the write: kept with the warning, which is read only then.
   */
  dayUnknown?: true;
}

/** An issue placed in a sheet: `row` is the sheet's own row number, `column` its letter. */
export interface CellIssue extends FieldIssue {
  sheet?: string;
  row?: number;
  column?: string;
  header?: string;
}


/** `Requests!F7 (Received on): "13/45/2024" is not a date ...` — the one-line form used by the CLI. */
export function formatCellIssue(i: CellIssue): string {
  const where = i.sheet && i.row ? placeRef(i.sheet, i.row, i.column) : i.field;
  const header = i.header ? ` (${i.header})` : '';
  return `${where}${header}: ${i.message}`;
}

/**
 * A cell message in the sheet's words: one that opens with the table's own header (`Start: "TBD" …`, `Received is
 * required`) opens with the header the person sees at that cell instead (`Timeline: "TBD" …`, `Date Received is
 * required`). A message in the sheet's words already (the service's, placed again by the add-on) is left as it is:
 * `Start date is required` must not become `Start date date is required`.
 */
export function inSheetWords(message: string, ownHeader: string | undefined, sheetHeader: string | undefined): string {
  if (!ownHeader || !sheetHeader || ownHeader === sheetHeader) return message;
  const opensWith = (header: string) => message.startsWith(`${header}: `) || message.startsWith(`${header} `);
  // One header may open the other ("Hours" and "Hours spent"): the longer one the message opens with is the one it names.
  if (!opensWith(ownHeader) || (sheetHeader.length > ownHeader.length && opensWith(sheetHeader))) return message;
  return `${sheetHeader}${message.slice(ownHeader.length)}`;
}
