// The community narrative an office writes in Markdown, cut into sections by heading so each story lands
// beside the figures it speaks to. Rendered with marked; any HTML typed into the file is shown as text.
import { Marked, type Tokens } from 'marked';

export interface NarrativeSection {
  heading: string;
  html: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);

/** A report goes to a council and onto the web: raw HTML and scripts in the file stay text, links stay plain. */
const markdown = new Marked({
  gfm: true,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) => escapeHtml(token.text),
    link(token: Tokens.Link) {
      const safe = /^(https?:|mailto:)/i.test(token.href);
      const text = this.parser.parseInline(token.tokens);
      return safe ? `<a href="${escapeHtml(token.href)}">${text}</a>` : text;
    },
    image: (token: Tokens.Image) => escapeHtml(token.text ? `[image: ${token.text}]` : '[image]'),
  },
});

/**
 * The text before the first heading (if any) is a section with an empty heading; every `#` or `##` heading
 * starts a section. Deeper headings stay inside their section.
 */
export function narrativeSections(source: string): NarrativeSection[] {
  const sections: { heading: string; lines: string[] }[] = [{ heading: '', lines: [] }];
  let fence: string | undefined;
  for (const line of source.replace(/\r\n?/g, '\n').split('\n')) {
    const opening = /^\s*(```|~~~)/.exec(line)?.[1];
    if (opening) fence = fence === opening ? undefined : (fence ?? opening);
    const heading = fence ? null : /^#{1,2}\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) sections.push({ heading: heading[1].trim(), lines: [] });
    else sections.at(-1)!.lines.push(line);
  }
  return sections
    .filter((s) => s.heading !== '' || s.lines.some((l) => l.trim() !== ''))
    .map((s) => ({ heading: s.heading, html: markdown.parse(s.lines.join('\n'), { async: false }) as string }));
}

/**
 * How a heading names a report section: case, punctuation and spacing aside ("How much did we do" = "How much did we
 * do?"), and the year it names with the words that tie it on ("2026 Highlights", "Highlights of 2026", "FY 2025-26
 * Demand"): the report is of one year, and a heading naming it still names its chapter.
 */
export const headingKey = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ')
  .replace(/\b(?:fy ?)?(?:19|20)\d\d(?: (?:19|20)?\d\d)?\b/g, ' ')
  .replace(/\s+/g, ' ').trim()
  .replace(/^(?:(?:of|for|from|in|the) )+|(?: (?:of|for|from|in|the))+$/g, '');
