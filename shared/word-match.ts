// Matching text the way a person reads it: headers and dropdown values compared as words, so case,
// punctuation, plurals, word order and qualifying words around a known name do not hide a match.

/** Folds case, spaces and punctuation so "in-progress" finds "In progress". */
export const foldText = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** Words that carry no meaning in a header or a dropdown value ("Area of Focus" is "focus area"). */
const STOP_WORDS = new Set(['of', 'for', 'the', 'a', 'an', 'and', 'or', 'in', 'on', 'by', 'with', 'per', 'at']);

/** Words whose absence changes the meaning: "Started" is not "Not started". */
const NEGATIONS = new Set(['not', 'no', 'non', 'un']);

/** A plural read as its singular: "Milestones" → "milestone", "Strategies" → "strategy", "Statuses" → "status"; "Status" stays. */
export function singular(word: string): string {
  if (word.length <= 3 || /(ss|us|is)$/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  // Of words ending in -uses, only these drop -es: "Causes" and "Houses" drop the s alone.
  if (/(ch|sh|x|ss)es$|(status|campus|bonus|focus|census)es$/.test(word)) return word.slice(0, -2);
  return word.endsWith('s') ? word.slice(0, -1) : word;
}

/** The meaningful words of a text, singular, lower case; `%` reads as "percent" and `#` as "number". */
export function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/\(s\)/g, '')
    .replace(/%/g, ' percent ')
    .replace(/#/g, ' number ')
    .replace(/&/g, ' and ')
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '' && !STOP_WORDS.has(w))
    .map(singular);
}

/** A name prepared once for many comparisons. */
export interface Phrase {
  folded: string;
  words: readonly string[];
}

/** `#` and `%` are words here: "Item #" is not "Item". */
export const phrase = (text: string): Phrase => ({ folded: foldText(text.replace(/%/g, 'percent').replace(/#/g, 'number')), words: wordsOf(text) });

/** Scores at or above this are the same words (perhaps plural or reordered), with nothing added or missing. */
export const SAME_WORDS = 90;

/**
 * How well `text` names `name`, 0 when not at all:
 * 100 the same letters and digits (case, spaces and punctuation aside); 95 the same words, singular;
 * 90 the same words in another order; 60–75 every word of the name plus qualifying words
 * (`SCORE Goal` names "goal"); 25–40 some of the name's words and nothing else (`Type` for
 * "Requester type"). Extra words cost a little, so the closer of two names wins; a name that
 * loses a negation ("Started" for "Not started") never matches.
 */
export function matchScore(text: Phrase, name: Phrase): number {
  if (text.folded !== '' && text.folded === name.folded) return 100;
  const a = text.words;
  const b = name.words;
  if (a.length === 0 || b.length === 0) return 0;
  if (a.length === b.length && a.every((w, i) => w === b[i])) return 95;
  const inText = new Set(a);
  const inName = new Set(b);
  const nameInText = b.every((w) => inText.has(w));
  const textInName = a.every((w) => inName.has(w));
  if (nameInText && textInName) return SAME_WORDS;
  const differs = (from: readonly string[], seen: Set<string>) => from.some((w) => !seen.has(w) && NEGATIONS.has(w));
  if (differs(a, inName) || differs(b, inText)) return 0;
  if (nameInText) return Math.max(50, 60 + 5 * Math.min(inName.size, 3) - 2 * (inText.size - inName.size));
  if (textInName) return Math.max(20, 25 + 5 * Math.min(inText.size, 3) - 2 * (inName.size - inText.size));
  return 0;
}

/** The best of several names for one thing (a column's header and its aliases). */
export const bestScore = (text: Phrase, names: readonly Phrase[]): number => names.reduce((best, n) => Math.max(best, matchScore(text, n)), 0);

/** A dropdown value matched by its words: a single best option, two equally good ones, or none. */
export type ChoiceMatch = { kind: 'one'; value: string } | { kind: 'tie'; values: [string, string] } | { kind: 'none' };

/**
 * The option a cell's text names, matched as headers are: plurals, case and extra words around the
 * option's words. Only options whose every word the text has (or whose words are all the text has)
 * count, so "Early Actions" finds "Early action" and "Started" finds nothing.
 */
export function closestChoice(text: string, options: readonly string[]): ChoiceMatch {
  const p = phrase(text);
  let best: { value: string; score: number } | undefined;
  let rival: string | undefined;
  for (const option of options) {
    const s = matchScore(p, phrase(option));
    if (s < 50) continue;
    if (!best || s > best.score) [best, rival] = [{ value: option, score: s }, undefined];
    else if (s === best.score) rival = option;
  }
  if (!best) return { kind: 'none' };
  return rival === undefined ? { kind: 'one', value: best.value } : { kind: 'tie', values: [best.value, rival] };
}

/** "exec" for "executive", "prog" for "program": a word's first letters, three or more, as offices shorten it. */
/**
 * Whether `short` is `word` cut short ("Exec", "Comm") or contracted as offices write it, its first and last letters
 * kept and some between ("govt", "dept", "agcy", "cmty").
 */
const shortens = (short: string, word: string) =>
  short.length >= 3 && short.length < word.length && (word.startsWith(short) || (short[0] === word[0] && short[short.length - 1] === word[word.length - 1] && lettersInOrder(short, word)));

/** Whether every letter of `short` is in `word`, in order. */
function lettersInOrder(short: string, word: string): boolean {
  let at = 0;
  for (const letter of short) {
    at = word.indexOf(letter, at) + 1;
    if (at === 0) return false;
  }
  return true;
}

/** Each of the option's words, in its order, written whole or shortened ("Exec. leadership", "Comm. org."). */
const wordsShortened = (text: Phrase, option: Phrase) =>
  text.words.length === option.words.length && text.words.some((w, i) => w !== option.words[i]) && text.words.every((w, i) => w === option.words[i] || shortens(w, option.words[i]));

/**
 * The option that holds every word of `text` with more of its own ("Legislative" for "Legislative office"), or whose
 * words `text` shortens ("Exec. leadership"), or the first two that do: a shortened value, read only where a cell's
 * value is wanted (never a header or heading).
 */
export function shortenedChoice(text: string, options: readonly string[]): ChoiceMatch {
  const p = phrase(text);
  const holding = options.filter((o) => matchScore(p, phrase(o)) > 0 || wordsShortened(p, phrase(o)));
  if (holding.length === 0) return { kind: 'none' };
  return holding.length === 1 ? { kind: 'one', value: holding[0] } : { kind: 'tie', values: [holding[0], holding[1]] };
}

/**
 * Whether `a` becomes `b` by at most `most` letters added, dropped, changed or two swapped (the edit distance with
 * transpositions): a word misspelled, not another word.
 */
function withinEdits(a: string, b: string, most: number): boolean {
  if (Math.abs(a.length - b.length) > most) return false;
  let before: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1);
    }
    [before, prev] = [prev, row];
  }
  return prev[b.length] <= most;
}

/**
 * The option `text` misspells ("Tribal goverment", "Countty"), folded as dropdowns are: one slip in a word, two in a
 * longer name. Undefined for text that is no misspelling of any, or too short to tell one.
 */
export function misspelledChoice(text: string, options: readonly string[]): string | undefined {
  const typed = foldText(text);
  if (typed.length < 4) return undefined;
  return options.find((option) => {
    const folded = foldText(option);
    return folded.length >= 4 && withinEdits(typed, folded, Math.min(typed.length, folded.length) < 10 ? 1 : 2);
  });
}
