// `template NAME --out FILE.xlsx [--sample N]`: writes a ready template workbook, optionally with
// N realistic generated rows.
import { once } from 'node:events';
import { open, rm } from 'node:fs/promises';
import { buildTemplatePlan, isTemplateName, MAX_SAMPLE_ROWS, TEMPLATE_NAMES } from '../../../templates/build-template';
import { isCalendarDay } from '../../../shared/cells/dates';
import { writeWorkbook } from '../../workbook/write-workbook';
import { CliError, type Command } from '../command';
import { cannotWrite } from '../out-file';

function wholeNumber(flag: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) > max) throw new CliError(`--${flag} must be a whole number from 0 to ${max} (got "${raw}")`);
  return Number(raw);
}

const USAGE = 'template NAME --out FILE.xlsx [--sample N] [--seed N] [--as-of DATE]';

export const templateCommand: Command = {
  name: 'template',
  summary: `write a template workbook (${TEMPLATE_NAMES.join(', ')}); --sample N fills N realistic rows`,
  usage: USAGE,
  options: {
    out: { type: 'string', value: 'FILE.xlsx', help: 'where to write the workbook' },
    sample: { type: 'string', value: 'N', help: 'fill N realistic rows' },
    seed: { type: 'string', value: 'N', help: 'a seed for the sample rows: the same seed writes the same rows' },
    'as-of': { type: 'string', value: 'DATE', help: 'the day the sample rows are dated around (default: today)' },
  },
  async run({ positionals, values }, io) {
    const [name, ...extra] = positionals;
    if (name === undefined) throw new CliError(`missing the template NAME: one of ${TEMPLATE_NAMES.join(', ')}`);
    if (!isTemplateName(name)) throw new CliError(`unknown template "${name}"; templates: ${TEMPLATE_NAMES.join(', ')}`);
    if (extra.length) throw new CliError(`unexpected argument "${extra[0]}" (usage: npx equity-desk ${USAGE})`);
    const out = values.out;
    if (typeof out !== 'string' || out.trim() === '') throw new CliError('missing --out FILE.xlsx');
    const sample = wholeNumber('sample', values.sample as string | undefined, MAX_SAMPLE_ROWS);
    const seed = wholeNumber('seed', values.seed as string | undefined, 2 ** 32 - 1);
    const asOf = values['as-of'] as string | undefined;
    if (asOf !== undefined && !isCalendarDay(asOf)) throw new CliError(`--as-of must be a date as YYYY-MM-DD (got "${asOf}")`);

    const plan = buildTemplatePlan(name, { sample, seed, asOf });
    // Opening first turns a bad path into one clear line before any work is done.
    const handle = await open(out, 'w').catch((e: unknown) => {
      throw cannotWrite(out, e);
    });
    const stream = handle.createWriteStream();
    try {
      await writeWorkbook(plan, stream);
      stream.end();
      await once(stream, 'close');
    } catch (e) {
      stream.destroy();
      await rm(out, { force: true });
      throw cannotWrite(out, (e as Error & { cause?: unknown }).cause ?? e);
    }
    io.out(`Wrote the ${name} template to ${out}${sample ? ` with ${sample} sample rows` : ''}.`);
    return 0;
  },
};
