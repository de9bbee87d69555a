#!/usr/bin/env node
// The `equity-desk` command: runs the CLI from its esbuild bundle, made on first use and remade after an
// edit (scripts/service-bundle.mjs), so a clean clone needs no build step.
import { pathToFileURL } from 'node:url';
import { serviceBundle } from '../scripts/service-bundle.mjs';

let bundle;
try {
  bundle = await serviceBundle();
} catch (error) {
  process.stderr.write(`equity-desk: cannot bundle the service into build/service (run \`npm run build\` where the project folder is writable): ${error?.message ?? error}\n`);
  process.exit(1);
}
await import(pathToFileURL(bundle).href);
