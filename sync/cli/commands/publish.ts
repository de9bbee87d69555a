// `publish [--folder DIR] [filters]`: builds the master workbook and uploads it to OneDrive/SharePoint through
// Microsoft Graph (settings from EQUITY_DESK_GRAPH_* variables), or copies it into a folder with --folder.
import { isErrorType } from '../../../shared/typed-error';
import { fromEnv } from '../../publish/graph-settings';
import { PublishError } from '../../publish/publish-error';
import { describePublished, openDestination, publishMaster, type PublishTarget } from '../../publish/publish-master';
import { CliError, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { REPORT_USAGE, reportFlags, reportFromFlags } from './report-flags';

export const publishCommand: Command = {
  name: 'publish',
  summary: 'upload the master workbook through Microsoft Graph (EQUITY_DESK_GRAPH_* settings), or into --folder',
  usage: `publish [--folder DIR] [--verbose] ${REPORT_USAGE} [--data DIR]`,
  options: {
    ...storageOptions,
    ...reportFlags,
    folder: { type: 'string', value: 'DIR', help: 'copy the master workbook into this folder instead of uploading it' },
    verbose: { type: 'boolean', default: false, help: 'when publishing fails, print what Microsoft Graph answered' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    // Settings are checked before any work, so a missing variable fails in a second, not after the build.
    let target: PublishTarget;
    try {
      target = openDestination(typeof values.folder === 'string' ? { folder: values.folder } : { graph: fromEnv(io.env) });
    } catch (e) {
      if (isErrorType(e, PublishError)) throw new CliError(`${e.message} Set them, or publish into a folder with --folder DIR.`);
      throw e;
    }
    const published = await withStore(commandConfig(values, io), async (store) => {
      const opts = await reportFromFlags(values, store);
      try {
        return await publishMaster(store, opts, target);
      } catch (e) {
        if (isErrorType(e, PublishError)) {
          throw new CliError(`publishing failed (${e.code}): ${e.message}`, e.code === 'invalid-name' ? 2 : 1, values.verbose === true ? e.verboseText : undefined);
        }
        throw e;
      }
    });
    io.out(describePublished(published));
    return 0;
  },
};
