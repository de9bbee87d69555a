// Building the master workbook and publishing it: the one path both `publish` and the service's schedule take,
// so a file published by hand and one published on a schedule never differ.
import { buildMasterPlan, masterFileName, type MasterStore } from '../master/master-workbook';
import type { MetricsOptions } from '../metrics/aggregate-metrics';
import { writeWorkbookToBuffer } from '../workbook/write-workbook';
import { FilePublisher } from './file-publisher';
import { GraphPublisher } from './graph-publisher';
import { driveRoot, type GraphSettings } from './graph-settings';
import type { Publisher, PublishResult } from './publisher';

/** Where the master workbook goes: a folder, or OneDrive/SharePoint with complete Graph settings. */
export type PublishDestination = { folder: string } | { graph: GraphSettings };

export interface PublishTarget {
  publisher: Publisher;
  /** Graph replaces one named file; a folder gets one dated file a day (`masterFileName`). */
  fileName?: string;
  /** Where files go, for people: a folder path, or the drive, folder and file name. Never a secret. */
  where: string;
}

/** Made once and reused, so the schedule's runs share one Graph client and its cached token. */
export function openDestination(to: PublishDestination): PublishTarget {
  if ('folder' in to) {
    const publisher = new FilePublisher(to.folder);
    return { publisher, where: `the folder ${publisher.directory}` };
  }
  const { graph } = to;
  const folder = graph.folder ? `/${graph.folder}` : '';
  return {
    publisher: new GraphPublisher({ settings: graph }),
    fileName: graph.fileName,
    where: `Microsoft Graph ${new URL(graph.baseUrl).host}${driveRoot(graph)}/root:${folder}/${graph.fileName}`,
  };
}

export interface PublishedMaster {
  name: string;
  bytes: number;
  result: PublishResult;
}

/** Builds the master workbook for `opts` and publishes it. Throws `PublishError` when publishing fails. */
export async function publishMaster(store: MasterStore, opts: MetricsOptions, target: PublishTarget): Promise<PublishedMaster> {
  const { plan } = await buildMasterPlan(store, opts);
  // In memory: Graph needs the length up front, and the simple-or-session choice depends on it.
  const content = await writeWorkbookToBuffer(plan);
  const name = target.fileName ?? masterFileName(opts.asOf);
  return { name, bytes: content.byteLength, result: await target.publisher.publish(name, content) };
}

const METHODS = { simple: 'one upload', 'upload-session': 'an upload session', file: 'a file copy' } as const;

/** One sentence for the CLI and the service log: `Published x.xlsx (12,345 bytes) to … with one upload: https://…` */
export function describePublished({ name, bytes, result }: PublishedMaster): string {
  return `Published ${name} (${bytes.toLocaleString('en-US')} bytes) to ${result.location} with ${METHODS[result.method]}${result.webUrl ? `: ${result.webUrl}` : '.'}`;
}
