// `status-link --source ID REQUEST-ID` and `feedback-link --source ID REQUEST-ID`: a link to send the requester of one
// of a source's requests, where it stands or the survey of a fulfilled one, for an office without the sidebar's
// "Links for the requester" (a file source), printed at the address `form add` prints. With `--revoke`, either turns off
// every link the request was sent, status and survey together (decision 022, "Turning links off"); given a link rather
// than a Request ID, that link alone.
import { serviceUrl } from '../../api/service-url';
import { CHANGE_DAYS, UNANSWERED_DAYS, linkIssueMessage } from '../../intake/feedback';
import { REQUESTER_LINKS, linkToken, oneLinkIssueMessage, turnOffRequesterLink, turnOffRequesterLinks, type LinkTurnedOff } from '../../intake/requester-links';
import { oneLinkTurnedOff, turnedOffCount } from '../../../shared/links-turned-off';
import type { RequesterLink } from '../../../shared/wire/sync-wire';
import { CliError, linkOptions, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';

/** What each command says of its link. */
const WORDS: Record<RequesterLink, { summary: string; name: string; kept: string }> = {
  status: {
    summary: 'print the status link of a request, named by its Request ID, to send to its requester',
    name: 'Status link',
    kept: 'It is shown only this once; asking again gives another link, and this one keeps working while the request is in the log.',
  },
  feedback: {
    summary: 'print the feedback survey link of a fulfilled request, named by its Request ID, to send to its requester',
    name: 'Feedback survey link',
    kept: `It is shown only this once; it takes an answer for ${UNANSWERED_DAYS} days, and the answer can be changed for ${CHANGE_DAYS} days after it is first given.`,
  },
};

function requesterLinkCommand(link: RequesterLink): Command {
  const name = `${link}-link`;
  const usage = `npx equity-desk ${name} --source ID REQUEST-ID [--revoke]`;
  return {
    name,
    summary: `${WORDS[link].summary}; or, with --revoke, turn off every link it was sent, or only the link given in place of the Request ID`,
    usage: `${name} --source ID REQUEST-ID|LINK [--revoke] [--data DIR] [--port N] [--host HOST]`,
    options: {
      ...storageOptions,
      source: { type: 'string', value: 'ID', help: 'the source that holds the request (the id `source add` printed)' },
      revoke: { type: 'boolean', default: false, help: 'turn off every status and feedback link of the request (one that went to the wrong person), or, given a link as sent (or its eqd_ token), that link alone; links asked for afterwards work' },
      ...linkOptions,
    },
    async run({ positionals, values }, io) {
      const sourceId = typeof values.source === 'string' ? values.source.trim() : '';
      if (sourceId === '') throw new CliError('missing --source ID (the id `source add` printed; `source list` shows them)');
      const [ref, extra] = positionals;
      if (ref === undefined || ref.trim() === '') throw new CliError(`missing the Request ID (usage: ${usage})`);
      if (extra !== undefined) throw new CliError(`unexpected argument "${extra}" (one request per link: ${usage})`);
      const oneLink = linkToken(ref) !== null;
      if (oneLink && values.revoke !== true) throw new CliError(`"${ref.trim().slice(0, 80)}" is a link, not a Request ID: add --revoke to turn it off`);
      const config = commandConfig(values, io);
      const asked = { sourceId, table: 'requests' as const, ref, at: new Date() };
      const done = await withStore(config, async (store) => {
        const source = await store.getPrincipal(sourceId);
        if (source?.kind !== 'source') throw new CliError(`--source: ${sourceId} is not a registered source`);
        if (oneLink) return { by: 'link' as const, one: await turnOffRequesterLink(store, { sourceId, link: ref, at: asked.at }) };
        return { by: 'request' as const, issued: await (values.revoke === true ? turnOffRequesterLinks(store, asked) : REQUESTER_LINKS[link].issue(store, asked)), fileSource: source.sourceKind === 'file' };
      });
      if (done.by === 'link') {
        if ('kind' in done.one) throw new CliError(oneLinkIssueMessage(done.one, ref), 1);
        io.out(oneLinkOff(done.one));
        return 0;
      }
      const { issued, fileSource } = done;
      if ('kind' in issued) throw new CliError(linkIssueMessage(issued, { link, ref, table: 'requests', fileSource }), 1);
      if ('statusLinks' in issued) {
        io.out(`Turned off ${turnedOffCount(issued)} of ${ref.trim()}: their pages now say the office turned them off. A link asked for from now on works.`);
        return 0;
      }
      io.out([
        `${WORDS[link].name} for ${ref.trim()}; send it to the requester:`,
        `  ${REQUESTER_LINKS[link].url(serviceUrl(config), issued.token)}`,
        WORDS[link].kept,
      ].join('\n'));
      return 0;
    },
  };
}

/** What turning one link off did, naming its request as the office numbers it. */
function oneLinkOff(off: LinkTurnedOff): string {
  return oneLinkTurnedOff(off, off.requestId ?? `the request of row ${off.rowId}`);
}

export const statusLinkCommand = requesterLinkCommand('status');
export const feedbackLinkCommand = requesterLinkCommand('feedback');
