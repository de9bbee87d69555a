// `form list`: every intake form, open or removed, with its source and URL.
import { CliError } from '../command';
import { commandConfig, withStore } from '../command-store';
import { formUrl, serviceUrl } from '../../api/service-url';
import type { FormAction } from './form-action';
import { terminalText } from '../terminal-text';

export const formList: FormAction = async ({ words, values }, io) => {
  if (words.length) throw new CliError(`unexpected argument "${words[0]}" (usage: npx equity-desk form list)`);
  const config = commandConfig(values, io);
  const forms = await withStore(config, (store) => store.listForms());
  if (forms.length === 0) {
    io.out('No intake forms yet; open one with: npx equity-desk form add --source ID');
    return 0;
  }
  for (const f of forms) {
    const state = f.removedAt === null ? 'open' : `removed ${f.removedAt.toISOString().slice(0, 10)}`;
    io.out(terminalText(`${f.id}  ${state}  "${f.title}"  source: ${f.sourceName} (${f.sourceId})  ${formUrl(serviceUrl(config), f.id)}`));
  }
  return 0;
};
