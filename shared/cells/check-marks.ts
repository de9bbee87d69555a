// Check marks as offices type or paste them (☑, ☐, x, Yes, a checkbox's TRUE), read the one way a formula can too.
import { trimmedFormula, trimmedText } from './trimmed-text';

/** Marks that answer yes (or tick a "Done?" column), as they read with case folded and full stops set aside. */
export const TICKED_MARKS: readonly string[] = ['☑', '✓', '✔', '☒', '✅', 'x', 'yes', 'y', 'true', '1', 'checked'];
/** …and no (an unticked box, or the cross a ✓/✗ column sets against a tick; a box with a cross in it, ☒, is ticked). */
export const UNTICKED_MARKS: readonly string[] = ['☐', '□', '✗', '✘', '❌', 'no', 'n', 'false', '0', 'unchecked'];

const TICKED = new Set(TICKED_MARKS);
const UNTICKED = new Set(UNTICKED_MARKS);

/**
 * A cell as `markTextFormula` makes it: its text (a checkbox's TRUE as "true", a number as its digits) with every full
 * stop and exclamation mark taken out, trimmed of its padding (`trimmedText`), in lower case (the formula's `=` ignores
 * case).
 */
function markText(raw: unknown): string | undefined {
  const text = typeof raw === 'string' ? raw : typeof raw === 'boolean' || typeof raw === 'number' ? String(raw) : undefined;
  return text === undefined ? undefined : trimmedText(text.replace(/[.!]/g, '')).toLowerCase();
}

/**
 * What a check mark answers (☑, x, "Yes.", a checkbox's TRUE), or undefined for anything else: the reading the status
 * formulas make of a Status cell (`tickedFormula`), so the service, the sheet and the custom functions agree.
 */
export function checkMark(raw: unknown): boolean | undefined {
  const text = markText(raw);
  return text === undefined ? undefined : TICKED.has(text) ? true : UNTICKED.has(text) ? false : undefined;
}

/** `TRIM(SUBSTITUTE(…SUBSTITUTE(ref,".",""),"!",""),CHAR(9)," ")…))`: the cell's text as `markText` makes it, up to case. */
export const markTextFormula = (ref: string) => trimmedFormula(`SUBSTITUTE(SUBSTITUTE(${ref},".",""),"!","")`);

/** `!☑!✓!…!`: the marks as one text, each between two `!`, which `markText` takes out of a cell, so no cell spans two. */
const markList = (marks: readonly string[]) => `!${marks.join('!')}!`;

/**
 * Whether a cell holds a mark of `marks` (`checkMark`'s reading), in one comparison rather than one per mark:
 * `SUBSTITUTE("!☑!✓!…!","!"&LOWER(text)&"!","")<>"!☑!✓!…!"`, the text as `markTextFormula` makes it. One comparison
 * keeps the status formulas, which read their cells in many places, within Excel's formula length over an office's own
 * sheet, whose name every reference repeats; `LOWER`, since `SUBSTITUTE` minds case where `=` does not. Text functions
 * read a checkbox's TRUE as "TRUE" in Excel and Sheets and may read it as 1 in LibreOffice, which holds it as a number:
 * both are ticked marks ("FALSE" and 0 both unticked), so every engine reads a checkbox the same way.
 */
export const markInFormula = (ref: string, ticked: boolean) => {
  const list = markList(ticked ? TICKED_MARKS : UNTICKED_MARKS);
  return `SUBSTITUTE("${list}","!"&LOWER(${markTextFormula(ref)})&"!","")<>"${list}"`;
};
