// `form add --source ID [--title T]`: turns on a source's public intake form and prints its URL.
import { DEFAULT_FORM_TITLE, MAX_FORM_TITLE, formTitle } from '../../api/intake-schemas';
import { isErrorType } from '../../../shared/typed-error';
import { StoreError } from '../../store/store-error';
import { CliError } from '../command';
import { commandConfig, withStore } from '../command-store';
import { formUrl, serviceUrl } from '../../api/service-url';
import type { FormAction } from './form-action';

export const formAdd: FormAction = async ({ words, values }, io) => {
  if (words.length) throw new CliError(`unexpected argument "${words[0]}" (usage: npx equity-desk form add --source ID [--title "…"])`);
  const sourceId = typeof values.source === 'string' ? values.source.trim() : '';
  if (sourceId === '') throw new CliError('missing --source ID (the id `source add` printed; `source list` shows them)');
  const typed = typeof values.title === 'string' ? values.title.trim() : DEFAULT_FORM_TITLE;
  if (typed === '' || typed.length > MAX_FORM_TITLE) throw new CliError(`--title must be 1 to ${MAX_FORM_TITLE} characters`);
  // Checked as the API checks it: a control or direction character reaches every requester's page.
  const checked = formTitle.safeParse(typed);
  if (!checked.success) throw new CliError(`--title: ${checked.error.issues[0].message}`);
  const title = checked.data;
  const config = commandConfig(values, io);
  const { form, kind } = await withStore(config, async (store) => {
    const made = await store.createForm({ sourceId, title, at: new Date() });
    return { form: made, kind: (await store.getPrincipal(sourceId))?.sourceKind };
  }).catch((e: unknown) => {
    if (isErrorType(e, StoreError) && e.code === 'unknown-source') throw new CliError(`--source: ${e.message}`);
    throw e;
  });
  const lands = kind === 'file'
    ? 'Share the URL with requesters; each request is stored and counted at once. This source is a file, which no sync writes into: `import` lists the requests its workbook does not show yet, to be typed in under their numbers.'
    : 'Share the URL with requesters; each request lands in that source\'s Requests sheet on its next sync.';
  io.out([`Opened the intake form "${form.title}" for ${form.sourceName}.`, `  id:  ${form.id}`, `  url: ${formUrl(serviceUrl(config), form.id)}`, lands].join('\n'));
  return 0;
};
