// The feedback survey's markup: which questions must be answered and which one is laid out as a scale.
import { describe, expect, test } from 'vitest';
import { feedbackPage } from '../../../sync/intake/feedback-page';

const page = () => feedbackPage({ action: '/feedback/t', requestId: 'TA-2026-0007', outcomes: ['Other'], values: {} });

const fieldset = (html: string, name: string) => html.match(new RegExp(`<fieldset[^>]*>(?:(?!</fieldset>).)*name="${name}"(?:(?!</fieldset>).)*</fieldset>`, 's'))?.[0] ?? '';

describe('feedback page', () => {
  test('the rating must be answered and is laid out as a scale', () => {
    const rating = fieldset(page(), 'satisfaction');
    expect(rating.match(/type="radio"[^>]* required/g)).toHaveLength(5);
    expect(rating).toContain('(required)</legend>');
    expect(rating).toContain('class="choices scale"');
  });

  test('the action-plan question may be left blank and is a short row', () => {
    const plan = fieldset(page(), 'actionPlanAdopted');
    expect(plan.match(/type="radio"/g)).toHaveLength(2);
    expect(plan).not.toContain('required');
    expect(plan).toContain('class="choices"');
  });

  test('once answered, the title says so: a screen reader announces a new page by its title, not its status notice', () => {
    const title = (html: string) => /<title>([^<]*)<\/title>/.exec(html)?.[1];
    expect(title(page())).toBe('How did we do?');
    const answered = feedbackPage({ action: '/feedback/t', requestId: 'TA-2026-0007', outcomes: ['Other'], values: { satisfaction: '4' }, changeableUntil: '2026-12-16' });
    expect(title(answered)).toBe('Answer received: How did we do?');
    expect(title(feedbackPage({ action: '/feedback/t', requestId: null, outcomes: ['Other'], values: {}, errors: { satisfaction: 'Choose how satisfied you are, from 1 to 5.' } }))).toBe('Check your answers: How did we do?');
  });
});
