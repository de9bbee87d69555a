// A cell's text as the status formulas read it, padding and all: one reading for the formulas and the service, so a
// word pasted with a tab or a no-break space around it is the same word to both.

/**
 * What people pad text with that TRIM keeps: a tab (typed or pasted from a table), a line break (Alt+Enter, or pasted
 * from a page) and a no-break space (pasted from the web or a PDF). `trimmedFormula` makes each a space before TRIM.
 */
const PADDING = /[\t\n\u00a0]/g;

/**
 * `text` as `trimmedFormula` makes it: its padding made spaces, then TRIMmed as Excel, Sheets and LibreOffice do
 * (spaces cut at both ends and runs of them made one). Other white space (an em space) stays, as it does in the sheet.
 */
export const trimmedText = (text: string) => text.replace(PADDING, ' ').replace(/^ +| +$/g, '').replace(/ {2,}/g, ' ');

/**
 * `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(ref,CHAR(9)," "),CHAR(10)," "),"<no-break space>"," "))`: the text of `ref` as
 * `trimmedText` reads it. The no-break space is written as itself: LibreOffice's CHAR(160) is no no-break space (it
 * reads the code in the system's character set), and UNICHAR, which is, needs a prefix in an .xlsx file that a formula
 * written by the add-ons has not.
 */
export const trimmedFormula = (ref: string) => `TRIM(SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${ref},CHAR(9)," "),CHAR(10)," "),"\u00a0"," "))`;
