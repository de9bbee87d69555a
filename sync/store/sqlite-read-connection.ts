// The connection one long query is read on, apart from the store's own: the store's streamed reads, on a worker
// thread (sqlite-read-worker.ts), and the master workbook's data sheets, on the export's thread (data-sheet-thread.ts).
import Database from 'better-sqlite3';

/** Read-only, so in WAL mode it keeps its snapshot without blocking the writer. */
export function readConnection(file: string): Database.Database {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    // A long read passes each page once, so a large page cache only grows the process: better-sqlite3's
    // default and the sort of rows into sheet order (which spills to disk past the cache) raised the
    // master workbook's peak memory well above SQLite's own default (decision 006 has the figures).
    db.pragma('cache_size = -2000');
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
