// The feedback survey as HTML: satisfaction 1–5, the outcome, whether an action plan was adopted, and a
// comment; shown again with an earlier answer filled in while it may still be changed.
import { spelledDay } from '../../shared/cells/dates';
import { esc, escTyped } from '../dashboard/html-text';
import type { FeedbackAnswer } from '../store/intake-store';
import { MAX_COMMENT, SURVEY_QUESTIONS, type SurveyPost } from './feedback';
import { contactSection, type OfficeContact } from './office-contact';
import { SEND_ONCE, describedBy, errorSummary, publicPage, requestNumber, sendControls } from './public-page';

export interface FeedbackPageInput {
  action: string;
  /** The request being rated, as the requester knows it. */
  requestId: string | null;
  outcomes: readonly string[];
  values: SurveyPost;
  errors?: Readonly<Record<string, string>>;
  /** Set once answered (YYYY-MM-DD): the page says the answer may be changed until that day. */
  changeableUntil?: string;
  /** The office's details, after the form. */
  contact?: OfficeContact;
}

const TITLE = 'How did we do?';
const ORDER = ['satisfaction', 'outcome', 'actionPlanAdopted', 'comment'];
const RATINGS = [['1', '1 (very dissatisfied)'], ['2', '2'], ['3', '3'], ['4', '4'], ['5', '5 (very satisfied)']] as const;

interface RadioOptions {
  required: boolean;
  /** Laid out as a rating scale (one choice a line on a phone) rather than a short row. */
  scale?: boolean;
}

function radios(name: string, legend: string, choices: readonly (readonly [string, string])[], value: string, error: string | undefined, { required, scale = false }: RadioOptions): string {
  const { attrs, text } = describedBy(name, undefined, error);
  // The first radio carries the field's id, so the error summary's link lands on the group.
  const inputs = choices.map(([v, label], i) =>
    `<label><input type="radio" name="${name}" value="${esc(v)}"${i === 0 ? ` id="${name}"` : ''}${v === value ? ' checked' : ''}${required ? ' required' : ''}>${esc(label)}</label>`).join('');
  return `<fieldset${attrs.replace(' aria-invalid="true"', '')}><legend>${esc(legend)}${required ? ' (required)' : ''}</legend>${text}<div class="choices${scale ? ' scale' : ''}">${inputs}</div></fieldset>`;
}

export function feedbackPage(i: FeedbackPageInput): string {
  const errors = i.errors ?? {};
  const v = i.values;
  const outcome = describedBy('outcome', 'What has changed since we worked with you?', errors.outcome);
  const comment = describedBy('comment', `Optional, up to ${MAX_COMMENT.toLocaleString('en-US')} characters.`, errors.comment);
  const about = i.requestId ? `your request <strong>${requestNumber(i.requestId)}</strong>` : 'the help you received';
  const changeable = i.changeableUntil ? `<p class="notice" role="status">Thank you: we have your answer. You can change it on this page until ${esc(spelledDay(i.changeableUntil))}.</p>` : '';
  const body = `${changeable}<p>Tell us about ${about}. Your answers help the office see what works and where more support is needed.</p>
${errorSummary(errors, ORDER)}
<form class="public" method="post" action="${esc(i.action)}" novalidate data-send-once>
${radios('satisfaction', SURVEY_QUESTIONS.satisfaction, RATINGS, v.satisfaction ?? '', errors.satisfaction, { required: true, scale: true })}
<div class="field"><label for="outcome">${esc(SURVEY_QUESTIONS.outcome)}</label>${outcome.text}<select id="outcome" name="outcome"${outcome.attrs}>${['<option value="">Choose one</option>', ...i.outcomes.map((o) => `<option${o === v.outcome ? ' selected' : ''}>${esc(o)}</option>`)].join('')}</select></div>
${radios('actionPlanAdopted', SURVEY_QUESTIONS.actionPlanAdopted, [['yes', 'Yes'], ['no', 'No']], v.actionPlanAdopted ?? '', errors.actionPlanAdopted, { required: false })}
<div class="field"><label for="comment">${esc(SURVEY_QUESTIONS.comment)}</label>${comment.text}<textarea id="comment" name="comment" rows="5" dir="auto"${comment.attrs}>${escTyped(v.comment ?? '')}</textarea></div>
${sendControls(i.changeableUntil ? 'Update my answer' : 'Send my answer', 'Sending your answer…')}
</form>
${contactSection(i.contact, 'Questions about the help you received, or about this survey? Write or call us.')}
${SEND_ONCE}`;
  // The title says what happened: a screen reader announces a page by it, not by the status notice it opens with.
  const said = Object.keys(errors).length ? 'Check your answers: ' : i.changeableUntil ? 'Answer received: ' : '';
  return publicPage(`${said}${TITLE}`, TITLE, body);
}

/** An earlier answer as the form's values. */
export function answerValues(a: FeedbackAnswer): SurveyPost {
  return { satisfaction: String(a.satisfaction), outcome: a.outcome ?? '', actionPlanAdopted: a.actionPlanAdopted === null ? '' : a.actionPlanAdopted ? 'yes' : 'no', comment: a.comment ?? '' };
}
