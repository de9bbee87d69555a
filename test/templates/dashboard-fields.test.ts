// A Dashboard asks the sheet it counts for that table's columns only: a misspelt one, or another table's, fails
// `npm run typecheck` (each `@ts-expect-error` below fails the typecheck if its line ever compiles, that is if the typing
// is lost), and the sheet refuses it when it runs.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../shared/rules';
import { TABLES } from '../../shared/tables';
import { dataSheet } from '../../templates/data-sheet';

describe('the columns a Dashboard reads', () => {
  it('are the columns of its own table, input or derived', () => {
    const requests = dataSheet(TABLES.requests, [], DEFAULT_RULES, '2026-12-06', '#2E75B6');
    expect(requests.range('slaState')).toMatch(/^Requests!\$[A-Z]+\$2:\$[A-Z]+\$\d+$/);
    expect(requests.atRow('receivedOn', 2)).toMatch(/^INDEX\(Requests!\$B:\$B,2\)$/);
    // @ts-expect-error: the SLA column is `slaState`
    expect(() => requests.range('slaStat')).toThrow('Requests has no column for slaStat');
    // @ts-expect-error: a work plan's column, not a request's
    expect(() => requests.atRow('percentComplete', 2)).toThrow('Requests has no column for percentComplete');
    const milestones = dataSheet(TABLES.milestones, [], DEFAULT_RULES, '2026-12-06', '#C55A11');
    // @ts-expect-error: a roadmap item's target date, not a milestone's
    expect(() => milestones.range('targetOn')).toThrow('Milestones has no column for targetOn');
  });
});
