// The links an office sends a requester, each by what makes it and where it points: the API's routes
// (`POST /api/v1/status-links`, `/feedback-links`) and the CLI's commands (`status-link`, `feedback-link`) read them here.
import type { RequesterLink } from '../../shared/wire/sync-wire';
import { feedbackUrl, statusUrl } from '../api/service-url';
import type { RowStore } from '../store/row-store';
import type { TableName } from '../../shared/tables';
import { issueFeedbackLink, type LinkIssue } from './feedback';
import { issueStatusLinkFor } from './status-link';

type Issue = (store: RowStore, p: { sourceId: string; table: TableName; ref: string; at: Date }) => Promise<{ token: string } | LinkIssue>;

export const REQUESTER_LINKS: Record<RequesterLink, { issue: Issue; url: (base: string, token: string) => string }> = {
  status: { issue: issueStatusLinkFor, url: statusUrl },
  feedback: { issue: issueFeedbackLink, url: feedbackUrl },
};
