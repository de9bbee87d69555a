// A person's text set apart from the sentence it is written into, for right-to-left scripts.

/** A letter of a right-to-left script: Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms. */
const RIGHT_TO_LEFT = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|[\u{10800}-\u{10fff}\u{1e800}-\u{1efff}]/u;

/**
 * The embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069), refused at every input since, but held by text
 * stored before: one turns the rest of its line around, past the end of the text it sits in, so a sentence naming a
 * source reads reversed ("Trojan Source"). Invisible, they are left out where such text is shown.
 */
const DIRECTION_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/g;

/** `text` without direction controls (`DIRECTION_CONTROLS`); the marks U+200E, U+200F and U+061C stay. */
export const withoutDirectionControls = (text: string): string => text.replace(DIRECTION_CONTROLS, '');

/**
 * `text` between Unicode's first-strong isolate and pop-directional isolate (U+2068, U+2069), which Excel, LibreOffice
 * and browsers honor: a name in Arabic or Hebrew at a sentence's start otherwise turns the whole line right to left,
 * and one just before a figure takes the figure into its run ("שוויון: 1 of 4" printed "1 :שוויון of 4"). Text with no
 * right-to-left letter is returned as it is: the marks would change nothing there, and would travel invisibly into
 * every line a reader copies from the report or the command line. A direction control of the text's own is left out:
 * a stray pop-directional isolate would end the isolate early, and the override after it turn the line around.
 */
export function isolated(text: string): string {
  const shown = withoutDirectionControls(text);
  return RIGHT_TO_LEFT.test(shown) ? `\u2068${shown}\u2069` : shown;
}
