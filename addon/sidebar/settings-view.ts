// The settings panel: service URL, this sheet's source token (only its last characters are ever shown
// back), the person's own sync schedule, who else has one, how the last scheduled sync went, and (in Excel) a refresh
// of the functions.
import { SYNC_INTERVAL_HOURS } from '../core/settings';
import type { SettingsView } from '../core/views';
import { announce, clear, h } from './dom';
import { errorText, type HostBridge } from './host-bridge';
import { everyText, othersText, runLook, runText } from './schedule-text';

export class SettingsPanel {
  readonly root = h('div', { id: 'settings' });

  constructor(
    private readonly bridge: HostBridge,
    private readonly status: Element,
  ) {}

  async load(): Promise<void> {
    try {
      this.render(await this.bridge.settings());
    } catch (e) {
      announce(this.status, errorText(e), 'error');
    }
  }

  private render(view: SettingsView): void {
    clear(this.root);
    const schedule = SYNC_INTERVAL_HOURS.map((hours) => h('option', { value: hours, selected: hours === view.syncEveryHours }, everyText(hours)));
    const lastRun = view.schedule?.lastRun;
    const form = h('form', { 'aria-label': 'Equity Desk settings', novalidate: true },
      h('h2', {}, 'Settings'),
      h('div', { class: 'field' },
        h('label', { for: 'setting-url' }, 'Service URL'),
        h('input', { id: 'setting-url', name: 'serviceUrl', type: 'url', value: view.serviceUrl, placeholder: view.allowedServiceUrls[0]?.replace(/\/$/, '') ?? 'https://equity-desk.example.gov', autocomplete: 'off', 'aria-describedby': 'url-hint' }),
        h('p', { class: 'hint', id: 'url-hint' }, view.allowedServiceUrls.length ? `This add-on may connect to ${view.allowedServiceUrls.join(', ')}` : 'An https:// address.')),
      h('div', { class: 'field' },
        h('label', { for: 'setting-token' }, `Source token for this ${this.bridge.words.document}`),
        h('input', { id: 'setting-token', name: 'sourceToken', type: 'password', value: '', autocomplete: 'off', 'aria-describedby': 'token-hint' }),
        h('p', { class: 'hint', id: 'token-hint' }, view.tokenHint ? `A token ending ${view.tokenHint} is saved; leave blank to keep it.` : 'No token saved yet.')),
      view.schedule && h('div', { class: 'field' },
        h('label', { for: 'setting-schedule' }, 'Sync automatically (your own schedule)'),
        h('select', { id: 'setting-schedule', name: 'syncEveryHours', 'aria-describedby': 'schedule-hint schedule-others' }, ...schedule),
        h('p', { class: 'hint', id: 'schedule-hint' }, this.bridge.words.scheduleRuns),
        h('p', { class: 'hint', id: 'schedule-others' }, othersText(view.schedule, this.bridge.words.document))),
      lastRun && h('p', { ...runLook(lastRun), id: 'last-scheduled-sync' }, runText(lastRun)),
      h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Save settings')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.save(form);
    });
    this.root.append(form);
    // Where the host offers it (the Excel task pane; Sheets has a menu for it).
    if (this.bridge.refreshFunctions) {
      this.root.append(h('div', { class: 'field' },
        h('button', { type: 'button', id: 'refresh-functions', 'aria-describedby': 'refresh-hint', onclick: () => void this.refresh() }, 'Refresh functions'),
        h('p', { class: 'hint', id: 'refresh-hint' }, "Recalculates the Equity Desk functions with today's date, the Lists rules and the service's latest counts.")));
    }
  }

  private async refresh(): Promise<void> {
    announce(this.status, 'Refreshing functions…');
    try {
      announce(this.status, await this.bridge.refreshFunctions!(), 'ok');
    } catch (e) {
      announce(this.status, errorText(e), 'error');
    }
  }

  private async save(form: HTMLFormElement): Promise<void> {
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement).value;
    announce(this.status, 'Saving settings…');
    try {
      const schedule = form.elements.namedItem('syncEveryHours') ? { syncEveryHours: Number(value('syncEveryHours')) } : {};
      const view = await this.bridge.saveSettings({ serviceUrl: value('serviceUrl'), sourceToken: value('sourceToken'), ...schedule });
      this.render(view);
      announce(this.status, view.configured ? 'Settings saved.' : 'Settings saved; add the service URL and token to sync.', 'ok');
    } catch (e) {
      announce(this.status, errorText(e), 'error');
    }
  }
}
