// `reviewer add NAME`, `reviewer list`, `reviewer revoke ID`, `reviewer rotate ID`: read-only tokens for
// committee members and partners (metrics, master workbook, dashboard).
import { dashboardLink, serviceUrl } from '../../api/service-url';
import { CliError, linkOptions, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { runTokenAction } from '../token-actions';

const USAGE = 'reviewer add NAME | list | revoke ID | rotate ID [--data DIR] [--port N] [--host HOST]';

export const reviewerCommand: Command = {
  name: 'reviewer',
  summary: 'issue a read-only token (printed once); list, revoke or rotate reviewers',
  usage: USAGE,
  options: { ...storageOptions, ...linkOptions },
  async run({ positionals, values }, io) {
    const [action, ...words] = positionals;
    if (action === undefined) throw new CliError(`missing an action (usage: npx equity-desk ${USAGE})`);
    const config = commandConfig(values, io);
    const managed = await runTokenAction('reviewer', action, words, config, io);
    if (managed !== undefined) return managed;
    if (action !== 'add') throw new CliError(`unknown action "${action}" (usage: npx equity-desk ${USAGE})`);
    const name = words.join(' ').trim();
    if (name === '') throw new CliError('missing the reviewer NAME (usage: npx equity-desk reviewer add NAME)');
    if (name.length > 200) throw new CliError('the reviewer NAME is longer than 200 characters');
    const { principal, token } = await withStore(config, (store) => store.createPrincipal({ kind: 'reviewer', name }));
    io.out([`Issued a read-only token for "${principal.name}".`, `  id:    ${principal.id}`, `  token: ${token}`, `  dashboard: ${dashboardLink(serviceUrl(config), token)}`, 'The token and the link are shown only this once.'].join('\n'));
    return 0;
  },
};
