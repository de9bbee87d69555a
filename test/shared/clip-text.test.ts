// Long texts cut with a marker: where the cut falls.
import { describe, expect, it } from 'vitest';
import { clipText } from '../../shared/clip-text';

describe('clipText', () => {
  const minutes = 'Meeting minutes: ' + 'The committee discussed the study scope and community-led forums. '.repeat(120);

  it('ends between words, not inside one ("The commit …")', () => {
    const clipped = clipText(minutes, 5000);
    expect(clipped.length).toBeLessThanOrEqual(5000);
    expect(clipped).toMatch(/ (The|committee|discussed|the|study|scope|and|community-led|forums\.) … \[clipped: 7,937 characters in all\]$/);
    expect(minutes.startsWith(clipped.slice(0, clipped.indexOf(' … [clipped')))).toBe(true);
  });

  it('ends between words set apart by line breaks or tabs, as by spaces', () => {
    const names = 'Attendees:\n' + Array.from({ length: 900 }, (_, i) => `Participant${i}`).join('\n');
    const clipped = clipText(names, 5000);
    expect(clipped.length).toBeLessThanOrEqual(5000);
    const kept = clipped.slice(0, clipped.indexOf(' … [clipped'));
    expect(names.startsWith(kept)).toBe(true);
    expect(/\s/.test(names.charAt(kept.length))).toBe(true);
  });

  it('keeps a surrogate pair whole and the limit when the cut falls inside a long word of emoji', () => {
    const text = 'Notes ' + '😀'.repeat(3000);
    const clipped = clipText(text, 5000);
    expect(clipped.length).toBeLessThanOrEqual(5000);
    expect(clipped).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('cuts a text with no space near the end where it must, `max` characters in all', () => {
    expect(clipText('x'.repeat(6000), 5000)).toHaveLength(5000);
  });
});
