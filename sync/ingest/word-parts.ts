// The parts of a Word document read from the parser's events as they stream (`WorkbookXml`): what every Word part's
// reader shares (its namespaces matched by URI) and the styles that make a paragraph a heading.
import { WorkbookXml, type XmlAttributes } from './workbook-xml';

const NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
};

/**
 * A Word part read from the parser's events, each element under the prefix its namespace conventionally takes (`w:`,
 * `w14:`, `mc:`) whatever prefix the file binds, and each attribute of those namespaces found the same way (`attribute`).
 */
export abstract class WordXml extends WorkbookXml {
  protected override readonly writes = false;
  private readonly prefixes = new Map<string, string>([['w', 'w'], ['w14', 'w14'], ['mc', 'mc']]);
  private readonly canonicalNames = new Map<string, string>();
  /** The prefix, with its colon, the file binds to each namespace, for its attributes. */
  private readonly bound: Record<string, string> = { w: 'w:', w14: 'w14:' };

  protected abstract wordElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
  protected abstract wordElementEnd(name: string, selfClosing: boolean): void;
  protected abstract wordText(text: string, inside: string | undefined): void;

  /** An attribute of Word's namespace (`w`), or of its 2010 additions (`w14`), by its local name. */
  protected attribute(attributes: XmlAttributes, name: string, namespace: 'w' | 'w14' = 'w'): string | undefined {
    return attributes[`${this.bound[namespace]}${name}`];
  }

  protected override element(written: string, attributes: XmlAttributes, selfClosing: boolean): void {
    for (const key in attributes) if (key.startsWith('xmlns')) this.declared(key, attributes[key]!);
    this.wordElement(this.canonical(written), attributes, selfClosing);
  }

  protected override elementEnd(written: string, selfClosing: boolean): void {
    this.wordElementEnd(this.canonical(written), selfClosing);
  }

  protected override text(text: string, inside: string | undefined): void {
    this.wordText(text, inside === undefined ? undefined : this.canonical(inside));
  }

  private declared(key: string, uri: string): void {
    const known = NAMESPACES[uri];
    if (known === undefined) return;
    const prefix = key.slice(6);
    this.prefixes.set(prefix, known);
    this.bound[known] = prefix ? `${prefix}:` : '';
    this.canonicalNames.clear();
  }

  private canonical(written: string): string {
    let name = this.canonicalNames.get(written);
    if (name === undefined) {
      const colon = written.indexOf(':');
      const known = this.prefixes.get(colon < 0 ? '' : written.slice(0, colon));
      name = known === undefined ? written : `${known}:${written.slice(colon + 1)}`;
      this.canonicalNames.set(written, name);
    }
    return name;
  }
}

/** `word/styles.xml`: the styles that make a paragraph a heading (an outline level, or a heading's, title's or caption's built-in name). */
export class HeadingStyles extends WordXml {
  readonly headings = new Set<string>();
  private style?: string;

  protected override wordElement(name: string, attributes: XmlAttributes): void {
    const val = this.attribute(attributes, 'val');
    if (name === 'w:style') this.style = this.attribute(attributes, 'styleId');
    else if (this.style !== undefined && ((name === 'w:name' && /^(heading \d|title|subtitle|caption)$/i.test(val ?? '')) || (name === 'w:outlineLvl' && Number(val) < 9))) this.headings.add(this.style);
  }

  protected override wordElementEnd(): void {}
  protected override wordText(): void {}
}
