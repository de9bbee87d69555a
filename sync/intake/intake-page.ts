// The public intake form as HTML: the blank form, the form again with the values kept and each message
// beside its field, and the confirmation with the new Request ID.
import { esc, escTyped } from '../dashboard/html-text';
import { HONEYPOT_FIELD, SUBMISSION_KEY_FIELD, type FormField, type Submitted } from './intake-form';
import { contactSection, type OfficeContact } from './office-contact';
import { SEND_ONCE, describedBy, errorSummary, numberInTitle, publicPage, requestNumber, sendControls } from './public-page';
import { clipText } from '../../shared/clip-text';
import { MAX_FORM_TITLE } from '../api/intake-schemas';
import { statusLinkNotice } from './status-page';

export interface IntakePageInput {
  title: string;
  /** Where the form posts: its own address. */
  action: string;
  fields: readonly FormField[];
  /** The page's one-time key (`SUBMISSION_KEY_FIELD`); a page sent back to fix keeps the one it was sent with. */
  submissionKey: string;
  values?: Submitted;
  errors?: Readonly<Record<string, string>>;
}

function control(f: FormField, value: string, error: string | undefined): string {
  // Said, not enforced by `maxlength`: a browser cuts a paste short without a word, and the service's answer keeps it whole.
  const limit = f.type === 'longtext' ? `Up to ${f.maxLength.toLocaleString('en-US')} characters.` : undefined;
  const { attrs, text } = describedBy(f.name, [f.hint, limit].filter(Boolean).join(' ') || undefined, error);
  const common = `id="${esc(f.name)}" name="${esc(f.name)}"${f.required ? ' required aria-required="true"' : ''}${attrs}`;
  const label = `<label for="${esc(f.name)}">${esc(f.label)}${f.required ? ' (required)' : ''}</label>`;
  let input: string;
  // A requester's own words may be in a right-to-left script: each box takes its direction from the words typed in it.
  const words = ' dir="auto"';
  if (f.options !== undefined) {
    const options = [`<option value="">Choose one</option>`, ...f.options.map((o) => `<option${o === value ? ' selected' : ''}>${esc(o)}</option>`)];
    input = `<select ${common}>${options.join('')}</select>`;
  } else if (f.type === 'longtext') {
    input = `<textarea ${common} rows="6"${words}>${escTyped(value)}</textarea>`;
  } else {
    const type = f.type === 'email' ? 'email' : f.type === 'date' ? 'date' : 'text';
    const auto = f.autocomplete ? ` autocomplete="${esc(f.autocomplete)}"` : '';
    input = `<input type="${type}" ${common} value="${escTyped(value)}"${auto}${type === 'text' ? words : ''}>`;
  }
  return `<div class="field">${label}${text}${input}</div>`;
}

/** A form's title as its heading: a title stored before the limit is cut where titles end now, and says so. */
const shownTitle = (title: string) => clipText(title, MAX_FORM_TITLE);

export function intakePage(i: IntakePageInput): string {
  const values = i.values ?? {};
  const errors = i.errors ?? {};
  const hasErrors = Object.keys(errors).length > 0;
  const body = `<p>Ask the office for technical assistance. We reply by email, usually within a few working days.</p>
${errorSummary(errors, i.fields.map((f) => f.name))}
<form class="public" method="post" action="${esc(i.action)}" novalidate data-send-once>
${i.fields.map((f) => control(f, values[f.name] ?? '', errors[f.name])).join('\n')}
<input type="hidden" name="${SUBMISSION_KEY_FIELD}" value="${esc(i.submissionKey)}">
<div class="hp" aria-hidden="true"><label for="${HONEYPOT_FIELD}">Leave this field empty</label><input type="text" id="${HONEYPOT_FIELD}" name="${HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></div>
${sendControls('Send request', 'Sending your request…')}
</form>
${SEND_ONCE}`;
  const title = shownTitle(i.title);
  return publicPage(`${hasErrors ? 'Check your answers: ' : ''}${title}`, title, body);
}

/**
 * `statusLink`: the address of the request's status page (`statusLinkNotice`), when the confirmation carries its key;
 * `contact`: the office's details, at the page's end.
 */
export function confirmationPage(title: string, requestId: string, statusLink?: string, contact?: OfficeContact): string {
  return publicPage(`Request received: ${numberInTitle(requestId)}`, shownTitle(title), `<div class="notice" role="status">
<p>Thank you. Your request has been received.</p>
<p>Your request number is ${requestNumber(requestId, 'request-id')}</p>
<p>Keep this number: mention it when you write to us about this request.</p>
</div>
${statusLink === undefined ? '' : statusLinkNotice(statusLink)}
${contactSection(contact, 'Questions about your request? Write or call us, and mention its number.')}`);
}
