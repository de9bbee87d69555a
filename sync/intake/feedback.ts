// The requester's feedback survey on a fulfilled request: an unguessable link per issue, one answer per
// link (changeable for a while), and the answer written into the request's row at once and queued for
// the sheet, so metrics and the staff sheet both see it.
import { isoFromUtcDate, listsOverDefaults, TABLES } from '../../shared/index';
import { isErrorType } from '../../shared/typed-error';
import { prepareBatch } from '../ingest/ingest-batch';
import { planSurveyHold, type FeedbackAnswer, type FeedbackLink } from '../store/intake-store';
import type { TableName } from '../../shared/index';
import type { RequesterLink } from '../../shared/wire/sync-wire';
import type { RowStore } from '../store/row-store';
import type { StoredValues } from '../store/stored-values';
import { StoreError } from '../store/store-error';
import { ISSUED_TOKEN, digestToken, newToken } from '../store/tokens';
import { textProblem } from './intake-form';

const DAY_MS = 86_400_000;
/** How long the requester may change an answer after first giving it. */
export const CHANGE_DAYS = 14;
/** How long an unanswered link stays open: long enough for a follow-up at 30 days, and a reminder after. */
export const UNANSWERED_DAYS = 90;

/** The fields of a request row a survey answer fills. */
export const SURVEY_FIELDS = TABLES.requests.columns.filter((c) => c.survey).map((c) => c.name);

export type LinkIssue =
  | { kind: 'not-found' }
  | { kind: 'not-fulfilled' }
  | { kind: 'not-requests' }
  /** The Request ID is on several requests of the source: each by its row id, with what tells them apart. */
  | { kind: 'ambiguous'; rows: { rowId: string; requesterOrg: string | null; receivedOn: string | null }[] };

/**
 * The request `ref` names among the source's live requests: its row id, else the Request ID the office sees (a file
 * source's office knows no other: its row ids are the store's), which must be on one request only.
 */
export async function findRequest(store: RowStore, sourceId: string, ref: string): Promise<{ rowId: string; values: StoredValues<'requests'> } | LinkIssue> {
  const byRowId = await store.storedRow(sourceId, 'requests', ref);
  if (byRowId !== null) return { rowId: ref, values: byRowId };
  const wanted = ref.trim();
  if (wanted === '') return { kind: 'not-found' };
  const found: { rowId: string; values: StoredValues<'requests'> }[] = [];
  for await (const row of store.rows('requests', { sourceIds: [sourceId] })) {
    if (typeof row.values.requestId === 'string' && row.values.requestId.trim() === wanted) found.push({ rowId: row.rowId, values: row.values });
  }
  if (found.length === 1) return found[0];
  if (found.length === 0) return { kind: 'not-found' };
  const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  return { kind: 'ambiguous', rows: found.map((r) => ({ rowId: r.rowId, requesterOrg: text(r.values.requesterOrg), receivedOn: text(r.values.receivedOn) })) };
}

/**
 * The request of `sourceId` a requester's link is asked for, named by its row id or its Request ID (`findRequest`):
 * any live request for a status link, a fulfilled one for a survey.
 */
export async function linkedRequest(store: RowStore, link: RequesterLink, p: { sourceId: string; table: TableName; ref: string; at: Date }): Promise<{ rowId: string } | LinkIssue> {
  if (p.table !== 'requests') return { kind: 'not-requests' };
  const found = await findRequest(store, p.sourceId, p.ref);
  if ('kind' in found) return found;
  // Fulfilled as the figures count it: Closed alone ("Closed - no response") delivered nothing to rate (decision 007).
  if (link === 'feedback' && TABLES.requests.doneOn!(found.values, isoFromUtcDate(p.at)) === null) return { kind: 'not-fulfilled' };
  return { rowId: found.rowId };
}

/** A new survey link for a fulfilled request (`linkedRequest`); the token is returned once and kept only as a digest. */
export async function issueFeedbackLink(store: RowStore, p: { sourceId: string; table: TableName; ref: string; at: Date }): Promise<{ token: string; rowId: string } | LinkIssue> {
  const found = await linkedRequest(store, 'feedback', p);
  if ('kind' in found) return found;
  const token = newToken();
  await store.createFeedbackLink({ tokenHash: digestToken(token), sourceId: p.sourceId, table: p.table, rowId: found.rowId, at: p.at });
  return { token, rowId: found.rowId };
}

/**
 * Why no `link` was issued for `ref`, in the words of the office asking: a file source's rows come from `import`, a
 * sheet's from its sync. The same sentence on every surface (the API's error, the CLI's line).
 */
export function linkIssueMessage(issue: LinkIssue, p: { link: RequesterLink; ref: string; table: string; fileSource: boolean }): string {
  const ref = JSON.stringify(p.ref.slice(0, 60));
  switch (issue.kind) {
    case 'not-requests': return `table: ${p.link === 'feedback' ? 'feedback surveys' : 'status links'} are for requests, not ${p.table}`;
    case 'not-found': return `no request ${ref} (by Request ID or row id) among this source's requests; ${p.fileSource ? 'import the workbook that holds it first' : 'sync the sheet first'}`;
    case 'not-fulfilled': return `row ${ref} is not fulfilled yet: set its status to Fulfilled (or its Fulfilled date) and ${p.fileSource ? 'import the workbook' : 'sync'} first`;
    case 'ambiguous': {
      const rows = issue.rows.map((r) => `${r.rowId} (${[r.requesterOrg, r.receivedOn && `received ${r.receivedOn}`].filter(Boolean).join(', ') || 'no organization or date'})`);
      return `${JSON.stringify(p.ref.trim().slice(0, 60))} is the Request ID of ${issue.rows.length} requests: ${rows.join(', ')}; send the row id of the one you mean, or give one of them another number`;
    }
  }
}

export type LinkState =
  | { kind: 'open'; link: FeedbackLink; until: Date }
  | { kind: 'expired'; link: FeedbackLink }
  /** The office turned the link off: it takes no answer, and one given before stays. */
  | { kind: 'turned-off' }
  | { kind: 'unknown' };

/** Whether a link still takes an answer: unanswered for `UNANSWERED_DAYS`, then `CHANGE_DAYS` after the first answer. */
export async function linkState(store: RowStore, token: string, now: Date): Promise<LinkState> {
  // Not a token we could have issued: no need to ask the database.
  if (!ISSUED_TOKEN.test(token)) return { kind: 'unknown' };
  return stateOf(await store.feedbackLink(digestToken(token)), now);
}

/** `linkState` of a link found otherwise (a status page's request's newest: `newestFeedbackLink`), or of none. */
export function stateOf(link: FeedbackLink | null, now: Date): LinkState {
  if (link === null) return { kind: 'unknown' };
  if (link.revokedAt !== null) return { kind: 'turned-off' };
  const until = link.answeredAt !== null ? new Date(link.answeredAt.getTime() + CHANGE_DAYS * DAY_MS) : new Date(link.createdAt.getTime() + UNANSWERED_DAYS * DAY_MS);
  return now < until ? { kind: 'open', link, until } : { kind: 'expired', link };
}

/** The form's fields as posted, as typed. */
export type SurveyPost = Record<string, string>;

export const MAX_COMMENT = 2000;

/** The survey's questions as the page asks them, and as a message about an answer names them. */
export const SURVEY_QUESTIONS = {
  satisfaction: 'How satisfied are you with the help you received?',
  outcome: 'Outcome so far',
  actionPlanAdopted: 'Has your organization adopted an action plan?',
  comment: 'Comment',
} as const;

/** Checks a survey post; each message is for the field it names. */
export function readSurvey(post: SurveyPost, outcomes: readonly string[]): { ok: true; answer: FeedbackAnswer } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const rating = post.satisfaction ?? '';
  if (!/^[1-5]$/.test(rating)) errors.satisfaction = rating === '' ? 'Choose how satisfied you are, from 1 to 5.' : 'Satisfaction must be a whole number from 1 to 5.';
  const outcome = post.outcome ?? '';
  if (outcome !== '' && !outcomes.includes(outcome)) errors.outcome = `Choose one of the listed options for "${SURVEY_QUESTIONS.outcome}".`;
  const adopted = post.actionPlanAdopted ?? '';
  if (!['', 'yes', 'no'].includes(adopted)) errors.actionPlanAdopted = `Answer "${SURVEY_QUESTIONS.actionPlanAdopted}" with Yes or No.`;
  const comment = (post.comment ?? '').trim();
  const problem = textProblem('Your comment', comment, MAX_COMMENT);
  if (problem !== undefined) errors.comment = problem;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    answer: { satisfaction: Number(rating), outcome: outcome === '' ? null : outcome, actionPlanAdopted: adopted === '' ? null : adopted === 'yes', comment: comment === '' ? null : comment },
  };
}

/**
 * Saves the answer and writes it into the request's current row (Satisfaction, Outcome, Plan adopted (requester),
 * Feedback comment) as a new version, queued for the sheet. A blank outcome, plan answer or comment leaves the row's own.
 * One transaction: a failure leaves the link unanswered (or its earlier answer), with no hold and no item.
 * The answer the link holds already, sent again (a double click, a page re-sent), writes nothing.
 * Planned from the row and its holds as read; another answer or a sheet's batch committed before this one writes
 * makes it plan again from what that one left, as if the two had come one after the other.
 */
export async function recordFeedback(store: RowStore, link: FeedbackLink, answer: FeedbackAnswer, at: Date): Promise<void> {
  const { tokenHash } = link;
  for (let attempt = 1; ; attempt++) {
    try {
      return await recordOnce(store, link, tokenHash, answer, at);
    } catch (error) {
      if (!isErrorType(error, StoreError) || error.code !== 'answer-conflict' || attempt === ANSWER_ATTEMPTS) throw error;
      link = (await store.feedbackLink(tokenHash)) ?? link;
    }
  }
}

/** How many times an answer is planned before the requester is asked to send it again: each retry follows another commit. */
const ANSWER_ATTEMPTS = 5;

async function recordOnce(store: RowStore, link: FeedbackLink, tokenHash: string, answer: FeedbackAnswer, at: Date): Promise<void> {
  if (link.answer !== null && sameAnswer(link.answer, answer)) return;
  const base = await store.answerBase(link.sourceId, link.table, link.rowId);
  // The sheet deleted the request meanwhile: the answer is kept with its link and counts in the response rate.
  if (base === null) return store.saveFeedbackAnswer(tokenHash, answer, at);
  const given = {
    satisfaction: answer.satisfaction,
    ...(answer.outcome !== null ? { outcome: answer.outcome } : {}),
    ...(answer.actionPlanAdopted !== null ? { actionPlanAdopted: answer.actionPlanAdopted } : {}),
    ...(answer.comment !== null ? { feedbackComment: answer.comment } : {}),
  };
  const cells = { ...base.values, ...given };
  // Held with the row's version, so no version shows the answer without its hold: a file source cannot take the
  // answer in, and its next import must not put the workbook's old values back over it (decision 010). Queued with
  // the hold, so the outbox offers the answer held, never the values before it, which the sheet would then acknowledge.
  const hold = planSurveyHold(base.holds, { rowId: link.rowId, answer: given, sheet: base.values });
  const lists = listsOverDefaults(await store.sourceLists(link.sourceId));
  // The answer's own write is no sheet's: it neither keeps nor lets go a hold.
  const { batch } = prepareBatch({ sourceId: link.sourceId, table: link.table, rows: [{ rowId: link.rowId, cells: cells as Record<string, string | number | boolean | null> }], at, readOptions: { lists }, holds: { of: [], from: 'sheet' } });
  await store.applyBatch({ ...batch, surveyAnswer: { tokenHash, answerJson: JSON.stringify(answer), rowId: link.rowId, base: base.version, hold, fields: SURVEY_FIELDS } });
}

const sameAnswer = (a: FeedbackAnswer, b: FeedbackAnswer) =>
  a.satisfaction === b.satisfaction && a.outcome === b.outcome && a.actionPlanAdopted === b.actionPlanAdopted && a.comment === b.comment;

/** `2026-12-16`: the last day an answer may be changed, as the page says it. */
export const lastDay = (until: Date) => isoFromUtcDate(new Date(until.getTime() - 1));
