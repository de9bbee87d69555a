// The parts of a Word document, and of a PowerPoint file, read from the parser's events as they stream
// (`WorkbookXml`): what every such part's reader shares (its namespaces matched by URI) and the styles that make a
// Word paragraph a heading.
import { WorkbookXml, type XmlAttributes } from './workbook-xml';

const WORD_NAMESPACES: Readonly<Record<string, string>> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
};

/**
 * An Office part read from the parser's events, each element under the prefix its namespace conventionally takes
 * (`namespaces`: `w:`, `a:`…) whatever prefix the file binds, and each attribute of those namespaces found the same
 * way (`attribute`).
 */
export abstract class OfficeXml extends WorkbookXml {
  protected override readonly writes = false;
  private readonly prefixes = new Map<string, string>();
  private readonly canonicalNames = new Map<string, string>();
  /** The prefix, with its colon, the file binds to each namespace, for its attributes. */
  private readonly bound: Record<string, string> = {};

  constructor(private readonly namespaces: Readonly<Record<string, string>>, longest: number, refuse: () => Error) {
    super(longest, refuse);
    for (const prefix of Object.values(namespaces)) {
      this.prefixes.set(prefix, prefix);
      this.bound[prefix] = `${prefix}:`;
    }
  }

  protected abstract officeElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void;
  protected abstract officeElementEnd(name: string, selfClosing: boolean): void;
  protected abstract officeText(text: string, inside: string | undefined): void;

  /** An attribute of one of `namespaces` (by its conventional prefix), by its local name. */
  protected namespaced(attributes: XmlAttributes, name: string, namespace: string): string | undefined {
    return attributes[`${this.bound[namespace]}${name}`];
  }

  protected override element(written: string, attributes: XmlAttributes, selfClosing: boolean): void {
    for (const key in attributes) if (key.startsWith('xmlns')) this.declared(key, attributes[key]!);
    this.officeElement(this.canonical(written), attributes, selfClosing);
  }

  protected override elementEnd(written: string, selfClosing: boolean): void {
    this.officeElementEnd(this.canonical(written), selfClosing);
  }

  protected override text(text: string, inside: string | undefined): void {
    this.officeText(text, inside === undefined ? undefined : this.canonical(inside));
  }

  private declared(key: string, uri: string): void {
    const known = this.namespaces[uri];
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

/** A Word part: its elements under `w:`, `w14:` and `mc:`. */
export abstract class WordXml extends OfficeXml {
  constructor(longest: number, refuse: () => Error) {
    super(WORD_NAMESPACES, longest, refuse);
  }

  /** An attribute of Word's namespace (`w`), or of its 2010 additions (`w14`), by its local name. */
  protected attribute(attributes: XmlAttributes, name: string, namespace: 'w' | 'w14' = 'w'): string | undefined {
    return this.namespaced(attributes, name, namespace);
  }
}

/** Whether an on-off property (`w:b`, a check box's `w:checked`) is on: written bare, or as 1, true or on. */
export const ticked = (value: string | undefined) => value === undefined || value === '1' || value === 'true' || value === 'on';

/** The rank of a title (`Title` style): above every heading of the outline. */
export const TITLE_LEVEL = -1;
/** The rank of a subtitle or caption: it names what follows it but heads no part of the outline. */
export const UNRANKED_LEVEL = 9;

/** A paragraph's numbering as its properties or its style give it (`w:numPr`): its list and level. */
export interface Numbering {
  numId?: string;
  ilvl?: number;
}

/**
 * `word/styles.xml`: the styles that make a paragraph a heading, each with its outline level (0 for Heading 1): its
 * own outline level, else its built-in name's (heading N, title, subtitle, caption); and the numbering each style
 * gives its paragraphs, its own or the style's it is based on (`List Bullet`), which makes them list items.
 */
export class HeadingStyles extends WordXml {
  readonly headings = new Map<string, number>();
  private readonly styles = new Map<string, Numbering & { basedOn?: string; bold?: boolean }>();
  private style?: string;
  /** Inside the style's own run properties (`w:rPr`), not a table style's conditional ones (`w:tblStylePr`). */
  private inRunProperties = false;
  private inConditional = false;

  protected override officeElement(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    const val = this.attribute(attributes, 'val');
    if (name === 'w:style') this.style = this.attribute(attributes, 'styleId');
    if (this.style === undefined) return;
    if (name === 'w:tblStylePr') this.inConditional = !selfClosing;
    else if (name === 'w:rPr') this.inRunProperties = !selfClosing && !this.inConditional;
    else if (name === 'w:b' && this.inRunProperties) this.own(this.style).bold = ticked(val);
    else if (name === 'w:name') {
      const builtIn = /^(?:heading (\d)|(title)|subtitle|caption)$/i.exec(val ?? '');
      if (builtIn) this.headings.set(this.style, builtIn[1] ? Number(builtIn[1]) - 1 : builtIn[2] ? TITLE_LEVEL : UNRANKED_LEVEL);
    } else if (name === 'w:outlineLvl' && Number(val) < 9) this.headings.set(this.style, Number(val));
    else if (name === 'w:basedOn' || name === 'w:numId' || name === 'w:ilvl') {
      const style = this.own(this.style);
      if (name === 'w:basedOn') style.basedOn = val;
      else if (name === 'w:numId') style.numId = val;
      else style.ilvl = Number.parseInt(val ?? '0', 10) || 0;
    }
  }

  /**
   * The list level of a paragraph of `style` with its own numbering `own`, which overrides its style's; undefined
   * for a paragraph in no list (numbering 0 takes a style's away).
   */
  listLevel(style: string | undefined, own: Numbering): number | undefined {
    let { numId, ilvl } = own;
    const seen = new Set<string>();
    for (let s = style; s !== undefined && !seen.has(s) && (numId === undefined || ilvl === undefined); s = this.styles.get(s)?.basedOn) {
      seen.add(s);
      numId ??= this.styles.get(s)?.numId;
      ilvl ??= this.styles.get(s)?.ilvl;
    }
    return numId === undefined || numId === '0' ? undefined : (ilvl ?? 0);
  }

  private own(style: string): Numbering & { basedOn?: string; bold?: boolean } {
    const own = this.styles.get(style) ?? {};
    this.styles.set(style, own);
    return own;
  }

  /**
   * Whether a paragraph or character style makes its text bold: its own `w:b`, else the style's it is based on; undefined
   * where none in the chain says (Word's default, not bold).
   */
  bold(style: string | undefined): boolean | undefined {
    const seen = new Set<string>();
    for (let s = style; s !== undefined && !seen.has(s); s = this.styles.get(s)?.basedOn) {
      seen.add(s);
      const bold = this.styles.get(s)?.bold;
      if (bold !== undefined) return bold;
    }
    return undefined;
  }

  protected override officeElementEnd(name: string): void {
    if (name === 'w:rPr') this.inRunProperties = false;
    else if (name === 'w:tblStylePr') this.inConditional = false;
    else if (name === 'w:style') this.style = undefined;
  }

  protected override officeText(): void {}
}
