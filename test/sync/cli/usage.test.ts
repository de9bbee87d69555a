// Every command's usage line, held to the options its parser reads, so the text a person reads cannot
// drift from what the command accepts (reviewer and form once left out the --host they took).
import { describe, expect, test } from 'vitest';
import type { Command } from '../../../sync/cli/command';
import { COMMANDS } from '../../../sync/cli/commands/index';

const commands = await Promise.all(COMMANDS.map((c) => c.load()));

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** An option as a usage line writes it, the value named as `--help` names it: `--data DIR`, `--json`. */
const spelled = ([name, option]: [string, Command['options'][string]]) => new RegExp(`--${escaped(name)}${option.type === 'string' ? ` ${escaped(option.value)}` : ''}(?![\\w-])`);

describe.each(commands)('$name', (command) => {
  test('its usage names every option it parses, with the value its help names', () => {
    for (const option of Object.entries(command.options)) expect(command.usage).toMatch(spelled(option));
  });

  test('its usage names no option it does not parse', () => {
    const named = [...command.usage.matchAll(/--([\w-]+)/g)].map((m) => m[1]);
    expect(named.filter((name) => !Object.hasOwn(command.options, name))).toEqual([]);
  });
});
