// The set-up panel (Excel task pane; Sheets has a menu for it): one button per template, each adding the
// template's sheets without touching sheets that already hold something, and saying what it did.
import { announce, h } from './dom';
import { TEMPLATE_LABELS } from '../port/host-words';
import { errorText, type HostBridge, type TemplateName } from './host-bridge';


export class SetupPanel {
  private readonly result = h('p', { id: 'setup-result' });
  readonly root = h('div', { id: 'setup' });

  constructor(
    private readonly bridge: HostBridge,
    private readonly status: Element,
  ) {
    const buttons = (Object.entries(TEMPLATE_LABELS) as [TemplateName, string][]).map(([name, label]) =>
      h('li', {}, h('button', { type: 'button', 'data-template': name, onclick: () => void this.setup(name) }, label)),
    );
    this.root.append(h('h2', {}, 'Set up from template'), h('p', { class: 'hint' }, 'Adds the sheets as Excel tables with dropdowns, status formulas and a Dashboard. Sheets that already hold data are kept.'), h('ul', { class: 'templates' }, ...buttons), this.result);
  }

  async load(): Promise<void> {}

  private async setup(template: TemplateName): Promise<void> {
    if (!this.bridge.setup) return;
    announce(this.status, 'Setting up…');
    try {
      const report = await this.bridge.setup(template);
      this.result.textContent = report.summary;
      announce(this.status, 'Set up finished.', 'ok');
    } catch (e) {
      announce(this.status, errorText(e), 'error');
    }
  }
}
