// `source add NAME [--kind google-sheets|excel|file]`, `source list`, `source revoke ID`, `source rotate ID`:
// registers source sheets (a token is printed once) and manages their tokens.
import { SOURCE_KINDS } from '../../api/schemas';
import { CliError, storageOptions, type Command } from '../command';
import type { Config } from '../../config';
import { commandConfig, withStore } from '../command-store';
import { runTokenAction } from '../token-actions';

type SourceKind = (typeof SOURCE_KINDS)[number];
const isSourceKind = (k: string): k is SourceKind => (SOURCE_KINDS as readonly string[]).includes(k);

/** A word as a shell reads it: quoted when it holds anything but plain path characters. */
const shellWord = (word: string) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`);

/**
 * What to do with the new source: a sheet's add-on needs the token; a file is imported from this shell, into
 * the storage the source was added to (a `--data` left out of the import would send it to `./data`).
 */
function nextSteps(kind: SourceKind, id: string, config: Config): string[] {
  if (kind !== 'file') return ['The token is shown only this once: paste it into the sheet\'s Equity Desk settings now.'];
  const storage = config.databaseUrl === undefined && config.dataDir !== storageOptions.data.default ? ` --data ${shellWord(config.dataDir)}` : '';
  return [
    `Import the source's workbook (again after each edit) with: npx equity-desk import FILE.xlsx --source ${id}${storage}`,
    'The token is shown only this once; a file source needs it only to send rows to the service\'s API.',
  ];
}

const USAGE = 'source add NAME [--kind google-sheets|excel|file] | list | revoke ID | rotate ID [--data DIR]';

export const sourceCommand: Command = {
  name: 'source',
  summary: 'register a source sheet (prints its id and token once); list, revoke or rotate sources',
  usage: USAGE,
  options: { ...storageOptions, kind: { type: 'string', default: 'google-sheets', value: 'google-sheets|excel|file', help: 'add: where the source\'s rows come from' } },
  async run({ positionals, values }, io) {
    const [action, ...words] = positionals;
    if (action === undefined) throw new CliError(`missing an action (usage: npx equity-desk ${USAGE})`);
    const managed = await runTokenAction('source', action, words, commandConfig(values, io), io);
    if (managed !== undefined) return managed;
    if (action !== 'add') throw new CliError(`unknown action "${action}" (usage: npx equity-desk ${USAGE})`);
    const name = words.join(' ').trim();
    if (name === '') throw new CliError('missing the source NAME (usage: npx equity-desk source add NAME)');
    if (name.length > 200) throw new CliError('the source NAME is longer than 200 characters');
    const kind = String(values.kind);
    if (!isSourceKind(kind)) throw new CliError(`--kind must be one of ${SOURCE_KINDS.join(', ')} (got "${kind}")`);
    const config = commandConfig(values, io);
    const { principal, token } = await withStore(config, (store) => store.createPrincipal({ kind: 'source', name, sourceKind: kind }));
    io.out([`Registered source "${principal.name}" (${kind}).`, `  id:    ${principal.id}`, `  token: ${token}`, ...nextSteps(kind, principal.id, config)].join('\n'));
    return 0;
  },
};
