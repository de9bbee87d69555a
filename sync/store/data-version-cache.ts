// Reports remembered until the stored data changes. Working one out reads every row or the whole history
// (seconds for a large store: see the master bench); committee members open the dashboard, the metrics
// and the changes again and again between syncs, and each view would otherwise read it all again.
import type { RowStore } from './row-store';

/**
 * `compute` wrapped so that equal options over the same `dataVersion` give the same answer without a
 * second read; the last `size` answers are kept, and callers asking while one is being computed share
 * it. Callers must not change what they get: other requests read the same object.
 */
export function cachedByDataVersion<O, R>(store: Pick<RowStore, 'dataVersion'>, compute: (opts: O) => Promise<R>, size = 16): (opts: O) => Promise<R> {
  const answers = new Map<string, Promise<R>>();
  return async (opts) => {
    const key = `${await store.dataVersion()}\u0000${JSON.stringify(opts)}`;
    let answer = answers.get(key);
    if (answer) answers.delete(key);
    else {
      answer = compute(opts);
      // A failed read is not remembered: the next request tries again.
      answer.catch(() => answers.delete(key));
    }
    answers.set(key, answer);
    for (const oldest of answers.keys()) {
      if (answers.size <= size) break;
      answers.delete(oldest);
    }
    return answer;
  };
}
