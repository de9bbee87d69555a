// SpreadsheetApp.getUi(): menus added to the UI, sidebars and dialogs shown, alerts and prompts with
// answers the test queues, all recorded so tests can assert what a user would have seen.
import { Button, ButtonSet } from './enums.js';
import type { FakeEnv } from './env.js';
import { FakeHtmlOutput } from './html.js';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type ButtonValue = GoogleAppsScript.Base.Button;
type PromptResponse = GoogleAppsScript.Base.PromptResponse;

export type MenuEntry =
  | { kind: 'item'; caption: string; functionName: string }
  | { kind: 'separator' }
  | { kind: 'submenu'; menu: MenuRecord };

export interface MenuRecord {
  caption: string;
  addon: boolean;
  entries: MenuEntry[];
}

export interface ShownDialog {
  kind: 'sidebar' | 'modal' | 'modeless';
  title: string;
  content: string;
  width: number;
  height: number;
}

export interface AlertRecord {
  kind: 'alert' | 'prompt';
  title: string;
  prompt: string;
  buttons: string;
}

export class FakeMenu implements Menu {
  readonly record: MenuRecord;

  constructor(
    private readonly ui: FakeUi,
    caption: string,
    addon: boolean,
  ) {
    this.record = { caption, addon, entries: [] };
  }
  addItem(caption: string, functionName: string): Menu {
    this.record.entries.push({ kind: 'item', caption, functionName });
    return this;
  }
  addSeparator(): Menu {
    this.record.entries.push({ kind: 'separator' });
    return this;
  }
  addSubMenu(menu: Menu): Menu {
    if (!(menu instanceof FakeMenu)) this.ui.env.fail('Invalid argument: menu');
    this.record.entries.push({ kind: 'submenu', menu: menu.record });
    return this;
  }
  addToUi(): void {
    this.ui.env.require('menus', 'Menu.addToUi');
    const index = this.ui.menus.findIndex((m) => m.caption === this.record.caption && m.addon === this.record.addon);
    if (index >= 0) this.ui.menus.splice(index, 1, this.record);
    else this.ui.menus.push(this.record);
  }
}

export class FakeUi implements Partial<Ui> {
  readonly Button = Button as unknown as typeof GoogleAppsScript.Base.Button;
  readonly ButtonSet = ButtonSet as unknown as typeof GoogleAppsScript.Base.ButtonSet;
  readonly menus: MenuRecord[] = [];
  readonly shown: ShownDialog[] = [];
  readonly alerts: AlertRecord[] = [];
  /** Answers for the next alert() / prompt() calls; when empty, alerts answer OK (or YES) and prompts ''. */
  readonly answers: Array<{ button: string; text?: string }> = [];

  constructor(
    readonly env: FakeEnv,
    private readonly addonName: string,
  ) {}

  createMenu(caption: string): Menu {
    this.env.require('menus', 'Ui.createMenu');
    return new FakeMenu(this, caption, false);
  }
  createAddonMenu(): Menu {
    this.env.require('menus', 'Ui.createAddonMenu');
    return new FakeMenu(this, this.addonName, true);
  }

  private show(kind: ShownDialog['kind'], output: HtmlOutput, title?: string): void {
    this.env.require('dialogs', `Ui.show${kind === 'sidebar' ? 'Sidebar' : kind === 'modal' ? 'ModalDialog' : 'ModelessDialog'}`);
    if (!(output instanceof FakeHtmlOutput)) this.env.fail('Invalid argument: userInterface');
    this.shown.push({
      kind,
      title: title ?? output.getTitle(),
      content: output.getContent(),
      width: output.getWidth(),
      height: output.getHeight(),
    });
  }
  showSidebar(userInterface: HtmlOutput): void {
    this.show('sidebar', userInterface);
  }
  showModalDialog(userInterface: HtmlOutput, title: string): void {
    this.show('modal', userInterface, title);
  }
  showModelessDialog(userInterface: HtmlOutput, title: string): void {
    this.show('modeless', userInterface, title);
  }

  private ask(kind: AlertRecord['kind'], args: unknown[]): { button: string; text?: string } {
    this.env.require('dialogs', `Ui.${kind}`);
    const [title, prompt, buttons] =
      args.length >= 3 ? args.map(String) : ['', String(args[0]), args[1] === undefined ? ButtonSet.OK : String(args[1])];
    this.alerts.push({ kind, title, prompt, buttons });
    return this.answers.shift() ?? { button: buttons.startsWith('YES') ? Button.YES : Button.OK, text: '' };
  }
  alert(...args: [string] | [string, GoogleAppsScript.Base.ButtonSet] | [string, string, GoogleAppsScript.Base.ButtonSet]): ButtonValue {
    return this.ask('alert', args).button as unknown as ButtonValue;
  }
  prompt(...args: [string] | [string, GoogleAppsScript.Base.ButtonSet] | [string, string, GoogleAppsScript.Base.ButtonSet]): PromptResponse {
    const answer = this.ask('prompt', args);
    return {
      getResponseText: () => answer.text ?? '',
      getSelectedButton: () => answer.button as unknown as ButtonValue,
    };
  }
}
