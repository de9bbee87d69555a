// The workbook's date system (1900 or 1904), learnt by asking Excel's DATE for a day in the request a caller
// makes anyway, since Office.js has no released property that says it.
import { excelSerial, type DateSystem } from '../../shared/cells/excel-serial';
import { codeOf } from './office-errors';
import type { FunctionResult, RequestContext } from './office-types';

/**
 * The day DATE is asked for to learn the workbook's date system: any day both systems show. Workbook.use1904DateSystem
 * says it outright, but Office.js has it in preview only (ExcelApi BETA), so no Excel this add-in runs in has it.
 */
const PROBE_DAY = { year: 2000, month: 1, day: 1, iso: '2000-01-01' } as const;

/** Each request context's DATE of PROBE_DAY, queued with the request that came next after it was first asked. */
const probes = new WeakMap<RequestContext, FunctionResult<number>>();

/**
 * Queues, once per Excel.run, the question that tells the workbook's date system, to go with the request the caller
 * makes next: DATE (ExcelApi 1.2) answers a day's number as the workbook counts days.
 */
export function askDateSystem(context: RequestContext): void {
  if (!probes.has(context)) probes.set(context, context.workbook.functions.date(PROBE_DAY.year, PROBE_DAY.month, PROBE_DAY.day).load(['value', 'error']));
}

/**
 * The workbook's date system, as answered in a request already made (`askDateSystem`), or, asked too late or in a
 * request that failed and so loaded nothing, in one more. DATE answering the 1904 count of its day is 1904; any
 * other answer (an error value) is taken as 1900, Excel's default.
 */
export async function dateSystem(context: RequestContext): Promise<DateSystem> {
  const answered = (probe: FunctionResult<number>): DateSystem => (probe.error == null && probe.value === excelSerial(PROBE_DAY.iso, 1904) ? 1904 : 1900);
  const probe = probes.get(context);
  if (probe) {
    try {
      return answered(probe);
    } catch (e) {
      if (codeOf(e) !== 'PropertyNotLoaded') throw e;
      probes.delete(context);
    }
  }
  askDateSystem(context);
  await context.sync();
  return answered(probes.get(context)!);
}
