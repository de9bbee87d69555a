// The JSON bodies of the requester's-side API (intake forms, a source's lists) as zod schemas, checked by
// the handlers and described in `/openapi.json`; those the add-on sends or reads (the outbox, feedback links)
// are in shared/wire/ (sync-wire.ts the requests, sync-answers.ts the answers).
import { z } from 'zod';
import { shownText } from './schemas';

/** The heading requesters see, as the API and `form add` take it: a line, without a character a page cannot show. */
export const MAX_FORM_TITLE = 120;
export const formTitle = shownText('title', MAX_FORM_TITLE);

export const createFormBody = z.strictObject({
  sourceId: z.string().min(1, 'sourceId must not be empty').max(100).describe('The source sheet whose Requests table receives the requests.'),
  title: formTitle.optional().describe('The heading requesters see; "Request technical assistance" by default.'),
});

export const intakeFormView = z.object({
  id: z.string(),
  url: z.string().describe('The public address to share with requesters.'),
  sourceId: z.string(),
  sourceName: z.string(),
  title: z.string(),
  createdAt: z.string(),
  removedAt: z.string().nullable(),
});

/** Each list at most 500 values of at most 200 characters: a Lists sheet is never near that. */
export const listsBody = z.strictObject({
  lists: z.record(z.string().max(60), z.array(z.string().max(200)).max(500)).refine((l) => Object.keys(l).length <= 60, 'at most 60 lists'),
});

export const DEFAULT_FORM_TITLE = 'Request technical assistance';
