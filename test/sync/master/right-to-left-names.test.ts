// A source named in a right-to-left script (Arabic, Hebrew) in the Summary's and the dashboard's sentences: set apart,
// so "שוויון: 1 of 4 requests rejected" neither reads "1 :שוויון" nor turns the whole line right to left.
import { describe, expect, it } from 'vitest';
import { rejectedSummary, unreadableSheetLine } from '../../../sync/master/data-quality-sheet';
import { isolated } from '../../../shared/isolated-text';
import type { Rejection } from '../../../sync/store/row-store';

const NAME = 'مكتب المساواة Office of Equity — שוויון';
const rejection = (extra: Partial<Rejection> = {}): Rejection => ({
  sourceId: 's1', sourceName: NAME, table: 'requests', rowId: 'h3', errors: [{ field: 'description', message: 'Description: contains a NUL character' }], at: new Date('2026-06-01T12:00:00Z'), ...extra,
});
const sources = [{ id: 's1', name: NAME, requests: 3, workplan: 0, milestones: 0, roadmap: 0 }] as never;

describe('a source named in a right-to-left script', () => {
  it('is set apart in the line saying how many of its rows were rejected', () => {
    const [, line] = rejectedSummary({ sources }, [rejection()]);
    expect(line).toBe(`${isolated(NAME)}: 1 of 4 requests rejected.`);
  });

  it('is set apart in the line saying its sheet could not be read', () => {
    const line = unreadableSheetLine(rejection({ unreadable: true, rowId: '', sheet: 'Requests' }), { sources });
    expect(line.startsWith(`${isolated(NAME)}: the`)).toBe(true);
    expect(line).toContain(`from ${isolated(NAME)} in these figures`);
  });

  it('isolates with the marks every host honors: first strong isolate to pop directional isolate', () => {
    expect(isolated('שוויון')).toBe('\u2068שוויון\u2069');
    expect(isolated('مكتب')).toBe('\u2068مكتب\u2069');
  });

  it('leaves a name with no right-to-left letter as it is, so no invisible mark is copied out of a report line', () => {
    expect(isolated('City of Oakridge')).toBe('City of Oakridge');
    const [, line] = rejectedSummary({ sources: [{ id: 's1', name: 'Riverside', requests: 3, workplan: 0, milestones: 0, roadmap: 0 }] as never }, [rejection({ sourceName: 'Riverside' })]);
    expect(line).toBe('Riverside: 1 of 4 requests rejected.');
  });
});
