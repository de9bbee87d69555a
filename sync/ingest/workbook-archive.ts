// An .xlsx workbook's, a Word document's, a PowerPoint file's or an OpenDocument spreadsheet's, text's or presentation's zip opened with its size held in check before its tables are read. A small
// file whose sheet unpacks to gigabytes (a zip bomb) must not take the process down: parts are inflated as a stream,
// fed to their readers as they come, under a ceiling on what is inflated and on what the readers hold. Zip files that
// are other documents are named for what they are.
import { posix } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { fromBufferPromise, type Entry, type ZipFile } from 'yauzl';
import { ImportError } from './import-error';
import { PartRelationships, relationshipsOf } from './workbook-relationships';
import type { WorkbookXml } from './workbook-xml';

export interface ArchiveLimits {
  /** All parts read, inflated, as the file declares them and as they turn out. */
  unpacked: number;
  /** What the readers hold of the cells and strings they read. */
  kept: number;
  /** One sheet row's text. */
  row: number;
}

const MB = 1024 * 1024;
export const ARCHIVE_LIMITS: ArchiveLimits = { unpacked: 1024 * MB, kept: 256 * MB, row: 16 * MB };

/** The main part of each kind of document whose tables `import` reads. */
export const WORKBOOK = 'xl/workbook.xml';
export const WORD_DOCUMENT = 'word/document.xml';

export const PRESENTATION = 'ppt/presentation.xml';
/**
 * An OpenDocument spreadsheet (.ods, or its template .ots), text (.odt, .ott) and presentation (.odp, .otp): known by
 * their `mimetype` part, their tables in `ODF_CONTENT`.
 */
export const ODF_SPREADSHEET = 'application/vnd.oasis.opendocument.spreadsheet';
export const ODF_TEXT = 'application/vnd.oasis.opendocument.text';
export const ODF_PRESENTATION = 'application/vnd.oasis.opendocument.presentation';
const ODF_CONTENT = 'content.xml';

/** A zip cut short says nothing of what it holds: its name is the only word on whether it was a Word or PowerPoint file. */
const damaged = (file: string, main?: string) => {
  const kind = main ?? (/\.doc[xm]$/i.test(file) ? WORD_DOCUMENT : /\.pptx$/i.test(file) ? PRESENTATION : /\.o[dt][stp]$/i.test(file) ? ODF_SPREADSHEET : WORKBOOK);
  if (kind === WORD_DOCUMENT) return new ImportError('not-a-workbook', `${file} is a zip file but not a readable Word document (damaged or cut short): open it in Word and save it as .docx again, or copy its tables into a sheet.`);
  if (kind === PRESENTATION) return new ImportError('not-a-workbook', `${file} is a zip file but not a readable PowerPoint file (damaged or cut short): open it in PowerPoint and save it as .pptx again, or copy its tables into a sheet.`);
  if (kind === ODF_SPREADSHEET || kind === ODF_TEXT || kind === ODF_PRESENTATION) return new ImportError('not-a-workbook', `${file} is a zip file but not a readable OpenDocument file (damaged or cut short): open it in LibreOffice and save it again, or save it as .xlsx.`);
  return new ImportError('not-a-workbook', `${file} is a zip file but not a readable .xlsx workbook (damaged or cut short): open it in Excel or Google Sheets and save or download it as .xlsx.`);
};
const sizeText = (bytes: number) => (bytes >= 1024 * MB ? `${Math.round(bytes / (1024 * MB))} GB` : `${Math.max(1, Math.round(bytes / MB))} MB`);
export const tooLarge = (file: string, limit: number) =>
  new ImportError('too-large', `${file} unpacks to more than ${sizeText(limit)}, more than a workbook of tables holds: it was not read (a damaged file, or one built to exhaust memory); save its tables in a new workbook and import that.`);

/** A workbook's zip, open for its parts to be read, each inflated as a stream under the ceilings. */
export interface WorkbookArchive {
  readonly file: string;
  readonly limits: ArchiveLimits;
  /** The part the document starts from: `WORKBOOK`, `WORD_DOCUMENT` or `PRESENTATION`, or the part the package names in their place; an OpenDocument file's `content.xml`. */
  readonly main: string;
  /** The names of the parts the zip holds. */
  readonly parts: ReadonlySet<string>;
  /** Refuses the file when `parts` declare more than is left of the ceiling, before anything of them is inflated. */
  declared(parts: Iterable<string>): void;
  /** The part fed to `reader` as it inflates; what the reader holds is counted against the ceiling of what is kept. */
  read(part: string, reader: WorkbookXml): Promise<void>;
  /** The refusal of a text or tag longer than any a part of a workbook holds, for `WorkbookXml`. */
  refusal(part: string): () => ImportError;
}

/**
 * Opens the file's zip and has the reader of its main part (`readers`, by `WORKBOOK`, `WORD_DOCUMENT` or `PRESENTATION`, or by the
 * OpenDocument kind its `mimetype` names, `ODF_SPREADSHEET`, `ODF_TEXT` or `ODF_PRESENTATION`) read what it
 * needs of it. Throws `ImportError`: `not-a-workbook` for a damaged zip or another kind of document, `too-large` past
 * `limits`.
 */
export async function readWorkbookArchive<T>(bytes: Buffer, file: string, limits: ArchiveLimits, readers: Readonly<Record<string, (archive: WorkbookArchive) => Promise<T>>>): Promise<T> {
  const zip = await opened(bytes, file);
  let kind: string | undefined;
  try {
    const entries: Entry[] = [];
    for await (const entry of zip.eachEntry()) entries.push(entry);
    const byName = new Map(entries.map((e) => [nameOf(e), e]));
    const budget = { unpacked: limits.unpacked, kept: limits.kept };
    const parts: ReadonlySet<string> = new Set(byName.keys());
    const declared = (names: Iterable<string>) => {
      // A size the file declares is refused before the part is inflated; one it hides is caught while inflating.
      let sum = 0;
      for (const name of names) sum += byName.get(name)?.uncompressedSize ?? 0;
      if (sum > budget.unpacked) throw tooLarge(file, limits.unpacked);
    };
    const read = (part: string, reader: WorkbookXml) => inflated(zip, byName.get(part)!, file, limits, budget, reader);
    const refusal = (part: string) => () => new ImportError('too-large', `${file}: its part ${part} holds more text in one place than any table does; the file is damaged or was built to exhaust memory, and was not read.`);
    const mimetype = await mimetypeOf(zip, entries);
    // A template (`.ots`) holds its tables as the document does, and so does a web page LibreOffice opened and saved as .odt (`text-web`).
    const odfKind = parts.has(ODF_CONTENT) ? mimetype.replace(/-(?:template|web)$/, '') : undefined;
    kind = Object.keys(readers).find((key) => parts.has(key) || key === odfKind);
    let main = kind === odfKind ? ODF_CONTENT : kind;
    if (kind === undefined && parts.has(PACKAGE_RELATIONSHIPS)) {
      // Word on the web names its main part `word/document2.xml`: the package's relationships say which part it is.
      const relationships = new PartRelationships('', parts, limits.row, refusal(PACKAGE_RELATIONSHIPS));
      declared([PACKAGE_RELATIONSHIPS]);
      await read(PACKAGE_RELATIONSHIPS, relationships);
      main = [...relationships.targets.values()].find((r) => r.kind === 'officeDocument')?.part;
      kind = Object.keys(readers).find((part) => main !== undefined && posix.dirname(part) === posix.dirname(main));
    }
    if (kind === undefined || main === undefined) throw new ImportError('not-a-workbook', `${file} ${otherDocument(mimetype, parts)}`);
    return await readers[kind]!({ file, limits, main, parts, declared, read, refusal });
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw damaged(file, kind);
  } finally {
    zip.close();
  }
}

const PACKAGE_RELATIONSHIPS = relationshipsOf('');

/**
 * The zip's directory, read by yauzl. Names are left undecoded and checked by nothing: a workbook's part names are
 * matched against the few the reader takes, so an odd name elsewhere (a leading slash, a backslash) is no reason to refuse
 * the file. Sizes are not checked against what the parts inflate to: the ceilings below count what they truly inflate to.
 */
async function opened(bytes: Buffer, file: string): Promise<ZipFile> {
  try {
    return await fromBufferPromise(bytes, { autoClose: false, lazyEntries: true, decodeStrings: false, validateEntrySizes: false });
  } catch {
    throw damaged(file);
  }
}

/** A part's name as the workbook's relationships give it: UTF-8 when the entry says so, else one byte a character. */
const nameOf = (entry: Entry) => entry.fileNameRaw.toString(entry.generalPurposeBitFlag & 0x800 ? 'utf8' : 'latin1').replace(/^\//, '');

/** The longest `mimetype` an OpenDocument file holds. */
const MIMETYPE_LENGTH = 100;
/** Stops inflating a `mimetype` that turns out longer than it declared. */
const LONGER_THAN_DECLARED = new Error('mimetype longer than it declares');

/**
 * The kind of document an OpenDocument file says it is (its `mimetype` part); empty for any other zip. ODF has it
 * stored, but a zip tool re-packing the file compresses it, and LibreOffice reads such a file all the same; one that
 * inflates past what it declares is no mimetype.
 */
async function mimetypeOf(zip: ZipFile, entries: readonly Entry[]): Promise<string> {
  const mimetype = entries.find((e) => nameOf(e) === 'mimetype' && e.uncompressedSize <= MIMETYPE_LENGTH);
  let text = '';
  if (mimetype) {
    await streamed(zip, mimetype, (chunk) => {
      text += chunk.toString('latin1');
      if (text.length > MIMETYPE_LENGTH) throw LONGER_THAN_DECLARED;
    }).catch((e: unknown) => {
      if (e !== LONGER_THAN_DECLARED) throw e;
      text = '';
    });
  }
  return text.trim();
}

function otherDocument(kind: string, names: ReadonlySet<string>): string {
  const fix = 'open it in Excel or Google Sheets and save or download it as .xlsx';
  // The OpenDocument kinds whose tables are not read (a drawing, a formula) are named, as is a spreadsheet, text or presentation with no content.
  if (kind.startsWith('application/vnd.oasis.opendocument')) return `is an OpenDocument file, not an .xlsx workbook: ${fix}.`;
  if (names.has('xl/workbook.bin')) return 'is an Excel binary workbook (.xlsb), not an .xlsx workbook: in Excel, save it as "Excel Workbook (.xlsx)".';
  return `is a zip file but not an .xlsx workbook (it holds no workbook): ${fix}.`;
}

/** One part inflated as a stream and fed to `reader`, counted against the budgets as it comes. */
async function inflated(zip: ZipFile, entry: Entry, file: string, limits: ArchiveLimits, budget: { unpacked: number; kept: number }, reader: WorkbookXml): Promise<void> {
  const decoder = new StringDecoder('utf8');
  let counted = 0;
  const keep = () => {
    budget.kept -= reader.held - counted;
    counted = reader.held;
    if (budget.kept < 0) throw tooLarge(file, limits.kept);
  };
  await streamed(zip, entry, (chunk) => {
    budget.unpacked -= chunk.length;
    if (budget.unpacked < 0) throw tooLarge(file, limits.unpacked);
    reader.push(decoder.write(chunk));
    keep();
  });
  reader.push(decoder.end());
  reader.end();
  keep();
}

/**
 * A part inflated as a stream, each chunk given to `take` as it comes, which may throw to stop it. Encrypted parts
 * and methods other than stored and deflated, which no spreadsheet program writes, are refused by yauzl.
 */
async function streamed(zip: ZipFile, entry: Entry, take: (chunk: Buffer) => void): Promise<void> {
  const stream = await zip.openReadStreamPromise(entry);
  try {
    for await (const chunk of stream) take(chunk as Buffer);
  } finally {
    stream.destroy();
  }
}
