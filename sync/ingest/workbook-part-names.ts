// The names the workbook reader finds a workbook's parts under. exceljs takes a sheet only as
// `xl/worksheets/sheetN.xml`, and a sheet's notes and tables only under Excel's names, relative to the sheet; other
// writers name them as they like (openpyxl: `/xl/comments/comment1.xml`). A sheet under another name was no sheet at
// all, and notes under another name made the whole workbook unreadable. Parts are renamed here, and the
// relationships that name them rewritten to match.
import { posix } from 'node:path';
import { WorkbookXml, type XmlAttributes } from './workbook-xml';

/** The relationship types whose parts the reader takes, each with the one name it finds them under. */
const READER_NAMES: Readonly<Record<string, { taken: RegExp; name: (n: number) => string }>> = {
  worksheet: { taken: /^xl\/worksheets\/sheet\d+\.xml$/, name: (n) => `xl/worksheets/sheet${n}.xml` },
  comments: { taken: /^xl\/comments\d+\.xml$/, name: (n) => `xl/comments${n}.xml` },
  vmlDrawing: { taken: /^xl\/drawings\/vmlDrawing\d+\.vml$/, name: (n) => `xl/drawings/vmlDrawing${n}.vml` },
  table: { taken: /^xl\/tables\/table\d+\.xml$/, name: (n) => `xl/tables/table${n}.xml` },
};

export type PartKind = keyof typeof READER_NAMES;

/** A part's relationships' own part: `xl/worksheets/_rels/sheet1.xml.rels` for `xl/worksheets/sheet1.xml`. */
export const relationshipsOf = (part: string) => part.replace(/([^/]*)$/, '_rels/$1.rels');

/** Every part a relationship named, by its name in the file, with its kind and its name for the reader. */
export class PartNames {
  readonly parts = new Map<string, { kind: PartKind; as: string }>();
  private readonly taken: Set<string>;

  constructor(private readonly inFile: ReadonlySet<string>) {
    this.taken = new Set([...inFile].filter((name) => Object.values(READER_NAMES).some((n) => n.taken.test(name))));
  }

  /** The reader's name for `part`, or none when the file lacks it. */
  nameFor(part: string, kind: PartKind): string | undefined {
    if (!this.inFile.has(part)) return undefined;
    const named = this.parts.get(part);
    if (named) return named.as;
    const { taken, name } = READER_NAMES[kind]!;
    let as = taken.test(part) ? part : undefined;
    for (let n = 1; as === undefined; n++) if (!this.taken.has(name(n))) as = name(n);
    this.taken.add(as);
    this.parts.set(part, { kind, as });
    return as;
  }
}

/**
 * The relationships of `source` (renamed `sourceAs` for the reader), each part the reader takes named as it finds
 * it; one whose part the file lacks is left out, since the reader would fail on it.
 */
export class PartRelationships extends WorkbookXml {
  private leftOut = false;

  constructor(private readonly source: string, private readonly sourceAs: string, private readonly partNames: PartNames, longest: number, refuse: () => Error) {
    super(longest, refuse);
  }

  protected override element(name: string, attributes: XmlAttributes, selfClosing: boolean): void {
    const { Type: type, Target: target, TargetMode: mode } = attributes;
    const kind = type?.slice(type.lastIndexOf('/') + 1) ?? '';
    if (name === 'Relationship' && target && mode !== 'External' && Object.hasOwn(READER_NAMES, kind)) {
      const part = target.startsWith('/') ? posix.normalize(target.slice(1)) : posix.join(posix.dirname(this.source), target);
      const as = this.partNames.nameFor(part, kind);
      if (as === undefined) {
        this.leftOut = true;
        return;
      }
      attributes.Target = posix.relative(posix.dirname(this.sourceAs), as);
    }
    super.element(name, attributes, selfClosing);
  }

  protected override elementEnd(name: string, selfClosing: boolean): void {
    if (this.leftOut && name === 'Relationship') this.leftOut = false;
    else super.elementEnd(name, selfClosing);
  }
}
