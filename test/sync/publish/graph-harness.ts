// Builds GraphPublishers aimed at the local Graph stand-in, each in its own folder so tests never share files.
import { randomUUID } from 'node:crypto';
import { GraphPublisher, type GraphPublisherOptions } from '../../../sync/publish/graph-publisher';
import { graphSettingsSchema } from '../../../sync/publish/graph-settings';
import type { GraphServer, RecordedRequest, RequestKind } from '../../fakes/graph-server';

export const DRIVE = 'drive-equity';

/** Fast retries: a test that waits, waits because the server said so. */
export const FAST_RETRY = { baseDelayMs: 10, maxDelayMs: 50, maxAttempts: 4 };

export function graphPublisher(
  server: GraphServer,
  settings: Record<string, unknown> = {},
  options: Omit<GraphPublisherOptions, 'settings'> = {},
) {
  const folder = `Equity/${randomUUID()}`;
  const parsed = graphSettingsSchema.parse({
    tenantId: server.tenantId,
    clientId: server.clientId,
    clientSecret: server.clientSecret,
    driveId: DRIVE,
    folder,
    baseUrl: server.origin,
    authorityHost: server.origin,
    ...settings,
  });
  const publisher = new GraphPublisher({ agent: server.agent(), retry: FAST_RETRY, ...options, settings: parsed });
  const read = async (name: string) => server.file(`drives/${DRIVE}`, `/${parsed.folder}/${name}`);
  return { publisher, read, folder: parsed.folder };
}

/** Content that is not all zeros, so a misplaced range changes the bytes. */
export const randomish = (size: number) => {
  const bytes = Buffer.alloc(size);
  for (let i = 0, x = 2463534242; i < size; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
    bytes[i] = x & 0xff;
  }
  return bytes;
};

export const ofKind = (server: GraphServer, kind: RequestKind): RecordedRequest[] => server.requests.filter((r) => r.kind === kind);
