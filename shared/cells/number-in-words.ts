// A number an office types as words where its Lists sheet needs one ("two weeks" of SLA days, "twenty hours" of
// capacity, "July" for the fiscal year's first month), read in the unit the cell holds, or not at all.

/** What a Lists cell counts: days, weekly hours, a plain number (a score, an impact), a share, a month of the year. */
export type NumberUnit = 'days' | 'hours' | 'count' | 'share' | 'month';

/** The number read and how the warning says it ("14 days"). */
export interface NumberRead { value: number; as: string }

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** "7", "1.5", "seven", "twenty-one", "twenty one": a number under a hundred in words, or digits. */
function plainNumber(text: string): number | undefined {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const one = ONES.indexOf(text);
  if (one >= 0) return one;
  const m = /^([a-z]+)(?:[- ]([a-z]+))?$/.exec(text);
  const tens = m ? TENS.indexOf(m[1]) : -1;
  if (tens < 2) return undefined;
  if (m![2] === undefined) return tens * 10;
  const unit = ONES.indexOf(m![2]);
  return unit >= 1 && unit <= 9 ? tens * 10 + unit : undefined;
}

/** "a week", "two weeks", "5 days": the number and the unit word after it ("" when none). "a" needs a unit word. */
function counted(text: string): { n: number; unit: string } | undefined {
  // The number is the longest start of the text that reads as one ("twenty one days": "twenty one").
  const words = text.split(/(?<=\d)(?=[a-z%])|\s+/);
  for (let take = words.length; take >= 1; take--) {
    const head = words.slice(0, take).join(' ');
    const unit = words.slice(take).join(' ');
    const n = head === 'a' || head === 'an' ? (unit ? 1 : undefined) : plainNumber(head);
    if (n !== undefined) return { n, unit };
  }
  return undefined;
}

const DAY = /^(?:d|days?|calendar days?)$/;
const WEEK = /^(?:w|wks?|weeks?)$/;
const BUSINESS_DAY = /^(?:business|working|work) days?$/;
const HOUR = /^(?:h|hrs?|hours?)$/;
/** Weekly hours said with their period: "a week", "per week", "/wk". */
const HOURS_A_WEEK = /^(?:h|hrs?|hours?)(?:\s*(?:a|per|each|\/)\s*(?:w|wk|week))?$/;
const PERCENT = /^(?:%|percent|per cent)$/;

const days = (n: number): NumberRead => ({ value: n, as: `${n} ${n === 1 ? 'day' : 'days'}` });

/**
 * The number `text` says in `unit`, or undefined where reading one would be a guess: a month of days (28 to 31),
 * business days that are not whole weeks (how many weekends they span depends on the day counted from), hours that
 * are not whole days, days or a week of hours (a working day is no fixed number of hours), a share without its "%".
 */
export function numberInWords(text: string, unit: NumberUnit): NumberRead | undefined {
  const clean = text.trim().toLowerCase().replace(/\.$/, '').replace(/\s+/g, ' ');
  if (clean === '') return undefined;
  if (unit === 'month') {
    const month = MONTHS.findIndex((name) => name === clean || (clean.length >= 3 && name.startsWith(clean)));
    if (month >= 0) return { value: month + 1, as: MONTHS[month].replace(/^./, (c) => c.toUpperCase()) };
    const n = plainNumber(clean);
    return n !== undefined && Number.isInteger(n) && n >= 1 && n <= 12 ? { value: n, as: String(n) } : undefined;
  }
  const read = counted(clean);
  if (!read) return undefined;
  const { n, unit: word } = read;
  switch (unit) {
    case 'count':
      return word === '' ? { value: n, as: String(n) } : undefined;
    case 'share':
      return PERCENT.test(word) ? { value: n / 100, as: `${n} %` } : undefined;
    case 'hours':
      return word === '' || HOURS_A_WEEK.test(word) ? { value: n, as: `${n} hours` } : undefined;
    case 'days':
      if (word === '' || DAY.test(word)) return days(n);
      if (WEEK.test(word)) return days(n * 7);
      if (BUSINESS_DAY.test(word)) return n % 5 === 0 ? days((n / 5) * 7) : undefined;
      if (HOUR.test(word)) return n % 24 === 0 ? days(n / 24) : undefined;
      return undefined;
  }
}

/**
 * A count in words and what it counts ("two workshops", "Five plans"): the number, and the unit as typed, for a column
 * that keeps the unit of its figures; undefined for anything else.
 */
export function countWithUnit(text: string): { value: number; unit: string } | undefined {
  const typed = text.trim().replace(/\s+/g, ' ');
  const read = counted(typed.toLowerCase());
  if (!read || read.unit === '' || !Number.isInteger(read.n)) return undefined;
  const words = typed.split(' ');
  return { value: read.n, unit: words.slice(words.length - read.unit.split(' ').length).join(' ') };
}

/**
 * A share said in words, as a % complete is written in a pasted update: "half" done, "three quarters", "done", "none".
 * The work plan's status formula reads the same words (`shareWordsFormula`), so the sheet and the service agree.
 */
const SHARE_WORDS: ReadonlyMap<string, number> = new Map([
  ['none', 0], ['not started', 0], ['a quarter', 0.25], ['one quarter', 0.25], ['quarter', 0.25], ['half', 0.5], ['a half', 0.5], ['one half', 0.5],
  ['three quarters', 0.75], ['all', 1], ['done', 1], ['complete', 1], ['completed', 1],
]);

/** The cell's words as `shareWordFormula` compares them: hyphens made spaces, then TRIMmed (spaces only), case aside. */
const shareKey = (text: string) => text.replace(/-/g, ' ').replace(/^ +| +$/g, '').replace(/ {2,}/g, ' ').toLowerCase();

/** The share `text` names in words (`SHARE_WORDS`), said as a percentage ("50%"); undefined for any other text. */
export function shareInWords(text: string): NumberRead | undefined {
  const share = SHARE_WORDS.get(shareKey(text));
  return share === undefined ? undefined : { value: share, as: `${share * 100}%` };
}

/** `K="half",K="a half",…` (for an `OR`): the cell `ref` is a share word whose share passes `which`, as `shareInWords` reads it. */
export const shareWordsFormula = (ref: string, which: (share: number) => boolean) =>
  [...SHARE_WORDS].filter(([, share]) => which(share)).map(([word]) => `TRIM(SUBSTITUTE(${ref},"-"," "))="${word}"`).join(',');

/** `(OR(K="a quarter",…)*0.25+…)`: the share a word of more than none and less than all names, else 0. */
export function shareValueFormula(ref: string): string {
  const shares = [...new Set(SHARE_WORDS.values())].filter((share) => share > 0 && share < 1);
  return `(${shares.map((share) => `OR(${shareWordsFormula(ref, (s) => s === share)})*${share}`).join('+')})`;
}

/**
 * Over a range, for SUMPRODUCT, where OR would fold the range into one value: `((K="a quarter")+…)*0.25+…`, each
 * cell's share of more than none and less than all as `shareValueFormula` reads one cell, else 0.
 */
export function shareValuesFormula(range: string): string {
  const shares = [...new Set(SHARE_WORDS.values())].filter((share) => share > 0 && share < 1);
  const words = (share: number) => [...SHARE_WORDS].filter(([, s]) => s === share).map(([word]) => `(TRIM(SUBSTITUTE(${range},"-"," "))="${word}")`);
  return `(${shares.map((share) => `(${words(share).join('+')})*${share}`).join('+')})`;
}

/** `*(K<>"none")*…` over a range, for SUMPRODUCT: 1 where a cell names no share in words (`shareInWords`). */
export const notShareWordsTerms = (range: string) => [...SHARE_WORDS.keys()].map((word) => `*(TRIM(SUBSTITUTE(${range},"-"," "))<>"${word}")`).join('');
