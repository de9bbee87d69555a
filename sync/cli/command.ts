// The shape of one CLI command: parse arguments, call the core, print. The core never prints.
import { TypedError } from '../../shared/typed-error';

export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  env: Readonly<Record<string, string | undefined>>;
}

export interface Command {
  name: string;
  summary: string;
  /** One usage line, e.g. `template NAME --out FILE.xlsx [--sample N]`, naming every option (a test holds it to `options`). */
  usage: string;
  options: Record<string, CommandOption>;
  /** Returns the exit code; throw a `CliError` for a one-line failure. */
  run(args: { positionals: string[]; values: Record<string, string | boolean | undefined> }, io: CommandIo): Promise<number>;
}

/**
 * An option as `parseArgs` reads it, with what `--help` says of it; `value` names a string option's value as the
 * usage line does (`DIR` in `[--data DIR]`).
 */
export type CommandOption =
  | { type: 'string'; default?: string; value: string; help: string }
  | { type: 'boolean'; default?: boolean; help: string };

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
  data: { type: 'string', default: './data', value: 'DIR', help: 'the SQLite database\'s folder; DATABASE_URL names a PostgreSQL database instead' },
} as const satisfies Command['options'];

/** Where `serve` listens, for the links a command prints (EQUITY_DESK_PUBLIC_URL, when set, is used instead). */
export const linkOptions = {
  port: { type: 'string', value: 'N', help: 'the port serve listens on, for the links printed (default 8787, or PORT)' },
  host: { type: 'string', value: 'HOST', help: 'the address serve listens on, for the links printed (default 127.0.0.1, or HOST)' },
} as const satisfies Command['options'];
