// ScriptApp: installable triggers (time-driven and spreadsheet), kept in a list the test can inspect
// and fire. Each belongs to the user who made it: a user sees and deletes only their own, and may have
// at most 20 per script. A time-driven trigger an add-on makes while a document is open belongs to that
// document too (one per type, per user, per document), so getUserTriggers(document) lists it. Plus
// AuthMode and the OAuth token.
import { AuthMode, EventType, TriggerSource } from './enums.js';
import type { FakeEnv } from './env.js';

type Trigger = GoogleAppsScript.Script.Trigger;
type ClockTriggerBuilder = GoogleAppsScript.Script.ClockTriggerBuilder;
type SpreadsheetTriggerBuilder = GoogleAppsScript.Script.SpreadsheetTriggerBuilder;
type ScriptApp = GoogleAppsScript.Script.ScriptApp;

export const MAX_TRIGGERS = 20;

export interface Schedule {
  everyMinutes?: number;
  everyHours?: number;
  everyDays?: number;
  everyWeeks?: number;
  atHour?: number;
  nearMinute?: number;
  at?: number;
  after?: number;
  timeZone?: string;
}

export class FakeTrigger implements Trigger {
  constructor(
    readonly id: string,
    readonly handler: string,
    readonly eventType: string,
    readonly source: string,
    readonly sourceId: string,
    readonly schedule: Readonly<Schedule>,
    /** The user who made it (their address), and the document it was made in ('' when none). */
    readonly owner: string = '',
    readonly documentId: string = '',
  ) {}
  getEventType(): GoogleAppsScript.Script.EventType {
    return this.eventType as unknown as GoogleAppsScript.Script.EventType;
  }
  getHandlerFunction(): string {
    return this.handler;
  }
  getTriggerSource(): GoogleAppsScript.Script.TriggerSource {
    return this.source as unknown as GoogleAppsScript.Script.TriggerSource;
  }
  getTriggerSourceId(): string {
    return this.sourceId;
  }
  getUniqueId(): string {
    return this.id;
  }
}

const allowedEvery: Record<string, readonly number[]> = {
  everyMinutes: [1, 5, 10, 15, 30],
  everyHours: [1, 2, 4, 6, 8, 12],
};

class FakeClockTriggerBuilder implements Partial<ClockTriggerBuilder> {
  private readonly schedule: Schedule = {};

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
  ) {}

  private set(key: keyof Schedule, value: number | string): ClockTriggerBuilder {
    const allowed = allowedEvery[key];
    if (allowed && !allowed.includes(value as number)) {
      this.app.env.fail(`Invalid argument: ${key}(${value}) accepts only ${allowed.join(', ')}.`);
    }
    (this.schedule as Record<string, number | string>)[key] = value;
    return this as unknown as ClockTriggerBuilder;
  }
  everyMinutes(n: number): ClockTriggerBuilder {
    return this.set('everyMinutes', n);
  }
  everyHours(n: number): ClockTriggerBuilder {
    return this.set('everyHours', n);
  }
  everyDays(n: number): ClockTriggerBuilder {
    return this.set('everyDays', n);
  }
  everyWeeks(n: number): ClockTriggerBuilder {
    return this.set('everyWeeks', n);
  }
  atHour(hour: number): ClockTriggerBuilder {
    return this.set('atHour', hour);
  }
  nearMinute(minute: number): ClockTriggerBuilder {
    return this.set('nearMinute', minute);
  }
  at(date: GoogleAppsScript.Base.Date): ClockTriggerBuilder {
    return this.set('at', date.getTime());
  }
  after(durationMilliseconds: number): ClockTriggerBuilder {
    return this.set('after', durationMilliseconds);
  }
  inTimezone(timezone: string): ClockTriggerBuilder {
    return this.set('timeZone', timezone);
  }
  create(): Trigger {
    if (Object.keys(this.schedule).filter((k) => k !== 'timeZone').length === 0) {
      this.app.env.fail('The trigger has no schedule. Call everyMinutes(), everyHours(), at() or after() first.');
    }
    return this.app.add(this.handler, EventType.CLOCK, TriggerSource.CLOCK, '', { ...this.schedule });
  }
}

class FakeSpreadsheetTriggerBuilder implements Partial<SpreadsheetTriggerBuilder> {
  private eventType: string | null = null;

  constructor(
    private readonly app: FakeScriptApp,
    private readonly handler: string,
    private readonly spreadsheetId: string,
  ) {}

  private on(eventType: string): SpreadsheetTriggerBuilder {
    this.eventType = eventType;
    return this as unknown as SpreadsheetTriggerBuilder;
  }
  onOpen(): SpreadsheetTriggerBuilder {
    return this.on(EventType.ON_OPEN);
  }
  onEdit(): SpreadsheetTriggerBuilder {
    return this.on(EventType.ON_EDIT);
  }
  onChange(): SpreadsheetTriggerBuilder {
    return this.on(EventType.ON_CHANGE);
  }
  onFormSubmit(): SpreadsheetTriggerBuilder {
    return this.on(EventType.ON_FORM_SUBMIT);
  }
  create(): Trigger {
    if (this.eventType === null) this.app.env.fail('The trigger has no event type. Call onOpen(), onEdit() or onChange() first.');
    return this.app.add(this.handler, this.eventType, TriggerSource.SPREADSHEETS, this.spreadsheetId, {});
  }
}

export class FakeScriptApp implements Partial<ScriptApp> {
  readonly AuthMode = AuthMode as unknown as typeof GoogleAppsScript.Script.AuthMode;
  readonly EventType = EventType as unknown as typeof GoogleAppsScript.Script.EventType;
  readonly TriggerSource = TriggerSource as unknown as typeof GoogleAppsScript.Script.TriggerSource;
  readonly triggers: FakeTrigger[] = [];
  private nextId = 1;

  constructor(
    readonly env: FakeEnv,
    private readonly scriptId: string,
    private readonly oauthToken: string,
    /** The user running the script now, and the document open (null outside one). */
    private readonly context: { user: () => string; documentId: () => string | null } = { user: () => '', documentId: () => null },
  ) {}

  private mine(): FakeTrigger[] {
    const user = this.context.user();
    return this.triggers.filter((t) => t.owner === user);
  }

  add(handler: string, eventType: string, source: string, sourceId: string, schedule: Schedule): Trigger {
    this.env.require('triggers', 'ScriptApp.newTrigger');
    if (this.mine().length >= MAX_TRIGGERS) {
      this.env.fail('This script has too many triggers. Triggers must be deleted from the script before more can be added.');
    }
    const documentId = sourceId || this.context.documentId() || '';
    const trigger = new FakeTrigger(String(this.nextId++), handler, eventType, source, sourceId, schedule, this.context.user(), documentId);
    this.triggers.push(trigger);
    return trigger;
  }

  /** For tests: a time-driven trigger the current user made earlier in another document. */
  seedClockTrigger(handler: string, documentId: string, schedule: Schedule = { everyHours: 1 }): FakeTrigger {
    const trigger = new FakeTrigger(String(this.nextId++), handler, EventType.CLOCK, TriggerSource.CLOCK, '', schedule, this.context.user(), documentId);
    this.triggers.push(trigger);
    return trigger;
  }

  newTrigger(functionName: string): GoogleAppsScript.Script.TriggerBuilder {
    const builder = {
      timeBased: () => new FakeClockTriggerBuilder(this, functionName),
      forSpreadsheet: (sheet: GoogleAppsScript.Spreadsheet.Spreadsheet | string) =>
        new FakeSpreadsheetTriggerBuilder(this, functionName, typeof sheet === 'string' ? sheet : sheet.getId()),
    };
    return builder as unknown as GoogleAppsScript.Script.TriggerBuilder;
  }
  getProjectTriggers(): Trigger[] {
    this.env.require('triggers', 'ScriptApp.getProjectTriggers');
    return this.env.out(this.mine());
  }
  getUserTriggers(container: { getId(): string }): Trigger[] {
    this.env.require('triggers', 'ScriptApp.getUserTriggers');
    return this.env.out(this.mine().filter((t) => t.documentId === container.getId()));
  }
  deleteTrigger(trigger: Trigger): void {
    this.env.require('triggers', 'ScriptApp.deleteTrigger');
    // Another user's trigger cannot be seen, so it cannot be deleted either.
    const index = this.triggers.findIndex((t) => t.id === trigger.getUniqueId() && t.owner === this.context.user());
    if (index < 0) this.env.fail('Invalid argument: trigger');
    this.triggers.splice(index, 1);
  }
  getOAuthToken(): string {
    return this.oauthToken;
  }
  getScriptId(): string {
    return this.scriptId;
  }
}
