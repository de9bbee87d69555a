// Problems placed in a sheet: a message opens with the header the person sees at that cell.
import { describe, expect, it } from 'vitest';
import { formatCellIssue, inSheetWords } from '../../shared/issues';

describe('a message in the sheet\'s words', () => {
  it('opens with the sheet\'s header, whether the table\'s header is followed by a colon or by the sentence', () => {
    expect(inSheetWords('Start: "TBD" is not a date', 'Start', 'Timeline')).toBe('Timeline: "TBD" is not a date');
    expect(inSheetWords('Received is required', 'Received', 'Date Received')).toBe('Date Received is required');
    expect(inSheetWords('End (2026-01-01) is before Start (2026-02-01)', 'End', 'Finish')).toBe('Finish (2026-01-01) is before Start (2026-02-01)');
  });

  it('names the sheet\'s header when it is the first word of the table\'s: "Hours" for "Hours spent"', () => {
    expect(inSheetWords('Hours spent: read "3 hrs" as 3', 'Hours spent', 'Hours')).toBe('Hours: read "3 hrs" as 3');
    expect(inSheetWords('Hours: read "3 hrs" as 3', 'Hours spent', 'Hours')).toBe('Hours: read "3 hrs" as 3');
  });

  it('leaves a message already in the sheet\'s words, and one opening with another word, as they are', () => {
    expect(inSheetWords('Start date is required', 'Start', 'Start date')).toBe('Start date is required');
    expect(inSheetWords('Start date: "TBD" is not a date', 'Start', 'Start date')).toBe('Start date: "TBD" is not a date');
    expect(inSheetWords('Starting soon', 'Start', 'Timeline')).toBe('Starting soon');
  });
});

describe('the one-line form of a problem', () => {
  it('names its cell as Excel does, quoting a sheet name with a space', () => {
    const issue = { code: 'not_a_date', severity: 'error', field: 'startOn', row: 11, column: 'O', header: 'Start', message: '"TBD" is not a date' } as const;
    expect(formatCellIssue({ ...issue, sheet: 'Work plan' })).toBe(`'Work plan'!O11 (Start): "TBD" is not a date`);
    expect(formatCellIssue({ ...issue, sheet: 'Requests' })).toBe('Requests!O11 (Start): "TBD" is not a date');
    expect(formatCellIssue({ ...issue, sheet: 'Work plan', column: undefined })).toBe('Work plan row 11 (Start): "TBD" is not a date');
  });
});
