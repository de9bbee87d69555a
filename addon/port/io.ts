// What a port call returns: the answer itself (Apps Script, synchronous) or a promise of it (Office.js).
// The core waits for either the same way, `yield* io(call)` (addon/core/task.ts).

export type Io<T> = T | PromiseLike<T>;
