// HtmlService over a map of project files the test provides ({ Sidebar: '<html>…' }), with templates
// evaluated the way Apps Script does: <? code ?>, <?= escaped ?>, <?!= raw ?>, template properties in scope.
import { SandboxMode, XFrameOptionsMode } from './enums.js';
import type { FakeEnv } from './env.js';

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type HtmlTemplate = GoogleAppsScript.HTML.HtmlTemplate;
type HtmlService = GoogleAppsScript.HTML.HtmlService;

/** Compiles JavaScript source to a value; the runtime compiles in the bundle's context so templates see its globals. */
export type ScriptCompiler = (source: string) => unknown;

export const hostCompiler: ScriptCompiler = (source) => (0, eval)(source);

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

export class FakeHtmlOutput implements Partial<HtmlOutput> {
  title = '';
  width = 600;
  height = 400;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;
  readonly metaTags: Array<{ name: string; content: string }> = [];

  constructor(public content = '') {}

  private self(): HtmlOutput {
    return this as unknown as HtmlOutput;
  }
  addMetaTag(name: string, content: string): HtmlOutput {
    this.metaTags.push({ name, content });
    return this.self();
  }
  append(addedContent: string): HtmlOutput {
    this.content += addedContent;
    return this.self();
  }
  appendUntrusted(addedContent: string): HtmlOutput {
    this.content += escapeHtml(addedContent);
    return this.self();
  }
  clear(): HtmlOutput {
    this.content = '';
    return this.self();
  }
  getContent(): string {
    return this.content;
  }
  setContent(content: string): HtmlOutput {
    this.content = content;
    return this.self();
  }
  getTitle(): string {
    return this.title;
  }
  setTitle(title: string): HtmlOutput {
    this.title = title;
    return this.self();
  }
  getWidth(): number {
    return this.width;
  }
  setWidth(width: number): HtmlOutput {
    this.width = width;
    return this.self();
  }
  getHeight(): number {
    return this.height;
  }
  setHeight(height: number): HtmlOutput {
    this.height = height;
    return this.self();
  }
  setSandboxMode(mode: GoogleAppsScript.HTML.SandboxMode): HtmlOutput {
    this.sandboxMode = String(mode);
    return this.self();
  }
  setXFrameOptionsMode(mode: GoogleAppsScript.HTML.XFrameOptionsMode): HtmlOutput {
    this.xFrameOptionsMode = String(mode);
    return this.self();
  }
}

/** Turns template text into the source of `function (template, escape) { … return html }`. */
export function compileTemplate(raw: string): string {
  const body: string[] = [];
  const pattern = /<\?(!?=)?([\s\S]*?)\?>/g;
  let last = 0;
  for (let match = pattern.exec(raw); match; match = pattern.exec(raw)) {
    body.push(`__out.push(${JSON.stringify(raw.slice(last, match.index))});`);
    const [, kind, code] = match;
    if (kind === '=') body.push(`__out.push(__escape(${code}));`);
    else if (kind === '!=') body.push(`__out.push(__raw(${code}));`);
    else body.push(code);
    last = pattern.lastIndex;
  }
  body.push(`__out.push(${JSON.stringify(raw.slice(last))});`);
  return [
    '(function (__template, __escape) {',
    '  var __out = [];',
    "  var __raw = function (v) { return v === undefined || v === null ? '' : String(v); };",
    '  with (__template) {',
    ...body.map((line) => `    ${line}`),
    '  }',
    "  return __out.join('');",
    '})',
  ].join('\n');
}

export class FakeHtmlTemplate {
  // Template properties are in scope while the template runs, so the fake keeps its own state private.
  [propName: string]: any;
  readonly #raw: string;
  readonly #compile: ScriptCompiler;

  constructor(raw: string, compile: ScriptCompiler) {
    this.#raw = raw;
    this.#compile = compile;
  }

  evaluate(): HtmlOutput {
    const render = this.#compile(compileTemplate(this.#raw)) as (template: object, escape: (v: unknown) => string) => string;
    const escape = (v: unknown) => (v === undefined || v === null ? '' : escapeHtml(String(v)));
    return new FakeHtmlOutput(render(this, escape)) as unknown as HtmlOutput;
  }
  getCode(): string {
    return compileTemplate(this.#raw);
  }
  getRawContent(): string {
    return this.#raw;
  }
}

export class FakeHtmlService implements Partial<HtmlService> {
  readonly SandboxMode = SandboxMode as unknown as typeof GoogleAppsScript.HTML.SandboxMode;
  readonly XFrameOptionsMode = XFrameOptionsMode as unknown as typeof GoogleAppsScript.HTML.XFrameOptionsMode;

  constructor(
    private readonly env: FakeEnv,
    readonly files: Record<string, string>,
    public compile: ScriptCompiler = hostCompiler,
  ) {}

  private file(filename: string): string {
    const text = this.files[filename] ?? this.files[`${filename}.html`];
    if (text === undefined) this.env.fail(`No HTML file named ${filename} was found.`);
    return text;
  }
  createHtmlOutput(html?: string | GoogleAppsScript.Base.BlobSource): HtmlOutput {
    const text = html === undefined ? '' : typeof html === 'string' ? html : html.getBlob().getDataAsString();
    return new FakeHtmlOutput(text) as unknown as HtmlOutput;
  }
  createHtmlOutputFromFile(filename: string): HtmlOutput {
    return new FakeHtmlOutput(this.file(filename)) as unknown as HtmlOutput;
  }
  createTemplate(html: string | GoogleAppsScript.Base.BlobSource): HtmlTemplate {
    const text = typeof html === 'string' ? html : html.getBlob().getDataAsString();
    return new FakeHtmlTemplate(text, this.compile) as unknown as HtmlTemplate;
  }
  createTemplateFromFile(filename: string): HtmlTemplate {
    return new FakeHtmlTemplate(this.file(filename), this.compile) as unknown as HtmlTemplate;
  }
  getUserAgent(): string {
    return 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome Safari/537.36';
  }
}
