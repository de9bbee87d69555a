// What the public intake form asks and how a post becomes a request row: the fields are the requests
// table's requester-facing columns, the dropdowns the source's lists, and the checks the sheet's own.
import { randomBytes } from 'node:crypto';
import { MAX_FIELD_TEXT } from '../../shared/clip-text';
import { hasLoneSurrogate, oddCharacter } from '../../shared/row-id';
import { DEFAULT_READ_OPTIONS, TABLES, WEB_FORM_CHOICES, addDays, spelledDay, validateRow, type FieldIssue, type InputColumn, type RawRow, type TableDef } from '../../shared/index';

/** The hidden field people never see and bots fill in. */
export const HONEYPOT_FIELD = 'website';

/**
 * The hidden field with the page's one-time key: every post of one page with the same answers (a double click, a reload
 * of the post) is one request, filed once, and so is the form sent back to fix and sent again; the page sent again with
 * other answers is another request.
 */
export const SUBMISSION_KEY_FIELD = 'submissionKey';

/** 128 random bits, made when the page is served: nothing is stored until the page is sent. */
export const newSubmissionKey = () => randomBytes(16).toString('base64url');

/** The posted key when it is one this service made; a page served before pages had keys (or a forged one) has none. */
export function readSubmissionKey(posted: string | undefined): string | undefined {
  return posted !== undefined && /^[A-Za-z0-9_-]{22}$/.test(posted) ? posted : undefined;
}

/** Longest text a single-line field takes; descriptions follow the table's own limit. */
export const MAX_LINE = 200;

export interface FormField {
  name: string;
  label: string;
  hint?: string;
  required: boolean;
  type: InputColumn['type'];
  /** The dropdown's values, for choice columns. */
  options?: readonly string[];
  maxLength: number;
  /** What the browser may fill it with (`InputColumn.intake`). */
  autocomplete?: string;
}

export type Lists = Readonly<Record<string, readonly string[]>>;

/**
 * The requests table as the form asks it, so the shared validation holds every rule the form checks: what
 * the form requires is required, and a choice is one of its list (not a value the sheet keeps from a former list).
 */
const INTAKE_TABLE: TableDef = {
  ...TABLES.requests,
  columns: TABLES.requests.columns.map(({ formerList: _offeredNoLonger, ...c }) => (c.intake?.required ? { ...c, required: true } : c)),
};

export function formFields(lists: Lists): FormField[] {
  return INTAKE_TABLE.columns
    .filter((c) => c.intake !== undefined)
    .map((c) => ({
      name: c.name,
      label: c.intake!.label,
      hint: c.intake!.hint,
      required: c.required === true,
      type: c.type,
      options: c.list === undefined ? undefined : lists[c.list],
      maxLength: c.type === 'longtext' ? MAX_FIELD_TEXT : MAX_LINE,
      autocomplete: c.intake!.autocomplete,
    }));
}

/** The values as typed, trimmed, to show back on the form; only the form's own fields are kept. */
export type Submitted = Record<string, string>;

export type Submission =
  | { ok: true; cells: RawRow; /** The lists it was checked against, for storing it the same way. */ lists: Lists }
  | { ok: false; errors: Record<string, string> };

/**
 * Checks a post with the shared validation of a row (required fields, types, dropdowns, dates), whose
 * per-field errors become the form's messages; before it, what a post can hold at all (the fields' lengths,
 * storable characters), and after it the one rule of the form alone, a deadline neither already past nor years away.
 * `fixed` are the cells the service sets (received today, status New, Web form).
 */
export function readSubmission(fields: readonly FormField[], submitted: Submitted, fixed: RawRow, lists: Lists): Submission {
  const errors: Record<string, string> = {};
  const cells: RawRow = { ...fixed };
  for (const f of fields) {
    const value = submitted[f.name] ?? '';
    const problem = textProblem(fieldNoun(f), value, f.maxLength);
    if (problem !== undefined) errors[f.name] = problem;
    else if (value !== '') cells[f.name] = value;
  }
  const checkedLists = withFixedValues(lists, fixed);
  // The form offers each list as a dropdown: a value outside it (a page older than the office's Lists) is asked again.
  const checked = validateRow(INTAKE_TABLE, cells, { ...DEFAULT_READ_OPTIONS, lists: checkedLists, listedOnly: true });
  for (const issue of checked.errors) {
    const field = fields.find((f) => f.name === issue.field);
    // The service's own cells cannot be wrong; an error elsewhere would be a bug, not the requester's.
    if (field === undefined) throw new Error(`intake: ${issue.field}: ${issue.message}`);
    errors[field.name] ??= friendly(field, issue);
  }
  // A deadline already past when the request arrives is nearly always a mistyped year, and would make the
  // request overdue the day it lands; the requester can fix it or leave it blank. Received is the UTC day,
  // and somewhere west of UTC it is still the day before: that day is still today for its requester.
  const earliestToday = addDays(String(fixed.receivedOn), -1);
  // So is one more than two years away, as the message says (2206 typed for 2026): it would never fall due. Two years
  // to the day, not in days, so a span over a February 29 is not a day short; from a February 29 the bound is the
  // 29th two years on, which sorts between that February's 28th and March 1 as ISO text.
  const received = String(fixed.receivedOn);
  const latest = `${Number(received.slice(0, 4)) + 2}${received.slice(4)}`;
  for (const f of fields) {
    const due = checked.values[f.name];
    const column = TABLES.requests.columns.find((c) => c.name === f.name);
    if (!column?.deadline || typeof due !== 'string' || errors[f.name] !== undefined) continue;
    if (due < earliestToday) errors[f.name] = `${fieldNoun(f)}: ${spelledDay(due)} has already passed. Choose today or a later date, or leave it blank.`;
    else if (due > latest) errors[f.name] = `${fieldNoun(f)}: ${spelledDay(due)} is more than two years away. Check the year, or leave it blank.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, cells, lists: checkedLists };
}

/**
 * What keeps a text a requester typed from being stored, as the message beside its field says it (`noun` names the
 * field), or undefined: too long, or holding a character no output can store, which they cannot see and a copy from
 * another document sometimes brings along.
 */
export function textProblem(noun: string, text: string, max: number): string | undefined {
  if (text.length > max) return `${noun} is longer than ${max.toLocaleString('en-US')} characters; shorten it.`;
  // The sync's rule (`oddCharacter`), and no broken UTF-16, which a browser can post but no output can hold.
  const odd = oddCharacter(text);
  if (odd?.direction !== undefined) return `${noun} contains an invisible character that changes the direction of the text (copied text sometimes carries one); retype it.`;
  if (odd !== undefined || hasLoneSurrogate(text)) return `${noun} contains an invisible character that cannot be saved (copied text sometimes carries one); retype it.`;
  return undefined;
}

/** A sheet whose lists lack "Web form" or "New" still takes the form's requests: the service's values are added. */
function withFixedValues(lists: Lists, fixed: RawRow): Lists {
  const out: Record<string, readonly string[]> = { ...lists };
  for (const c of TABLES.requests.columns) {
    const v = fixed[c.name];
    if (c.list !== undefined && typeof v === 'string' && !out[c.list]?.includes(v)) out[c.list] = [...(out[c.list] ?? []), v];
  }
  return out;
}

/** The field as a message names it: its label without the form's "(optional)" note. */
function fieldNoun(field: FormField): string {
  return field.label.replace(/ \(optional\)$/, '');
}

/** The shared validation's message names the sheet's header; the form says it in the form's words. */
function friendly(field: FormField, { code, message }: FieldIssue): string {
  if (code === 'required') return `${fieldNoun(field)} is required.`;
  if (field.options !== undefined) return `Choose one of the listed options for "${field.label}".`;
  const column = INTAKE_TABLE.columns.find((c) => c.name === field.name)!;
  const text = message.startsWith(`${column.header}: `) ? message.slice(column.header.length + 2) : message;
  return `${fieldNoun(field)}: ${text.charAt(0).toLowerCase()}${text.slice(1)}${/[.!?]$/.test(text) ? '' : '.'}`;
}

/** The calendar day (YYYY-MM-DD) it is at `at` in `timeZone`. */
export function dayIn(timeZone: string, at: Date): string {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** The cells every web-form request starts with; received on the office's day (`timeZone`), as its staff date a call. */
export function fixedCells(requestId: string, now: Date, timeZone: string): RawRow {
  return { requestId, receivedOn: dayIn(timeZone, now), channel: WEB_FORM_CHOICES.channel, origin: WEB_FORM_CHOICES.origin, status: WEB_FORM_CHOICES.requestStatus };
}
