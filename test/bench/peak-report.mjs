// Preloaded into a measured process (`node --import ./peak-report.mjs …`): as it exits, prints its peak
// RSS and CPU time as the last line of stderr. Plain JavaScript, so measuring loads nothing else.
import { readFileSync } from 'node:fs';

/**
 * CPU seconds of the thread running the exit handler (the main thread), where Linux tells: the rest of
 * the process's CPU time ran on other threads (zlib's deflate, V8's helpers, workers).
 */
function mainThreadCpuSeconds() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return undefined;
  }
}

process.on('exit', () => {
  const u = process.resourceUsage();
  const report = { peakRssMb: Math.round(u.maxRSS / 1024), cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6, mainThreadCpuSeconds: mainThreadCpuSeconds() };
  process.stderr.write(`\n${JSON.stringify(report)}\n`);
});
