// `GET`/`POST /feedback/{token}`: the requester's survey, reached only through its link. One answer per
// link, which may be changed for a while; the answer reaches the request's row and the measures at once.
import { Hono, type Context } from 'hono';
import { DEFAULT_RULES, isoFromUtcDate, listsOverDefaults, spelledDay } from '../../../shared/index';
import { CHANGE_DAYS, lastDay, linkState, readSurvey, recordFeedback, type LinkState } from '../../intake/feedback';
import type { FeedbackLink } from '../../store/intake-store';
import { answerValues, feedbackPage } from '../../intake/feedback-page';
import { PRIVATE_PAGE_HEADERS, noticePage } from '../../intake/public-page';
import { turnedOffPage } from '../../intake/turned-off-page';
import { ApiError } from '../api-error';
import type { RouteDeps } from '../route-deps';
import { limitBody } from '../request-body';
import { MAX_FORM_BODY_BYTES, formPost, postLimit, sameOriginPosts } from './intake-routes';

export const FEEDBACK_NOT_SAVED = 'Your answer was not saved: the service could not store it just now. Go back and send it again in a few minutes.';

const html = (c: Context, page: string, status: 200 | 400 | 404 | 410) => c.html(page, status, PRIVATE_PAGE_HEADERS);

/** Why a link takes no answer now: a requester who answered is told the answer is kept, lest they think it lost. */
function closedMessage(link: FeedbackLink): string {
  const changed = link.changedAt ?? link.answeredAt;
  if (link.answer === null || changed === null) return 'This feedback link has expired, so answers can no longer be given or changed. Thank you for your time.';
  return `We have your answer, as last changed on ${spelledDay(isoFromUtcDate(changed))}. It can no longer be changed: an answer may be changed for ${CHANGE_DAYS} days after it is first given. Thank you for your time.`;
}

export function feedbackRoutes(deps: RouteDeps): Hono {
  return surveyRoutes(deps, {
    path: '/:token',
    find: (c) => linkState(deps.store, c.req.param('token') ?? '', deps.clock()),
    notFound: 'This feedback link is not valid. Check that you copied the whole link from the message you received.',
  });
}

/** Where a survey is served: at `path`, for the link `find` names from the request, or `notFound` said when none. */
export interface SurveyAddress {
  path: string;
  find: (c: Context) => Promise<LinkState>;
  notFound: string;
}

/** The survey's page and its post, for the link an address names: the emailed link's own, or a status page's. */
export function surveyRoutes(deps: RouteDeps, address: SurveyAddress): Hono {
  async function open(c: Context): Promise<Extract<LinkState, { kind: 'open' }> | Response> {
    const state = await address.find(c);
    if (state.kind === 'unknown') return html(c, noticePage('Link not found', address.notFound), 404);
    if (state.kind === 'expired') return html(c, noticePage('This survey is closed', closedMessage(state.link), deps.config.office), 410);
    if (state.kind === 'turned-off') return html(c, turnedOffPage('survey', deps.config.office), 410);
    return state;
  }

  async function page(c: Context, state: Extract<LinkState, { kind: 'open' }>, values: Record<string, string> | undefined, errors?: Record<string, string>) {
    const row = await deps.store.storedRow(state.link.sourceId, state.link.table, state.link.rowId);
    const outcomes = listsOverDefaults(await deps.store.sourceLists(state.link.sourceId)).outcome ?? DEFAULT_RULES.lists.outcome;
    const answered = state.link.answer !== null;
    return feedbackPage({
      action: c.req.path,
      requestId: typeof row?.requestId === 'string' ? row.requestId : null,
      outcomes,
      values: values ?? (state.link.answer ? answerValues(state.link.answer) : {}),
      errors,
      changeableUntil: answered ? lastDay(state.until) : undefined,
      contact: deps.config.office,
    });
  }

  return new Hono()
    .get(address.path, async (c) => {
      const state = await open(c);
      if (state instanceof Response) return state;
      return html(c, await page(c, state, undefined), 200);
    })
    .post(address.path, sameOriginPosts(deps), limitBody(MAX_FORM_BODY_BYTES), postLimit(deps), async (c) => {
      const state = await open(c);
      if (state instanceof Response) return state;
      const post = await formPost(c);
      const outcomes = listsOverDefaults(await deps.store.sourceLists(state.link.sourceId)).outcome ?? DEFAULT_RULES.lists.outcome;
      const read = readSurvey(post, outcomes);
      const values = { satisfaction: post.satisfaction ?? '', outcome: post.outcome ?? '', actionPlanAdopted: post.actionPlanAdopted ?? '', comment: post.comment ?? '' };
      if (!read.ok) return html(c, await page(c, state, values, read.errors), 400);
      const at = deps.clock();
      try {
        await recordFeedback(deps.store, state.link, read.answer, at);
      } catch (error) {
        // One transaction: a failure saved nothing of the answer, so the requester is asked to send it again.
        throw new ApiError(503, 'unavailable', FEEDBACK_NOT_SAVED, { 'Retry-After': '5' }, error);
      }
      const after = await open(c);
      if (after instanceof Response) return after;
      return html(c, await page(c, after, undefined), 200);
    });
}
