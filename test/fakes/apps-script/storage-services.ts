// PropertiesService, CacheService and LockService with Apps Script's limits and error texts:
// properties 9 KB per value and 500 KB per store, cache keys 250 characters and values 100 KB,
// lock contention from "another execution" that the test switches on.
import type { FakeEnv } from './env.js';

type Properties = GoogleAppsScript.Properties.Properties;
type Cache = GoogleAppsScript.Cache.Cache;
type Lock = GoogleAppsScript.Lock.Lock;

export const PROPERTY_VALUE_LIMIT = 9 * 1024;
export const PROPERTY_STORE_LIMIT = 500 * 1024;
export const CACHE_VALUE_LIMIT = 100 * 1024;
export const CACHE_KEY_LIMIT = 250;
const CACHE_DEFAULT_SECONDS = 600;
const CACHE_MAX_SECONDS = 21_600;

const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

export class FakeProperties implements Properties {
  readonly map = new Map<string, string>();

  constructor(
    private readonly env: FakeEnv,
    private readonly scope: string,
  ) {}

  private enter(method: string): void {
    this.env.require('storage', `PropertiesService.${this.scope}.${method}`);
    this.env.count(`Properties.${method}`);
  }

  /** Replaces the store's content after checking Apps Script's quotas; nothing changes when one is exceeded. */
  private commit(next: Map<string, string>): Properties {
    let total = 0;
    for (const [key, value] of next) {
      if (bytes(value) > PROPERTY_VALUE_LIMIT) this.env.fail('Argument too large: value');
      total += bytes(key) + bytes(value);
    }
    if (total > PROPERTY_STORE_LIMIT) {
      this.env.fail('You have exceeded the property storage quota. Please remove some properties and try again.');
    }
    this.map.clear();
    for (const [key, value] of next) this.map.set(key, value);
    return this;
  }

  getProperty(key: string): string | null {
    this.enter('getProperty');
    return this.map.get(String(key)) ?? null;
  }
  getProperties(): { [key: string]: string } {
    this.enter('getProperties');
    return this.env.out(Object.fromEntries(this.map));
  }
  getKeys(): string[] {
    this.enter('getKeys');
    return this.env.out([...this.map.keys()]);
  }
  setProperty(key: string, value: string): Properties {
    this.enter('setProperty');
    return this.commit(new Map(this.map).set(String(key), String(value)));
  }
  setProperties(properties: { [key: string]: string }, deleteAllOthers = false): Properties {
    this.enter('setProperties');
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.map);
    for (const [key, value] of Object.entries(properties)) next.set(key, String(value));
    return this.commit(next);
  }
  deleteProperty(key: string): Properties {
    this.enter('deleteProperty');
    this.map.delete(String(key));
    return this;
  }
  deleteAllProperties(): Properties {
    this.enter('deleteAllProperties');
    this.map.clear();
    return this;
  }
}

export class FakeCache implements Cache {
  readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly env: FakeEnv) {}

  private enter(method: string): void {
    this.env.require('storage', `Cache.${method}`);
    this.env.count(`Cache.${method}`);
  }
  private key(key: string): string {
    const text = String(key);
    if (text.length > CACHE_KEY_LIMIT) this.env.fail('Argument too large: key');
    return text;
  }
  private live(key: string): string | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= this.env.clock.now()) {
      this.entries.delete(key);
      return null;
    }
    return entry.value;
  }
  private store(values: Array<[string, unknown]>, expirationInSeconds = CACHE_DEFAULT_SECONDS): void {
    const checked = values.map(([key, value]) => {
      const text = String(value);
      if (bytes(text) > CACHE_VALUE_LIMIT) this.env.fail('Argument too large: value');
      return [this.key(key), text] as const;
    });
    const seconds = Math.min(Math.max(1, expirationInSeconds), CACHE_MAX_SECONDS);
    const expiresAt = this.env.clock.now() + seconds * 1000;
    for (const [key, value] of checked) this.entries.set(key, { value, expiresAt });
  }

  get(key: string): string | null {
    this.enter('get');
    return this.live(this.key(key));
  }
  getAll(keys: string[]): { [key: string]: any } {
    this.enter('getAll');
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.live(this.key(key));
      if (value !== null) found[key] = value;
    }
    return this.env.out(found);
  }
  put(key: string, value: string, expirationInSeconds?: number): void {
    this.enter('put');
    this.store([[key, value]], expirationInSeconds);
  }
  putAll(values: { [key: string]: any }, expirationInSeconds?: number): void {
    this.enter('putAll');
    this.store(Object.entries(values), expirationInSeconds);
  }
  remove(key: string): void {
    this.enter('remove');
    this.entries.delete(this.key(key));
  }
  removeAll(keys: string[]): void {
    this.enter('removeAll');
    for (const key of keys) this.entries.delete(this.key(key));
  }
}

/** One lock scope (document, script or user), shared by every Lock object handed out for it. */
export class LockScope {
  holder: FakeLock | null = null;
  /** Set by a test to simulate another execution holding the lock. */
  heldElsewhere = false;
}

export class FakeLock implements Lock {
  constructor(
    private readonly env: FakeEnv,
    private readonly scope: LockScope,
  ) {}

  tryLock(timeoutInMillis: number): boolean {
    this.env.require('storage', 'Lock.tryLock');
    this.env.count('Lock.tryLock');
    const free = !this.scope.heldElsewhere && (this.scope.holder === null || this.scope.holder === this);
    if (!free) {
      // The real call blocks for the whole timeout before giving up.
      this.env.clock.advance(timeoutInMillis);
      return false;
    }
    this.scope.holder = this;
    return true;
  }
  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis)) this.env.fail('Lock timeout: another process was holding the lock for too long.');
  }
  releaseLock(): void {
    if (this.scope.holder === this) this.scope.holder = null;
  }
  hasLock(): boolean {
    return this.scope.holder === this;
  }
}
