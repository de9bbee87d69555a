// "Copy status link" and "Copy feedback link": a request's ID (the request selected in the queue, or one typed), and
// a link to send its requester: where the request stands, or the survey once it is fulfilled. The link is put on the
// clipboard where the host allows it, and is always shown selected to copy by hand. "Turn off links…" stops every link
// the request was sent, and "Turn off this link…" the one link shown (sent to the wrong person), each once confirmed in
// the panel itself: neither host lets a task pane open `confirm()`.
import { oneLinkTurnedOff, turnedOffCount } from '../../shared/links-turned-off';
import { announce, h } from './dom';
import { errorText, type HostBridge, type RequesterLink } from './host-bridge';

const NAMES: Record<RequesterLink, string> = { status: 'Status link', feedback: 'Feedback link' };

/** What the triage panel tells the links panel: the header over the sheet's IDs, and the request selected. */
export interface LinksTarget {
  labelIds(header: string): void;
  /** Fills the ID in, unless the person typed another since the last request was selected. */
  selected(requestId: string): void;
}

/**
 * A step that cannot be undone, asked in the panel under `opener`: the question, `yes` in red and Cancel. Escape
 * cancels; either way back, focus returns to `opener`.
 */
function askFirst(id: string, opener: HTMLButtonElement, yes: string, act: () => void): { root: HTMLElement; ask(question: string): void } {
  const question = h('p', { id: `${id}-question` });
  const confirm = h('button', { type: 'button', class: 'danger', 'aria-describedby': question.id }, yes);
  const cancel = h('button', { type: 'button' }, 'Cancel');
  const root = h('div', { id, class: 'confirm', role: 'group', 'aria-labelledby': question.id, hidden: true }, question, h('div', { class: 'actions' }, confirm, cancel));
  opener.setAttribute('aria-expanded', 'false');
  opener.setAttribute('aria-controls', id);
  const close = (focus: boolean) => {
    root.hidden = true;
    opener.setAttribute('aria-expanded', 'false');
    if (focus) opener.focus();
  };
  cancel.addEventListener('click', () => close(true));
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') close(true);
  });
  confirm.addEventListener('click', () => {
    close(false);
    act();
  });
  return {
    root,
    ask(text) {
      question.textContent = text;
      root.hidden = false;
      opener.setAttribute('aria-expanded', 'true');
      confirm.focus();
    },
  };
}

export function requesterLinksPanel(bridge: HostBridge, status: Element): LinksTarget & { root: HTMLElement } {
  const input = h('input', { id: 'link-request', name: 'requestId', type: 'text', autocomplete: 'off', 'aria-describedby': 'link-hint' });
  const output = h('input', { id: 'link-url', type: 'text', readonly: true });
  const named = h('label', { for: 'link-url' });
  const buttons = (Object.keys(NAMES) as RequesterLink[]).map((link) => h('button', { type: 'submit', value: link }, `Copy ${NAMES[link].toLowerCase()}`));
  const label = h('label', { for: 'link-request' }, 'Request ID');
  const turnOff = h('button', { type: 'button' }, 'Turn off links…');
  const turnOffOne = h('button', { type: 'button' }, 'Turn off this link…');
  const all = [...buttons, turnOff, turnOffOne];
  /** The link shown, and what it was asked for. */
  let shownLink: { link: RequesterLink; requestId: string; url: string } | undefined;
  let pending = '';
  const confirmation = askFirst('turn-off', turnOff, 'Turn off links', () => void turnOffNow(pending));
  const confirmOne = askFirst('turn-off-one', turnOffOne, 'Turn off this link', () => void turnOffShown());
  const shown = h('div', { class: 'field', hidden: true }, named, output, h('div', { class: 'actions' }, turnOffOne), confirmOne.root);
  const form = h('form', { id: 'requester-links', 'aria-label': 'Links for the requester', novalidate: true },
    h('h2', {}, 'Links for the requester'),
    h('div', { class: 'field' },
      label,
      h('p', { class: 'hint', id: 'link-hint' }, 'The request selected above, or any other, e.g. TA-2026-0031: where it stands, or its feedback survey once fulfilled. Send the link to its requester.'),
      input),
    h('div', { class: 'actions' }, ...buttons, turnOff),
    confirmation.root,
    shown);
  const hideLink = () => {
    shown.hidden = true;
    shownLink = undefined;
  };
  /** Runs a call to the host with every button off, saying `doing` meanwhile; focus then goes where `work` says, else to `after`. */
  async function busy(doing: string, work: () => Promise<HTMLElement | void>, after: HTMLElement) {
    for (const b of all) b.disabled = true;
    announce(status, doing);
    let focus: HTMLElement | void = after;
    try {
      focus = (await work()) ?? after;
    } catch (err) {
      announce(status, errorText(err), 'error');
    } finally {
      for (const b of all) b.disabled = false;
      focus?.focus();
    }
  }
  let filled = '';
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const link: RequesterLink = (e as SubmitEvent).submitter?.getAttribute('value') === 'feedback' ? 'feedback' : 'status';
    hideLink();
    void busy('Asking the service for the link…', async () => {
      const { requestId, url } = await bridge.requesterLink(link, input.value);
      named.textContent = `${NAMES[link]} for ${requestId}`;
      output.value = url;
      shownLink = { link, requestId, url };
      shown.hidden = false;
      output.focus();
      output.select();
      let copied = false;
      try {
        await navigator.clipboard.writeText(url);
        copied = true;
      } catch {
        // The host's frame may not allow the clipboard: the link is selected for Ctrl+C instead.
      }
      announce(status, copied ? `${NAMES[link]} for ${requestId} copied.` : `${NAMES[link]} for ${requestId} is selected: press Ctrl+C (⌘C) to copy it.`, 'ok');
      return output;
    }, input);
  });
  const turnOffNow = (requestId: string) =>
    busy('Turning the links off…', async () => {
      const off = await bridge.turnOffLinks(requestId);
      // The link shown may be one just turned off.
      hideLink();
      announce(status, `Turned off ${turnedOffCount(off)} of ${off.requestId}. Links you copy from now on work.`, 'ok');
    }, turnOff);
  const turnOffShown = () => {
    const at = shownLink;
    if (at) void busy('Turning the link off…', async () => {
      const off = await bridge.turnOffLink(at.url);
      hideLink();
      announce(status, oneLinkTurnedOff(off, at.requestId), 'ok');
      // Next, most often: a new link for the right person.
      return buttons.find((b) => b.value === at.link);
    }, turnOffOne);
  };
  turnOff.addEventListener('click', () => {
    pending = input.value;
    // No ID typed: nothing to confirm; the host says what to type.
    if (pending.trim() === '') return void turnOffNow(pending);
    confirmation.ask(`Turn off every status link and feedback link sent for ${pending.trim()}? Whoever opens one will read that the office turned it off. The request and any answers stay, and links you copy afterwards work.`);
  });
  turnOffOne.addEventListener('click', () => {
    if (shownLink) confirmOne.ask(`Turn off this ${NAMES[shownLink.link].toLowerCase()} of ${shownLink.requestId}? Whoever opens it will read that the office turned it off. The request, its other links and any answers stay.`);
  });
  return {
    root: form,
    labelIds: (header) => void (label.textContent = header),
    selected(requestId) {
      if (input.value === filled) input.value = filled = requestId;
    },
  };
}
