// State shared by every fake service of one simulated execution: realm, clock, call counters, auth mode.
import { FakeClock } from './clock.js';
import { appsScriptError, hostRealm, toRealm, type Realm } from './realm.js';

/** `ScriptApp.AuthMode` names; the mode an add-on trigger or a custom function runs in. */
export type AuthModeName = 'NONE' | 'LIMITED' | 'FULL' | 'CUSTOM_FUNCTION';

/** What a call needs the execution to be authorised for. */
export type Capability =
  | 'menus'
  | 'document'
  | 'documentWrite'
  | 'dialogs'
  | 'storage'
  | 'network'
  | 'triggers';

// Editor add-ons: AuthMode.NONE may only build menus; custom functions read the sheet, fetch and use
// the cache/properties/lock services, but never write cells, show UI or manage triggers.
const allowed: Record<AuthModeName, ReadonlySet<Capability>> = {
  NONE: new Set(['menus']),
  LIMITED: new Set(['menus', 'document', 'documentWrite', 'dialogs', 'storage']),
  FULL: new Set(['menus', 'document', 'documentWrite', 'dialogs', 'storage', 'network', 'triggers']),
  CUSTOM_FUNCTION: new Set(['document', 'storage', 'network']),
};

const scopes: Record<Capability, string> = {
  menus: 'https://www.googleapis.com/auth/script.container.ui',
  document: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  documentWrite: 'https://www.googleapis.com/auth/spreadsheets.currentonly',
  dialogs: 'https://www.googleapis.com/auth/script.container.ui',
  storage: 'https://www.googleapis.com/auth/script.storage',
  network: 'https://www.googleapis.com/auth/script.external_request',
  triggers: 'https://www.googleapis.com/auth/script.scriptapp',
};

/**
 * What Sheets throws at a script's write into cells protected from the person running it, in the language of their
 * Google account. The English is Sheets' own; the others stand for any language, being other words than those.
 */
export const PROTECTED_TEXTS: Readonly<Record<string, string>> = {
  en: 'You are trying to edit a protected cell or object. Please contact the spreadsheet owner to remove protection if you need to edit.',
  es: 'Estás intentando editar una celda o un objeto protegidos. Ponte en contacto con el propietario de la hoja de cálculo para quitar la protección si necesitas editarlos.',
  fr: 'Vous essayez de modifier une cellule ou un objet protégés. Contactez le propriétaire de la feuille de calcul pour retirer la protection si vous devez effectuer des modifications.',
};

export class FakeEnv {
  readonly counts: Record<string, number> = {};
  authMode: AuthModeName = 'FULL';
  /** False while simulating a time-driven trigger or custom function: there is no editor UI to reach. */
  uiAvailable = true;
  /** The language of the person's Google account (Session.getActiveUserLocale): Sheets' messages are in it. */
  locale = 'en';

  constructor(
    readonly realm: Realm = hostRealm,
    readonly clock: FakeClock = new FakeClock(),
    public timeZone = 'America/Los_Angeles',
  ) {}

  count(method: string): void {
    this.counts[method] = (this.counts[method] ?? 0) + 1;
  }

  resetCounts(): void {
    for (const key of Object.keys(this.counts)) delete this.counts[key];
  }

  fail(message: string): never {
    throw appsScriptError(this.realm, message);
  }

  /** Sheets' text for a write into protected cells, in the person's language. */
  protectedText(): string {
    const text = PROTECTED_TEXTS[this.locale];
    if (!text) throw new Error(`the fakes have no protected-cell text in ${this.locale}`);
    return text;
  }

  /** Hands a value to the bundle, rebuilt in its realm. */
  out<T>(value: T): T {
    return toRealm(this.realm, value);
  }

  require(capability: Capability, api: string): void {
    if (!allowed[this.authMode].has(capability)) {
      this.fail(`You do not have permission to call ${api}. Required permissions: ${scopes[capability]}`);
    }
  }
}
