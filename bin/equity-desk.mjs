#!/usr/bin/env node
// The `equity-desk` command: runs the TypeScript CLI through tsx so a clean clone needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../sync/cli/main.ts');
