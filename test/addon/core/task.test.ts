// The two drivers of the add-on core: the same task runs to the same answer whether its ports answer at
// once or with promises, failures reach the task's own `finally`, and a promise in a synchronous host is
// refused instead of being passed on as if it were the answer.
import { describe, expect, test } from 'vitest';
import { io, runAsync, runSync, sequence, type Io, type Task } from '../../../addon/core/task';

interface Counter {
  next(): Io<number>;
  release(): Io<void>;
}

function* countTwice(port: Counter, log: string[]): Task<number> {
  try {
    const [a, b] = yield* sequence([io(port.next()), io(port.next())]);
    return a * 10 + b;
  } finally {
    yield* io(port.release());
    log.push('released');
  }
}

const counter = (fail = false) => {
  let n = 0;
  return {
    next: () => {
      if (fail && n === 1) throw new Error('the host went away');
      return ++n;
    },
    release: () => undefined,
  };
};

const later = <T>(make: () => T): Promise<T> => new Promise((resolve) => setTimeout(resolve, 0)).then(make);

describe('task drivers', () => {
  test('give the same answer for a host that answers at once and one that answers with promises', async () => {
    const log: string[] = [];
    expect(runSync(countTwice(counter(), log))).toBe(12);
    const sync = counter();
    const promised: Counter = { next: () => later(sync.next), release: () => later(sync.release) };
    expect(await runAsync(countTwice(promised, log))).toBe(12);
    expect(log).toEqual(['released', 'released']);
  });

  test('throw a failed call inside the task, so its finally runs, on both hosts', async () => {
    const log: string[] = [];
    expect(() => runSync(countTwice(counter(true), log))).toThrow('the host went away');
    const failing = counter(true);
    const promised: Counter = { next: () => later(failing.next), release: () => later(failing.release) };
    await expect(runAsync(countTwice(promised, log))).rejects.toThrow('the host went away');
    expect(log).toEqual(['released', 'released']);
  });

  test('refuse a promise in a synchronous host instead of handing it to the task as the answer', () => {
    const log: string[] = [];
    const promised: Counter = { next: () => Promise.resolve(1), release: () => undefined };
    expect(() => runSync(countTwice(promised, log))).toThrow(/answered with a promise in a synchronous host/);
    expect(log).toEqual(['released']);
  });
});
