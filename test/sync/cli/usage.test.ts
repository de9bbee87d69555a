// Every command's usage line and --help, held to the options its parser reads, so the text a person reads cannot
// drift from what the command accepts (reviewer and form once left out the --host they took).
import { describe, expect, test } from 'vitest';
import type { Command } from '../../../sync/cli/command';
import { COMMANDS } from '../../../sync/cli/commands/index';
import { runCli } from '../../../sync/cli/main';

const commands = await Promise.all(COMMANDS.map((c) => c.load()));

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An option as a usage line writes it, the value named as `--help` names it: `--data DIR`, `--json`. */
const spelled = ([name, option]: [string, Command['options'][string]]) => new RegExp(`--${escaped(name)}${option.type === 'string' ? ` ${escaped(option.value)}` : ''}(?![\\w-])`);

async function run(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, { out: (s) => (stdout += `${s}\n`), err: (s) => (stderr += `${s}\n`), env: {} });
  return { code, stdout, stderr };
}

describe.each(commands)('$name', (command) => {
  test('its usage names every option it parses, with the value its help names', () => {
    for (const option of Object.entries(command.options)) expect(command.usage).toMatch(spelled(option));
  });

  test('its usage names no option it does not parse', () => {
    const named = [...command.usage.matchAll(/--([\w-]+)/g)].map((m) => m[1]);
    expect(named.filter((name) => !Object.hasOwn(command.options, name))).toEqual([]);
  });

  test('--help prints its usage and every option with what it does, and exits 0', async () => {
    const help = await run([command.name, '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout.split('\n')[0]).toBe(`Usage: npx equity-desk ${command.usage}`);
    for (const option of Object.values(command.options)) expect(help.stdout).toContain(option.help);
  });
});

test('--help lists every command by its usage and summary, and exits 0', async () => {
  const help = await run(['--help']);
  expect(help.code, help.stderr).toBe(0);
  for (const command of commands) expect(help.stdout).toContain(`  ${command.usage}\n      ${command.summary}\n`);
});

describe('an option the command does not take, or takes otherwise, is named in one line with the usage', () => {
  const usageOf = (name: string) => commands.find((c) => c.name === name)!.usage;
  test.each([
    [['metrics', '--bogus'], 'metrics', 'unknown option --bogus'],
    [['export', '-x'], 'export', 'unknown option -x'],
    [['export', '--out'], 'export', '--out needs a value (--out FILE.xlsx)'],
    [['export', '--out', '--as-of', '2026-01-01'], 'export', '--out needs a value (--out FILE.xlsx)'],
    [['metrics', '--json=yes'], 'metrics', '--json takes no value'],
  ])('%j', async (args, name, reason) => {
    const r = await run(args);
    expect([r.code, r.stdout, r.stderr]).toEqual([2, '', `equity-desk ${name}: ${reason} (usage: npx equity-desk ${usageOf(name)})\n`]);
  });
});
