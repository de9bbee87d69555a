// Words that hold a cell's place until it is filled in ("TBD", "n/a", "-"), read the one way a formula can read them too,
// so the service, the rules and the sheet's own formulas all take such a Status for a blank one.
import { trimmedText, trimmedFormula } from './trimmed-text';

/** A value still to be decided, as it reads with case folded. */
export const NOT_CHOSEN_WORDS: readonly string[] = ['tbd', 'tba', 'tbc', 'to be determined', 'to be decided', 'to be announced', 'to be confirmed'];
/** No value at all, and none to come; so does a run of hyphens ("-", "--"). */
export const NO_FIGURE_WORDS: readonly string[] = ['n/a', 'na', 'none', '—', '–'];

const WORDS = [...NOT_CHOSEN_WORDS, ...NO_FIGURE_WORDS];

/**
 * Which words a cell's text is, as the formulas read it (`trimmedText`: padding made spaces, then TRIMmed) and `=`
 * compares it (any case): 1 still to come (`NOT_CHOSEN_WORDS`), 2 none at all (`NO_FIGURE_WORDS`, hyphens, or nothing),
 * 0 neither.
 */
export function placeholderKind(text: string): 0 | 1 | 2 {
  const t = trimmedText(text).toLowerCase();
  const i = WORDS.indexOf(t);
  return /^-*$/.test(t) ? 2 : i < 0 ? 0 : i < NOT_CHOSEN_WORDS.length ? 1 : 2;
}

/** A Status that says nothing is chosen: blank, or one of the words above, as `blankStatusTerms` reads it. */
export const isBlankStatus = (raw: unknown) => raw == null || (typeof raw === 'string' && placeholderKind(raw) > 0);

/**
 * `SUBSTITUTE(T,"-","")="" | T="tbd" | …`, T the cell's text as `trimmedFormula` reads it, with `op` `=` (for an `OR`:
 * `isBlankStatus`) or `<>` (multiplied in a SUMPRODUCT: its negation per cell). Comparisons rather than one MATCH against
 * an array constant: the add-on writes these into Sheets whatever its locale, and there an array's separators change
 * with the locale.
 */
export const blankStatusTerms = (ref: string, op: '=' | '<>') => {
  const text = trimmedFormula(ref);
  return [`SUBSTITUTE(${text},"-","")${op}""`, ...WORDS.map((w) => `${text}${op}"${w}"`)];
};
