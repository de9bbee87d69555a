// A table's changes split into requests: deletions and moves first, then each sheet's rows, at most CHUNK_ROWS
// items a request.
import type { SyncRequest } from '../../shared/wire/sync-wire';

/** Rows per POST: under Apps Script's 50 MB fetch limit and the service's 5,000-row batches. */
export const CHUNK_ROWS = 2000;

export type OutRow = SyncRequest['rows'][number];
export type Move = NonNullable<SyncRequest['moved']>[number];

/** One request's worth: deletions and moves first, then rows of one sheet at a time (each sheet has its own context). */
export interface Post { deleted: string[]; moved: Move[]; rows: OutRow[]; sheet?: number }
const sizeOf = (p: Post) => p.deleted.length + p.moved.length + p.rows.length;

/** Splits the table's changes into requests of at most CHUNK_ROWS items, which the service counts alike. */
export function postsOf(deleted: readonly string[], moved: readonly Move[], rowsBySheet: readonly OutRow[][]): Post[] {
  const posts: Post[] = [];
  const room = (sheet?: number) => {
    const last = posts[posts.length - 1];
    if (last && sizeOf(last) < CHUNK_ROWS && (sheet === undefined || last.sheet === undefined || last.sheet === sheet)) return last;
    const post: Post = { deleted: [], moved: [], rows: [] };
    posts.push(post);
    return post;
  };
  for (const id of deleted) room().deleted.push(id);
  for (const m of moved) room().moved.push(m);
  rowsBySheet.forEach((rows, sheet) => {
    for (const row of rows) {
      const post = room(sheet);
      post.sheet = sheet;
      post.rows.push(row);
    }
  });
  return posts;
}
