// The shape of one CLI command: parse arguments, call the core, print. The core never prints.
import { TypedError } from '../../shared/typed-error';
import type { ParseArgsConfig } from 'node:util';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  name: string;
  summary: string;
  /** One usage line, e.g. `template NAME --out FILE.xlsx [--sample N]`. */
  usage: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** Returns the exit code; throw a `CliError` for a one-line failure. */
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, io: CommandIo): Promise<number>;
}

/**
 * A failure the user can fix: printed as one line, exit code 2 (bad input) or 1 (failed). `details`, when given,
 * is printed after that line (a command passes it only under `--verbose`).
 */
export class CliError extends TypedError {
  override readonly name = 'CliError' as const;
  constructor(message: string, readonly exitCode: 1 | 2 = 2, readonly details?: string) {
    super(message);
  }
}


/** Options every storage command shares. */
export const storageOptions = {
  data: { type: 'string', default: './data' },
} as const satisfies Command['options'];
