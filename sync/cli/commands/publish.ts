// `publish [--folder DIR] [filters]`: builds the master workbook and uploads it to OneDrive/SharePoint through
// Microsoft Graph (settings from EQUITY_DESK_GRAPH_* variables), or copies it into a folder with --folder.
import { buildMasterPlan, masterFileName } from '../../master/master-workbook';
import { FilePublisher } from '../../publish/file-publisher';
import { GraphPublisher } from '../../publish/graph-publisher';
import { fromEnv } from '../../publish/graph-settings';
import { isPublishError } from '../../publish/publish-error';
import type { Publisher } from '../../publish/publisher';
import { writeWorkbookToBuffer } from '../../workbook/write-workbook';
import { CliError, storageOptions, type Command } from '../command';
import { commandConfig, withStore } from '../command-store';
import { REPORT_USAGE, reportFlags, reportFromFlags } from './report-flags';

const METHODS = { simple: 'one upload', 'upload-session': 'an upload session', file: 'a file copy' } as const;

export const publishCommand: Command = {
  name: 'publish',
  summary: 'upload the master workbook through Microsoft Graph (EQUITY_DESK_GRAPH_* settings), or into --folder',
  usage: `publish [--folder DIR] ${REPORT_USAGE}`,
  options: { ...storageOptions, ...reportFlags, folder: { type: 'string' } },
  async run({ positionals, values }, io) {
    if (positionals.length) throw new CliError(`unexpected argument "${positionals[0]}"`);
    // Settings are checked before any work, so a missing variable fails in a second, not after the build.
    let target: { publisher: Publisher; name?: string };
    try {
      if (typeof values.folder === 'string') target = { publisher: new FilePublisher(values.folder) };
      else {
        const settings = fromEnv(io.env);
        target = { publisher: new GraphPublisher({ settings }), name: settings.fileName };
      }
    } catch (e) {
      if (isPublishError(e)) throw new CliError(`${e.message} Set them, or publish into a folder with --folder DIR.`);
      throw e;
    }
    const { bytes, name, result } = await withStore(commandConfig(values, io), async (store) => {
      const opts = await reportFromFlags(values, store);
      const { plan } = await buildMasterPlan(store, opts);
      const content = await writeWorkbookToBuffer(plan);
      const fileName = target.name ?? masterFileName(opts.asOf);
      try {
        return { bytes: content.byteLength, name: fileName, result: await target.publisher.publish(fileName, content) };
      } catch (e) {
        if (isPublishError(e)) throw new CliError(`publishing failed (${e.code}): ${e.message}`, e.code === 'invalid-name' ? 2 : 1);
        throw e;
      }
    });
    io.out(`Published ${name} (${bytes.toLocaleString('en-US')} bytes) to ${result.location} with ${METHODS[result.method]}${result.webUrl ? `: ${result.webUrl}` : '.'}`);
    return 0;
  },
};
