// Writing small PowerPoint files (.pptx) for import tests: slides of a title, text and tables, as PowerPoint writes them.
import { writeFile } from 'node:fs/promises';
import JSZip from 'jszip';
import { expect } from 'vitest';
import { importJson, importWorkbook } from '../../../sync/ingest/import-workbook';
import type { RowStore } from '../../../sync/store/row-store';
import { ASSOCIATION_ROADMAP } from '../../fixtures/messy/source-plans';

const NS = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A shape's or cell's text: a paragraph of one run for each line. */
export const textBody = (text: string) =>
  `<a:txBody><a:bodyPr/><a:lstStyle/>${text.split('\n').map((line) => `<a:p>${line ? `<a:r><a:rPr lang="en-US" dirty="0"/><a:t>${escaped(line)}</a:t></a:r>` : ''}<a:endParaRPr lang="en-US"/></a:p>`).join('')}</a:txBody>`;

/** A placeholder shape: the slide's title (`title`, or `ctrTitle` on a title slide) or its body text (`body`). */
export const placeholder = (text: string, type: 'title' | 'ctrTitle' | 'body' = 'title') =>
  `<p:sp><p:nvSpPr><p:cNvPr id="2" name="Title 1"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph${type === 'body' ? ' idx="1"' : ` type="${type}"`}/></p:nvPr></p:nvSpPr><p:spPr/>${textBody(text)}</p:sp>`;

/** A text box placed `y` EMUs from the slide's top, as a deck made without layouts holds its title (LibreOffice Impress). */
export const textBox = (text: string, y: number) =>
  `<p:sp><p:nvSpPr><p:cNvPr id="3" name="TextBox 2"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr><a:xfrm><a:off x="360000" y="${y}"/><a:ext cx="7200000" cy="720000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr>${textBody(text)}</p:sp>`;

/** A cell: its text (paragraphs split at line feeds), or its `a:txBody` as given, and how it is merged, as PowerPoint marks it. */
export type SlideCell = string | null | { text?: string; xml?: string; gridSpan?: number; rowSpan?: number; hMerge?: boolean; vMerge?: boolean };

/** A table in a graphic frame, every grid column's cell present (a merge's covered cells marked `hMerge`/`vMerge`), as PowerPoint writes it. */
export function slideTable(rows: readonly (readonly SlideCell[])[], y = 1825625): string {
  const width = Math.max(...rows.map((r) => r.length));
  const cell = (c: SlideCell) => {
    const spec = c !== null && typeof c === 'object' ? c : { text: c ?? '' };
    const merged = `${spec.gridSpan ? ` gridSpan="${spec.gridSpan}"` : ''}${spec.rowSpan ? ` rowSpan="${spec.rowSpan}"` : ''}${spec.hMerge ? ' hMerge="1"' : ''}${spec.vMerge ? ' vMerge="1"' : ''}`;
    return `<a:tc${merged}>${spec.xml ?? textBody(spec.text ?? '')}<a:tcPr/></a:tc>`;
  };
  const body = rows.map((r) => `<a:tr h="370840">${r.map(cell).join('')}</a:tr>`).join('');
  return `<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="4" name="Table 3"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr><p:xfrm><a:off x="838200" y="${y}"/><a:ext cx="10515600" cy="3000000"/></p:xfrm><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>${'<a:gridCol w="2000000"/>'.repeat(width)}</a:tblGrid>${body}</a:tbl></a:graphicData></a:graphic></p:graphicFrame>`;
}

/** The relationships namespace of a strict deck (ISO/IEC 29500 strict), which a writer may bind to any prefix. */
export const STRICT_RELATIONSHIPS = 'http://purl.oclc.org/ooxml/officeDocument/relationships';

/**
 * A presentation of `slides` (each its shapes' XML), stored as `ppt/slides/slide1.xml`… in the order given and shown
 * in `order` (indexes into `slides`), as a deck whose slides were moved keeps their parts' names. `relationships`: the
 * prefix and namespace presentation.xml names its slides' relationships by.
 */
export async function writePresentation(file: string, slides: readonly string[], order: readonly number[] = slides.map((_, i) => i), relationships = { prefix: 'r', uri: REL }): Promise<string> {
  const zip = new JSZip();
  const slideTypes = slides.map((_, i) => `<Override PartName="/ppt/slides/slide${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.slide+xml"/>`).join('');
  zip.file('[Content_Types].xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/ppt/presentation.xml" ContentType="application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"/>${slideTypes}</Types>`);
  zip.file('_rels/.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="ppt/presentation.xml"/></Relationships>`);
  zip.file('ppt/presentation.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:presentation ${NS.replace(`xmlns:r="${REL}"`, `xmlns:${relationships.prefix}="${relationships.uri}"`)} saveSubsetFonts="1"><p:sldIdLst>${order.map((n, i) => `<p:sldId id="${256 + i}" ${relationships.prefix}:id="rId${n + 2}"/>`).join('')}</p:sldIdLst><p:sldSz cx="12192000" cy="6858000"/><p:notesSz cx="6858000" cy="9144000"/></p:presentation>`);
  zip.file('ppt/_rels/presentation.xml.rels', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${slides.map((_, i) => `<Relationship Id="rId${i + 2}" Type="${REL}/slide" Target="slides/slide${i + 1}.xml"/>`).join('')}</Relationships>`);
  slides.forEach((shapes, i) => zip.file(`ppt/slides/slide${i + 1}.xml`, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<p:sld ${NS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>${shapes}</p:spTree></p:cSld></p:sld>`));
  await writeFile(file, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
  return file;
}

/** A deck of the association's roadmap imported under a new file source: every action stored with its focus area and kind, from the sheet `Equity Roadmap`. */
export async function expectRoadmapStored(store: RowStore, file: string): Promise<void> {
  const { principal } = await store.createPrincipal({ kind: 'source', name: 'Roadmap deck', sourceKind: 'file' });
  const r = importJson(await importWorkbook(store, { file, sourceId: principal.id, at: new Date('2026-03-25T10:00:00Z') }));
  expect([r.accepted, r.rejected]).toEqual([ASSOCIATION_ROADMAP.length, []]);
  expect(r.tables).toEqual([expect.objectContaining({ sheet: 'Equity Roadmap', table: 'roadmap' })]);
  const stored: unknown[][] = [];
  for await (const row of store.rows('roadmap', { sourceIds: [principal.id] })) stored.push([row.values.focusArea, row.values.kind, row.values.action]);
  expect(stored.sort()).toEqual(ASSOCIATION_ROADMAP.map((r) => [...r]).sort());
}
