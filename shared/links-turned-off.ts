// What turning a request's links off did, in the words the CLI and the sidebar both say it.
import { nounFor } from './plural';

/** `2 status links and no feedback links`: how many of each link of a request were turned off now. */
export function turnedOffCount(off: { statusLinks: number; feedbackLinks: number }): string {
  const count = (n: number, what: string) => `${n === 0 ? 'no' : n.toLocaleString('en-US')} ${nounFor(n, `${what} link`)}`;
  return `${count(off.statusLinks, 'status')} and ${count(off.feedbackLinks, 'feedback')}`;
}
