// The changes report as sections people read: items a first import adds apart from status moves, and a long
// section saying what it left out, in the CLI text and on the dashboard alike.
import { describe, expect, it } from 'vitest';
import { changeSections, changesText, PRINTED_LINES, printedLines } from '../../../sync/changes/change-sections';
import type { ChangesReport, StatusChange } from '../../../sync/changes/changes-schema';
import { changesSection } from '../../../sync/dashboard/changes-section';
import { DATE_NOT_RECORDED_LABEL, figureLineText } from '../../../sync/metrics/headline-figures';

const item = (n: number, sourceName: string, from: string | null, to: string | null): StatusChange =>
  ({ sourceId: sourceName, sourceName, table: 'workplan', rowId: `w${n}`, label: `Task ${n}`, on: null, from, to });

/** A first import of two plans (126 items) in a period that also saw two status moves. */
const report: ChangesReport = {
  since: '2026-11-05', until: '2026-12-03',
  requests: { received: [], fulfilled: [], closed: [], wentOverdue: [], dateNotRecorded: 0 },
  workplan: [
    ...Array.from({ length: 96 }, (_, i) => item(i, 'City work plan', null, 'Not started (scheduled)')),
    ...Array.from({ length: 30 }, (_, i) => item(100 + i, 'SCORE plan', null, 'On track')),
    item(200, 'SCORE plan', 'On track', 'At risk'),
    item(201, 'SCORE plan', 'At risk', null),
  ],
  milestones: { done: [], missed: [] },
  removed: [],
  dataQuality: { rejected: [], fixed: [] },
  sources: [],
};

describe('changes sections', () => {
  const sections = changeSections(report);
  const section = (id: string) => sections.find((s) => s.id === id)!;

  it('lists the items a first import added apart from the items whose status moved', () => {
    expect(section('added').lines).toHaveLength(126);
    expect(section('added').lines.some((l) => l.detail.includes('→'))).toBe(false);
    expect(section('workplan').lines.map((l) => l.detail)).toEqual(['On track → At risk', 'At risk → removed']);
  });

  it('says what a long section left out, by source', () => {
    const { shown, leftOut } = printedLines(section('added'));
    expect(shown).toHaveLength(PRINTED_LINES);
    expect(leftOut).toBe(`and ${126 - PRINTED_LINES} more: ${96 - PRINTED_LINES} from City work plan, 30 from SCORE plan`);
    expect(printedLines(section('workplan')).leftOut).toBeNull();
  });

  it('prints and shows the same left-out line in the CLI text and on the dashboard', () => {
    const leftOut = `and 111 more: 81 from City work plan, 30 from SCORE plan`;
    expect(changesText(report)).toContain(`Work-plan items added: 126\n  Task 0 (City work plan): Not started (scheduled)\n`);
    expect(changesText(report)).toContain(`  … ${leftOut}\n`);
    const html = changesSection({ report, sinceFrom: 'given', form: {}, keep: {}, action: '/dashboard' });
    expect(html).toContain('<h3>Work-plan items added: 126</h3>');
    expect(html).toContain(`${leftOut} (all in the changes workbook)`);
  });

  it('says beside "Requests fulfilled" the requests first seen already fulfilled with no date, in the same line as the metrics, only when there are some', () => {
    const first = { ...report, requests: { ...report.requests, dateNotRecorded: 85 } };
    const [line] = changeSections(first).find((s) => s.id === 'fulfilled')!.figures;
    expect(line).toMatchObject({ label: DATE_NOT_RECORDED_LABEL, value: 85 });
    expect(changesText(first)).toContain(`Requests fulfilled: 0\n  No requests fulfilled.\n  ${figureLineText(line)}\n`);
    const html = changesSection({ report: first, sinceFrom: 'given', form: {}, keep: {}, action: '/dashboard' });
    expect(html).toContain(`${DATE_NOT_RECORDED_LABEL}: 85.`);
    expect(changesText(report)).not.toContain(DATE_NOT_RECORDED_LABEL);
    expect(changesSection({ report, sinceFrom: 'given', form: {}, keep: {}, action: '/dashboard' })).not.toContain(DATE_NOT_RECORDED_LABEL);
  });

  it("names a row as the office finds it: its own ID, then its place; never as row 12 of a sheet for an ID TA#12, nor by the store's id", () => {
    const logged = (table: 'workplan' | 'requests', rowId: string, place: { ownId?: string; sheet?: string; sheetRow?: number } = {}) =>
      ({ sourceId: 's', sourceName: 'City plan', table, rowId, at: '2026-12-01T00:00:00.000Z', ...place });
    // The rejection log keeps rejected rows only: a sheet's own warnings (`Plan@10`) never enter it, an API row's own id may.
    const rejected = [
      logged('workplan', 'Work Plan 2026-2029#10', { sheet: 'Work Plan 2026-2029', sheetRow: 10 }),
      logged('requests', 'Requests:TA#12', { sheet: 'Requests', sheetRow: 3 }),
      logged('requests', 'TA Request Log:TA-26-012', { ownId: 'TA-26-012', sheet: 'TA Request Log', sheetRow: 15 }),
      // An add-on's row by the Request ID its sheet shows, not its Sync ID; with a blank ID, by its place alone.
      logged('requests', 'r-7f3a9c0d2b1e', { ownId: 'TA-2024-031', sheet: 'Requests', sheetRow: 14 }),
      logged('requests', 'r-0b5d11e2c7aa', { sheet: 'Requests', sheetRow: 16 }),
      // A web-form request, or an API row with an ID, has no place: its ID alone.
      logged('requests', 'web-4f1c', { ownId: 'TA-2026-0007' }),
      logged('requests', 'me@12'),
      // Logged before the log kept places, or sent by the API with no ID: the only name it has, not read as a row.
      logged('workplan', 'Plan#4'),
    ];
    const lines = changeSections({ ...report, dataQuality: { rejected, fixed: [] } }).find((s) => s.id === 'rejected')!.lines;
    expect(lines.map((l) => l.what)).toEqual([
      'Work Plan 2026-2029 row 10', 'Request TA#12, Requests row 3', 'Request TA-26-012, TA Request Log row 15', 'Request TA-2024-031, Requests row 14',
      'Requests row 16', 'Request TA-2026-0007', 'Request me@12', 'Work-plan item Plan#4',
    ]);
  });

  it('prints days in the CLI text as a US reader reads them, in a column as wide as the widest day', () => {
    const fulfilled = (on: string, label: string) => ({ sourceId: 's', sourceName: 'City log', table: 'requests' as const, rowId: label, label, on });
    const stale = { id: 's2', name: 'County log', lastSync: '2026-10-20T15:00:00.000Z', syncedInPeriod: false };
    const text = changesText({ ...report, requests: { ...report.requests, fulfilled: [fulfilled('2026-11-25', 'R1'), fulfilled('2026-12-01', 'R2')] }, sources: [stale] } as ChangesReport);
    expect(text).toMatch(/^What changed from Nov 5, 2026 to Dec 3, 2026\n/);
    expect(text).toContain('Requests fulfilled: 2\n  Nov 25, 2026  R1 (City log)\n  Dec 1, 2026   R2 (City log)\n');
    expect(text).toContain('Sources that have not synced since Nov 5, 2026: 1\n  Oct 20, 2026  County log\n');
    expect(text).not.toMatch(/\d{4}-\d{2}/);
  });
});
