// The requester's private status link: an unguessable link, kept only as a digest, given for a request filed on the
// web form or asked for by the office for one it typed in, that shows where the request stands in the requester's
// words and nothing staff keep for themselves.
import type { TableName } from '../../shared/tables';
import type { RowStore } from '../store/row-store';
import type { StatusVersion } from '../store/intake-store';
import { ISSUED_TOKEN, digestToken, newToken } from '../store/tokens';
import { linkedRequest, stateOf, type LinkIssue } from './feedback';
import { dayIn } from './intake-form';

/** A request's status as its requester reads it: a few words, and what they mean for the requester. */
export interface RequesterStatus { words: string; meaning: string }

/** The staff statuses (`REQUEST_STATUSES`) in the requester's words. */
export const REQUESTER_STATUSES: Readonly<Record<string, RequesterStatus>> = {
  New: { words: 'Received', meaning: 'We have your request and will review it soon.' },
  Triaged: { words: 'Being reviewed', meaning: 'We are reviewing your request to decide how best to help.' },
  Assigned: { words: 'Assigned to our team', meaning: 'A member of our team has been given your request and will be in touch.' },
  'In progress': { words: 'In progress', meaning: 'We are working on your request.' },
  'Waiting on requester': { words: 'Waiting on you', meaning: 'We need more information from you: reply to the email you received or call us.' },
  Fulfilled: { words: 'Completed', meaning: 'We have completed the help you asked for.' },
  Closed: { words: 'Closed', meaning: 'This request is closed.' },
  Declined: { words: 'Declined', meaning: 'We are not able to take on this request. Contact us if you have questions about it.' },
};

/** A status an office added to its own Lists says nothing a requester could act on: only that the request is open. */
const OTHER_STATUS: RequesterStatus = { words: 'Open', meaning: 'Our team is handling your request.' };

export const requesterStatus = (status: unknown): RequesterStatus =>
  typeof status !== 'string' || status === '' ? REQUESTER_STATUSES.New : Object.hasOwn(REQUESTER_STATUSES, status) ? REQUESTER_STATUSES[status] : OTHER_STATUS;

/** A new status link for the source's request `rowId`; the token is returned once and kept only as a digest. */
export async function issueStatusLink(store: RowStore, p: { sourceId: string; rowId: string; at: Date }): Promise<string> {
  const token = newToken();
  await store.createStatusLink({ tokenHash: digestToken(token), ...p });
  return token;
}

/**
 * A new status link for a live request of the source named by its row id or Request ID (`linkedRequest`): one staff
 * typed in from a call, an email, a meeting or a referral, whose requester saw no confirmation. Each call gives a new
 * link and leaves the earlier ones working: only a digest is kept, so the same link cannot be given again (decision 022).
 */
export async function issueStatusLinkFor(store: RowStore, p: { sourceId: string; table: TableName; ref: string; at: Date }): Promise<{ token: string; rowId: string } | LinkIssue> {
  const found = await linkedRequest(store, 'status', p);
  if ('kind' in found) return found;
  return { token: await issueStatusLink(store, { sourceId: p.sourceId, rowId: found.rowId, at: p.at }), rowId: found.rowId };
}

/** The status link `token` names, or null; a text that is no token we could have issued is not looked up. */
export const statusLinkOf = (store: RowStore, token: string) => (ISSUED_TOKEN.test(token) ? store.statusLink(digestToken(token)) : Promise.resolve(null));

/** Whether `token` is a status link on of the source's request `rowId`: a confirmation shows no other request's link, nor one turned off. */
export async function isStatusLinkOf(store: RowStore, token: string, p: { sourceId: string; rowId: string }): Promise<boolean> {
  const link = await statusLinkOf(store, token);
  return link !== null && link.revokedAt === null && link.sourceId === p.sourceId && link.rowId === p.rowId;
}

/** What a status page shows: only what the requester sent and where it stands, never staff notes, assignee or hours. */
export interface RequestStanding {
  requestId: string | null;
  requesterOrg: string | null;
  description: string | null;
  receivedOn: string | null;
  status: RequesterStatus;
  /** The office's day (YYYY-MM-DD) the status last changed, or the request was received while it never has. */
  statusSince: string | null;
  dueOn: string | null;
  /** The request's feedback survey while it takes an answer (`answered`: one was given, and may still be changed). */
  survey: { answered: boolean } | null;
}

export type Standing =
  | { kind: 'unknown' }
  /** The office turned the link off: nothing of the request is shown, removed or not. */
  | { kind: 'turned-off' }
  /** The office removed the request from its log (a tombstone): `requestId` as it last stood, if it had one. */
  | { kind: 'removed'; requestId: string | null }
  | { kind: 'tracked'; standing: RequestStanding };

const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);

/**
 * Where the request of status link `token` stands. The day its status last changed is when a version first showed
 * the status it has now, after one showing another, counted from the request's whole history (a sheet's batch time,
 * on the office's day in `timeZone`), since a link the office asked for later is younger than the change; a status
 * never changed dates from the day the request was received.
 */
export async function requestStanding(store: RowStore, token: string, p: { timeZone: string; now: Date }): Promise<Standing> {
  const link = await statusLinkOf(store, token);
  if (link === null) return { kind: 'unknown' };
  if (link.revokedAt !== null) return { kind: 'turned-off' };
  const values = await store.storedRow(link.sourceId, 'requests', link.rowId);
  const versions = await store.statusVersions(link.sourceId, link.rowId);
  if (values === null) return { kind: 'removed', requestId: versions.at(-1)?.requestId ?? null };
  const changed = lastStatusChange(versions);
  const survey = await surveyOf(store, link, p.now);
  return {
    kind: 'tracked',
    standing: {
      requestId: text(values.requestId),
      requesterOrg: text(values.requesterOrg),
      description: text(values.description),
      receivedOn: text(values.receivedOn),
      status: requesterStatus(values.status),
      statusSince: changed === undefined ? text(values.receivedOn) : dayIn(p.timeZone, changed),
      dueOn: text(values.dueOn),
      survey: survey.kind === 'open' ? { answered: survey.link.answer !== null } : null,
    },
  };
}

/** The survey of the request a status link names: its newest feedback link, as that link's own address serves it. */
export const surveyOf = async (store: RowStore, link: { sourceId: string; rowId: string }, now: Date) =>
  stateOf(await store.newestFeedbackLink(link.sourceId, 'requests', link.rowId), now);

/** When the versions' last status first showed, if an earlier version had another. */
function lastStatusChange(versions: readonly StatusVersion[]): Date | undefined {
  for (let i = versions.length - 1; i > 0; i--) if (versions[i].status !== versions[i - 1].status) return versions[i].at;
  return undefined;
}
