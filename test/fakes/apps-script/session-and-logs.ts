// Session (time zone, users) and the two logging globals, Logger and console, whose output is kept
// as records for tests rather than printed.
import type { FakeEnv } from './env.js';

type Session = GoogleAppsScript.Base.Session;
type User = GoogleAppsScript.Base.User;

export interface LogRecord {
  source: 'Logger' | 'console';
  level: 'log' | 'info' | 'warn' | 'error';
  message: string;
}

function render(value: unknown): string {
  if (typeof value === 'string') return value;
  // Errors may come from the bundle's realm, where `instanceof Error` is false.
  if (typeof value === 'object' && value !== null && 'stack' in value && 'message' in value) return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Logger.log("Row %s of %s", a, b) substitutes like Java's String.format for %s and %d. */
function formatLogger(first: unknown, rest: unknown[]): string {
  if (typeof first !== 'string' || rest.length === 0) return render(first);
  let i = 0;
  return first.replace(/%[sd]/g, (token) => (i < rest.length ? render(rest[i++]) : token));
}

export class FakeSession implements Partial<Session> {
  constructor(
    private readonly env: FakeEnv,
    public activeUserEmail: string,
    public effectiveUserEmail: string,
  ) {}

  private user(email: () => string): User {
    return { getEmail: email, getUserLoginId: email };
  }
  getScriptTimeZone(): string {
    return this.env.timeZone;
  }
  getActiveUser(): User {
    // Outside a full authorisation (simple triggers, custom functions) Apps Script hides the user's address.
    return this.user(() => (this.env.authMode === 'FULL' ? this.activeUserEmail : ''));
  }
  getEffectiveUser(): User {
    return this.user(() => (this.env.authMode === 'FULL' ? this.effectiveUserEmail : ''));
  }
  getActiveUserLocale(): string {
    return this.env.locale;
  }
  getTemporaryActiveUserKey(): string {
    return `temp-${this.activeUserEmail.length}-${this.activeUserEmail.replace(/[^a-z0-9]/gi, '')}`;
  }
}

export class FakeLogger implements Partial<GoogleAppsScript.Base.Logger> {
  constructor(private readonly records: LogRecord[]) {}

  log(data: any, ...values: any[]): GoogleAppsScript.Base.Logger {
    this.records.push({ source: 'Logger', level: 'log', message: formatLogger(data, values) });
    return this as unknown as GoogleAppsScript.Base.Logger;
  }
  getLog(): string {
    return this.records
      .filter((r) => r.source === 'Logger')
      .map((r) => r.message)
      .join('\n');
  }
  clear(): void {
    for (let i = this.records.length - 1; i >= 0; i--) if (this.records[i].source === 'Logger') this.records.splice(i, 1);
  }
}

export function fakeConsole(records: LogRecord[]) {
  const write = (level: LogRecord['level']) => (...args: unknown[]) => {
    records.push({ source: 'console', level, message: args.map(render).join(' ') });
  };
  const timers = new Map<string, number>();
  return {
    log: write('log'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    time: (label = 'default') => void timers.set(label, performance.now()),
    timeEnd: (label = 'default') => {
      const started = timers.get(label);
      if (started !== undefined) write('log')(`${label}: ${Math.round(performance.now() - started)}ms`);
    },
  };
}
