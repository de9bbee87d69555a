// The one way the command line's text reports (not its JSON) reach a terminal: rows stored before the service
// refused odd characters still hold them, and a terminal acts on some rather than showing them.
import { clipText, MAX_FIELD_TEXT } from '../../shared/clip-text';

/**
 * The controls but tab and line feed (an escape sequence recolors or retitles the terminal, a carriage return writes
 * over the line, a bell rings), DEL, the C1 controls (U+009B starts an escape sequence too) and the embeddings and
 * overrides, which turn the rest of a line around. The isolates stay: a report sets a right-to-left name apart with
 * them (`isolated`), having taken out the name's own.
 */
const NOT_IN_TERMINALS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E]/g;

/** Half of a surrogate pair without its other half: no UTF-8 output carries it, so it is shown as U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` for a terminal: without `NOT_IN_TERMINALS`, lone surrogates replaced, and each line no longer than a field
 * keeps, clipped with the marker as the pages clip a text (a long stored name made lines of twice its length).
 */
export function terminalText(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const shown = line.replace(NOT_IN_TERMINALS, '').replace(LONE_SURROGATE, '\uFFFD');
      return shown.length > MAX_FIELD_TEXT ? clipText(shown, MAX_FIELD_TEXT) : shown;
    })
    .join('\n');
}
