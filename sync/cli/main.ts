// `equity-desk` entry: picks the command, parses its arguments, and is the one place errors become text.
import { isErrorType } from '../../shared/typed-error';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort } from 'node:worker_threads';
import { CliError, type Command, type CommandIo } from './command';
import { COMMANDS } from './commands/index';

function help(cmds: readonly Command[]): string {
  // Each usage on a line of its own: the longest are too wide to share one with their summary.
  return ['Usage: npx equity-desk <command> [options]', '', 'Commands:', ...cmds.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]), '', 'Run `npx equity-desk <command> --help` for a command\'s options.'].join('\n');
}

function commandHelp(c: Command): string {
  const rows = Object.entries(c.options).map(([name, o]) =>
    o.type === 'string' ? [`--${name} ${o.value}`, o.default === undefined ? o.help : `${o.help} (default ${o.default})`] : [`--${name}`, o.help],
  );
  const width = Math.max(...rows.map(([flag]) => flag.length));
  const summary = `${c.summary[0].toUpperCase()}${c.summary.slice(1)}.`;
  return [`Usage: npx equity-desk ${c.usage}`, '', summary, ...(rows.length ? ['', 'Options:', ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`)] : [])].join('\n');
}

/**
 * What `parseArgs` refused, in the CLI's words: its own text suggests `--` for positionals and quotes the option unevenly.
 * Its errors carry only a code and a message, so the option is read from the message's first quoted word.
 */
function argumentProblem(e: Error & { code?: string }, cmd: Command): string {
  const flag = /'(-[^' ]+)/.exec(e.message)?.[1];
  const option = flag?.startsWith('--') ? cmd.options[flag.slice(2)] : undefined;
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) return `unknown option ${flag}`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option?.type === 'boolean') return `${flag} takes no value`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option?.type === 'string') return `${flag} needs a value (${flag} ${option.value})`;
  return e.message.split('\n')[0];
}

export async function runCli(argv: string[], io: CommandIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(await Promise.all(COMMANDS.map((c) => c.load()))));
    return name ? 0 : 2;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  try {
    if (!entry) throw new CliError(`unknown command "${name}"; run \`npx equity-desk --help\``);
    const cmd = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(commandHelp(cmd));
      return 0;
    }
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: cmd.options, allowPositionals: true, strict: true });
    } catch (e) {
      throw new CliError(`${argumentProblem(e as Error & { code?: string }, cmd)} (usage: npx equity-desk ${cmd.usage})`);
    }
    return await cmd.run(parsed as Parameters<Command['run']>[0], io);
  } catch (e) {
    if (isErrorType(e, CliError)) {
      io.err(`equity-desk ${name}: ${e.message}`);
      if (e.details) io.err(e.details);
      return e.exitCode;
    }
    io.err(`equity-desk ${name}: ${(e as Error)?.message ?? String(e)}`);
    return 1;
  }
}

/**
 * On a worker of bin/equity-desk.mjs, the process's signals come as messages: emitted here as the process would, or, with
 * no command listening for one, sent to the process again, which then ends by it as it would have.
 */
function receiveSignals(port: NonNullable<typeof parentPort>): void {
  port.on('message', (signal: NodeJS.Signals) => {
    if (!process.emit(signal, signal)) process.kill(process.pid, signal);
  });
  // Listening must not keep the command running once it is done.
  port.unref();
}

const isMain = process.argv[1] && /equity-desk(\.mjs)?$|cli[\\/]main\.ts$/.test(process.argv[1]);
if (isMain) {
  // A reader that stops early (`| head`) closes the pipe: the rest is not wanted, and a stack trace would read as a crash.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? 0);
  });
  if (!isMainThread && parentPort) receiveSignals(parentPort);
  const code = await runCli(process.argv.slice(2), {
    out: (t) => process.stdout.write(`${t}\n`),
    err: (t) => process.stderr.write(`${t}\n`),
    env: process.env,
  });
  process.exitCode = code;
}
