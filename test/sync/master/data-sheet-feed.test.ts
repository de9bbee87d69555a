// The master's data sheets from SQLite: the export's thread steps each sheet's query and sends the rows to the
// data-sheet worker a block at a time as the worker takes them. A read that fails after the first blocks fails the
// export with SQLite's reason, and a sheet the writer leaves early lets go of its read snapshot.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEFAULT_RULES } from '../../../shared/index';
import { EXCEL_MAX_ROWS, type RowLayout } from '../../../shared/workbook-plan';
import { BLOCK_ROWS, dataSheetThread } from '../../../sync/master/data-sheet-thread';
import { writeMasterWorkbook, type MasterStore } from '../../../sync/master/master-workbook';
import { openStore } from '../../../sync/store/open-store';
import type { RowStore } from '../../../sync/store/row-store';
import { AS_OF } from '../metrics/demand-rows';

/** Far more blocks than are read ahead of the worker, so the rows that fail or stop are read as it takes blocks. */
const ROWS = 30 * BLOCK_ROWS;
const at = new Date(`${AS_OF}T08:00:00Z`);
let dir: string;
let store: RowStore;
let sourceId: string;

const request = (i: number, status = 'New') => ({
  rowId: `R${i}`, sheetRow: i + 2, hash: `${i}:${status}`,
  values: { requestId: `TA-${i}`, receivedOn: '2026-01-05', requesterOrg: `Org ${i}`, status, description: `Request ${i} `.repeat(40) },
});

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'equity-desk-sheet-feed-'));
  store = await openStore({ dataDir: dir });
  sourceId = (await store.createPrincipal({ kind: 'source', name: 'Intake' })).principal.id;
  const upserts = Array.from({ length: ROWS }, (_, i) => request(i));
  await store.applyBatch({ sourceId, table: 'requests', upserts, deletes: [], full: false, rejected: [], at });
});

afterAll(async () => {
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

const write = (s: MasterStore, out: Writable) => writeMasterWorkbook(s, { asOf: AS_OF, rules: DEFAULT_RULES }, out);
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });

describe('data sheets read on the export\'s thread', () => {
  test('a read that fails part way through a sheet fails the export with SQLite\'s reason', async () => {
    const reads = store.threadReads!;
    // SQLite refuses the absolute value of the smallest integer: the query fails at that row.
    const failing: MasterStore = {
      ...store,
      threadReads: {
        ...reads,
        rowsQuery(table, opts) {
          const query = reads.rowsQuery(table, opts);
          if (!query || table !== 'requests') return query;
          return { sql: `select * from (${query.sql}) where case when instr(row_json, ?) then abs(-9223372036854775808) else 1 end`, parameters: [...query.parameters, `,"R${ROWS / 2}",`] };
        },
      },
    };
    await expect(write(failing, discard())).rejects.toThrow('integer overflow');
    // The same store still exports whole.
    await expect(write(store, discard())).resolves.toMatchObject({ demand: { total: ROWS } });
  }, 60_000);

  test('a sheet the writer leaves early (a failure) lets go of its read snapshot', async () => {
    const thread = dataSheetThread(store.threadReads!, { asOf: AS_OF, rules: DEFAULT_RULES }, [{ id: sourceId, name: 'Intake' }]);
    const layout: RowLayout = {
      firstRow: 2, rowsPerSheet: EXCEL_MAX_ROWS, sharedStrings: { texts: [], room: EXCEL_MAX_ROWS },
      styleIds: Array.from({ length: 64 }, () => ({ number: 1, string: 1, date: 1, boolean: 1 })),
    };
    let blocks = 0;
    for await (const block of thread.rows('requests').encoded(layout)) {
      expect(block.rows).toBe(BLOCK_ROWS);
      if (++blocks === 10) break;
    }
    // A write after the export's snapshot, then a checkpoint that empties the write-ahead log: one that cannot
    // wait (timeout 0) is busy while any reader still holds a snapshot older than the write.
    await store.applyBatch({ sourceId, table: 'requests', upserts: [request(0, 'Triaged')], deletes: [], full: false, rejected: [], at });
    const db = new Database(store.threadReads!.file, { timeout: 0 });
    try {
      // The store checkpoints after its own writes too: while it does, this one cannot start (log -1).
      const checkpoint = async () => {
        for (let tries = 0; ; tries++) {
          const [result] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number; log: number }[];
          if (result.log !== -1 || tries === 100) return result;
          await setTimeout(50);
        }
      };
      expect(await checkpoint()).toMatchObject({ busy: 0, log: 0 });
    } finally {
      db.close();
    }
  }, 60_000);
});
