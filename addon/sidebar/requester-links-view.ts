// "Copy status link" and "Copy feedback link": a request's ID (the request selected in the queue, or one typed), and
// a link to send its requester: where the request stands, or the survey once it is fulfilled. The link is put on the
// clipboard where the host allows it, and is always shown selected to copy by hand. "Turn off links…" stops every link
// the request was sent, once confirmed in the panel itself: neither host lets a task pane open `confirm()`.
import { turnedOffCount } from '../../shared/links-turned-off';
import { announce, h } from './dom';
import { errorText, type HostBridge, type RequesterLink } from './host-bridge';

const NAMES: Record<RequesterLink, string> = { status: 'Status link', feedback: 'Feedback link' };

/** What the triage panel tells the links panel: the header over the sheet's IDs, and the request selected. */
export interface LinksTarget {
  labelIds(header: string): void;
  /** Fills the ID in, unless the person typed another since the last request was selected. */
  selected(requestId: string): void;
}

export function requesterLinksPanel(bridge: HostBridge, status: Element): LinksTarget & { root: HTMLElement } {
  const input = h('input', { id: 'link-request', name: 'requestId', type: 'text', autocomplete: 'off', 'aria-describedby': 'link-hint' });
  const output = h('input', { id: 'link-url', type: 'text', readonly: true });
  const named = h('label', { for: 'link-url' });
  const shown = h('div', { class: 'field', hidden: true }, named, output);
  const buttons = (Object.keys(NAMES) as RequesterLink[]).map((link) => h('button', { type: 'submit', value: link }, `Copy ${NAMES[link].toLowerCase()}`));
  const label = h('label', { for: 'link-request' }, 'Request ID');
  const turnOff = h('button', { type: 'button', 'aria-expanded': 'false', 'aria-controls': 'turn-off' }, 'Turn off links…');
  const question = h('p', { id: 'turn-off-question' });
  const confirmOff = h('button', { type: 'button', class: 'danger', 'aria-describedby': 'turn-off-question' }, 'Turn off links');
  const keepOn = h('button', { type: 'button' }, 'Cancel');
  const confirmation = h('div', { id: 'turn-off', class: 'confirm', role: 'group', 'aria-labelledby': 'turn-off-question', hidden: true }, question, h('div', { class: 'actions' }, confirmOff, keepOn));
  const form = h('form', { id: 'requester-links', 'aria-label': 'Links for the requester', novalidate: true },
    h('h2', {}, 'Links for the requester'),
    h('div', { class: 'field' },
      label,
      h('p', { class: 'hint', id: 'link-hint' }, 'The request selected above, or any other, e.g. TA-2026-0031: where it stands, or its feedback survey once fulfilled. Send the link to its requester.'),
      input),
    h('div', { class: 'actions' }, ...buttons, turnOff),
    confirmation,
    shown);
  let filled = '';
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const link: RequesterLink = (e as SubmitEvent).submitter?.getAttribute('value') === 'feedback' ? 'feedback' : 'status';
    for (const b of buttons) b.disabled = true;
    announce(status, 'Asking the service for the link…');
    try {
      const { requestId, url } = await bridge.requesterLink(link, input.value);
      named.textContent = `${NAMES[link]} for ${requestId}`;
      output.value = url;
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
    } catch (err) {
      shown.hidden = true;
      announce(status, errorText(err), 'error');
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  });
  let pending = '';
  const closeConfirmation = (focus: boolean) => {
    confirmation.hidden = true;
    turnOff.setAttribute('aria-expanded', 'false');
    if (focus) turnOff.focus();
  };
  async function turnOffNow(requestId: string) {
    for (const b of [...buttons, turnOff]) b.disabled = true;
    announce(status, 'Turning the links off…');
    try {
      const off = await bridge.turnOffLinks(requestId);
      // The link shown may be one just turned off.
      shown.hidden = true;
      announce(status, `Turned off ${turnedOffCount(off)} of ${off.requestId}. Links you copy from now on work.`, 'ok');
    } catch (err) {
      announce(status, errorText(err), 'error');
    } finally {
      for (const b of [...buttons, turnOff]) b.disabled = false;
      turnOff.focus();
    }
  }
  turnOff.addEventListener('click', () => {
    pending = input.value;
    // No ID typed: nothing to confirm; the host says what to type.
    if (pending.trim() === '') return void turnOffNow(pending);
    question.textContent = `Turn off every status link and feedback link sent for ${pending.trim()}? Whoever opens one will read that the office turned it off. The request and any answers stay, and links you copy afterwards work.`;
    confirmation.hidden = false;
    turnOff.setAttribute('aria-expanded', 'true');
    confirmOff.focus();
  });
  keepOn.addEventListener('click', () => closeConfirmation(true));
  confirmation.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') closeConfirmation(true);
  });
  confirmOff.addEventListener('click', () => {
    closeConfirmation(false);
    void turnOffNow(pending);
  });
  return {
    root: form,
    labelIds: (header) => void (label.textContent = header),
    selected(requestId) {
      if (input.value === filled) input.value = filled = requestId;
    },
  };
}
