// esbuild's `keepNames` gives every function and class its source name back (V8 prints a function's `name` in
// a stack trace), one helper call each. `trimNames` keeps the calls a name needs and drops the rest
// (docs/apps-script.md has the sizes): a class keeps its name (`isErrorType` compares class names), a
// function written as an object's property needs no call (the language names it after its key), and any
// other function keeps its name only if `keep` says so. Both add-in builds (scripts/build.mjs for Code.js,
// scripts/excel-build.mjs for the Excel task pane) minify with `MINIFIED` and name with `namedForStacks`.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseAst } from 'rolldown/parseAst';

/**
 * esbuild options for an add-in's script: syntax is shortened where the meaning stays (`if (a) b()` as `a&&b()`,
 * constants folded), and local names are shortened too; `keepNames` gives every function and class its own name
 * back, which is what V8 prints in a stack trace, and `namedForStacks` then keeps only the names a trace needs.
 * `metafile` tells `namedForStacks` which of the add-in's files went in.
 */
export const MINIFIED = { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: true, keepNames: true, metafile: true };

/**
 * The names a stack trace keeps: the add-in's own exported functions and its entry file's functions, read from the
 * add-in's files in the bundle (paths relative to `root`). Shared and library helpers go by their short names.
 */
async function namesKept(inputs, { root, entry }) {
  const own = Object.keys(inputs).filter((file) => file.startsWith('addon/') && file.endsWith('.ts'));
  const names = new Set();
  for (const file of own) {
    const text = await readFile(path.join(root, file), 'utf8');
    const declared = file === entry ? /^(?:export )?(?:async )?(?:function\*?\s*|const |let )([\w$]+)/gm : /^export (?:async )?(?:function\*?\s*|const |let )([\w$]+)/gm;
    for (const [, name] of text.matchAll(declared)) names.add(name);
  }
  return names;
}

/** The text of an esbuild result built with `MINIFIED` (and `absWorkingDir: root`), with only the names a trace needs. */
export async function namedForStacks(result, { root, entry }) {
  const kept = await namesKept(result.metafile.inputs, { root, entry });
  return trimNames(result.outputFiles[0].text, (name) => kept.has(name));
}

/** The keepNames helper's local name in esbuild's minified output. */
function helperName(code) {
  const found = /[\s;,]([\w$]+)=\(([\w$]+),([\w$]+)\)=>[\w$]+\(\2,"name",\{value:\3,configurable:!0\}\)/.exec(code);
  if (!found) throw new Error("stack names: esbuild's keepNames helper is not in the bundle");
  return found[1];
}

// Where an arrow or function expression may stand without parentheses (as a call's argument, not its callee).
const ASSIGNMENT_SLOT = new Set(['VariableDeclarator', 'Property', 'AssignmentExpression', 'ArrayExpression', 'ReturnStatement', 'PropertyDefinition', 'AssignmentPattern', 'SpreadElement']);

/**
 * `code`, esbuild's minified output with keepNames, without the name calls `keep(name)` does not ask for:
 * a call after a function declaration is removed, a wrapped function expression is unwrapped.
 */
export function trimNames(code, keep) {
  const helper = helperName(code);
  const isNameCall = (n) =>
    n?.type === 'CallExpression' && n.callee.type === 'Identifier' && n.callee.name === helper && n.arguments.length === 2 &&
    n.arguments[1].type === 'Literal' && typeof n.arguments[1].value === 'string';
  const dropped = (call, parent) => {
    const [fn, { value: name }] = call.arguments;
    if (fn.type === 'ClassExpression' || fn.type === 'ThisExpression') return false;
    if (parent?.type === 'Property' && !parent.computed && parent.value === call && (parent.key.name ?? parent.key.value) === name) return true;
    return !keep(name);
  };
  const bareIn = (node, parent) =>
    ASSIGNMENT_SLOT.has(parent?.type) ||
    ((parent?.type === 'CallExpression' || parent?.type === 'NewExpression') && parent.callee !== node);

  // Each edit: [start, end, text] or [start, end, {fn, bare, inner edits}]; edits never overlap.
  const visit = (node, parent, out) => {
    if (!node || typeof node.type !== 'string') return;
    if (node.type === 'ExpressionStatement') {
      const list = node.expression.type === 'SequenceExpression' ? node.expression.expressions : [node.expression];
      const gone = list.filter((e) => isNameCall(e) && e.arguments[0].type === 'Identifier' && dropped(e, node));
      if (gone.length === list.length) {
        out.push([node.start, node.end, code[node.end - 1] === ';' ? '' : ';']);
        return;
      }
      if (gone.length) {
        for (const e of gone) {
          // The comma after it, or before it for the last one.
          const i = list.indexOf(e);
          out.push(i < list.length - 1 ? [e.start, list[i + 1].start, ''] : [list[i - 1].end, e.end, '']);
        }
        for (const e of list) if (!gone.includes(e)) visit(e, node.expression, out);
        return;
      }
    }
    if (isNameCall(node) && node.arguments[0].type !== 'Identifier' && dropped(node, parent)) {
      const fn = node.arguments[0];
      const inner = [];
      visitChildren(fn, inner);
      out.push([node.start, node.end, { fn, bare: bareIn(node, parent), inner }]);
      return;
    }
    visitChildren(node, out);
  };
  const visitChildren = (node, out) => {
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const v of value) visit(v, node, out);
      else if (value && typeof value === 'object' && typeof value.type === 'string') visit(value, node, out);
    }
  };
  const render = (from, to, edits) => {
    let text = '';
    let at = from;
    for (const [start, end, what] of [...edits].sort((a, b) => a[0] - b[0])) {
      text += code.slice(at, start);
      if (typeof what === 'string') text += what;
      else {
        const fn = render(what.fn.start, what.fn.end, what.inner);
        text += what.bare ? fn : `(${fn})`;
      }
      at = end;
    }
    return text + code.slice(at, to);
  };
  const edits = [];
  visit(parseAst(code), undefined, edits);
  return render(0, code.length, edits);
}
