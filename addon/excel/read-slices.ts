// Reads sized to Excel on the web's request limit: a block loaded in row slices, each as large as the bytes
// the rows read so far say fits, halved when Excel still finds one too large.
import { codeOf } from './office-errors';
import type { RequestContext, Worksheet } from './office-types';

/**
 * Cells loaded per read request at most, whether with two properties (values, number formats) or four (formulas and
 * value types too), so a table's formulas and value types cost no extra request. A slice Excel finds too large is
 * halved, and the slices after it are sized by the bytes the rows read so far took (`READ_BYTES`): a template's
 * priority and reason formulas run to thousands of characters a row.
 */
const READ_CELLS = 20_000;
/** What a read's answer may hold, as JSON, once a slice has shown what its rows take: the 5 MB limit less room for framing. */
const READ_BYTES = 4_000_000;

/** About what a slice's cells take in a read's JSON answer: a text's characters and quotes, a number's digits. */
function answerBytes(rows: readonly (readonly unknown[])[]): number {
  let bytes = 0;
  for (const row of rows) for (const cell of row) bytes += typeof cell === 'string' ? cell.length + 3 : 8;
  return bytes;
}

/** Office.js says a request, or its answer, was too large with these codes (RichApi.Error). */
const isTooLarge = (e: unknown) => /^(Request|Response)PayloadSizeLimitExceeded$/.test(String(codeOf(e) ?? ''));

/**
 * Loads `properties` of a block in row slices, halving a slice Excel finds too large. `withFirst` queues
 * other loads into the first slice's request, again on each retry: a request that fails loads nothing.
 */
export async function loadRows<K extends 'values' | 'numberFormat' | 'formulas' | 'valueTypes'>(
  context: RequestContext,
  sheet: Worksheet,
  block: { row: number; column: number; numRows: number; numColumns: number },
  properties: readonly K[],
  withFirst?: () => void,
): Promise<Record<K, unknown[][]>> {
  const out = Object.fromEntries(properties.map((p) => [p, [] as unknown[][]])) as Record<K, unknown[][]>;
  const mostRows = Math.max(1, Math.floor(READ_CELLS / block.numColumns));
  let sliceRows = mostRows;
  let first = withFirst;
  for (let done = 0; done < block.numRows; ) {
    const take = Math.min(sliceRows, block.numRows - done);
    first?.();
    const range = sheet.getRangeByIndexes(block.row - 1 + done, block.column - 1, take, block.numColumns).load([...properties]);
    try {
      await context.sync();
    } catch (e) {
      if (!isTooLarge(e) || take === 1) throw e;
      sliceRows = Math.ceil(take / 2);
      continue;
    }
    first = undefined;
    let bytes = 0;
    for (const p of properties) {
      const rows = range[p] as unknown[][];
      bytes += answerBytes(rows);
      out[p].push(...rows);
    }
    done += take;
    // The next slice as large as the rows read so far say fits, so long formulas cost one halving, not every slice after it.
    sliceRows = Math.max(1, Math.min(mostRows, Math.floor((READ_BYTES * take) / Math.max(bytes, 1))));
  }
  return out;
}
