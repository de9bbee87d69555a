// Writes docs/columns.md from the table definitions, so the documentation of columns and rules
// cannot drift from the code (a test checks the file is current).
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CUSTOM_FUNCTIONS, CUSTOM_FUNCTION_DOCS, LIST_BLOCKS, SETTINGS, TABLES, TABLE_NAMES, customFunctionParams, customFunctionSignature, type InputColumn } from '../shared/index';
import { TOOL_EXPORTS } from '../shared/tool-exports';

const esc = (s: string) => s.replace(/\|/g, '\\|');

function typeText(c: InputColumn): string {
  const list = c.list ? LIST_BLOCKS.find((b) => b.key === c.list) : undefined;
  if (c.type === 'choice' && list) return `${c.openList ? 'dropdown or free text' : 'dropdown'}: ${list.values.join(' · ')}`;
  return { id: 'text (identifier)', text: 'text', longtext: 'text', email: 'email address', date: 'date', number: 'number', percent: 'percent (0–100 %)', boolean: 'yes/no (Yes, No, TRUE, FALSE, x, ☑, ☐)', choice: 'dropdown', rating: 'whole number 1–5' }[c.type];
}

export function columnsDoc(): string {
  const out: string[] = ['# Columns and rules', '', 'Generated from `shared/tables/` by `npx tsx scripts/columns-doc.ts`; do not edit by hand.', ''];
  for (const name of TABLE_NAMES) {
    const t = TABLES[name];
    out.push(`## \`${name}\` — sheet \`${t.sheet}\``, '', '| field | header | also recognized as | type | required |', '|---|---|---|---|---|');
    for (const c of t.columns) {
      const notes = [c.fillDown ? 'blank = same as above' : '', c.rangeEnd ? `a range fills \`${c.rangeEnd}\` too` : '', c.deadline ? 'a range such as `Dec 2026` is read as its last day' : '', c.workStart ? '`Ongoing since March 2026` is read as its start' : '', c.notBefore ? `not before \`${c.notBefore}\`` : '', c.unitField ? `a unit typed with the number (\`20 hours\`) fills \`${c.unitField}\`` : '', c.nonNegative ? 'never below zero' : '', c.ticked ? `a check mark (☑, x, a ticked box) is ${c.ticked}; an unticked one is blank` : ''].filter(Boolean).join('; ');
      out.push(`| \`${c.name}\` | ${esc(c.header)} | ${esc((c.aliases ?? []).join(', '))} | ${esc(typeText(c))}${notes ? ` (${notes})` : ''} | ${c.required ? 'yes' : c.keptWhenBlank ? 'column yes; a blank or TBD cell is kept with a warning' : ''} |`);
    }
    for (const s of t.spans ?? []) out.push(`| \`${s.into.join('` + `')}\` | ${s.header} | ${s.aliases.join(', ')} | one cell with a date range (\`Feb 2026 – Aug 2027\`) | |`);
    out.push('', 'Derived columns (native formulas, cached results written by Equity Desk):', '');
    for (const d of t.derived) out.push(`- **${d.header}** (\`${d.name}\`, from ${d.inputs.map((f) => `\`${f}\``).join(', ')})${d.palette ? `: ${Object.keys(d.palette).join(' · ')}` : ''}`);
    out.push('');
  }
  out.push('## Exports of planning tools, forms and service desks', '', 'A header row holding enough of a tool\'s own headers (a planning tool\'s, a form\'s responses sheet, or a service desk\'s tickets) is read as that tool means its columns, whatever other field their words resemble.',
    '', 'Everywhere, a header that is a form\'s question is read without its asking (`What type of organization are you?` is the organization type, `Please describe your request` the request, `Is there a deadline? If so, when?` the deadline, `(optional)` dropped), and the questions of the service\'s own intake form name their columns too.', '');
  for (const tool of TOOL_EXPORTS) {
    out.push(`### ${tool.tool}${tool.variant ? ` (${tool.variant})` : ''}`, '', `Recognized by ${tool.least} of: ${tool.marks.join(', ')}.`, '');
    for (const [table, byHeader] of Object.entries(tool.fields)) {
      const t = TABLES[table as keyof typeof TABLES];
      out.push(`- \`${table}\`: ${Object.entries(byHeader).map(([h, f]) => `${h} → ${t.columns.find((c) => c.name === f)!.header}`).join(', ')}`);
    }
    for (const [table, standIns] of Object.entries(tool.standIns ?? {})) {
      const t = TABLES[table as keyof typeof TABLES];
      out.push(`- \`${table}\`, where no other header names the field: ${standIns.map((s) => `${s.header} → ${t.columns.find((c) => c.name === s.field)!.header}`).join(', ')}`);
    }
    if (tool.noted.length) out.push(`- kept in Notes as \`Header: value\`: ${tool.noted.map((n) => `${n.header}${n.first ? ' (first, as written)' : ''}${n.lookup ? ` (the ${n.lookup} it names)` : ''}${n.unless ? ` (not ${n.unless.value}, ${n.unless.why})` : ''}`).join(', ')}`);
    if (tool.own.length) out.push(`- the tool's own, ignored with one warning: ${tool.own.join(', ')}`);
    if (tool.ids) out.push(`- headers of the shape \`${tool.ids.source}\` (the tool's record ids, counts, timings and SLA states, which no field holds), ignored in the same one warning`);
    for (const [table, by] of Object.entries(tool.byDomain ?? {})) {
      const t = TABLES[table as keyof typeof TABLES];
      const header = (field: string) => t.columns.find((c: InputColumn) => c.name === field)!.header;
      const customer = by.customer?.length ? `the customer's address under ${by.customer.join(', ')} (or "Custom field (…)" of that name), else ` : '';
      out.push(`- \`${table}\` ${header(by.field)}, where blank or with no column: the domain of ${customer}the ${header(by.email)}, never a personal address's nor the office's own (most assignees' addresses', or a reporter's who is also assigned tickets), said once`);
    }
    for (const [table, values] of Object.entries(tool.given ?? {})) {
      const fields = Object.entries(values).map(([field, value]) => `${TABLES[table as keyof typeof TABLES].columns.find((c: InputColumn) => c.name === field)!.header} "${value}"`);
      out.push(`- \`${table}\`, with no column of its own for it (and where its list has the value), every row: ${fields.join(', ')}, said once`);
    }
    for (const [table, byField] of Object.entries(tool.words ?? {})) {
      for (const [field, words] of Object.entries(byField as Record<string, Record<string, string>>)) {
        const header = TABLES[table as keyof typeof TABLES].columns.find((c: InputColumn) => c.name === field)!.header;
        out.push(`- \`${table}\` ${header}, where its list has the value, said once: ${Object.entries(words).map(([word, value]) => `"${word}" → ${value}`).join(', ')}`);
      }
    }
    for (const [table, fields] of Object.entries(tool.orNotes ?? {})) {
      const headers = (fields as readonly string[]).map((field) => TABLES[table as keyof typeof TABLES].columns.find((c: InputColumn) => c.name === field)!.header);
      out.push(`- \`${table}\` ${headers.join(', ')}: a cell that is no value of it kept in Notes as written, the row kept, said once`);
    }
    if (tool.only) out.push(`- always \`${tool.only}\`: read as it even where a column it needs is missing (one error names it), never as another table`);
    if (tool.nothing) out.push(`- ${tool.nothing.words.map((w) => `"${w}"`).join(' or ')} under ${tool.nothing.headers.join(' or ')}: blank, said once (${tool.nothing.why})`);
    if (tool.statusBy) out.push(`- a row whose ${tool.statusBy.header} ${tool.statusBy.words ? `is ${tool.statusBy.words.map((w) => `"${w}"`).join(', ')}` : 'is filled'}: Status ${tool.statusBy.status}, said once (${tool.statusBy.why})`);
    if (tool.parent) out.push(`- a subtask (its parent named under ${tool.parent.header}) with no group of its own: a row, with its parent's Goal and Phase, said once`);
    if (tool.board) out.push(`- a board: each group's title row, above its own copy of the header, is the Goal of its rows; the rows below a row headed \`${tool.board.subitems}\` (one column right) are subitems, each a row read by that row's columns, with its item's Goal and \`Subitem of: item\` in Notes`);
    if (tool.outlined) out.push("- its rows are an outline: a parent row (told by the rows' outline levels, its row groups, or else by the indent of the row's name) is the Goal of the rows under it, and a parent under a goal their Phase; it is not read as a row");
    out.push('');
  }
  out.push('## Custom functions', '', 'Each takes a value or a whole column per parameter and returns one row per input row (Excel: `EQ.` instead of `EQ_`).', '');
  for (const fn of CUSTOM_FUNCTIONS) {
    out.push(`### \`=${customFunctionSignature(fn)}\``, '', CUSTOM_FUNCTION_DOCS[fn.name].summary, '');
    for (const p of customFunctionParams(fn)) out.push(`- \`${p.name}\` (${p.type}${p.optional ? ', optional' : ''}): ${esc(p.description)}`);
    out.push('');
  }
  out.push('## Rules in the `Lists` sheet', '', '| block | values | paired with |', '|---|---|---|');
  for (const b of LIST_BLOCKS) out.push(`| ${b.header} | ${esc(b.values.join(' · '))} | ${b.paired ? `${b.paired.header}: ${esc(b.paired.values.join(' · '))}` : ''} |`);
  out.push('', 'Settings (the `Setting` / `Value` block):', '');
  for (const s of Object.values(SETTINGS)) out.push(`- ${s.label}: ${s.value}`);
  out.push('');
  return out.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(new URL('../docs/columns.md', import.meta.url), columnsDoc());
}
