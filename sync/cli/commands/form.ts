// `form add --source ID [--title T]`, `form list`, `form remove ID`: the public intake forms, one file per
// action (form-add.ts, form-list.ts, form-remove.ts); this one only picks the action.
import { CliError, linkOptions, storageOptions, type Command } from '../command';
import type { FormAction } from './form-action';

const ACTIONS: Record<string, () => Promise<FormAction>> = {
  add: async () => (await import('./form-add')).formAdd,
  list: async () => (await import('./form-list')).formList,
  remove: async () => (await import('./form-remove')).formRemove,
};

export const formCommand: Command = {
  name: 'form',
  summary: 'turn on, list or remove a source\'s public intake form; prints its URL',
  usage: 'form add --source ID [--title T] | list | remove ID [--data DIR] [--port N] [--host HOST]',
  options: {
    ...storageOptions,
    source: { type: 'string', value: 'ID', help: 'add: the source whose Requests sheet gets the requests' },
    title: { type: 'string', value: 'T', help: 'add: the form\'s title' },
    ...linkOptions,
  },
  async run({ positionals, values }, io) {
    const [action, ...words] = positionals;
    const load = action === undefined ? undefined : ACTIONS[action];
    if (load === undefined) throw new CliError(`${action === undefined ? 'missing the action' : `unknown action "${action}"`}; use form add --source ID, form list or form remove ID`);
    return (await load())({ words, values }, io);
  },
};
