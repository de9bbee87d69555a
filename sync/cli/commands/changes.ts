// `changes --since DATE [--until DATE] [--json] [--out FILE.xlsx]`: what changed in the period, from the history.
import { DEFAULT_RULES } from '../../../shared/index';
import { isErrorType } from '../../../shared/typed-error';
import { changesText } from '../../changes/change-sections';
import { resolveChangesPeriod } from '../../changes/changes-period';
import { changesReport } from '../../changes/changes-report';
import { changesWorkbookPlan } from '../../changes/changes-workbook';
import { ReportQueryError } from '../../metrics/report-query';
import { writeWorkbookToBuffer } from '../../workbook/write-workbook';
import { CliError, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { FLAG_WORDS } from './report-flags';
import { checkOutFile, writeOutFile } from '../out-file';
import { terminalText } from '../terminal-text';

export const changesCommand: Command = {
  name: 'changes',
  summary: 'what changed in a period (since the last meeting by default), from the history',
  usage: 'changes [--since DATE] [--until DATE] [--json] [--out FILE.xlsx] [--data DIR]',
  options: {
    ...storageOptions,
    since: { type: 'string', value: 'DATE', help: 'the first day of the period (default: the last meeting day, from EQUITY_DESK_MEETINGS)' },
    until: { type: 'string', value: 'DATE', help: 'the last day of the period (default: today)' },
    json: { type: 'boolean', default: false, help: 'print one JSON document' },
    out: { type: 'string', value: 'FILE.xlsx', help: 'also write the changes as a workbook' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const out = typeof values.out === 'string' ? values.out : undefined;
    if (out !== undefined && !out.toLowerCase().endsWith('.xlsx')) throw new CliError(`--out must name an .xlsx file, not "${out}"`);
    const config = commandConfig(values, io);
    let period;
    try {
      period = resolveChangesPeriod({ since: values.since as string | undefined, until: values.until as string | undefined }, { clock: () => new Date(), rules: DEFAULT_RULES, meetings: config.meetings }, 'require');
    } catch (e) {
      if (isErrorType(e, ReportQueryError)) throw new CliError(e.inWords(FLAG_WORDS));
      throw e;
    }
    if (out !== undefined) await checkOutFile(out);
    const report = await withStore(config, (store) => changesReport(store, period));
    if (out !== undefined) await writeOutFile(out, await writeWorkbookToBuffer(changesWorkbookPlan(report)));
    io.out(values.json ? JSON.stringify(report, null, 2) : terminalText(changesText(report)) + (out ? `\nWrote ${out}.` : ''));
    return 0;
  },
};
