// Sample rows and pre-filled content: reproducible, valid for the shared schema, and realistic enough
// to exercise every status the templates colour.
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '../../shared/cells/dates';
import { computeDerived } from '../../shared/layout';
import { DEFAULT_RULES } from '../../shared/rules';
import { TABLE_NAMES, TABLES, type TableName, type TypedRow } from '../../shared/tables';
import { validateRow } from '../../shared/validate-row';
import { templateRows } from '../../templates/build-template';
import { workplanContent } from '../../templates/content/workplan-content';
import { sampleRows } from '../../templates/samples';
import { printedLines } from '../../sync/workbook/row-xml';

const asOf = '2026-11-23';

/** A typed row fed back through validation as if typed into a sheet: Yes/No as words, dates as text. */
function asCells(row: TypedRow): Record<string, string | number | boolean | null> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'boolean' ? (v ? 'Yes' : 'No') : v]));
}

const derivedOf = (table: TableName, rows: TypedRow[], field: string) => rows.map((r) => computeDerived(TABLES[table], r, DEFAULT_RULES, asOf)[field]);

describe('sampleRows', () => {
  it.each(TABLE_NAMES)('gives %s rows that validate without errors or warnings', (table) => {
    const rows = sampleRows(table, 400, { asOf, seed: 7 });
    expect(rows).toHaveLength(400);
    for (const row of rows) {
      const result = validateRow(TABLES[table], asCells(row));
      expect([...result.errors, ...result.warnings], JSON.stringify(row)).toEqual([]);
      expect(result.values).toEqual(row);
    }
  });

  it('is the same for the same seed and date, and differs for another seed', () => {
    expect(sampleRows('requests', 50, { asOf, seed: 3 })).toEqual(sampleRows('requests', 50, { asOf, seed: 3 }));
    expect(sampleRows('requests', 50, { asOf, seed: 3 })).not.toEqual(sampleRows('requests', 50, { asOf, seed: 4 }));
  });

  it('dates requests around asOf: received before it, numbered in order of arrival', () => {
    const rows = sampleRows('requests', 300, { asOf, seed: 1 });
    for (const r of rows) {
      expect(daysBetween(String(r.receivedOn), asOf)).toBeGreaterThanOrEqual(0);
      if (r.fulfilledOn) expect(daysBetween(String(r.fulfilledOn), asOf)).toBeGreaterThanOrEqual(0);
    }
    const byId = [...rows].sort((a, b) => String(a.requestId).localeCompare(String(b.requestId)));
    expect(byId.map((r) => r.receivedOn)).toEqual([...byId.map((r) => r.receivedOn)].sort());
    expect(new Set(rows.map((r) => r.requestId)).size).toBe(300);
  });

  it('covers requester types, categories, channels and statuses, with fulfilled, overdue and followed-up requests', () => {
    const rows = sampleRows('requests', 300, { asOf, seed: 1 });
    const seen = (f: string) => new Set(rows.map((r) => r[f]));
    expect(seen('requesterType').size).toBe(DEFAULT_RULES.lists.requesterType.length);
    expect(seen('category').size).toBe(DEFAULT_RULES.lists.category.length);
    expect(seen('channel').size).toBe(DEFAULT_RULES.lists.channel.length);
    expect(seen('status').size).toBe(DEFAULT_RULES.lists.requestStatus.length);
    const fulfilled = rows.filter((r) => r.status === 'Fulfilled');
    expect(fulfilled.every((r) => r.fulfilledOn && r.hoursSpent !== null)).toBe(true);
    expect(fulfilled.filter((r) => r.outcome && r.satisfaction).length).toBeGreaterThan(20);
    const sla = derivedOf('requests', rows, 'slaState');
    for (const state of ['On time', 'Due soon', 'Overdue', 'Met', 'Missed']) expect(sla, state).toContain(state);
  });

  it('shows every status even in a small sample', () => {
    const requests = sampleRows('requests', 10, { asOf, seed: 99 });
    expect(derivedOf('requests', requests, 'slaState')).toContain('Overdue');
    const statuses = requests.map((r) => r.status);
    for (const s of ['Fulfilled', 'New', 'Waiting on requester', 'Declined', 'Closed']) expect(statuses, s).toContain(s);
    const workplan = derivedOf('workplan', sampleRows('workplan', 200, { asOf, seed: 2 }), 'derivedStatus');
    for (const s of ['Complete', 'Overdue', 'Not started (scheduled)', 'Late start', 'At risk', 'On track']) expect(workplan, s).toContain(s);
    const milestones = derivedOf('milestones', sampleRows('milestones', 200, { asOf, seed: 2 }), 'derivedStatus');
    for (const s of ['Done', 'Upcoming', 'Due this week', 'Missed']) expect(milestones, s).toContain(s);
  });
});

describe('pre-filled content', () => {
  it('holds the city three-phase plan and the GARE plan, timelines read by the shared parser', () => {
    const rows = workplanContent();
    expect(rows.filter((r) => String(r.itemId).startsWith('P'))).toHaveLength(24);
    expect(new Set(rows.map((r) => r.phase))).toEqual(new Set(['Phase 1', 'Phase 2', 'Phase 3', 'Normalize', 'Organize', 'Operationalize']));
    const forum = rows.find((r) => String(r.task).startsWith('Host a community leaders forum'))!;
    expect([forum.startOn, forum.endOn]).toEqual(['2026-02-01', '2027-08-31']);
    const reports = rows.find((r) => String(r.task).startsWith('Annual progress reports on the action plan'))!;
    expect([reports.startOn, reports.endOn]).toEqual(['2027-01-01', '2028-03-31']);
    expect(reports.notes).toContain('Jan 2027 – Mar 2027 and Jan 2028 – Mar 2028');
    const target = (start: string) => rows.find((r) => String(r.task).startsWith(start))!.target;
    expect(target('TA on department racial equity action plans')).toBe(60);
    expect(target('Departments that complete a Racial Equity Action Plan')).toBe(100);
    expect(target('Results-Based Accountability')).toBe(5);
    expect(rows.find((r) => String(r.task).startsWith('Training and organizational-development procurement'))).toMatchObject({ startOn: '2022-07-01', endOn: '2025-06-30' });
  });

  it('keeps content rows before sample rows, with distinct ids', () => {
    for (const name of ['workplan', 'milestones', 'roadmap'] as const) {
      const { rows } = templateRows(name, { sample: 30, asOf });
      const ids = rows.map((r) => r.itemId ?? r.milestoneId);
      expect(new Set(ids).size, name).toBe(rows.length);
    }
    expect(templateRows('ta-intake', { asOf }).rows).toEqual([]);
  });

  it('dates the milestone calendar around asOf so every status shows', () => {
    const { rows } = templateRows('milestones', { asOf });
    expect(rows[0].date).toBe(addDays(asOf, -150));
    expect(new Set(derivedOf('milestones', rows, 'derivedStatus'))).toEqual(new Set(['Done', 'Missed', 'Due this week', 'Upcoming']));
    expect(rows.some((r) => r.partnership === true) && rows.some((r) => r.partnership === false)).toBe(true);
  });

  it('rejects a bad sample size or date', () => {
    expect(() => templateRows('workplan', { sample: -1 })).toThrow(/sample/);
    expect(() => templateRows('workplan', { sample: 1.5 })).toThrow(/sample/);
    expect(() => templateRows('workplan', { asOf: '23/11/2026' })).toThrow(/asOf/);
  });
});

describe('sample contact emails', () => {
  it('print on one line in the Contact email column: an address broken across lines reads as two', () => {
    const width = TABLES.requests.columns.find((c) => c.name === 'contactEmail')!.width;
    const emails = [1, 2, 3].flatMap((seed) => sampleRows('requests', 300, { asOf: '2026-12-01', seed }).map((r) => String(r.contactEmail)));
    const broken = emails.filter((email) => printedLines(email, width) > 1);
    expect(broken).toEqual([]);
  });
});
