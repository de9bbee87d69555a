// The feedback survey's answers as posted: each message names the question it is about, in the requester's words.
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { readSurvey } from '../../../sync/intake/feedback';

const outcomes = DEFAULT_RULES.lists.outcome;

describe('a survey post', () => {
  it('is read into an answer; a question left blank is no answer', () => {
    expect(readSurvey({ satisfaction: '4', outcome: '', actionPlanAdopted: 'yes', comment: ' Clear and practical. ' }, outcomes))
      .toEqual({ ok: true, answer: { satisfaction: 4, outcome: null, actionPlanAdopted: true, comment: 'Clear and practical.' } });
  });

  it('names the question of each answer it cannot take', () => {
    const read = readSurvey({ satisfaction: '9', outcome: 'Nope', actionPlanAdopted: 'maybe', comment: 'Pasted\u0000 text' }, outcomes);
    expect(read.ok ? {} : read.errors).toEqual({
      satisfaction: 'Satisfaction must be a whole number from 1 to 5.',
      outcome: 'Choose one of the listed options for "Outcome so far".',
      actionPlanAdopted: 'Answer "Has your organization adopted an action plan?" with Yes or No.',
      comment: 'Your comment contains an invisible character that cannot be saved (copied text sometimes carries one); retype it.',
    });
  });
});
