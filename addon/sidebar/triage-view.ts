// The triage panel: the queue as a keyboard-friendly listbox, the selected request's details and its
// form (suggested priority with its reason, assignees with their load), whose fields the core generates from
// the requests table's definition, labeled (as are the details and the queue's lines) with the sheet's own headers; Save and Save & next write the row and
// leave the keyboard where the work goes on. A trip to another view keeps the request and its unsaved choices.
import { noColumnText, queueItem, type DetailField, type FieldProblem, type TriageField, type TriageFormField, type TriageItem, type TriageView } from '../core/views';
import { isIsoDate, shortDay } from '../../shared/cells/dates';
import { counted } from '../../shared/plural';
import { listValues, quoteValue } from '../../shared/quote-value';
import { announce, clear, h } from './dom';
import { runLook, runText } from './schedule-text';
import { errorText, type HostBridge } from './host-bridge';
import type { LinksTarget } from './requester-links-view';

export class TriagePanel {
  private view: TriageView | null = null;
  private index = -1;
  /** The selected request, whole, as its detail and form show it (the queue lists only its line). */
  private shown: TriageItem | null = null;
  /** Counts choices: the answer for a request the person has already moved on from is not shown. */
  private choices = 0;
  private readonly queue = h('ul', { id: 'queue', role: 'listbox', tabindex: 0, 'aria-label': 'Requests needing triage' });
  private readonly heading = h('h2', { id: 'queue-heading' }, 'Requests needing triage');
  private readonly sheets = h('p', { id: 'queue-sheets', class: 'hint' });
  private readonly detail = h('section', { id: 'detail', 'aria-label': 'Selected request' });
  private readonly notice = h('div', { id: 'scheduled-sync-notice' });
  readonly root = h('div', { id: 'triage' }, this.notice, this.heading, this.sheets, this.queue, this.detail);

  constructor(
    private readonly bridge: HostBridge,
    private readonly status: Element,
    /**
     * The links panel: told the first request sheet's header for its IDs (the definition's where it has none) each
     * time the queue is read, and the request selected.
     */
    private readonly links: LinksTarget = { labelIds: () => undefined, selected: () => undefined },
  ) {
    this.queue.addEventListener('keydown', (e) => this.onKey(e));
  }

  async load(): Promise<void> {
    const kept = this.unsaved();
    announce(this.status, 'Reading the requests…');
    try {
      this.view = await this.bridge.triage();
      this.links.labelIds(this.view.headers[this.view.sheets[0]]?.requestId ?? this.view.details.requestId);
      clear(this.notice);
      const failed = this.view.failedScheduledSync;
      if (failed) this.notice.append(h('p', { ...runLook(failed), role: failed.waitingSince ? 'status' : 'alert' }, runText(failed)));
      const count = this.view.items.length;
      if (this.view.none) announce(this.status, this.view.none);
      else announce(this.status, count ? `${counted(count, 'request')} ${count === 1 ? 'needs' : 'need'} triage.` : 'Nothing needs triage.', 'ok');
      this.renderQueue();
      // The request shown before (read again: the sheet may have changed meanwhile), with the choices not yet saved.
      const at = kept ? this.view.items.findIndex((i) => i.sheet === kept.sheet && i.key === kept.key) : -1;
      await this.choose(at >= 0 ? at : count ? 0 : -1);
      const form = this.detail.querySelector('form');
      // Only into that request's form: the person may have moved on while it was read.
      if (kept && form && this.shown?.sheet === kept.sheet && this.shown.key === kept.key) for (const [name, value] of Object.entries(kept.values)) (form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement).value = value;
    } catch (e) {
      announce(this.status, errorText(e), 'error');
    }
  }

  private onKey(e: KeyboardEvent): void {
    const count = this.view?.items.length ?? 0;
    const moves: Record<string, number> = { ArrowDown: this.index + 1, ArrowUp: this.index - 1, Home: 0, End: count - 1 };
    if (!(e.key in moves) || count === 0) return;
    e.preventDefault();
    void this.choose(Math.max(0, Math.min(count - 1, moves[e.key])));
  }

  private renderQueue(): void {
    const items = this.view?.items ?? [];
    this.heading.textContent = `Requests needing triage (${items.length})`;
    const sheets = this.view?.sheets ?? [];
    this.sheets.textContent = sheets.length ? `From ${listValues(sheets)}.` : '';
    clear(this.queue);
    items.forEach((item, i) => {
      const suggested = item.suggestedPriority ? ` · suggested ${item.suggestedPriority}` : '';
      // With one log a row number is enough; with several, the sheet tells an archive's request from this year's.
      const where = sheets.length > 1 ? `${item.sheet} row ${item.row} · ` : '';
      this.queue.append(
        h('li', { id: `request-${i}`, role: 'option', 'aria-selected': String(i === this.index), onclick: () => void this.choose(i) },
          // The sheet's words set apart (bdi): an Arabic or Hebrew name reads right to left inside the English line.
          h('span', { class: 'title' }, `${item.requestId || `Row ${item.row}`} · `, h('bdi', {}, item.requesterOrg || 'no organization')),
          h('span', { class: 'meta' }, `${where}${this.view!.headers[item.sheet]?.receivedOn ?? this.view!.details.receivedOn} ${shownDay(item.receivedOn) || 'unknown'}${suggested}`)),
      );
    });
  }

  private async choose(i: number): Promise<void> {
    const choice = ++this.choices;
    this.index = i;
    this.shown = null;
    for (const [n, li] of [...this.queue.children].entries()) li.setAttribute('aria-selected', String(n === i));
    const item = this.view?.items[i];
    clear(this.detail);
    if (!item) return this.queue.removeAttribute('aria-activedescendant');
    this.queue.setAttribute('aria-activedescendant', `request-${i}`);
    this.links.selected(item.requestId);
    this.queue.children[i]?.scrollIntoView?.({ block: 'nearest' });
    this.detail.append(h('h2', {}, requestTitle(item)), h('p', { class: 'hint' }, 'Reading the request…'));
    try {
      const whole = await this.bridge.select(item);
      if (choice === this.choices) this.renderDetail((this.shown = whole));
    } catch (e) {
      if (choice === this.choices) announce(this.status, errorText(e), 'error');
    }
  }

  /** The request shown and what the person changed in its form, not yet saved; null before any is shown. */
  private unsaved(): { sheet: string; key: string; values: Partial<Record<TriageField, string>> } | null {
    const item = this.shown;
    const form = this.detail.querySelector('form');
    return item && form ? { sheet: item.sheet, key: item.key, values: this.changes(form, item).values } : null;
  }

  /** The fields whose control differs from what it showed (a Due of "TBD" shows an empty picker, which is no change), and what it showed. */
  private changes(form: HTMLFormElement, item: TriageItem) {
    const values: Partial<Record<TriageField, string>> = {};
    const read: Partial<Record<TriageField, string>> = {};
    for (const field of this.view!.fields) {
      const v = (form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement).value;
      if (v !== shownValue(field, item.values[field.name])) {
        values[field.name] = v;
        read[field.name] = item.values[field.name];
      }
    }
    return { values, read };
  }

  private control(field: TriageFormField, item: TriageItem): HTMLElement {
    const value = item.values[field.name];
    const held = heldOnly(field, value) ? ` held-${field.name}` : '';
    const missing = item.headers[field.name] === undefined;
    const common = { id: `field-${field.name}`, name: field.name, disabled: missing, 'aria-describedby': `error-${field.name}${held}${missing ? ` missing-${field.name}` : ''}` };
    if (field.input !== 'choice') return h('input', { ...common, type: field.input, value: shownValue(field, value) });
    const choices = [...field.choices];
    if (value && !choices.some((c) => c.value === value)) choices.unshift({ value, text: `${value} (not in the list)` });
    return h('select', common, h('option', { value: '' }, '—'), ...choices.map((c) => h('option', { value: c.value, selected: c.value === value }, c.text)));
  }

  /** The names of the form's fields, as the core described them. */
  private fieldNames(): TriageField[] {
    return (this.view?.fields ?? []).map((f) => f.name);
  }

  private renderDetail(item: TriageItem): void {
    clear(this.detail);
    const fields = this.view!.fields.map((field) =>
      h('div', { class: 'field' },
        h('label', { for: `field-${field.name}` }, item.headers[field.name] ?? field.label),
        this.control(field, item),
        item.headers[field.name] === undefined ? h('p', { class: 'hint', id: `missing-${field.name}` }, noColumnText(item.sheet, field.label)) : null,
        heldOnly(field, item.values[field.name])
          ? h('p', { class: 'hint', id: `held-${field.name}` }, `The sheet says ${quoteValue(item.values[field.name])} (not a date); it stays unless you pick one.`)
          : null,
        field.name === 'priority' && item.suggestedPriority
          ? h('p', { class: 'hint', id: 'priority-hint' }, `Suggested: ${item.suggestedPriority}. ${item.priorityReason}`)
          : null,
        h('p', { class: 'error', id: `error-${field.name}` })),
    );
    const form = h('form', { 'aria-label': 'Triage this request', novalidate: true },
      ...fields,
      h('div', { class: 'actions' },
        h('button', { type: 'submit', value: 'save' }, 'Save'),
        h('button', { type: 'submit', value: 'next', class: 'primary' }, 'Save & next')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const next = (e as SubmitEvent).submitter?.getAttribute('value') === 'next';
      void this.save(form, item, next);
    });
    // The fields first: a request pasted from meeting notes shows a few lines until asked for all of it.
    const long = item.description.length > CLIPPED_CHARACTERS || item.description.split('\n').length > CLIPPED_LINES;
    const text = h('div', { id: 'request-text', class: long ? 'description clipped' : 'description', dir: 'auto' }, item.description || '—');
    const toggle = long
      ? h('button', { type: 'button', class: 'show-all', 'aria-controls': 'request-text', 'aria-expanded': 'false' }, 'Show all')
      : null;
    toggle?.addEventListener('click', () => {
      const open = text.classList.toggle('clipped') === false;
      toggle.setAttribute('aria-expanded', String(open));
      toggle.textContent = open ? 'Show less' : 'Show all';
    });
    // Each detail under its sheet's header, or the definition's; a contact the sheet has no column for is never shown.
    const label = (field: DetailField) => item.headers[field] ?? this.view!.details[field];
    const contact = item.headers.contactName === undefined ? [] : [h('dt', {}, label('contactName')), h('dd', { dir: 'auto' }, item.contactName || '—')];
    this.detail.append(
      h('h2', {}, requestTitle(item)),
      form,
      h('dl', {},
        // A name or request in Arabic or Hebrew reads right to left (`dir: auto`, by its first letter).
        h('dt', {}, label('requesterOrg')), h('dd', { dir: 'auto' }, item.requesterOrg || '—'),
        ...contact,
        h('dt', {}, 'Sheet'), h('dd', {}, `${item.sheet}, row ${item.row}`),
        h('dt', {}, label('receivedOn')), h('dd', { class: 'received' },
          `${shownDay(item.receivedOn) || '—'}${item.daysOpen !== null ? ` (${item.daysOpen} days open)` : ''}`,
          ...item.receivedWarnings.map((w) => h('span', { class: 'warning' }, w))),
        h('dt', {}, label('slaState')), h('dd', {}, item.slaState || '—'),
        h('dt', {}, label('description')), h('dd', {}, text, toggle)),
    );
  }

  private showErrors(form: HTMLFormElement, errors: readonly FieldProblem[]): void {
    for (const field of this.fieldNames()) {
      const messages = errors.filter((e) => e.field === field).map((e) => e.message);
      const control = form.querySelector(`#field-${field}`);
      form.querySelector(`#error-${field}`)!.textContent = messages.join(' ');
      if (messages.length) control?.setAttribute('aria-invalid', 'true');
      else control?.removeAttribute('aria-invalid');
    }
    (form.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus();
  }

  /** Where a keyboard goes on: the next request's first field, the Save button again, or the queue once it is empty. */
  private focusAfterSave(next: boolean): void {
    const target = this.detail.querySelector<HTMLElement>(next ? 'form input, form select' : 'button[value=save]') ?? this.queue;
    target.focus();
  }

  private async save(form: HTMLFormElement, item: TriageItem, next: boolean): Promise<void> {
    const { values, read } = this.changes(form, item);
    announce(this.status, 'Saving…');
    try {
      const result = await this.bridge.save({ sheet: item.sheet, key: item.key, row: item.row, values, read });
      if (!result.ok) {
        this.showErrors(form, result.errors);
        if (result.conflict) {
          // The row as it is now becomes what this form was read from: saving again keeps the person's values.
          Object.assign(item, result.conflict.item);
          for (const field of this.view!.fields) {
            if (!(field.name in values)) (form.elements.namedItem(field.name) as HTMLInputElement | HTMLSelectElement).value = shownValue(field, item.values[field.name]);
          }
          announce(this.status, 'Someone else changed this request meanwhile; nothing was saved. See the marked fields.', 'error');
        } else if (result.refused) announce(this.status, 'Not everything was saved: the sheet is protected where the marked fields go.', 'error');
        else announce(this.status, 'Some fields need fixing.', 'error');
        return;
      }
      const items = this.view!.items;
      const at = items.findIndex((i) => i.sheet === item.sheet && i.key === item.key);
      if (result.item) items.splice(at, 1, queueItem(result.item));
      else items.splice(at, 1);
      announce(this.status, [`Saved ${item.requestId || `row ${item.row}`}${result.item ? '' : '; it no longer needs triage'}.`, ...result.also].join(' '), 'ok');
      this.renderQueue();
      const following = result.item ? (next ? at + 1 : at) : at;
      await this.choose(Math.min(following, items.length - 1));
      this.focusAfterSave(next);
    } catch (e) {
      announce(this.status, errorText(e), 'error');
    }
  }
}

/** A received day as a person reads it (decision 016); anything else the cell holds, as typed. */
const shownDay = (day: string) => (isIsoDate(day) ? shortDay(day) : day);

const requestTitle = (item: { requestId: string; row: number }) => (item.requestId ? `Request ${item.requestId}` : `Row ${item.row}`);

/** A request longer than this shows its first lines until the person asks for all of it. */
const CLIPPED_CHARACTERS = 280;
const CLIPPED_LINES = 4;

/** A date picker shows only a `YYYY-MM-DD` day: a cell holding other text ("TBD", `13/45/2026`) shows it empty. */
const heldOnly = (field: TriageFormField, value: string) => field.input === 'date' && value !== '' && !/^\d{4}-\d{2}-\d{2}$/.test(value);

/** What the field's control shows for the cell's value, which a save compares with to find what the person changed. */
const shownValue = (field: TriageFormField, value: string) => (heldOnly(field, value) ? '' : value);
