// CPU time of processes the bench does not run inside its own (the served service, PostgreSQL's backend),
// read from /proc, so a figure can say how much CPU its work took on every core and thus how fast this
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
export function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name may hold spaces: fields are counted after its closing parenthesis; utime and stime are
  // fields 14 and 15 of proc(5), the 12th and 13th after it.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** The least wall time `cpuSeconds` of work can take on this machine: every core busy all along. */
export const floorSeconds = (cpuSeconds: number) => cpuSeconds / availableParallelism();
