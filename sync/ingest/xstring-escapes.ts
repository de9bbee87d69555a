// Text escapes of OOXML (ST_Xstring, `_xHHHH_` for a character, `_x005F_` for a literal underscore) in exceljs's
// reader: it decodes them in shared strings only, and upper-case hex only. The import reads cells without exceljs
// (`sheet-grid-cells.ts`, which decodes escapes everywhere); this patch makes exceljs's reader read them alike, for
// the tests that hold the import to what that reader read.
import { createRequire } from 'node:module';
import { decodeXstring } from '../workbook/xml-text';

interface TextParser {
  _text: string[];
}

interface CellParser {
  t?: string;
  model: { value?: unknown };
  parseClose(name: string): boolean;
}

/**
 * The exceljs releases whose cell parser this patch was read against. Another release may decode inline strings
 * itself (the patch would then decode `_x005F_x0041_` twice) or name its fields otherwise: it is left unpatched
 * (escapes read as typed, as before) until test/sync/ingest/xstring-escapes.test.ts passes on it and it is added here.
 */
export const PATCHED_EXCELJS = ['4.4.0'] as const;

const require = createRequire(import.meta.url);
let installed = false;

/** The installed exceljs's version, and whether `decodeInlineStrings` patches it. */
export function exceljsPatched(): { version: string; patched: boolean } {
  const { version } = require('exceljs/package.json') as { version: string };
  return { version, patched: (PATCHED_EXCELJS as readonly string[]).includes(version) };
}

/**
 * Makes exceljs's reader decode inline strings (`t="inlineStr"`) and text results (`t="str"`) as it does shared
 * strings. Patched where the cell is parsed, since afterwards they and a shared string (already decoded) look alike.
 * Text runs (shared strings, rich text) are decoded by `decodeXstring` too, so one cell reads the same either way.
 */
export function decodeInlineStrings(): void {
  if (installed || !exceljsPatched().patched) return;
  installed = true;
  const text = require('exceljs/lib/xlsx/xform/strings/text-xform.js') as { prototype: TextParser };
  Object.defineProperty(text.prototype, 'model', { configurable: true, get(this: TextParser) { return decodeXstring(this._text.join('')); } });
  const { prototype } = require('exceljs/lib/xlsx/xform/sheet/cell-xform.js') as { prototype: CellParser };
  const parseClose = prototype.parseClose;
  prototype.parseClose = function (this: CellParser, name: string) {
    if (name === 'c' && (this.t === 'inlineStr' || this.t === 'str') && typeof this.model.value === 'string') this.model.value = decodeXstring(this.model.value);
    return parseClose.call(this, name);
  };
}
