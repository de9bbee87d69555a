// Preloaded into a measured process (`node --import ./peak-report.mjs …`), and so into each worker thread it
// starts: as the process exits, prints its peak RSS and CPU time as the last line of stderr, with the CPU time
// of each JavaScript thread named by the file it runs, so a command that works on a worker (`export`) is not
// read off the main thread that only waits for it. Plain JavaScript, so measuring loads nothing else.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BroadcastChannel, isMainThread } from 'node:worker_threads';

/** CPU seconds of the thread calling, where Linux tells. */
function threadCpuSeconds() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

/** This thread: the file it runs, relative to the working folder (`bin/equity-desk.mjs`), and whether it is the main one. */
const thread = { runs: process.argv[1] ? relative(process.cwd(), process.argv[1]) : '(eval)', main: isMainThread };

// A worker says its CPU time as it ends, while it still can read it; a worker stopped from outside says
// nothing, and its time stays in the process's total only.
const ended = [];
const channel = new BroadcastChannel('peak-report');
if (isMainThread) channel.onmessage = ({ data }) => ended.push(data);
channel.unref();

process.on('exit', () => {
  const own = { ...thread, cpuSeconds: threadCpuSeconds() };
  if (!isMainThread) {
    channel.postMessage(own);
    return;
  }
  const u = process.resourceUsage();
  const threads = [own, ...ended].filter((t) => t.cpuSeconds !== undefined);
  const report = { peakRssMb: Math.round(u.maxRSS / 1024), cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, threads };
  process.stderr.write(`\n${JSON.stringify(report)}\n`);
});
