// Every CLI command, in the order `--help` lists them.
import type { Command } from '../command';
import { exportCommand } from './export';
import { importCommand } from './import';
import { metricsCommand } from './metrics';
import { publishCommand } from './publish';
import { serveCommand } from './serve';
import { sourceCommand } from './source-add';
import { templateCommand } from './template';

export const COMMANDS: Command[] = [serveCommand, templateCommand, sourceCommand, importCommand, exportCommand, metricsCommand, publishCommand];
