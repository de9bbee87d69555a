// Preloaded into a measured process (`node --import ./peak-report.mjs …`): as it exits, prints its peak
// RSS and CPU time as the last line of stderr. Plain JavaScript, so measuring loads nothing else.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\n${JSON.stringify({ peakRssMb: Math.round(u.maxRSS / 1024), cpuSeconds: (u.userCPUTime + u.systemCPUTime) / 1e6 })}\n`);
});
