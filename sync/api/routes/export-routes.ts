// `GET /api/v1/export/master.xlsx`: the master workbook, streamed as it is written. Everything that can fail
// on bad input (filters, metrics) happens before the first byte, so those failures are still clean 4xx; a failure
// once the bytes flow can only abort the download, and it does so in a way no client takes for a whole file.
import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { isHttp10, resetConnection } from '../abort-connection';
import { requestReport } from './metrics-routes';
import type { ReportDeps } from '../../metrics/report-query';
import { writeWorkbook, writeWorkbookToBuffer } from '../../workbook/write-workbook';
import { buildMasterPlan, masterFileName } from '../../master/master-workbook';

import { EXPORT_PATH } from '../browser-paths';

export { EXPORT_PATH };
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const reportToStderr = (e: unknown) => process.stderr.write(`equity-desk: a master workbook download was aborted: ${(e as Error)?.stack ?? String(e)}\n`);

export function exportRoutes(deps: ReportDeps): Hono {
  return new Hono().get(EXPORT_PATH, async (c) => {
    const opts = await requestReport(c, deps);
    const { plan } = await buildMasterPlan(deps.store, opts);
    const headers = {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${masterFileName(opts.asOf)}"`,
      'Cache-Control': 'no-store',
    };
    // Without chunked framing only a length can tell a short body from a whole one: built in memory first, so a
    // failure is still an error status.
    if (isHttp10(c.env)) return new Response(new Uint8Array(await writeWorkbookToBuffer(plan)), { headers });
    // A roomy buffer between the zip and the web stream: at the default 16 KB every few rows wait on a hand-over.
    const body = new PassThrough({ highWaterMark: 1 << 20 });
    // Once streaming has begun the status is sent: a failure can only cut the download short. The connection is
    // reset rather than closed, so every client sees an error instead of a complete-looking short file.
    writeWorkbook(plan, body).catch((e: unknown) => {
      (deps.reportError ?? reportToStderr)(e);
      resetConnection(c.env);
      body.destroy(e as Error);
    });
    return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, { headers });
  });
}
