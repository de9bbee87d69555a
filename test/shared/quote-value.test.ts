// How messages quote what users typed: short, one line, storable, whatever the value.
import { describe, expect, it } from 'vitest';
import { EXCERPT_LENGTH, excerpt, listValues, quoteValue } from '../../shared/quote-value';
import { validateRow } from '../../shared/validate-row';
import { TABLES } from '../../shared/tables/index';

describe('quoteValue', () => {
  it('quotes a short value whole', () => {
    expect(quoteValue('13/45/2024')).toBe('"13/45/2024"');
  });

  it('cuts a long value to an excerpt and says how long it was', () => {
    const quoted = quoteValue('b'.repeat(40_000));
    expect(quoted).toBe(`"${'b'.repeat(EXCERPT_LENGTH)}"… (40,000 characters)`);
  });

  it('shows a NUL, a line break and a lone surrogate as escapes, so the message is one storable line', () => {
    const quoted = quoteValue('a\u0000b\nc\ud800');
    expect(quoted).toBe('"a\\u0000b\\nc\\ud800"');
    expect(quoted).not.toMatch(/[\u0000-\u001f]/);
  });

  it('never cuts an emoji in half', () => {
    const text = `${'x'.repeat(EXCERPT_LENGTH - 1)}🙂🙂`;
    expect(quoteValue(text)).toBe(`"${'x'.repeat(EXCERPT_LENGTH - 1)}"… (${text.length} characters)`);
    expect(excerpt(text)).toBe(`${'x'.repeat(EXCERPT_LENGTH - 1)}…`);
  });
});

describe('listValues', () => {
  it('lists a short list whole and a long one by its first values and its count', () => {
    expect(listValues(['Low', 'High'])).toBe('Low, High');
    const many = Array.from({ length: 500 }, (_, i) => `Choice ${i} ${'z'.repeat(100)}`);
    const listed = listValues(many);
    expect(listed.length).toBeLessThan(1_000);
    expect(listed).toMatch(/ … \(500 values\)$/);
  });
});

describe('validation messages quote an excerpt', () => {
  it('a 40,000-character email, dropdown value or field name gives a message of a few hundred characters, not 40,000', () => {
    const long = 'q'.repeat(40_000);
    const { errors: issues } = validateRow(TABLES.requests, { receivedOn: '2026-01-05', requesterOrg: 'City', status: long, contactEmail: long, [long]: 'x' });
    expect(issues.map((i) => i.field).sort()).toEqual(['contactEmail', 'q'.repeat(EXCERPT_LENGTH) + '…', 'status'].sort());
    for (const issue of issues) {
      expect(issue.message.length).toBeLessThan(600);
      expect(issue.message).toContain('(40,000 characters)');
    }
  });

  it('a figure in another unit than a 4,000-character Unit cell says so in a few hundred characters', () => {
    const { warnings } = validateRow(TABLES.workplan, { task: 'Plans', target: 5, actual: '12 plans', unit: 'y'.repeat(4_000) });
    const mismatch = warnings.filter((w) => w.code === 'unit_mismatch');
    expect(mismatch.map((w) => w.field)).toEqual(['actual']);
    expect(mismatch[0].message.length).toBeLessThan(600);
  });
});
