// The SLA due day of a request: its priority's days as Lists gives them, and a service desk's numbered priority
// ("P1", "Sev 2") read as the listed priority it names only when Lists does not give the text itself. The master
// workbook asks three times for each of its rows (the SLA due column, the SLA column, the metrics).
import { afterEach, describe, expect, test, vi } from 'vitest';

const desk = vi.hoisted(() => ({ comparisons: 0 }));
vi.mock('../../../shared/status/sheet-math', async (original) => {
  const actual = await original<typeof import('../../../shared/status/sheet-math')>();
  return { ...actual, isOneOf: (value: unknown, words: readonly string[]) => (desk.comparisons++, actual.isOneOf(value, words)) };
});

const { DEFAULT_RULES } = await import('../../../shared/index');
const { slaDue } = await import('../../../shared/status/request-status');

afterEach(() => {
  desk.comparisons = 0;
});

describe('slaDue', () => {
  test.each(['Medium', 'high', 'URGENT', 'Low'])('a listed priority (%s) is looked up in Lists alone, never against the desk numbers', (priority) => {
    const due = slaDue({ receivedOn: '2026-03-02', priority, dueOn: null }, DEFAULT_RULES);
    expect(due).toBe(slaDue({ receivedOn: '2026-03-02', priority: priority[0].toUpperCase() + priority.slice(1).toLowerCase(), dueOn: null }, DEFAULT_RULES));
    expect(due).not.toBeNull();
    expect(desk.comparisons).toBe(0);
  });

  test("a desk's numbered priority takes the days of the listed priority it names", () => {
    expect(slaDue({ receivedOn: '2026-03-02', priority: 'Sev 1', dueOn: null }, DEFAULT_RULES)).toBe(slaDue({ receivedOn: '2026-03-02', priority: 'Urgent', dueOn: null }, DEFAULT_RULES));
    expect(slaDue({ receivedOn: '2026-03-02', priority: 'p4', dueOn: null }, DEFAULT_RULES)).toBe(slaDue({ receivedOn: '2026-03-02', priority: 'Low', dueOn: null }, DEFAULT_RULES));
    expect(desk.comparisons).toBeGreaterThan(0);
  });

  test('a desk number that Lists gives days of its own takes those days', () => {
    const rules = { ...DEFAULT_RULES, slaDays: new Map([...DEFAULT_RULES.slaDays, ['p1', 1]]) };
    expect(slaDue({ receivedOn: '2026-03-02', priority: 'P1', dueOn: null }, rules)).toBe('2026-03-03');
    expect(desk.comparisons).toBe(0);
  });

  test('an unlisted priority that names no desk level has no due day', () => {
    expect(slaDue({ receivedOn: '2026-03-02', priority: 'Whenever', dueOn: null }, DEFAULT_RULES)).toBeNull();
  });

  test('an agreed due day is the due day, whatever the priority', () => {
    expect(slaDue({ receivedOn: '2026-03-02', priority: 'P1', dueOn: '2026-04-01' }, DEFAULT_RULES)).toBe('2026-04-01');
    expect(desk.comparisons).toBe(0);
  });
});
