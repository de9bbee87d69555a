// The retry budget: Retry-After before backoff, bounded attempts, progress resets the count.
import { isErrorType } from '../../../shared/typed-error';
import { describe, expect, test } from 'vitest';
import { PublishError } from '../../../sync/publish/publish-error';
import { parseRetryAfter, RetryBudget, type RetryOptions } from '../../../sync/publish/retry-budget';

function recordingOptions(overrides: Partial<RetryOptions> = {}) {
  const waits: number[] = [];
  const options: RetryOptions = {
    maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 250, maxRetryAfterMs: 10_000,
    sleep: async (ms) => { waits.push(ms); },
    ...overrides,
  };
  return { options, waits };
}

const serverError = { code: 'server-error' as const, status: 500, detail: 'HTTP 500' };

describe('RetryBudget', () => {
  test('waits exactly the Retry-After when given, else backs off exponentially with at most 20 % jitter, capped', async () => {
    const { options, waits } = recordingOptions();
    const budget = new RetryBudget('Uploading m.xlsx', options);
    await budget.failed({ ...serverError, retryAfterMs: 7_000 });
    await budget.failed(serverError);
    await budget.failed(serverError);
    expect(waits[0]).toBe(7_000);
    expect(waits[1]).toBeGreaterThanOrEqual(160);
    expect(waits[1]).toBeLessThanOrEqual(200);
    expect(waits[2]).toBeGreaterThanOrEqual(200);
    expect(waits[2]).toBeLessThanOrEqual(250);
  });

  test('throws the last failure as a PublishError once the attempts are spent', async () => {
    const { options } = recordingOptions({ maxAttempts: 2 });
    const budget = new RetryBudget('Uploading m.xlsx', options);
    await budget.failed(serverError);
    const error = await budget.failed(serverError).then(() => undefined, (e: unknown) => e);
    expect(isErrorType(error, PublishError) && { code: error.code, attempts: error.attempts, status: error.status, message: error.message }).toEqual({
      code: 'server-error', attempts: 2, status: 500, message: 'Uploading m.xlsx failed after 2 attempts: HTTP 500',
    });
  });

  test('progress starts the count again', async () => {
    const { options } = recordingOptions({ maxAttempts: 2 });
    const budget = new RetryBudget('t', options);
    for (let i = 0; i < 5; i++) {
      await expect(budget.failed(serverError)).resolves.toBeUndefined();
      budget.progressed();
    }
  });
});

describe('parseRetryAfter', () => {
  test('reads delay-seconds and HTTP dates, and ignores anything else', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:12 GMT', now)).toBe(12_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
