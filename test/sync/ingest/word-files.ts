// Writing small Word documents (.docx) for import tests: a body of paragraphs and tables, as Word writes them.
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const W14 = 'http://schemas.microsoft.com/office/word/2010/wordml';
const WPS = 'http://schemas.microsoft.com/office/word/2010/wordprocessingShape';
/** The drawing namespaces a text box is written in: DrawingML's (Word 2010 and later) and VML's (the copy for older readers). */
const DRAWING = `xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:wps="${WPS}" xmlns:v="urn:schemas-microsoft-com:vml"`;

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A paragraph of one run; `style` a style id (`Heading1` is a heading in `writeDocument`'s styles). */
export const paragraph = (text: string, style?: string) =>
  `<w:p>${style ? `<w:pPr><w:pStyle w:val="${style}"/></w:pPr>` : ''}${text ? `<w:r><w:t xml:space="preserve">${escaped(text)}</w:t></w:r>` : ''}</w:p>`;

/**
 * A list paragraph (`w:numPr`): `level` its list level (`w:ilvl`), `numId` its numbering; `style` a paragraph style,
 * which may give the numbering itself (`ListBullet` does in `writeDocument`'s styles).
 */
export const listItem = (text: string, level = 0, numId = 1, style?: string) =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}<w:numPr><w:ilvl w:val="${level}"/><w:numId w:val="${numId}"/></w:numPr></w:pPr><w:r><w:t xml:space="preserve">${escaped(text)}</w:t></w:r></w:p>`;

/** A paragraph of `style` alone, as Word writes one whose numbering its style gives (`List Bullet`). */
export const styledItem = (text: string, style = 'ListBullet') => paragraph(text, style);

/** A paragraph whose runs are all bold, its paragraph mark not: a heading typed as bold text. */
export const boldParagraph = (text: string) =>
  `<w:p><w:pPr><w:rPr><w:b/></w:rPr></w:pPr><w:r><w:rPr><w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">${escaped(text)}</w:t></w:r></w:p>`;

/** A paragraph whose one run has character style `style` (`Strong`, bold in `writeDocument`'s styles). */
export const characterStyled = (text: string, style: string) =>
  `<w:p><w:r><w:rPr><w:rStyle w:val="${style}"/></w:rPr><w:t xml:space="preserve">${escaped(text)}</w:t></w:r></w:p>`;

/** A cell: its text (paragraphs split at line feeds), or its XML content as given, and how it is merged. */
export type WordCell = string | null | { text?: string; xml?: string; span?: number; vMerge?: 'restart' | 'continue' };

/** A table whose rows are `rows`, its grid as wide as its widest row; `header` rows marked to repeat on each page. */
export function table(rows: readonly (readonly WordCell[])[], header = 0): string {
  const width = Math.max(...rows.map((r) => r.reduce<number>((n, c) => n + (c !== null && typeof c === 'object' ? (c.span ?? 1) : 1), 0)));
  const cell = (c: WordCell) => {
    const spec = c !== null && typeof c === 'object' ? c : { text: c ?? '' };
    const props = `${spec.span ? `<w:gridSpan w:val="${spec.span}"/>` : ''}${spec.vMerge ? (spec.vMerge === 'restart' ? '<w:vMerge w:val="restart"/>' : '<w:vMerge/>') : ''}`;
    const content = spec.xml ?? (spec.text ?? '').split('\n').map((line) => paragraph(line)).join('');
    return `<w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/>${props}</w:tcPr>${content || '<w:p/>'}</w:tc>`;
  };
  const grid = `<w:tblGrid>${'<w:gridCol w:w="2000"/>'.repeat(width)}</w:tblGrid>`;
  const body = rows.map((r, i) => `<w:tr>${i < header ? '<w:trPr><w:tblHeader/></w:trPr>' : ''}${r.map(cell).join('')}</w:tr>`).join('');
  return `<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/></w:tblPr>${grid}${body}</w:tbl>`;
}

/**
 * A paragraph (its text `before`) holding a text box of `content` (paragraphs and tables), as Word writes one: a
 * DrawingML shape for Word 2010 and later and a VML copy for older readers (`mc:AlternateContent`), each holding the
 * same content; `vml`: the VML alone, as Word 2003 and converters write it.
 */
export function textBox(content: string, before = '', vml = false): string {
  const drawing = `<w:drawing><wp:anchor simplePos="0" relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1"><wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV><wp:extent cx="5760085" cy="1511300"/><wp:wrapSquare wrapText="bothSides"/><wp:docPr id="1" name="Text Box 1"/><a:graphic><a:graphicData uri="${WPS}"><wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5760085" cy="1511300"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>${content}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing>`;
  const pict = `<w:pict><v:shape id="Text Box 1" type="#_x0000_t202" style="position:absolute;width:453.55pt;height:119pt"><v:textbox><w:txbxContent>${content}</w:txbxContent></v:textbox></v:shape></w:pict>`;
  const box = vml ? pict : `<mc:AlternateContent><mc:Choice Requires="wps">${drawing}</mc:Choice><mc:Fallback>${pict}</mc:Fallback></mc:AlternateContent>`;
  return `<w:p>${before ? `<w:r><w:t xml:space="preserve">${escaped(before)}</w:t></w:r>` : ''}<w:r>${box}</w:r></w:p>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="ListBullet"><w:name w:val="List Bullet"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="PlanBullet"><w:name w:val="Plan Bullet"/><w:basedOn w:val="ListBullet"/></w:style>
<w:style w:type="paragraph" w:styleId="PlanHeadingBase"><w:name w:val="Plan Heading Base"/><w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="PlanHeading"><w:name w:val="Plan Heading"/><w:basedOn w:val="PlanHeadingBase"/><w:rPr><w:color w:val="1F3864"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="PlanNote"><w:name w:val="Plan Note"/><w:basedOn w:val="PlanHeadingBase"/><w:rPr><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>
<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblStylePr w:type="firstRow"><w:rPr><w:b/></w:rPr></w:tblStylePr></w:style>
<w:style w:type="paragraph" w:styleId="PlanBulletSub"><w:name w:val="Plan Bullet Sub"/><w:basedOn w:val="ListBullet"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style></w:styles>`;

/** `main`: the main part's name, which Word on the web writes as `word/document2.xml`. */
export async function writeDocument(file: string, body: string, main = 'word/document.xml'): Promise<string> {
  const zip = new JSZip();
  const rels = main.replace(/([^/]*)$/, '_rels/$1.rels');
  const parts: Record<string, string> = {
    '[Content_Types].xml': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/${main}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`,
    '_rels/.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${main}"/></Relationships>`,
    [rels]: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    [main]: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="${W}" xmlns:w14="${W14}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ${DRAWING} mc:Ignorable="w14"><w:body>${body}<w:sectPr/></w:body></w:document>`,
    'word/styles.xml': STYLES,
  };
  for (const [name, text] of Object.entries(parts)) zip.file(name, text);
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}
