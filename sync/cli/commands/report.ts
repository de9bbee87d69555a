// `report --year YYYY --out FILE.pdf|.html [--narrative FILE.md] [--as-of DATE]`: the annual progress report.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { DEFAULT_RULES, isoFromUtcDate, shortDay } from '../../../shared/index';
import { counted } from '../../../shared/plural';
import { isErrorType } from '../../../shared/typed-error';
import { ReportQueryError, reportDate } from '../../metrics/report-query';
import { annualReport } from '../../report/annual-report';
import { reportHtml } from '../../report/report-html';
import { reportAsOf, reportYear } from '../../report/report-year';
import { CliError, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { FLAG_WORDS } from './report-flags';
import { checkOutFile, writeOutFile } from '../out-file';

export const reportCommand: Command = {
  name: 'report',
  summary: 'write the annual progress report as a PDF or an HTML page, with the office\'s narrative',
  usage: 'report --year YYYY --out FILE.pdf|.html [--narrative FILE.md] [--as-of DATE] [--data DIR]',
  options: {
    ...storageOptions,
    year: { type: 'string', value: 'YYYY', help: 'the year the report covers' },
    out: { type: 'string', value: 'FILE.pdf|.html', help: 'where to write it; the ending picks PDF or HTML' },
    narrative: { type: 'string', value: 'FILE.md', help: 'the office\'s own sections, in Markdown' },
    'as-of': { type: 'string', value: 'DATE', help: 'figures as of this day, counting only what happened by it (default: the year\'s end, or today within it)' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const out = typeof values.out === 'string' ? values.out : undefined;
    const format = out === undefined ? undefined : extname(out).toLowerCase();
    if (format !== '.pdf' && format !== '.html') throw new CliError('--out must name a .pdf or .html file');
    let year: number;
    let asOf: string;
    try {
      if (typeof values.year !== 'string') throw new CliError('--year is required, e.g. --year 2026');
      year = reportYear(values.year, isoFromUtcDate(new Date()));
      asOf = reportDate('as-of', values['as-of'] as string | undefined) ?? reportAsOf(year, new Date());
    } catch (e) {
      if (isErrorType(e, ReportQueryError)) throw new CliError(e.inWords(FLAG_WORDS));
      throw e;
    }
    let narrative: string | undefined;
    if (typeof values.narrative === 'string') {
      narrative = await readFile(values.narrative, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new CliError(`cannot read --narrative ${values.narrative}: ${e.code === 'ENOENT' ? 'no such file' : e.message}`);
      });
    }
    const config = commandConfig(values, io);
    if (format === '.pdf' && !existsSync(config.chromiumPath)) {
      throw new CliError(`a PDF is printed by Chromium, which is not at ${config.chromiumPath}: install it (apt-get install chromium), set EQUITY_DESK_CHROMIUM, or write .html`, 1);
    }
    await checkOutFile(out!);
    const report = await withStore(config, (store) => annualReport(store, { year, asOf, today: isoFromUtcDate(new Date()), rules: DEFAULT_RULES, narrative }));
    if (format === '.pdf') {
      const { reportPdf } = await import('../../report/report-pdf');
      await writeOutFile(out!, await reportPdf(report, config.chromiumPath));
    } else {
      await writeOutFile(out!, reportHtml(report));
    }
    io.out(`Wrote ${out} (the ${year} report, as of ${shortDay(asOf)}): ${counted(report.metrics.demand.total, 'request')}, ${counted(report.metrics.workplan.total.items, 'work-plan item')}, ${counted(report.narrative.length, 'narrative section')}.`);
    return 0;
  },
};
