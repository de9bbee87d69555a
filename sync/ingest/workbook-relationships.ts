// A part's relationships: which part is a package's main one, which parts are a workbook's sheets and Excel tables, a deck's slides.
// Writers name those parts as they like (openpyxl: `/xl/worksheets/data.xml`, absolute; Word on the web:
// `word/document2.xml`), so they are found by what the relationships say, never by name.
import { posix } from 'node:path';
import { WorkbookXml, type XmlAttributes } from './workbook-xml';

/** The relationship types whose parts the import reads: a package's main part, a workbook's sheets and tables, a presentation's slides. */
const READ = new Set(['officeDocument', 'worksheet', 'table', 'slide']);

export type PartKind = 'officeDocument' | 'worksheet' | 'table' | 'slide';

/** A part's relationships' own part: `xl/worksheets/_rels/sheet1.xml.rels` for `xl/worksheets/sheet1.xml`. */
export const relationshipsOf = (part: string) => part.replace(/([^/]*)$/, '_rels/$1.rels');

/** The relationships of `source`; one naming a part the file lacks, or one outside it, names nothing. */
export class PartRelationships extends WorkbookXml {
  protected override readonly writes = false;
  /** The parts the import reads, by the relationship's id. */
  readonly targets = new Map<string, { kind: PartKind; part: string }>();

  constructor(private readonly source: string, private readonly inFile: ReadonlySet<string>, longest: number, refuse: () => Error) {
    super(longest, refuse);
  }

  protected override element(name: string, attributes: XmlAttributes): void {
    const { Id: id, Type: type, Target: target, TargetMode: mode } = attributes;
    const kind = type?.slice(type.lastIndexOf('/') + 1) ?? '';
    if (name !== 'Relationship' || id === undefined || !target || mode === 'External' || !READ.has(kind)) return;
    const part = target.startsWith('/') ? posix.normalize(target.slice(1)) : posix.join(posix.dirname(this.source), target);
    if (this.inFile.has(part)) this.targets.set(id, { kind: kind as PartKind, part });
  }
}
