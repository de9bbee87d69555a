// The queue of one that the largest sync bodies wait in: turns are taken in arrival order, never two at
// once, and a turn that fails still ends (the next one runs).
import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, test } from 'vitest';
import { OneAtATime } from '../../../sync/api/one-at-a-time';

describe('OneAtATime', () => {
  test('runs turns one after another, in arrival order, even when one throws', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    let inside = 0;
    const work = async (name: string, fail = false) => {
      const end = await queue.turn();
      try {
        inside++;
        expect(inside).toBe(1);
        log.push(`start ${name}`);
        await nextTurn();
        await nextTurn();
        if (fail) throw new Error(name);
        log.push(`end ${name}`);
      } finally {
        inside--;
        end();
      }
    };
    const results = await Promise.allSettled([work('a'), work('b', true), work('c')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(log).toEqual(['start a', 'end a', 'start b', 'start c', 'end c']);
  });
});
