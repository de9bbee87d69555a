#!/usr/bin/env node
// The `equity-desk` command: runs the CLI from its esbuild bundle, made on first use and remade after an
// edit (scripts/service-bundle.mjs), so a clean clone needs no build step.
import { pathToFileURL } from 'node:url';
import { serviceBundle } from '../scripts/service-bundle.mjs';

await import(pathToFileURL(await serviceBundle()).href);
