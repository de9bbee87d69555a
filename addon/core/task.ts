// One core, two hosts: every use-case that touches a port is a generator that yields what each port
// call gave back — the answer itself (Apps Script) or a promise of it (Office.js) — and is resumed with
// the answer. `runSync` drives it in Apps Script, where nothing may wait; `runAsync` awaits in Office.js.
// Why generators and not two copies or an async-only core: docs/decisions/009-one-core-two-hosts.md.

import type { Io } from '../port/io';

export type { Io };

/** A use-case in progress: it yields port answers-to-be and is resumed with each settled answer. */
export type Task<T> = Generator<Io<unknown>, T, unknown>;

/** Waits for one port call: `const grid = yield* io(port.readSheet(name))`. */
export function* io<T>(pending: Io<T>): Task<T> {
  return (yield pending) as T;
}

/** Runs the tasks one after another (ports are not safe to drive concurrently), answers in order. */
export function* sequence<T>(tasks: Iterable<Task<T>>): Task<T[]> {
  const out: T[] = [];
  for (const task of tasks) out.push(yield* task);
  return out;
}

const isThenable = (v: unknown): v is PromiseLike<unknown> =>
  (typeof v === 'object' || typeof v === 'function') && v !== null && typeof (v as { then?: unknown }).then === 'function';

/**
 * Drives a task whose ports answer at once (Apps Script). A port that answers with a promise is a
 * wiring mistake: it is thrown into the task, so its `finally` blocks (a held lock) still run.
 */
export function runSync<T>(task: Task<T>): T {
  let step = task.next();
  while (!step.done) {
    step = isThenable(step.value)
      ? task.throw(new TypeError('A port answered with a promise in a synchronous host; drive this task with runAsync.'))
      : task.next(step.value);
  }
  return step.value;
}

/** Drives a task whose ports answer with promises (Office.js); a rejected call is thrown inside the task. */
export async function runAsync<T>(task: Task<T>): Promise<T> {
  let step = task.next();
  while (!step.done) {
    let answer: unknown;
    try {
      answer = await step.value;
    } catch (e) {
      step = task.throw(e);
      continue;
    }
    step = task.next(answer);
  }
  return step.value;
}
