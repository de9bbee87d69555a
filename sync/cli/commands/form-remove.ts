// `form remove ID`: closes an intake form; its address then says the form is no longer in use.
import { CliError } from '../command';
import { commandConfig, withStore } from '../command-store';
import type { FormAction } from './form-action';

export const formRemove: FormAction = async ({ words, values }, io) => {
  if (words.length !== 1) throw new CliError('usage: npx equity-desk form remove ID (`form list` shows the ids)');
  const config = commandConfig(values, io);
  const removed = await withStore(config, (store) => store.removeForm(words[0], new Date()));
  if (!removed) throw new CliError(`no open intake form ${words[0]}; \`form list\` shows the ids`, 1);
  io.out(`Removed the intake form ${words[0]}: its address now tells requesters the form is closed. Requests already received stay.`);
  return 0;
};
