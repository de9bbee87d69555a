// The suggested priority's reason as a person reads it: what the deadline is measured from, and a span no one means
// (a due day before the request came in, a typo year decades away) said so that the typo shows.
import { describe, expect, it } from 'vitest';
import { evaluateDerived } from '../../../addon/core/custom-functions';
import { computeDerived, DEFAULT_RULES, readOptionsOf, readRules, TABLES, type Rules, type TypedRow } from '../../../shared';
import { CUSTOM_FUNCTIONS, customFunctionFields } from '../../../shared/custom-functions';
import { suggestPriority } from '../../../shared/status/priority';
import { validateRow } from '../../../shared/validate-row';
import { AS_OF as FORMULA_AS_OF, GRIDS, nativeValues, withoutOtherGrid, type Grid } from '../../support/formula-rows';

const AS_OF = '2026-06-01';
const deadline = (dueOn: string | null, receivedOn?: string) =>
  suggestPriority({ requesterType: 'State agency', dueOn, receivedOn }, DEFAULT_RULES, AS_OF)!.reason.match(/ x (.*) \(urgency/)![1];

describe('suggestPriority reason', () => {
  it('counts the days to the deadline from the day the request came in, one day as "1 day"', () => {
    expect(deadline('2026-05-20', '2026-05-15')).toBe('deadline in 5 days');
    expect(deadline('2026-05-16', '2026-05-15')).toBe('deadline in 1 day');
    expect(deadline(null, '2026-05-15')).toBe('no deadline');
  });

  it('says a due day before the request came in is before it, not "in -62 days"', () => {
    expect(deadline('2026-03-15', '2026-05-16')).toBe('deadline 62 days before it was received');
    expect(deadline('2026-05-15', '2026-05-15')).toBe('deadline the day it was received');
  });

  it('measures from today when the received day is unknown, and says a passed deadline has passed', () => {
    expect(deadline('2026-05-30')).toBe('deadline 2 days ago');
    expect(deadline('2026-06-01')).toBe('deadline today');
    expect(deadline('2026-06-11')).toBe('deadline in 10 days');
  });

  it('gives two years or more in years, so a typo year reads as one: not "in 8093 days"', () => {
    expect(deadline('2026-03-17', '2004-03-17')).toBe('deadline in 22 years');
    expect(deadline('2004-03-17', '2026-03-17')).toBe('deadline 22 years before it was received');
    expect(deadline('2027-05-15', '2026-05-15')).toBe('deadline in 365 days');
    expect(deadline('2028-05-14', '2026-05-15')).toBe('deadline in 2 years');
  });

  it('measures from today when the received day is after today (a typo year), so the typo does not make it Urgent', () => {
    expect(deadline('2026-06-11', '2206-09-03')).toBe('deadline in 10 days, counted from today as Received is after it');
    expect(deadline('2026-05-30', '2206-09-03')).toBe('deadline 2 days ago, counted from today as Received is after it');
    expect(deadline('ASAP', '2206-09-03')).toBe('deadline ASAP, as if due today');
    const typo = suggestPriority({ requesterType: 'City', dueOn: '2026-12-31', receivedOn: '2206-09-03' }, DEFAULT_RULES, '2026-12-06')!;
    const known = suggestPriority({ requesterType: 'City', dueOn: '2026-12-31', receivedOn: '2026-12-06' }, DEFAULT_RULES, '2026-12-06')!;
    expect(typo.priority).toBe(known.priority);
    expect(typo.priority).not.toBe('Urgent');
  });

  it('reads "ASAP", "as soon as possible", "urgent" and "immediately" as the most urgent deadline, due the day it was received, and says so', () => {
    const suggest = (dueOn: string | null, receivedOn?: string) => suggestPriority({ requesterType: 'State agency', dueOn, receivedOn }, DEFAULT_RULES, AS_OF)!;
    expect(deadline('ASAP', '2026-05-15')).toBe('deadline ASAP, as if due the day it was received');
    expect(deadline('  as soon as  possible ', '2026-05-15')).toBe('deadline as soon as possible, as if due the day it was received');
    expect(deadline('urgent')).toBe('deadline urgent, as if due today');
    for (const words of ['Immediately', 'A.S.A.P.', 'asap']) {
      const { priority, score } = suggest(words, '2026-05-15');
      expect({ priority, score }).toEqual({ priority: suggest('2026-05-15', '2026-05-15').priority, score: suggest('2026-05-15', '2026-05-15').score });
    }
    expect(suggest('ASAP', '2026-05-15').score).toBeGreaterThan(suggest(null, '2026-05-15').score);
    // Words no reader can place stay no deadline.
    expect(deadline('next week', '2026-05-15')).toBe('no deadline');
    expect(deadline('ASAP please', '2026-05-15')).toBe('no deadline');
  });
});

describe('suggestPriority remembered', () => {
  const request = { requesterType: 'City', dueOn: '2026-06-20', receivedOn: '2026-06-01' };

  it('hands back the same suggestion for the same type and deadline, so a sheet of requests makes each reason once', () => {
    const first = suggestPriority(request, DEFAULT_RULES, AS_OF)!;
    expect(suggestPriority({ ...request }, DEFAULT_RULES, AS_OF)).toBe(first);
    // The same span from another received day is the same suggestion.
    expect(suggestPriority({ ...request, dueOn: '2026-06-19', receivedOn: '2026-05-31' }, DEFAULT_RULES, AS_OF)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it('tells apart what changes a suggestion: the rules, the span, a received day after today, and no received day', () => {
    const reason = (i: Partial<typeof request> & { receivedOn?: string }, rules = DEFAULT_RULES, asOf = AS_OF) =>
      suggestPriority({ ...request, ...i }, rules, asOf)!.reason;
    const base = reason({});
    const urgentCity = { ...DEFAULT_RULES, impact: new Map([...DEFAULT_RULES.impact, ['city', 9]]) };
    expect(reason({}, urgentCity)).not.toBe(base);
    expect(reason({}, urgentCity)).toContain('(impact 9)');
    expect(reason({ dueOn: '2026-06-21' })).toContain('deadline in 20 days');
    expect(reason({ dueOn: '2026-06-20', receivedOn: '2206-06-01' })).toContain('deadline in 19 days, counted from today');
    expect(reason({ dueOn: '2026-06-20', receivedOn: undefined })).toBe(reason({ dueOn: '2026-06-20', receivedOn: '' }));
    expect(reason({ dueOn: '2026-06-20', receivedOn: undefined })).toContain('deadline in 19 days (');
    expect(reason({ dueOn: '2026-06-20', receivedOn: undefined }, DEFAULT_RULES, '2026-06-02')).toContain('deadline in 18 days (');
    expect(reason({ dueOn: null as unknown as string })).toContain('no deadline');
    expect(reason({ requesterType: 'County' })).toMatch(/^County /);
  });
});

describe('a requester type naming a city and a county', () => {
  const types = ['County/City', 'City/County', 'City-County', 'city and county', ' County & City ', 'County and City'];
  const firstNamed = (type: string) => (/^\s*county/i.test(type) ? 'County' : 'City');

  it('weighs as the type named first, in the rule and in the sheet\'s own formula, with the default Lists and with Lists that weigh the two apart', () => {
    for (const { name, grid } of GRIDS) {
      const rules = readRules(grid);
      const rows: TypedRow[] = types.flatMap((requesterType) => [requesterType, firstNamed(requesterType)].map((type) => ({ receivedOn: '2025-06-01', requesterType: type, dueOn: '2025-06-20', priority: null, status: 'New', fulfilledOn: null })));
      const { values } = nativeValues(TABLES.requests, grid, rows);
      for (let i = 0; i < rows.length; i += 2) {
        const typed = computeDerived(TABLES.requests, rows[i], rules, FORMULA_AS_OF);
        const named = computeDerived(TABLES.requests, rows[i + 1], rules, FORMULA_AS_OF);
        expect(typed.suggestedPriority, `${name}: ${rows[i].requesterType}`).toBe(named.suggestedPriority);
        expect(String(typed.priorityReason), `${name}: ${rows[i].requesterType}`).toContain(`(impact ${rules.impact.get(firstNamed(String(rows[i].requesterType)).toLowerCase())})`);
        expect(values[i].suggestedPriority, `${name}: ${rows[i].requesterType}`).toBe(typed.suggestedPriority);
        expect(values[i].priorityReason, `${name}: ${rows[i].requesterType}`).toBe(typed.priorityReason);
      }
    }
  });
});

describe('a requester type not in the list', () => {
  // Words a form's "Other:" box or an office's log holds, none a listed value nor a word for one.
  const types = ['Nonprofit foundation', 'Library district', 'school board', 'Regional transit'];
  const rowsOf = (requesterTypes: readonly string[]): TypedRow[] =>
    requesterTypes.map((requesterType) => ({ receivedOn: '2025-06-01', requesterType, dueOn: '2025-06-20', priority: null, status: 'New', fulfilledOn: null }));

  /** The sheet's formula, the rule on the row as typed and EQ_PRIORITY on the same cells: one priority and reason each. */
  function threeReaders(grid: Grid, rules: Rules, rows: TypedRow[]) {
    const fn = CUSTOM_FUNCTIONS.find((f) => f.name === 'EQ_PRIORITY')!;
    const cell = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? new Date(`${v}T00:00:00Z`) : v ?? '');
    const args = customFunctionFields(fn).map((f) => rows.map((r) => [cell(r[f])]));
    const functions = evaluateDerived(fn, args, { today: FORMULA_AS_OF, isoFromDate: (d) => d.toISOString().slice(0, 10) }, rules);
    const { values } = nativeValues(TABLES.requests, grid, rows);
    return rows.map((r, i) => {
      const rule = computeDerived(TABLES.requests, r, rules, FORMULA_AS_OF);
      return { formula: [values[i].suggestedPriority, values[i].priorityReason], rule: [rule.suggestedPriority, rule.priorityReason], function: functions[i] };
    });
  }

  it('weighs as Other where the list holds Other, in the rule, the sheet\'s formula and EQ_PRIORITY, as import reads it, with Other weighed apart from the setting', () => {
    for (const { name, grid } of GRIDS) {
      const rules = readRules(grid);
      const other = rules.impact.get('other')!;
      const rows = rowsOf(types);
      // Import reads each as Other, and the master suggests Other's priority.
      const imported = rows.map((r) => validateRow(TABLES.requests, { ...r, requesterOrg: 'Parks' }, readOptionsOf(rules)).values);
      expect(imported.map((v) => v.requesterType)).toEqual(types.map(() => 'Other'));
      const master = imported.map((v) => computeDerived(TABLES.requests, v, rules, FORMULA_AS_OF));
      threeReaders(grid, rules, rows).forEach((read, i) => {
        const want = [master[i].suggestedPriority, String(master[i].priorityReason).replace(/^Other /, `${types[i]} `)];
        expect(read, `${name}: ${types[i]}`).toEqual({ formula: want, rule: want, function: want });
        expect(want[1]).toContain(`(impact ${other})`);
      });
    }
    // With the edited Lists, Other's impact and the setting's give different priorities, so the case is told apart.
    const edited = readRules(GRIDS[1].grid);
    expect(edited.impact.get('other')).not.toBe(edited.settings.defaultImpact);
  });

  it('weighs with the setting "Impact of an unlisted type where Other is not listed" where the list holds no Other (renamed "Other (specify)")', () => {
    const grid = withoutOtherGrid();
    const rules = readRules(grid);
    expect(rules.impact.has('other')).toBe(false);
    const rows = rowsOf(types);
    const read = threeReaders(grid, rules, rows);
    read.forEach((r, i) => {
      expect(r.formula, rows[i].requesterType as string).toEqual(r.rule);
      expect(r.function, rows[i].requesterType as string).toEqual(r.rule);
      expect(r.rule[1]).toContain(`(impact ${rules.settings.defaultImpact})`);
    });
    // Import rejects such a type, as decision 032 says of a list without Other: the master has no row to suggest for.
    expect(validateRow(TABLES.requests, { ...rows[0], requesterOrg: 'Parks' }, readOptionsOf(rules)).errors.length).toBeGreaterThan(0);
  });
});
