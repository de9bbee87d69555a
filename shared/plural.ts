// Counts in sentences people read ("1 open request is", "2 open requests are"): one rule for every surface.

/** `one` for exactly 1, else `many` (`one` + "s" unless given). */
export const nounFor = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

/** The count in US format and its noun: "1 row", "1,200 rows". */
export const counted = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${nounFor(n, one, many)}`;
