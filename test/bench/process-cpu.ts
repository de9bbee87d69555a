// CPU time of processes the bench does not run inside its own (the served service, PostgreSQL's backend),
// and of the bench's own event loop, read from /proc, so a figure can say how much CPU its work took on every core and thus how fast this
// machine could do it at best: its CPU seconds spread over all cores.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

let ticks: number | undefined;
/** Clock ticks per second, the unit of /proc's CPU times (100 on every Linux we know, but asked). */
function clockTicks(): number {
  return (ticks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100);
}

/** CPU seconds (user and system, all its threads) that process `pid` has used so far. */
export const processCpuSeconds = (pid: number): number => cpuSeconds(`/proc/${pid}/stat`);

/** CPU seconds that the main thread of process `pid` alone has used so far (for Node, its event loop). */
export const mainThreadCpuSeconds = (pid: number): number => cpuSeconds(`/proc/${pid}/task/${pid}/stat`);

/**
 * Seconds the main thread of process `pid` has spent ready to run but waiting for a core (other processes
 * had them), from /proc's schedstat; undefined where the kernel keeps no such count.
 */
export function mainThreadRunQueueSeconds(pid: number): number | undefined {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return undefined;
  }
}

function cpuSeconds(path: string): number {
  const stat = readFileSync(path, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis; utime and stime are
  // fields 14 and 15 of proc(5), the 12th and 13th after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** CPU milliseconds this process spends in `fn` (all threads: worker pools, better-sqlite3 and the GC included). */
export async function cpuMs(fn: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/** The least wall time `cpuSeconds` of work can take on this machine: every core busy all along. */
export const floorSeconds = (cpuSeconds: number) => cpuSeconds / availableParallelism();
