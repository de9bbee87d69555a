// `feedback-link --source ID REQUEST-ID`: the survey link of one of a source's fulfilled requests, for an office
// without the sidebar's "Copy feedback link" (a file source), printed at the address `form add` prints.
import { feedbackUrl, serviceUrl } from '../../api/service-url';
import { CHANGE_DAYS, UNANSWERED_DAYS, issueFeedbackLink, linkIssueMessage } from '../../intake/feedback';
import { CliError, linkOptions, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';

export const feedbackLinkCommand: Command = {
  name: 'feedback-link',
  summary: 'print the feedback survey link of a fulfilled request, named by its Request ID, to send to its requester',
  usage: 'feedback-link --source ID REQUEST-ID [--data DIR] [--port N] [--host HOST]',
  options: {
    ...storageOptions,
    source: { type: 'string', value: 'ID', help: 'the source that holds the request (the id `source add` printed)' },
    ...linkOptions,
  },
  async run({ positionals, values }, io) {
    const sourceId = typeof values.source === 'string' ? values.source.trim() : '';
    if (sourceId === '') throw new CliError('missing --source ID (the id `source add` printed; `source list` shows them)');
    const [ref, extra] = positionals;
    if (ref === undefined || ref.trim() === '') throw new CliError('missing the Request ID (usage: npx equity-desk feedback-link --source ID REQUEST-ID)');
    if (extra !== undefined) throw new CliError(`unexpected argument "${extra}" (one request per link: npx equity-desk feedback-link --source ID REQUEST-ID)`);
    const config = commandConfig(values, io);
    const { issued, fileSource } = await withStore(config, async (store) => {
      const source = await store.getPrincipal(sourceId);
      if (source?.kind !== 'source') throw new CliError(`--source: ${sourceId} is not a registered source`);
      return { issued: await issueFeedbackLink(store, { sourceId, table: 'requests', ref, at: new Date() }), fileSource: source.sourceKind === 'file' };
    });
    if ('kind' in issued) throw new CliError(linkIssueMessage(issued, { link: 'feedback', ref, table: 'requests', fileSource }), 1);
    io.out([
      `Feedback survey link for ${ref.trim()}; send it to the requester:`,
      `  ${feedbackUrl(serviceUrl(config), issued.token)}`,
      `It is shown only this once; it takes an answer for ${UNANSWERED_DAYS} days, and the answer can be changed for ${CHANGE_DAYS} days after it is first given.`,
    ].join('\n'));
    return 0;
  },
};
