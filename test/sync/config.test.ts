// The service configuration: defaults, flags over environment, and problems that name what to fix.
import { describe, expect, test } from 'vitest';
import { isConfigError, loadConfig, storeOptions } from '../../sync/config';

const fails = (env: Record<string, string>, flags = {}) => {
  try {
    loadConfig(env, flags);
  } catch (e) {
    if (isConfigError(e)) return e.message;
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
      limits: { maxBodyBytes: 52_428_800, maxRowsPerBatch: 5000, rateLimitPerMinute: 600 },
    });
  });

  test('reads the environment, flags win, and blank variables count as unset', () => {
    const c = loadConfig(
      { PORT: '9000', HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/equity', DATABASE_SCHEMA: 'tenant_a', EQUITY_DESK_ADMIN_TOKEN: 'a-long-enough-admin-token', EQUITY_DESK_MAX_BATCH_ROWS: '2000', EQUITY_DESK_RATE_LIMIT: ' ' },
      { port: '9100', data: '/srv/equity' },
    );
    expect(c).toMatchObject({ port: 9100, host: '0.0.0.0', dataDir: '/srv/equity', databaseUrl: 'postgres://db/equity', adminToken: 'a-long-enough-admin-token' });
    expect(c.limits).toEqual({ maxBodyBytes: 52_428_800, maxRowsPerBatch: 2000, rateLimitPerMinute: 600 });
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
  });
});
