// The Google Sheets sidebar page: mounts the shared sidebar on the Apps Script bridge, opening the view
// the menu asked for (`data-view` on <body>).
import { appsScriptBridge } from './apps-script-bridge';
import { mountSidebar, type SidebarView } from './sidebar-app';

const view: SidebarView = document.body.dataset.view === 'settings' ? 'settings' : 'triage';
mountSidebar(document.getElementById('app')!, appsScriptBridge(), view);
