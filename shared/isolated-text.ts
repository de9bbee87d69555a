// A person's text set apart from the sentence it is written into, for right-to-left scripts.

/** A letter of a right-to-left script: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * `text` between Unicode's first-strong isolate and pop-directional isolate (U+2068, U+2069), which Excel, LibreOffice
 * and browsers honor: a name in Arabic or Hebrew at a sentence's start otherwise turns the whole line right to left,
 * and one just before a figure takes the figure into its run ("שוויון: 1 of 4" printed "1 :שוויון of 4"). Text with no
 * right-to-left letter is returned as it is: the marks would change nothing there, and would travel invisibly into
 * every line a reader copies from the report or the command line.
 */
export const isolated = (text: string): string => (RIGHT_TO_LEFT.test(text) ? `\u2068${text}\u2069` : text);
