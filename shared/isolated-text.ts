// A person's text set apart from the sentence it is written into, for right-to-left scripts.

/**
 * `text` between Unicode's first-strong isolate and pop-directional isolate (U+2068, U+2069), which Excel, LibreOffice
 * and browsers honor: a name in Arabic or Hebrew at a sentence's start otherwise turns the whole line right to left,
 * and one just before a figure takes the figure into its run ("שוויון: 1 of 4" printed "1 :שוויון of 4").
 */
export const isolated = (text: string): string => `\u2068${text}\u2069`;
