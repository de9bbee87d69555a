// The sidebar shell, host-agnostic: a view switch (Triage, Settings), "Sync now" with its report, and one
// live status line; everything it does goes through the HostBridge it is given.
import type { SyncReport } from '../core/views';
import { announce, h } from './dom';
import { counted } from '../../shared/plural';
import { errorText, errorTone, type HostBridge } from './host-bridge';
import { requesterLinksPanel } from './requester-links-view';
import { SettingsPanel } from './settings-view';
import { SetupPanel } from './setup-view';
import { TriagePanel } from './triage-view';

export type SidebarView = 'triage' | 'settings' | 'setup';

/** Warned cells listed at most: the rest are found by their notes. */
const LISTED_WARNINGS = 10;

/**
 * Each cell to fix, then each saved with a warning, by sheet, cell, header and message, so the person who can fix
 * it finds it: a highlighted cell on another sheet, or far down a long one, is not found by looking.
 */
function warnedList(toFix: readonly string[], warned: readonly string[]): HTMLElement[] {
  const lines = [...toFix.map((f) => `To fix: ${f}`), ...warned];
  if (lines.length === 0) return [];
  const more = lines.length - LISTED_WARNINGS;
  return [h('ul', { class: 'warned' }, ...lines.slice(0, LISTED_WARNINGS).map((w) => h('li', {}, w)), ...(more > 0 ? [h('li', {}, `and ${more} more (each cell has a note)`)] : []))];
}

function reportList(report: SyncReport): HTMLElement {
  return h('ul', { class: 'report' }, ...report.tables.map((t) =>
    h('li', {}, `${t.sheet}: ${t.sent} sent, ${t.accepted} saved, ${t.rows - t.sent + t.unchanged} unchanged${t.deleted ? `, ${t.deleted} removed` : ''}${t.rejected ? `, ${t.rejected} to fix (highlighted in the sheet)` : ''}${t.warned.length ? `, ${counted(t.warned.length, 'warning')} to check (saved as read; noted in the sheet)` : ''}${t.problems.length ? `. ${t.problems.join('; ')}` : ''}`, ...warnedList(t.toFix, t.warned))));
}

export function mountSidebar(root: HTMLElement, bridge: HostBridge, start: SidebarView): void {
  const status = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' });
  const syncResult = h('div', { id: 'sync-result' });
  const links = requesterLinksPanel(bridge, status);
  const triage = new TriagePanel(bridge, status, links);
  const settings = new SettingsPanel(bridge, status);
  // Set up is a panel only where the host offers it (the Excel task pane); Sheets has a menu for it.
  const setup = bridge.setup ? new SetupPanel(bridge, status) : null;
  const panels: Partial<Record<SidebarView, { root: HTMLElement; load(): Promise<void> }>> = { triage, settings, ...(setup ? { setup } : {}) };
  const tabs = {} as Partial<Record<SidebarView, HTMLButtonElement>>;

  const show = (view: SidebarView) => {
    // What the last view said (a red error among it) is no word about the one opening.
    announce(status, '');
    for (const [name, panel] of Object.entries(panels) as [SidebarView, { root: HTMLElement }][]) {
      panel.root.hidden = name !== view;
      tabs[name]?.setAttribute('aria-pressed', String(name === view));
    }
    void panels[view]?.load();
  };
  tabs.triage = h('button', { type: 'button', onclick: () => show('triage') }, 'Triage');
  tabs.settings = h('button', { type: 'button', onclick: () => show('settings') }, 'Settings');
  if (setup) tabs.setup = h('button', { type: 'button', onclick: () => show('setup') }, 'Set up');

  const syncButton = h('button', { type: 'button', id: 'sync-now' }, 'Sync now');
  syncButton.addEventListener('click', async () => {
    syncButton.disabled = true;
    announce(status, 'Syncing…');
    try {
      const report = await bridge.sync();
      syncResult.replaceChildren(...report.notices.map((line) => h('p', { class: 'notice' }, line)), reportList(report));
      announce(status, 'Sync finished.', 'ok');
    } catch (e) {
      announce(status, errorText(e), errorTone(e));
    } finally {
      syncButton.disabled = false;
    }
  });

  root.append(
    h('nav', { 'aria-label': 'Equity Desk' }, tabs.triage!, tabs.settings!, ...(tabs.setup ? [tabs.setup] : []), syncButton),
    status,
    syncResult,
    // Each view's own content first; the requester's links, asked from any of them, below.
    triage.root,
    settings.root,
    ...(setup ? [setup.root] : []),
    links.root,
  );
  show(start);
}
