// The master workbook written to memory and read back, with the metrics its Summary shows.
import { PassThrough } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { MetricsOptions } from '../../sync/metrics/aggregate-metrics';
import type { DemandMetrics } from '../../sync/metrics/metrics-schema';
import { writeMasterWorkbook, type MasterStore } from '../../sync/master/master-workbook';

export async function masterInMemory(store: MasterStore, opts: MetricsOptions): Promise<{ shown: DemandMetrics; book: ExcelJS.Workbook }> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const shown = await writeMasterWorkbook(store, opts, sink);
  sink.end();
  await finished(sink);
  return { shown, book: await new ExcelJS.Workbook().xlsx.load(Buffer.concat(chunks) as unknown as ExcelJS.Buffer) };
}
