// Text escapes of OOXML (ST_Xstring, `_xHHHH_` for a character, `_x005F_` for a literal underscore), decoded in
// inline strings and text formula results too: exceljs decodes them in shared strings only, and writers other
// than Excel put text inline.
import { createRequire } from 'node:module';
import { decodeXstring } from '../workbook/xml-text';

interface CellParser {
  t?: string;
  model: { value?: unknown };
  parseClose(name: string): boolean;
}

let installed = false;

/**
 * Makes exceljs's reader decode inline strings (`t="inlineStr"`) and text results (`t="str"`) as it does shared
 * strings. Patched where the cell is parsed, since afterwards they and a shared string (already decoded) look alike.
 */
export function decodeInlineStrings(): void {
  if (installed) return;
  installed = true;
  const { prototype } = createRequire(import.meta.url)('exceljs/lib/xlsx/xform/sheet/cell-xform.js') as { prototype: CellParser };
  const parseClose = prototype.parseClose;
  prototype.parseClose = function (this: CellParser, name: string) {
    if (name === 'c' && (this.t === 'inlineStr' || this.t === 'str') && typeof this.model.value === 'string') this.model.value = decodeXstring(this.model.value);
    return parseClose.call(this, name);
  };
}
