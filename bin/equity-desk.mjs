#!/usr/bin/env node
// The `equity-desk` command: runs the CLI from its esbuild bundle, made on first use and remade after an
// edit (scripts/service-bundle.mjs), so a clean clone needs no build step.
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { serviceBundle } from '../scripts/service-bundle.mjs';

/**
 * Commands run on a thread whose young generation is sized (MB) for what they do. `export` writes the master's rows
 * on a worker of its own and this thread only feeds the zip, yet V8 grows the young generation of the thread that
 * loads the program to its largest and keeps it to the end: that was the difference between the export's peak memory
 * and its bar (decision 006). `serve` leaves garbage with every synced row, and each collection of the young
 * generation copies what the requests in flight hold however much it frees: a larger one collects less often for the
 * same garbage, and V8's default cost the ingest CPU and pauses for no less memory (decision 014). A larger one saved
 * no ingest CPU that could be measured, and while the master workbook downloads it fills with what the download
 * allocates, which counts in the service's peak memory (decision 006). A flag would do either, but
 * `npx equity-desk` cannot pass one.
 */
const YOUNG_GENERATION_MB = { export: 2, serve: 64 };
/** A worker receives none of the process's signals: these are passed on to the command (sync/cli/main.ts), so `serve` closes its store on them. */
const PASSED_ON = ['SIGINT', 'SIGTERM'];

let bundle;
try {
  bundle = await serviceBundle();
} catch (error) {
  process.stderr.write(`equity-desk: cannot bundle the service into build/service (run \`npm run build\` where the project folder is writable): ${error?.message ?? error}\n`);
  process.exit(1);
}
const youngGeneration = Object.hasOwn(YOUNG_GENERATION_MB, process.argv[2]) ? YOUNG_GENERATION_MB[process.argv[2]] : undefined;
if (youngGeneration === undefined) {
  await import(pathToFileURL(bundle).href);
} else {
  const command = new Worker(pathToFileURL(bundle), { argv: process.argv.slice(2), resourceLimits: { maxYoungGenerationSizeMb: youngGeneration } });
  command.on('error', (error) => {
    process.stderr.write(`equity-desk ${process.argv[2]}: ${error?.message ?? error}\n`);
    process.exitCode = 1;
  });
  command.on('exit', (code) => {
    process.exitCode ||= code;
  });
  // Once: a second Ctrl-C ends the process as it would without the worker.
  for (const signal of PASSED_ON) process.once(signal, () => command.postMessage(signal));
}
