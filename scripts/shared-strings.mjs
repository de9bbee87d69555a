// Code.js writes a text out each time the code uses it: a warning's code (`"warning"`, `"blank_kept"`), a column's
// type and name (`"date"`, `"receivedOn"`), a status (`"Not started"`), repeated across the reader, the tables and the
// templates; and a property's name each time the code reads or sets it (`.header`, `.receivedOn`, `.filter`).
// `shareStrings` declares each text that repeats once, at the top of the bundle, and has every use read that variable
// instead (`o[n]` for `o.name`), where that is shorter (docs/apps-script.md has the sizes). A text is a primitive, so a
// variable holding it is the same value wherever it is read, and `o[n]` reads or sets the very property `o.name` does.
// Left as written: the names an object literal or a class declares (`{"On time":…}`, `{header:…}`), directives, and the
// text a `typeof` is compared with, which V8 compiles to a type check only when it is written there.
import { parseAst } from 'rolldown/parseAst';

const KEYED = new Set(['Property', 'MethodDefinition', 'PropertyDefinition', 'AccessorProperty']);

/**
 * The string literals `code` may read from a variable instead, and the property names read with a dot (`o.name`,
 * `o?.name`), which `o[n]` reads alike; each with the text it stands for (`value`) and the span it takes.
 */
function sharable(ast) {
  const found = [];
  const names = new Set();
  const visit = (node, parent) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'Identifier') names.add(node.name);
    if (node.type === 'Literal' && typeof node.value === 'string' && !node.regex) {
      const key = KEYED.has(parent?.type) && parent.key === node && !parent.computed;
      const directive = parent?.type === 'ExpressionStatement' && parent.directive !== undefined && parent.directive !== null;
      const typeOf = parent?.type === 'BinaryExpression' && [parent.left, parent.right].some((s) => s.type === 'UnaryExpression' && s.operator === 'typeof');
      if (!key && !directive && !typeOf) found.push(node);
    }
    if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
      const member = node.optional ? '?.' : '.';
      found.push({ value: node.property.name, start: node.property.start - member.length, end: node.property.end, member });
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) visit(v, node);
      else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value, node);
    }
  };
  visit(ast, undefined);
  return { found, names };
}

const WORD = /[\p{ID_Continue}$\u200c\u200d]/u;
const FIRST = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$';
const NEXT = `${FIRST}0123456789`;
const RESERVED = new Set(['do', 'if', 'in', 'as', 'of', 'for', 'let', 'new', 'try', 'var', 'int', 'get', 'set']);

/** Names, shortest first, that `code` uses nowhere, so a declaration at the bundle's top shadows nothing it reads. */
function* freeNames(used) {
  for (let length = 2; ; length++) {
    const build = function* (prefix) {
      if (prefix.length === length) {
        if (!used.has(prefix) && !RESERVED.has(prefix)) yield prefix;
        return;
      }
      for (const c of prefix ? NEXT : FIRST) yield* build(prefix + c);
    };
    yield* build('');
  }
}

/**
 * `code`, an esbuild IIFE bundle (`var Name=(()=>{…})();`, after an optional directive), with each string literal that
 * repeats declared once at the top of the IIFE's body and read from there wherever that makes the bundle shorter.
 */
export function shareStrings(code) {
  const ast = parseAst(code);
  const body = iifeBody(ast);
  const { found, names } = sharable(ast);
  const byValue = new Map();
  for (const node of found) {
    if (node.start <= body.start || node.end >= body.end) continue;
    // Only a dot right before the name (minified code has no space or comment there).
    if (node.member && code.slice(node.start, node.end - node.value.length) !== node.member) continue;
    const list = byValue.get(node.value) ?? [];
    list.push(node);
    byValue.set(node.value, list);
  }
  // Most saved first, so the shortest names go to the texts used most.
  const candidates = [...byValue.values()]
    .filter((uses) => uses.length > 1)
    .map((uses) => {
      const literal = uses.find((u) => !u.member);
      return { uses, raw: literal ? code.slice(literal.start, literal.end) : JSON.stringify(uses[0].value) };
    })
    .sort((a, b) => b.uses.length * b.raw.length - a.uses.length * a.raw.length);
  const free = freeNames(names);
  const declared = [];
  const edits = [];
  // A quote ends a word (`case"date"`, `"x"in o`); a name written there needs a space.
  const spaced = (u, name) => `${WORD.test(code[u.start - 1] ?? '') ? ' ' : ''}${name}${WORD.test(code[u.end] ?? '') ? ' ' : ''}`;
  // `o.name` as `o[n]`, `o?.name` as `o?.[n]`.
  const written = (u, name) => (u.member ? `${u.member === '?.' ? '?.' : ''}[${name}]` : spaced(u, name));
  let name = free.next().value;
  for (const { uses, raw } of candidates) {
    const rewritten = uses.map((u) => [u.start, u.end, written(u, name)]);
    // Each use shrinks from the literal (or `.name`) to the variable's name; the declaration costs `name=raw,`.
    const saved = rewritten.reduce((sum, [start, end, text]) => sum + (end - start) - text.length, 0) - (name.length + raw.length + 2);
    if (saved <= 0) continue;
    declared.push(`${name}=${raw}`);
    edits.push(...rewritten);
    name = free.next().value;
  }
  if (!declared.length) return code;
  edits.push([body.start + 1, body.start + 1, `var ${declared.join(',')};`]);
  edits.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end, text] of edits) {
    out += code.slice(at, start) + text;
    at = end;
  }
  return out + code.slice(at);
}

/** The block of `var Name=(()=>{…})();`, the statement esbuild's `format: 'iife'` with a `globalName` writes. */
function iifeBody(ast) {
  const statement = ast.body.find((s) => s.type === 'VariableDeclaration');
  const callee = statement?.declarations[0]?.init?.callee;
  if (callee?.type !== 'ArrowFunctionExpression' || callee.body.type !== 'BlockStatement') throw new Error('shared strings: the bundle is not one IIFE');
  return callee.body;
}
