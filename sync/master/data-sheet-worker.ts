// The worker thread of data-sheet-thread.ts: each data sheet's rows, read by the command's thread and sent here a
// block at a time, fed to the metrics, made into cells by the same plan as on the main thread and written as UTF-8
// XML, at most `window` blocks ahead of the zip.
import { parentPort, workerData } from 'node:worker_threads';
import type { TableName } from '../../shared/index';
import { continuedSheetName, type CellKind, type RowLayout } from '../../shared/workbook-plan';
import { MetricsAccumulator } from '../metrics/aggregate-metrics';
import { sheetRows, type SheetRow } from '../store/stored-row';
import { RowXml } from '../workbook/row-xml';
import { SharedStringTable } from '../workbook/shared-string-table';
import { Utf8Rows } from '../workbook/utf8-rows';
import type { DataSheetReply, DataSheetRequest, DataSheetSession, DataSheetWorkerData } from './data-sheet-thread';
import { keepLongTexts, type LongText } from './long-texts-sheet';
import { masterRows } from './data-sheets';

const { blockRows, window, bufferBytes, idleMs } = workerData.data as DataSheetWorkerData;
const port = parentPort!;
/** What the main thread's first request names; every later one reads from it. */
let session: DataSheetSession & { acc: MetricsAccumulator; longTexts: LongText[]; clipped: ReturnType<typeof keepLongTexts>['clipped'] };

let credit = 0;
let stopped = false;
let wake: (() => void) | undefined;
const reply = (m: DataSheetReply, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

/**
 * Buffers the main thread has handed back. Each block goes over in one of `window` buffers that travel back and
 * forth, not in a fresh one: spent buffers live outside V8's heap, which collects them late, and fresh ones per
 * block piled up between collections into a good part of the export's peak memory (decision 006).
 */
const spare: ArrayBuffer[] = [];

/** The block's rows as UTF-8, in a buffer handed over rather than copied. */
const block = new Utf8Rows(bufferBytes, () => Buffer.from(spare.pop() ?? new ArrayBuffer(bufferBytes)));

/** The sheet's blocks of rows (JSON texts) sent and not yet taken, and whether its last block has come. */
const fed: string[] = [];
let fedLast = false;

/** The sheet's rows a block at a time: one wait per block, none per row. */
async function* rowBlocks<T extends TableName>(table: T): AsyncGenerator<SheetRow<T>[]> {
  for (;;) {
    while (fed.length === 0 && !fedLast && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    const json = fed.shift();
    if (stopped || json === undefined) return;
    reply({ taken: true });
    yield sheetRows(table, json);
  }
}

async function writeSheet<T extends TableName>(table: T, layout: RowLayout): Promise<void> {
  const { metrics, acc, clipped, words } = session;
  credit = window;
  fedLast = false;
  const sheet = masterRows(table, { ...metrics, clipped, words });
  let nextString = layout.sharedStrings.texts.length;
  let fresh: string[] = [];
  const strings = new SharedStringTable((text) => (fresh.push(text), nextString++), layout.sharedStrings.texts, layout.sharedStrings.room);
  const styleId = (col: number, kind: CellKind) => {
    const id = layout.styleIds[col]?.[kind];
    if (id === undefined) throw new Error(`${sheet.name}: no style for a ${kind} cell in column ${col + 1}`);
    return id;
  };
  // A sheet's XML of its own, named for it: a clipped text's marker names its cell, on `Requests (2)` as on `Requests`.
  const sheetXml = (part: number) => new RowXml(part === 1 ? sheet.name : continuedSheetName(sheet.name, part), sheet.columns, { column: styleId, row: () => { throw new Error('data rows have no row style'); } }, strings, clipped);
  let xml = sheetXml(1);
  const send = async (rowCount: number) => {
    while (credit === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    if (stopped) return;
    credit--;
    const bytes = block.take();
    reply({ block: { xml: bytes, rows: rowCount, strings: fresh } }, [bytes.buffer as ArrayBuffer]);
    fresh = [];
  };
  // A block ends at a sheet's last row, where the writer starts the table's next sheet and its row numbers again.
  const perSheet = layout.rowsPerSheet - layout.firstRow + 1;
  let written = 0;
  let inBlock = 0;
  for await (const rows of rowBlocks(table)) {
    for (const r of rows) {
      acc.add(table, r);
      const cells = sheet.cells(r);
      if (!cells) continue;
      xml.add(layout.firstRow + (written % perSheet), cells, true);
      const row = xml.take();
      // A row that might not fit what is left of the buffer starts the next block.
      if (!block.fits(row)) {
        await send(inBlock);
        inBlock = 0;
        if (stopped) return;
      }
      block.add(row);
      written++;
      if (++inBlock === blockRows || written % perSheet === 0) {
        await send(inBlock);
        inBlock = 0;
        if (stopped) return;
        if (written % perSheet === 0) xml = sheetXml(written / perSheet + 1);
      }
    }
  }
  if (inBlock) await send(inBlock);
  if (!stopped) reply({ done: true });
}

/**
 * The worker ends when no request follows `idleMs` after a sheet: a write that failed before its next sheet began
 * never says so (an unstarted generator runs no cleanup), and the service would keep a worker per such download.
 * Before its first sheet it waits as long as it takes: the main thread sends the first request with the session, or,
 * having started it early, once the store is open, however slowly that goes; unreferenced, it never holds a process.
 */
let idle: NodeJS.Timeout | undefined;
const waitForNext = () => {
  clearTimeout(idle);
  idle = setTimeout(() => port.close(), idleMs);
};

/** A failure ends the worker: the main thread's write fails with it. */
function fail(e: unknown): void {
  reply({ error: String((e as Error)?.message ?? e) });
  port.close();
}

port.on('message', (m: DataSheetRequest) => {
  clearTimeout(idle);
  if (m === 'cancel') {
    stopped = true;
    wake?.();
    port.close();
  } else if (m === 'finish') {
    reply({ results: { metrics: session.acc.finish(), longTexts: session.longTexts } });
    port.close();
  } else if ('open' in m) {
    const acc = new MetricsAccumulator(m.open.metrics);
    for (const s of m.open.sources) acc.source(s.id, s.name);
    const { kept: longTexts, clipped } = keepLongTexts();
    session = { ...m.open, acc, longTexts, clipped };
  } else if ('rows' in m) {
    fed.push(m.rows);
    fedLast = m.last;
    wake?.();
  } else if ('more' in m) {
    if (m.more.byteLength === bufferBytes) spare.push(m.more);
    credit++;
    wake?.();
  } else writeSheet(m.table, m.layout).then(() => stopped || waitForNext(), fail);
});
