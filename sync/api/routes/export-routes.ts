// `GET /api/v1/export/master.xlsx`: the master workbook, streamed as it is written. Everything that can fail
// on bad input (filters, metrics) happens before the first byte, so those failures are still clean 4xx.
import { PassThrough, Readable } from 'node:stream';
import { Hono } from 'hono';
import { requestReport } from './metrics-routes';
import type { ReportDeps } from '../../metrics/report-query';
import { writeWorkbook } from '../../workbook/write-workbook';
import { buildMasterPlan, masterFileName } from '../../master/master-workbook';

import { EXPORT_PATH } from '../browser-paths';

export { EXPORT_PATH };
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function exportRoutes(deps: ReportDeps): Hono {
  return new Hono().get(EXPORT_PATH, async (c) => {
    const opts = await requestReport(c, deps);
    const { plan } = await buildMasterPlan(deps.store, opts);
    // A roomy buffer between the zip and the web stream: at the default 16 KB every few rows wait on a hand-over.
    const body = new PassThrough({ highWaterMark: 1 << 20 });
    // Once streaming has begun the status is sent: a failure can only cut the download short, which
    // the client sees as a broken file rather than a wrong one.
    writeWorkbook(plan, body).catch((e: unknown) => body.destroy(e as Error));
    return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
      headers: {
        'Content-Type': XLSX_TYPE,
        'Content-Disposition': `attachment; filename="${masterFileName(opts.asOf)}"`,
        'Cache-Control': 'no-store',
      },
    });
  });
}
