// `metrics [--json] [--from DATE] [--to DATE] [--source ID] [--as-of DATE]`: the demand metrics as a text report or one JSON document.
import { computeMetrics } from '../../metrics/compute-metrics';
import { metricsReport } from '../../metrics/metrics-report';
import { CliError, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { REPORT_USAGE, reportFlags, reportFromFlags } from './report-flags';
import { terminalText } from '../terminal-text';

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'print the demand metrics (a readable report, or JSON with --json)',
  usage: `metrics [--json] ${REPORT_USAGE} [--data DIR]`,
  options: { ...storageOptions, ...reportFlags, json: { type: 'boolean', default: false, help: 'print one JSON document' } },
  async run({ positionals, values }, io) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const metrics = await withStore(commandConfig(values, io), async (store) => computeMetrics(store, await reportFromFlags(values, store)));
    io.out(values.json ? JSON.stringify(metrics, null, 2) : terminalText(metricsReport(metrics)));
    return 0;
  },
};
