// `export --out FILE.xlsx [filters]`: builds the master workbook into a file, replacing it only once complete.
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { shortDay } from '../../../shared/cells/dates';
import { TABLE_NAMES, TABLES, type TableName } from '../../../shared/index';
import { counted } from '../../../shared/plural';
import { isErrorType } from '../../../shared/typed-error';
import { startDataSheetWorkerEarly } from '../../master/data-sheet-thread';
import { WorkbookError } from '../../workbook/workbook-error';
import { CliError, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { cannotWrite } from '../out-file';
import { REPORT_USAGE, reportFlags, reportFromFlags } from './report-flags';

export const exportCommand: Command = {
  name: 'export',
  summary: 'build the master workbook (Summary, consolidated sheets, breakdowns, Data quality)',
  usage: `export --out FILE.xlsx ${REPORT_USAGE} [--data DIR]`,
  options: { ...storageOptions, ...reportFlags, out: { type: 'string', value: 'FILE.xlsx', help: 'where to write the master workbook' } },
  async run({ positionals, values }, io) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    const out = values.out;
    if (typeof out !== 'string' || out.trim() === '') throw new CliError('missing --out FILE.xlsx');
    if (!/\.xlsx$/i.test(out)) throw new CliError(`--out must name an .xlsx file, not "${out}"`);
    const started = Date.now();
    // Written beside the target and renamed at the end, so a failure never leaves a half file under its name.
    const partial = `${out}.partial`;
    const config = commandConfig(values, io);
    // From SQLite the data sheets are written on a worker thread: started before this thread loads the writer and
    // the database drivers, it loads its own modules on the other core meanwhile (decision 006).
    if (!config.databaseUrl) startDataSheetWorkerEarly();
    // The writer's modules and the store's load side by side: one's files are read while the other compiles.
    const writer = import('../../master/master-workbook');
    // Awaited once the store is open; a store that cannot open fails the command first.
    writer.catch(() => undefined);
    const metrics = await withStore(config, async (store) => {
      const { writeMasterWorkbook } = await writer;
      const opts = await reportFromFlags(values, store);
      const file = createWriteStream(partial);
      try {
        // Open before any row is read: a folder that cannot take the file fails at once, and its error never
        // arrives before the writer listens for it.
        await once(file, 'open').catch((e: unknown) => {
          throw cannotWrite(out, e);
        });
        // A one-shot process: nothing waits on the collections that keep its peak down.
        const m = await writeMasterWorkbook(store, opts, file, {}, { collectSpentBuffers: true });
        await finished(file);
        await rename(partial, out);
        return m;
      } catch (e) {
        file.destroy();
        await rm(partial, { force: true });
        if (isErrorType(e, WorkbookError) && e.code === 'output-failed') throw cannotWrite(out, e.cause ?? e);
        throw e;
      }
    });
    const count = (k: TableName) => metrics.sources.reduce((a, s) => a + s[k], 0);
    const tables = TABLE_NAMES.map((t) => counted(count(t), TABLES[t].noun)).join(', ');
    io.out(`Wrote ${out} (as of ${shortDay(metrics.asOf)}): ${tables} from ${counted(metrics.sources.length, 'source')} `
      + `in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    return 0;
  },
};
