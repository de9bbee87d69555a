// The service configuration: defaults, flags over environment, and problems that name what to fix.
import { isErrorType } from '../../shared/typed-error';
import { describe, expect, test } from 'vitest';
import { formatDuration, ConfigError, loadConfig, storeOptions } from '../../sync/config';

const fails = (env: Record<string, string>, flags = {}) => {
  try {
    loadConfig(env, flags);
  } catch (e) {
    if (isErrorType(e, ConfigError)) return e.message;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('loadConfig', () => {
  test('defaults: port 8787 on loopback, ./data, 50 MB bodies, 5,000 rows a batch', () => {
    expect(loadConfig({})).toEqual({
      port: 8787,
      host: '127.0.0.1',
      dataDir: './data',
      limits: { maxBodyBytes: 52_428_800, maxRowsPerBatch: 5000, rateLimitPerMinute: 600, authFailuresPerMinute: 30 },
      intake: { dailyCap: 200, postsPerMinute: 10 },
      timeZone: 'UTC',
      trustProxy: false,
      meetings: [],
      chromiumPath: '/usr/bin/chromium',
      corsOrigins: [],
    });
  });

  test('intake settings: the public URL loses its trailing slash, caps are whole numbers, a bad value names its variable', () => {
    expect(loadConfig({ EQUITY_DESK_PUBLIC_URL: 'https://equity.example.gov/', EQUITY_DESK_INTAKE_DAILY_CAP: '0', EQUITY_DESK_INTAKE_RATE_LIMIT: '3' })).toMatchObject({ publicUrl: 'https://equity.example.gov', intake: { dailyCap: 0, postsPerMinute: 3 } });
    expect(() => loadConfig({ EQUITY_DESK_PUBLIC_URL: 'ftp://equity.example.gov' })).toThrow(/^EQUITY_DESK_PUBLIC_URL: must be an http\(s\) address/);
    expect(() => loadConfig({ EQUITY_DESK_INTAKE_DAILY_CAP: 'lots' })).toThrow(/^EQUITY_DESK_INTAKE_DAILY_CAP: must be a number/);
  });

  test('the office\'s time zone dates web-form requests: a zone name, and a bad one named by its variable', () => {
    expect(loadConfig({ EQUITY_DESK_TIME_ZONE: 'America/Los_Angeles' }).timeZone).toBe('America/Los_Angeles');
    expect(() => loadConfig({ EQUITY_DESK_TIME_ZONE: 'Pacific' })).toThrow(/EQUITY_DESK_TIME_ZONE.*time zone such as America\/Los_Angeles/);
  });

  test('reads the environment, flags win, and blank variables count as unset', () => {
    const c = loadConfig(
      { PORT: '9000', HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/equity', DATABASE_SCHEMA: 'tenant_a', EQUITY_DESK_ADMIN_TOKEN: 'a-long-enough-admin-token', EQUITY_DESK_MAX_BATCH_ROWS: '2000', EQUITY_DESK_RATE_LIMIT: ' ' },
      { port: '9100', data: '/srv/equity' },
    );
    expect(c).toMatchObject({ port: 9100, host: '0.0.0.0', dataDir: '/srv/equity', databaseUrl: 'postgres://db/equity', adminToken: 'a-long-enough-admin-token' });
    expect(c.limits).toEqual({ maxBodyBytes: 52_428_800, maxRowsPerBatch: 2000, rateLimitPerMinute: 600, authFailuresPerMinute: 30 });
    expect(storeOptions(c)).toEqual({ dataDir: '/srv/equity', databaseUrl: 'postgres://db/equity', schema: 'tenant_a' });
  });

  test('a bad setting names the variable or flag that was set', () => {
    expect(fails({ PORT: 'eighty' })).toBe('PORT: must be a number');
    expect(fails({ PORT: '80' }, { port: '70000' })).toBe('--port: must be at most 65535');
    expect(fails({ DATABASE_URL: 'mysql://x/y' })).toBe('DATABASE_URL: must start with postgres:// or postgresql://');
    expect(fails({ DATABASE_SCHEMA: 'Tenant-A' })).toBe('DATABASE_SCHEMA: must be lower-case letters, digits and _');
    expect(fails({ EQUITY_DESK_ADMIN_TOKEN: 'short' })).toBe('EQUITY_DESK_ADMIN_TOKEN: must be at least 16 characters');
    expect(fails({ EQUITY_DESK_MAX_BODY_BYTES: '1.5' })).toBe('EQUITY_DESK_MAX_BODY_BYTES: must be a whole number');
    expect(fails({ EQUITY_DESK_RATE_LIMIT: '0' })).toBe('EQUITY_DESK_RATE_LIMIT: must be at least 1');
    expect(fails({ EQUITY_DESK_MEETINGS: '2026-03-04, 2026-02-30' })).toBe('EQUITY_DESK_MEETINGS: must be meeting dates as YYYY-MM-DD, separated by commas');
  });

  test('reads the meeting days in any order, once each, ascending', () => {
    expect(loadConfig({ EQUITY_DESK_MEETINGS: ' 2026-03-04,2026-01-07, 2026-03-04 ,' }).meetings).toEqual(['2026-01-07', '2026-03-04']);
  });
});

describe('the publishing schedule', () => {
  const GRAPH = { EQUITY_DESK_GRAPH_TENANT_ID: 't-1', EQUITY_DESK_GRAPH_CLIENT_ID: 'c-1', EQUITY_DESK_GRAPH_CLIENT_SECRET: 's-1', EQUITY_DESK_GRAPH_SITE_ID: 'site-1', EQUITY_DESK_GRAPH_FOLDER: 'Equity/Reports' };

  test('is off unless EQUITY_DESK_PUBLISH_EVERY is set; a folder alone schedules nothing', () => {
    expect(loadConfig({}).publishSchedule).toBeUndefined();
    expect(loadConfig({ EQUITY_DESK_PUBLISH_FOLDER: '/srv/reports', EQUITY_DESK_PUBLISH_EVERY: ' ' }).publishSchedule).toBeUndefined();
  });

  test.each([['90s', 90_000], ['30m', 1_800_000], ['6h', 21_600_000], ['1d', 86_400_000], [' 24d ', 2_073_600_000]])('reads %j as %d ms', (every, ms) => {
    expect(loadConfig({ EQUITY_DESK_PUBLISH_EVERY: every, EQUITY_DESK_PUBLISH_FOLDER: '/srv/reports' }).publishSchedule).toEqual({ everyMs: ms, to: { folder: '/srv/reports' } });
  });

  test('without a folder it publishes through Graph, whose settings are read now', () => {
    expect(loadConfig({ ...GRAPH, EQUITY_DESK_PUBLISH_EVERY: '6h' }).publishSchedule).toEqual({
      everyMs: 21_600_000,
      to: { graph: expect.objectContaining({ siteId: 'site-1', folder: 'Equity/Reports', fileName: 'Equity Desk master.xlsx' }) },
    });
  });

  test('bad durations and missing Graph settings name the variable, and say why', () => {
    const folder = { EQUITY_DESK_PUBLISH_FOLDER: '/srv/reports' };
    expect(fails({ ...folder, EQUITY_DESK_PUBLISH_EVERY: 'often' })).toBe('EQUITY_DESK_PUBLISH_EVERY: must be a duration such as 90s, 30m, 6h or 1d (a whole number and s, m, h or d)');
    for (const every of ['1.5h', '1h30m', '-5m', '6 hours']) expect(fails({ ...folder, EQUITY_DESK_PUBLISH_EVERY: every })).toMatch(/^EQUITY_DESK_PUBLISH_EVERY: must be a duration/);
    expect(fails({ ...folder, EQUITY_DESK_PUBLISH_EVERY: '59s' })).toBe('EQUITY_DESK_PUBLISH_EVERY: must be at least 1m: each run builds and uploads the whole master workbook');
    expect(fails({ ...folder, EQUITY_DESK_PUBLISH_EVERY: '25d' })).toBe('EQUITY_DESK_PUBLISH_EVERY: must be at most 24d');
    expect(fails({ EQUITY_DESK_PUBLISH_EVERY: '1h', EQUITY_DESK_GRAPH_TENANT_ID: 't-1' })).toBe(
      'EQUITY_DESK_PUBLISH_EVERY: Graph publishing is not configured: EQUITY_DESK_GRAPH_CLIENT_ID is required; EQUITY_DESK_GRAPH_CLIENT_SECRET is required; '
      + 'set exactly one of EQUITY_DESK_GRAPH_DRIVE_ID, EQUITY_DESK_GRAPH_SITE_ID, EQUITY_DESK_GRAPH_USER_ID. Set them, or publish into a folder with EQUITY_DESK_PUBLISH_FOLDER.',
    );
  });

  test('formatDuration writes milliseconds back in the largest whole unit', () => {
    expect([90_000, 5_400_000, 21_600_000, 86_400_000, 1_500].map(formatDuration)).toEqual(['90s', '90m', '6h', '1d', '1.5s']);
  });
});

describe('EQUITY_DESK_CORS_ORIGINS', () => {
  test('lists origins separated by commas, trailing slashes dropped; anything else is refused by name', () => {
    expect(loadConfig({ EQUITY_DESK_CORS_ORIGINS: ' https://addin.example.gov/ , https://b.example.gov' }).corsOrigins).toEqual(['https://addin.example.gov', 'https://b.example.gov']);
    expect(() => loadConfig({ EQUITY_DESK_CORS_ORIGINS: 'addin.example.gov' })).toThrow(/^EQUITY_DESK_CORS_ORIGINS: must be origins/);
    expect(() => loadConfig({ EQUITY_DESK_CORS_ORIGINS: 'https://a.example.gov/path' })).toThrow(/EQUITY_DESK_CORS_ORIGINS/);
  });
});

describe("the office's contact details (EQUITY_DESK_OFFICE_*)", () => {
  test('unset, the pages have none; set, its name and an email or a phone, and a website if given', () => {
    expect(loadConfig({}).office).toBeUndefined();
    expect(loadConfig({ EQUITY_DESK_OFFICE_NAME: '  Office of Racial Equity ', EQUITY_DESK_OFFICE_EMAIL: ' ta@equity.example.gov ' }).office)
      .toEqual({ name: 'Office of Racial Equity', email: 'ta@equity.example.gov' });
    expect(loadConfig({ EQUITY_DESK_OFFICE_NAME: 'مكتب المساواة', EQUITY_DESK_OFFICE_PHONE: '+1 (916) 555-0142 ext. 12', EQUITY_DESK_OFFICE_WEBSITE: 'https://equity.example.gov/contact' }).office)
      .toEqual({ name: 'مكتب المساواة', phone: '+1 (916) 555-0142 ext. 12', website: 'https://equity.example.gov/contact' });
  });

  test('a name without a way to reach the office, or a way without a name, is refused by the variable to set', () => {
    expect(fails({ EQUITY_DESK_OFFICE_NAME: 'Office of Racial Equity' })).toMatch(/^EQUITY_DESK_OFFICE_NAME: .*EQUITY_DESK_OFFICE_EMAIL or EQUITY_DESK_OFFICE_PHONE/);
    expect(fails({ EQUITY_DESK_OFFICE_EMAIL: 'ta@equity.example.gov' })).toMatch(/^EQUITY_DESK_OFFICE_NAME: /);
    expect(fails({ EQUITY_DESK_OFFICE_WEBSITE: 'https://equity.example.gov' })).toMatch(/^EQUITY_DESK_OFFICE_NAME: /);
  });

  test('each value is checked where it is set: an address, a phone number, a web address, a name of a sensible length without invisible characters', () => {
    const office = { EQUITY_DESK_OFFICE_NAME: 'Office of Racial Equity', EQUITY_DESK_OFFICE_EMAIL: 'ta@equity.example.gov' };
    expect(fails({ ...office, EQUITY_DESK_OFFICE_EMAIL: 'ta at equity' })).toMatch(/^EQUITY_DESK_OFFICE_EMAIL: must be an email address/);
    expect(loadConfig({ ...office, EQUITY_DESK_OFFICE_PHONE: '(916) 555-0142' }).office?.phone).toBe('(916) 555-0142');
    expect(fails({ ...office, EQUITY_DESK_OFFICE_PHONE: 'call us' })).toMatch(/^EQUITY_DESK_OFFICE_PHONE: must be a phone number/);
    expect(fails({ ...office, EQUITY_DESK_OFFICE_WEBSITE: 'javascript:alert(1)' })).toMatch(/^EQUITY_DESK_OFFICE_WEBSITE: must be an http\(s\) address/);
    expect(fails({ ...office, EQUITY_DESK_OFFICE_NAME: 'x'.repeat(40_000) })).toMatch(/^EQUITY_DESK_OFFICE_NAME: must be at most \d+ characters/);
    expect(fails({ ...office, EQUITY_DESK_OFFICE_NAME: 'Office\u0000of Equity' })).toMatch(/^EQUITY_DESK_OFFICE_NAME: .*invisible character/);
    expect(fails({ ...office, EQUITY_DESK_OFFICE_NAME: 'Office \u202Eof Equity' })).toMatch(/^EQUITY_DESK_OFFICE_NAME: .*invisible character/);
  });
});
