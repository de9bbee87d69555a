// The README's command table, held to the options each command parses, so an administrator reading it is told
// every option a command takes and none it refuses (the table once left out serve's --host and export's filters); and
// its HTTP API table, held to the routes the service documents in /openapi.json.
import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { openApiDocument } from '../../sync/api/openapi';
import { COMMANDS } from '../../sync/cli/commands/index';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
/** `--data DIR` is said once above the table, for every command that touches storage; a row may name it too. */
const SAID_ONCE = new Set(['data']);

/** The options each command's rows name: every backticked `command …` in a row's first cell. */
const readmeSection = (heading: string) => readme.split(new RegExp(`^## ${heading}$`, 'm'))[1]?.split(/^## /m)[0] ?? '';

function tableOptions(): Map<string, Set<string>> {
  const section = readmeSection('Command line');
  const named = new Map<string, Set<string>>();
  for (const row of section.split('\n').filter((line) => line.startsWith('| `'))) {
    const firstCell = row.replace(/\\\|/g, '¦').split('|')[1];
    for (const [, usage] of firstCell.matchAll(/`([^`]+)`/g)) {
      const name = usage.split(' ')[0];
      const options = named.get(name) ?? new Set<string>();
      for (const [, option] of usage.matchAll(/--([\w-]+)/g)) options.add(option);
      named.set(name, options);
    }
  }
  return named;
}

test('the README names every command with every option it takes, and no option it does not', async () => {
  const named = tableOptions();
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  expect([...named.keys()].sort()).toEqual(commands.map((c) => c.name).sort());
  for (const command of commands) {
    const parsed = Object.keys(command.options).filter((option) => !SAID_ONCE.has(option)).sort();
    const inTable = [...named.get(command.name)!].filter((option) => !(SAID_ONCE.has(option) && Object.hasOwn(command.options, option)));
    expect(inTable.sort(), command.name).toEqual(parsed);
  }
});

test('the README gives the alternatives each usage line offers (a link in place of a Request ID, PDF or HTML)', async () => {
  const section = readmeSection('Command line');
  for (const command of await Promise.all(COMMANDS.map((c) => c.load()))) {
    for (const [alternatives] of command.usage.matchAll(/[^\s[\]]+\|[^\s[\]]+/g)) {
      expect(section, command.name).toContain(alternatives.replace(/\|/g, '\\|'));
    }
  }
});

test("the README's HTTP API table names every route the service documents, and none it does not", () => {
  const named = [...readmeSection('HTTP API').matchAll(/`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s?]*)/g)].map(([, method, path]) => `${method} ${path}`);
  const paths = openApiDocument().paths as Record<string, Record<string, unknown>>;
  const documented = Object.entries(paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`));
  expect([...new Set(named)].sort()).toEqual(documented.sort());
});
