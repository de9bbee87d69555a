// "Copy feedback link": type a fulfilled request's ID, get its survey link to send to the requester. The
// link is put on the clipboard where the host allows it, and is always shown selected to copy by hand.
import { announce, h } from './dom';
import { errorText, type HostBridge } from './host-bridge';

/** The panel, and what labels its field: the request sheet's own header for its IDs, once the queue has read it. */
export function feedbackLinkPanel(bridge: HostBridge, status: Element): { root: HTMLElement; labelIds(header: string): void } {
  const input = h('input', { id: 'feedback-request', name: 'requestId', type: 'text', autocomplete: 'off', 'aria-describedby': 'feedback-hint' });
  const output = h('input', { id: 'feedback-url', type: 'text', readonly: true });
  const shown = h('div', { class: 'field', hidden: true }, h('label', { for: 'feedback-url' }, 'Feedback link'), output);
  const button = h('button', { type: 'submit' }, 'Copy feedback link');
  const label = h('label', { for: 'feedback-request' }, 'Request ID');
  const form = h('form', { id: 'feedback-link', 'aria-label': 'Feedback survey link', novalidate: true },
    h('h2', {}, 'Feedback survey'),
    h('div', { class: 'field' },
      label,
      h('p', { class: 'hint', id: 'feedback-hint' }, 'A fulfilled request, e.g. TA-2026-0031. Send the link to its requester.'),
      input),
    h('div', { class: 'actions' }, button),
    shown);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    announce(status, 'Asking the service for the link…');
    try {
      const { requestId, url } = await bridge.feedbackLink(input.value);
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
      announce(status, copied ? `Feedback link for ${requestId} copied.` : `Feedback link for ${requestId} is selected: press Ctrl+C (⌘C) to copy it.`, 'ok');
    } catch (err) {
      shown.hidden = true;
      announce(status, errorText(err), 'error');
    } finally {
      button.disabled = false;
    }
  });
  return { root: form, labelIds: (header) => void (label.textContent = header) };
}
