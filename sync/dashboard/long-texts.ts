// Texts too long to read in a table cell or a list line (a pasted document in a milestone's name or a goal), on the
// dashboard and in the annual report: shown clipped with the clip marker, and kept whole in the page's Long texts
// section at its end, where they read at the page's full width on a phone and flow from page to page on paper. The
// master workbook does the same with its Long texts sheet (decision 006).
import { clipText } from '../../shared/clip-text';
import { esc } from './html-text';

/**
 * Characters a cell or a line shows of a text: a dozen lines of a phone's column of names, where a 5,000-character
 * text made one row five thousand pixels tall; goals, names and milestones as offices write them are far shorter.
 */
export const SHOWN_TEXT = 240;

export const LONG_TEXTS_ID = 'long-texts';

const textId = (n: number) => `long-text-${n}`;

/** The texts one page clipped, each kept once however often it is shown (a goal in two tables). */
export class LongTexts {
  private readonly texts = new Map<string, { n: number; where: string }>();

  /** `text` escaped for a cell or a line; past `SHOWN_TEXT`, its start, the marker and a link to it whole. `where` names its column. */
  shown(text: string, where: string): string {
    if (text.length <= SHOWN_TEXT) return esc(text);
    let kept = this.texts.get(text);
    if (!kept) {
      kept = { n: this.texts.size + 1, where };
      this.texts.set(text, kept);
    }
    return `${esc(clipText(text, SHOWN_TEXT))} <a class="whole" href="#${textId(kept.n)}">(whole: Long texts, ${kept.n})</a>`;
  }

  /** The section holding every text clipped so far, whole; nothing when none was. */
  section(): string {
    if (this.texts.size === 0) return '';
    const items = [...this.texts].map(([text, t]) => `<li class="long-text" id="${textId(t.n)}"><p class="muted">${esc(t.where)}</p><p class="whole-text">${esc(text)}</p></li>`);
    return `<section id="${LONG_TEXTS_ID}" aria-labelledby="${LONG_TEXTS_ID}-h"><h2 id="${LONG_TEXTS_ID}-h">Long texts</h2>
<p class="muted">Each text shown clipped above, whole.</p>
<ol class="long-texts">${items.join('')}</ol>
</section>`;
  }
}

/** The rules the section and its links need, in both pages' stylesheets: a text's line breaks kept, a long token broken. */
export const LONG_TEXTS_CSS = `
.long-texts { padding-left: 1.5rem; }
.long-text { margin: 0 0 1rem; }
.long-text .muted { margin: 0; }
.whole-text { white-space: pre-line; overflow-wrap: anywhere; margin: 0.25rem 0 0; }
`;
