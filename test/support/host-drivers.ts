// The two ways a host drives the add-on core (addon/core/task.ts): Apps Script's ports answer at once and
// runSync runs the task; Office.js's answer with promises and runAsync awaits them. Use-case tests run
// under both, the asynchronous one over the same fakes with every port call deferred to a later turn.
import { runAsync, runSync, type Task } from '../../addon/core/task';

export interface HostDriver {
  label: string;
  /** Runs a use-case to its end; always a promise here, so one test body serves both hosts. */
  run<T>(task: Task<T>): Promise<T>;
  /** The port as this host would hand it over: itself, or with each call answered by a promise. */
  host<P extends object>(port: P): P;
}

/** Calls that stay immediate on every host: pure conversions and layouts, not I/O. */
const IMMEDIATE = new Set<PropertyKey>(['isoFromDate', 'isProtectedError', 'printedLayout']);

/** The port with every method answering later, as Office.js does after `context.sync()`. */
export function deferred<P extends object>(port: P): P {
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || IMMEDIATE.has(prop)) return value;
      return (...args: unknown[]) => new Promise((resolve) => setTimeout(resolve, 0)).then(() => value.apply(target, args));
    },
  });
}

export const HOST_DRIVERS: readonly HostDriver[] = [
  { label: 'synchronous host (Apps Script)', run: async (task) => runSync(task), host: (port) => port },
  { label: 'asynchronous host (Office.js)', run: runAsync, host: deferred },
];
