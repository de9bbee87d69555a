// What turning a request's links off, or one link alone, did, in the words the CLI and the sidebar both say it.
import { nounFor } from './plural';

/** `2 status links and no feedback links`: how many of each link of a request were turned off now. */
export function turnedOffCount(off: { statusLinks: number; feedbackLinks: number }): string {
  const count = (n: number, what: string) => `${n === 0 ? 'no' : n.toLocaleString('en-US')} ${nounFor(n, `${what} link`)}`;
  return `${count(off.statusLinks, 'status')} and ${count(off.feedbackLinks, 'feedback')}`;
}

/** What turning one link off did (`statusLinks` or `feedbackLinks` is 1; both 0 when it was off already), `of` naming its request. */
export function oneLinkTurnedOff(off: { statusLinks: number; feedbackLinks: number }, of: string): string {
  if (off.statusLinks + off.feedbackLinks === 0) return `That link of ${of} was off already; nothing changed.`;
  return `Turned off that ${off.statusLinks > 0 ? 'status' : 'feedback'} link of ${of}: its page now says the office turned it off. The request's other links still work.`;
}
