// OpenDocument files (.ods, .odt, .odp) for the import's tests, written as LibreOffice and Google Sheets write them: the
// mimetype stored first, a manifest, and the tables in content.xml.
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';

const NAMESPACES = 'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0"';

export const ODP = 'application/vnd.oasis.opendocument.presentation';

/** A cell: its text, or the attributes and inner XML a spreadsheet program writes for it. */
export type OdsCell = string | null | { attributes?: string; xml?: string; text?: string; repeated?: number; covered?: boolean };

/** A row of cells, or a row written once for `repeated` rows (`table:number-rows-repeated`). */
export type OdsRow = OdsCell[] | { cells: OdsCell[]; repeated: number };

const escapedText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const paragraph = (text: string) => `<text:p>${escapedText(text)}</text:p>`;

function cellXml(cell: OdsCell): string {
  if (cell === null) return '<table:table-cell/>';
  if (typeof cell === 'string') return `<table:table-cell office:value-type="string" calcext:value-type="string">${paragraph(cell)}</table:table-cell>`;
  if (cell.covered) return '<table:covered-table-cell/>';
  const repeated = cell.repeated ? ` table:number-columns-repeated="${cell.repeated}"` : '';
  const inner = cell.xml ?? (cell.text === undefined ? '' : paragraph(cell.text));
  return `<table:table-cell${repeated} ${cell.attributes ?? ''}>${inner}</table:table-cell>`;
}

/** A text's list item: its text, or its text with a list nested in it (sub-bullets). */
export type OdtItem = string | { text: string; items: readonly OdtItem[] };

/** A text's bulleted or numbered list (`text:list`), as Writer writes one: each item a paragraph, a sub-list inside its item. */
export const odtList = (items: readonly OdtItem[]): string =>
  `<text:list text:style-name="L1">${items.map((item) => {
    const [text, nested] = typeof item === 'string' ? [item, undefined] : [item.text, item.items];
    return `<text:list-item><text:p text:style-name="P1">${escapedText(text)}</text:p>${nested ? odtList(nested) : ''}</text:list-item>`;
  }).join('')}</text:list>`;

/** A text's heading at its outline level (1 for the first). */
export const odtHeading = (text: string, level: number) => `<text:h text:outline-level="${level}">${escapedText(text)}</text:h>`;

/** A text's paragraph; `style` its automatic style (`P1`), `spanStyle` a style of a span holding all its text. */
export const odtParagraph = (text: string, style?: string, spanStyle?: string) => {
  const inner = spanStyle ? `<text:span text:style-name="${spanStyle}">${escapedText(text)}</text:span>` : escapedText(text);
  return `<text:p${style ? ` text:style-name="${style}"` : ''}>${inner}</text:p>`;
};

/** Automatic styles as Writer writes them for a bold span (`T1`) and a bold paragraph (`P2`). */
export const BOLD_STYLES = '<style:style style:name="T1" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>'
  + '<style:style style:name="P2" style:family="paragraph" style:parent-style-name="Standard"><style:text-properties fo:font-weight="bold"/></style:style>';

export const odsTable = (name: string, rows: readonly OdsRow[]) =>
  `<table:table table:name="${name}"><table:table-column table:number-columns-repeated="1024"/>${rows.map((row) => {
    const [cells, repeated] = Array.isArray(row) ? [row, 0] : [row.cells, row.repeated];
    return `<table:table-row${repeated ? ` table:number-rows-repeated="${repeated}"` : ''}>${cells.map(cellXml).join('')}</table:table-row>`;
  }).join('')}</table:table>`;

const paragraphs = (text: string) => text.split('\n').map(paragraph).join('');

/** An Impress slide of `shapes` (each its XML), with the speaker notes LibreOffice writes under every slide. */
export const slidePage = (name: string, shapes: string, notes = '') =>
  `<draw:page draw:name="${name}" draw:master-page-name="Default">${shapes}<presentation:notes><draw:page-thumbnail svg:x="0.6cm" svg:y="2.257cm" presentation:class="page"/><draw:frame svg:x="2.1cm" svg:y="14.107cm" presentation:class="notes"><draw:text-box>${paragraphs(notes)}</draw:text-box></draw:frame></presentation:notes></draw:page>`;

/** The slide's title frame, as Impress writes its title placeholder. */
export const titleFrame = (text: string, y = '0.5cm') =>
  `<draw:frame draw:name="Title 1" draw:layer="layout" svg:width="25cm" svg:height="2cm" svg:x="1cm" svg:y="${y}" presentation:class="title"><draw:text-box>${paragraphs(text)}</draw:text-box></draw:frame>`;

/** A text box placed `y` from the slide's top, as Impress writes one converted from a .pptx (a custom shape holding its text). */
export const slideTextBox = (text: string, y: string) =>
  `<draw:custom-shape draw:name="TextBox 2" svg:width="20cm" svg:height="2cm" svg:x="1cm" svg:y="${y}">${paragraphs(text)}<draw:enhanced-geometry draw:type="ooxml-rect"/></draw:custom-shape>`;

/** A table in a frame placed `y` from the slide's top, its rows as `odsTable` writes them, with the preview Impress keeps. */
export const slideTableFrame = (rows: readonly OdsRow[], y = '5cm') =>
  `<draw:frame draw:name="Table 3" svg:width="16cm" svg:height="5cm" svg:x="2cm" svg:y="${y}">${odsTable('', rows).replace(/ table:name=""/, '')}<draw:image xlink:href="Pictures/TablePreview1.svm"/></draw:frame>`;

/**
 * An OpenDocument file of `body` (`office:spreadsheet`'s, `office:text`'s…), of the kind `mimetype` names; `styles`: its
 * automatic styles; `common`: styles.xml's styles, where LibreOffice keeps the date formats its cell styles name.
 */
export async function writeOpenDocument(file: string, body: string, mimetype = 'application/vnd.oasis.opendocument.spreadsheet', element = 'office:spreadsheet', styles = '', common = ''): Promise<string> {
  const zip = new JSZip();
  zip.file('mimetype', mimetype, { compression: 'STORE' });
  zip.file('META-INF/manifest.xml', `<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:media-type="${mimetype}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>`);
  zip.file('content.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-content ${NAMESPACES} office:version="1.3"><office:automatic-styles>${styles}</office:automatic-styles><office:body><${element}>${body}</${element}></office:body></office:document-content>`);
  if (common) zip.file('styles.xml', `<?xml version="1.0" encoding="UTF-8"?><office:document-styles ${NAMESPACES} office:version="1.3"><office:styles>${common}</office:styles></office:document-styles>`);
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}
