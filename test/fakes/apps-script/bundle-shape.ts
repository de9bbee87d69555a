// Static check that a bundle can run in Apps Script: no module syntax and no Node-only globals.
// A small tokenizer skips strings, templates, regular expressions and comments, so words in UI text
// ("the triage process.") and identifiers such as `$ZodPreprocess` are not mistaken for code.

export interface ShapeProblem {
  line: number;
  column: number;
  message: string;
}

interface Token {
  kind: 'word' | 'punct' | 'literal';
  text: string;
  pos: number;
}

const wordsBeforeExpression = new Set([
  'return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await',
]);

function regexAllowed(prev: Token | undefined): boolean {
  if (!prev) return true;
  if (prev.kind === 'literal') return false;
  if (prev.kind === 'word') return wordsBeforeExpression.has(prev.text);
  return !(prev.text === ')' || prev.text === ']' || prev.text === '}');
}

function skipQuoted(code: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < code.length && code[i] !== quote) i += code[i] === '\\' ? 2 : 1;
  return i + 1;
}

function skipRegex(code: string, start: number): number {
  let i = start + 1;
  let inClass = false;
  while (i < code.length && code[i] !== '\n') {
    const ch = code[i];
    if (ch === '\\') i++;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) break;
    i++;
  }
  i++;
  while (i < code.length && /[a-z]/i.test(code[i])) i++;
  return i;
}

/** Scans template text from `start` to its closing backtick or to a `${`; returns the stop index. */
function skipTemplateText(code: string, start: number): { end: number; opensExpression: boolean } {
  let i = start;
  while (i < code.length) {
    if (code[i] === '\\') i += 2;
    else if (code[i] === '`') return { end: i + 1, opensExpression: false };
    else if (code[i] === '$' && code[i + 1] === '{') return { end: i + 2, opensExpression: true };
    else i++;
  }
  return { end: i, opensExpression: false };
}

export function tokenize(code: string): Token[] {
  const tokens: Token[] = [];
  const templateDepths: number[] = [];
  let depth = 0;
  let i = 0;
  const resumeTemplate = (from: number) => {
    const { end, opensExpression } = skipTemplateText(code, from);
    tokens.push({ kind: 'literal', text: '`', pos: from });
    if (opensExpression) templateDepths.push(depth);
    i = end;
  };
  while (i < code.length) {
    const ch = code[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '/' && code[i + 1] === '/') {
      const end = code.indexOf('\n', i);
      i = end < 0 ? code.length : end;
    } else if (ch === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (ch === '"' || ch === "'") {
      tokens.push({ kind: 'literal', text: ch, pos: i });
      i = skipQuoted(code, i, ch);
    } else if (ch === '`') {
      resumeTemplate(i + 1);
    } else if (ch === '}' && templateDepths.length > 0 && templateDepths[templateDepths.length - 1] === depth) {
      templateDepths.pop();
      resumeTemplate(i + 1);
    } else if (ch === '/' && regexAllowed(tokens[tokens.length - 1])) {
      tokens.push({ kind: 'literal', text: '/', pos: i });
      i = skipRegex(code, i);
    } else if (/[A-Za-z_$\u0080-\uffff]/.test(ch)) {
      const match = /^[\w$\u0080-\uffff]+/.exec(code.slice(i, i + 256))!;
      tokens.push({ kind: 'word', text: match[0], pos: i });
      i += match[0].length;
    } else if (/[0-9]/.test(ch) || (ch === '.' && /[0-9]/.test(code[i + 1] ?? ''))) {
      const match = /^[\w.]+/.exec(code.slice(i, i + 256))!;
      tokens.push({ kind: 'literal', text: match[0], pos: i });
      i += match[0].length;
    } else {
      if (ch === '{') depth++;
      if (ch === '}') depth--;
      tokens.push({ kind: 'punct', text: ch, pos: i });
      i++;
    }
  }
  return tokens;
}

const nodeGlobals: Record<string, string> = {
  require: 'require() does not exist in Apps Script',
  process: 'process does not exist in Apps Script',
  Buffer: 'Buffer does not exist in Apps Script (use Utilities and byte arrays)',
  __dirname: '__dirname does not exist in Apps Script',
  __filename: '__filename does not exist in Apps Script',
  module: 'module.exports does not exist in Apps Script',
  exports: 'exports does not exist in Apps Script',
  setTimeout: 'setTimeout does not exist in Apps Script (Utilities.sleep blocks instead)',
  setInterval: 'setInterval does not exist in Apps Script',
  setImmediate: 'setImmediate does not exist in Apps Script',
};

// Common words as local names; flagged only when used like the Node globals (`process.env`, `module.exports`).
const flaggedOnAccess = new Set(['process', 'module', 'exports']);

function position(code: string, pos: number): { line: number; column: number } {
  const before = code.slice(0, pos);
  const line = before.split('\n').length;
  return { line, column: pos - before.lastIndexOf('\n') };
}

export function findShapeProblems(code: string): ShapeProblem[] {
  const tokens = tokenize(code);
  const problems: ShapeProblem[] = [];
  tokens.forEach((token, index) => {
    if (token.kind !== 'word') return;
    const prev = tokens[index - 1];
    const next = tokens[index + 1];
    // `x.process`, `{ process: … }` and `typeof process` are safe wherever they run.
    if (prev?.text === '.' || next?.text === ':' || prev?.text === 'typeof') return;
    let message: string | null = null;
    if (token.text === 'import' || token.text === 'export') {
      message = `${token.text} statement: Apps Script loads plain scripts, not ES modules`;
    } else if (token.text === 'require') {
      if (next?.text === '(') message = nodeGlobals.require;
    } else if (flaggedOnAccess.has(token.text)) {
      if (next?.text === '.' || next?.text === '[') message = nodeGlobals[token.text];
    } else if (Object.hasOwn(nodeGlobals, token.text)) {
      message = nodeGlobals[token.text];
    }
    if (message) problems.push({ ...position(code, token.pos), message });
  });
  return problems;
}

export function assertAppsScriptShape(code: string): void {
  const problems = findShapeProblems(code);
  if (problems.length > 0) {
    const lines = problems.slice(0, 20).map((p) => `  ${p.line}:${p.column} ${p.message}`);
    throw new Error(`The bundle is not a plain Apps Script file:\n${lines.join('\n')}`);
  }
}
