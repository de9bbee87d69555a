// A workbook part's XML read by a real XML parser (saxes) as it streams, each element seen under one spelling: a
// writer that puts a namespace prefix on every tag (`<x:row>`, as .NET writers do), text in CDATA or single-quoted
// attributes reads as Excel's own. The spreadsheet and package namespaces come unprefixed, the relationships
// namespace as `r:`. A reader overrides what it takes (`element`, `elementEnd`, `text`); what it does not override is
// written back with attributes double-quoted, CDATA as escaped text, and no comments, processing instructions or
// spacing between tags.
import { SaxesParser, type SaxesTagPlain } from 'saxes';

const SPREADSHEET = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const PACKAGE = 'http://schemas.openxmlformats.org/package/2006/relationships';
const RELATIONSHIPS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export type XmlAttributes = Record<string, string>;

const TEXT_ESCAPE = /[&<>\r]/;
const ATTRIBUTE_ESCAPE = /[&<"\n\r\t]/;
const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\n': '&#10;', '\r': '&#13;', '\t': '&#9;' };
const escaped = (text: string, needs: RegExp) => (needs.test(text) ? text.replace(/[&<>"\n\r\t]/g, (c) => ESCAPES[c]!) : text);
/** Text as XML content; a carriage return kept as one (a literal one would be read as a line end). */
export const escapeText = (text: string) => (TEXT_ESCAPE.test(text) ? text.replace(/[&<>\r]/g, (c) => ESCAPES[c]!) : text);

/**
 * `text` as a string of its own. The parser hands a text as a slice of the chunk of XML it was read from, and V8 keeps
 * the whole chunk as long as the slice: the cells kept from a sheet would hold most of its XML for the rest of the
 * import. Joined to a character and sliced past it, the text is copied out (shorter texts are copied by any slice).
 */
export const ownText = (text: string): string => (text.length < 13 ? text : ` ${text}`.slice(1));

export function startTag(name: string, attributes: XmlAttributes, selfClosing = false): string {
  let tag = `<${name}`;
  for (const key in attributes) tag += ` ${key}="${escaped(attributes[key]!, ATTRIBUTE_ESCAPE)}"`;
  return selfClosing ? `${tag}/>` : `${tag}>`;
}

/**
 * Fed a part's XML in pieces, gives back the same XML canonically spelt. Subclasses see each element by its
 * canonical name (`element`, `elementEnd`, `text`) and write what they keep with `write`. Malformed XML throws, and so
 * does a text or tag longer than `longest` (`refuse`'s error): the parser would hold it whole.
 */
export class WorkbookXml {
  protected readonly parser = new SaxesParser();
  protected readonly out: string[] = [];
  /** Where `write` puts text: the part's output, or a subclass's buffer. */
  protected sink = this.out;
  /** Prefixes bound to a namespace whose elements are written unprefixed, and to the relationships namespace (but `r`). */
  private readonly plain = new Set<string>();
  private readonly related = new Set<string>();
  private readonly names = new Map<string, string>();
  /** The open elements' names, innermost last: spacing is text only inside `<t>`. */
  private readonly open: string[] = [];
  /** Where the parser was at the last tag. */
  private lastTag = 0;
  /** What a reader keeps of the part, in characters: counted against the ceiling of what an import holds. */
  held = 0;
  /** False for a reader that takes the part's values and writes no XML: then none is spelt. */
  protected readonly writes: boolean = true;

  constructor(private readonly longest = Number.POSITIVE_INFINITY, private readonly refuse?: () => Error) {
    this.parser.on('opentag', (tag) => this.opened(tag));
    this.parser.on('closetag', (tag) => this.closed(tag));
    this.parser.on('text', (text) => this.text(text, this.open[this.open.length - 1]));
    this.parser.on('cdata', (text) => this.text(text, this.open[this.open.length - 1]));
  }

  push(text: string): string {
    this.parser.write(text);
    if (this.parser.position - this.heldSince() > this.longest) throw this.refusal();
    return this.take();
  }

  protected refusal(): Error {
    return this.refuse?.() ?? new Error('XML text too long');
  }

  /** Where what the parser holds unfinished began. */
  protected heldSince(): number {
    return this.lastTag;
  }

  end(): string {
    this.parser.close();
    return this.take();
  }

  private take(): string {
    const text = this.out.join('');
    this.out.length = 0;
    return text;
  }

  protected write(text: string): void {
    this.sink.push(text);
  }

  /** An element as the part has it; the default keeps it. */
  protected element(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    if (this.writes) this.write(startTag(name, attributes, selfClosing));
  }

  protected elementEnd(name: string, selfClosing: boolean): void {
    if (!selfClosing && this.writes) this.write(`</${name}>`);
  }

  /** Text inside `inside`; spacing between tags is no text and goes. */
  protected text(text: string, inside: string | undefined): void {
    if (this.writes && (inside === 't' || inside === 'v' || text.trim() !== '')) this.write(escapeText(text));
  }

  private opened(tag: SaxesTagPlain): void {
    this.lastTag = this.parser.position;
    let { attributes } = tag;
    // Most tags declare nothing and name nothing by a prefix: they are written as they come.
    for (const key in attributes) {
      if ((key.charCodeAt(0) === 120 && key.startsWith('xmlns')) || (this.related.size && key.includes(':'))) {
        attributes = this.spelt(attributes);
        break;
      }
    }
    const name = this.plain.size && tag.name.includes(':') ? this.nameOf(tag.name) : tag.name;
    this.open.push(name);
    this.element(name, attributes, tag.isSelfClosing);
  }

  /** Namespaces declared in the one spelling, and relationships' attributes as `r:`. */
  private spelt(written: XmlAttributes): XmlAttributes {
    const attributes: XmlAttributes = {};
    for (const key in written) {
      const value = written[key]!;
      if (key === 'xmlns' || key.startsWith('xmlns:')) {
        const prefix = key.slice(6);
        if (value === SPREADSHEET || value === PACKAGE) {
          if (prefix) this.plain.add(prefix);
          attributes.xmlns = value;
        } else if (value === RELATIONSHIPS) {
          if (prefix !== 'r') this.related.add(prefix);
          attributes['xmlns:r'] = value;
        } else attributes[key] = value;
        this.names.clear();
      } else {
        const colon = key.indexOf(':');
        attributes[colon > 0 && this.related.has(key.slice(0, colon)) ? `r:${key.slice(colon + 1)}` : key] = value;
      }
    }
    return attributes;
  }

  private closed(tag: SaxesTagPlain): void {
    this.lastTag = this.parser.position;
    this.elementEnd(this.open.pop()!, tag.isSelfClosing);
  }

  private nameOf(written: string): string {
    let name = this.names.get(written);
    if (name === undefined) {
      const colon = written.indexOf(':');
      name = colon > 0 && this.plain.has(written.slice(0, colon)) ? written.slice(colon + 1) : written;
      this.names.set(written, name);
    }
    return name;
  }
}
