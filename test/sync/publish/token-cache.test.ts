// The token cache in front of the credential: one fetch per token lifetime, shared by concurrent callers.
import { isErrorType } from '../../../shared/typed-error';
import type { AccessToken, TokenCredential } from '@azure/identity';
import { describe, expect, test } from 'vitest';
import { PublishError } from '../../../sync/publish/publish-error';
import { cachedTokenProvider } from '../../../sync/publish/token-cache';

const HOUR = 3_600_000;

function countingCredential(clock: { now: number }, lifetimeMs = HOUR) {
  const calls: string[] = [];
  const credential: TokenCredential = {
    async getToken(scopes) {
      calls.push([scopes].flat().join(' '));
      await new Promise((resolve) => setTimeout(resolve, 5));
      return { token: `token-${calls.length}`, expiresOnTimestamp: clock.now + lifetimeMs } satisfies AccessToken;
    },
  };
  return { credential, calls };
}

describe('cachedTokenProvider', () => {
  test('asks the credential once while the token is fresh, for the given scope', async () => {
    const clock = { now: 0 };
    const { credential, calls } = countingCredential(clock);
    const provider = cachedTokenProvider(credential, 'https://graph.microsoft.us/.default', { now: () => clock.now });
    expect(await provider.getAccessToken()).toBe('token-1');
    clock.now += 30 * 60_000;
    expect(await provider.getAccessToken()).toBe('token-1');
    expect(calls).toEqual(['https://graph.microsoft.us/.default']);
  });

  test('refreshes within the margin before expiry', async () => {
    const clock = { now: 0 };
    const { credential, calls } = countingCredential(clock);
    const provider = cachedTokenProvider(credential, 's', { now: () => clock.now, refreshMarginMs: 5 * 60_000 });
    await provider.getAccessToken();
    clock.now = HOUR - 5 * 60_000 - 1;
    expect(await provider.getAccessToken()).toBe('token-1');
    clock.now += 1;
    expect(await provider.getAccessToken()).toBe('token-2');
    expect(calls).toHaveLength(2);
  });

  test('a token shorter-lived than the margin is kept for half its life, not refetched on every call', async () => {
    const clock = { now: 0 };
    const { credential, calls } = countingCredential(clock, 60_000);
    const provider = cachedTokenProvider(credential, 's', { now: () => clock.now });
    await provider.getAccessToken();
    clock.now = 29_000;
    await provider.getAccessToken();
    expect(calls).toHaveLength(1);
    clock.now = 30_000;
    await provider.getAccessToken();
    expect(calls).toHaveLength(2);
  });

  test('concurrent callers share one request', async () => {
    const clock = { now: 0 };
    const { credential, calls } = countingCredential(clock);
    const provider = cachedTokenProvider(credential, 's', { now: () => clock.now });
    const tokens = await Promise.all(Array.from({ length: 5 }, () => provider.getAccessToken()));
    expect(new Set(tokens)).toEqual(new Set(['token-1']));
    expect(calls).toHaveLength(1);
  });

  test('a failure becomes auth-failed and is not cached', async () => {
    let fail = true;
    const credential: TokenCredential = {
      async getToken() {
        if (fail) throw new Error('AADSTS700016: Application not found in the directory.');
        return { token: 'recovered', expiresOnTimestamp: Date.now() + HOUR };
      },
    };
    const provider = cachedTokenProvider(credential, 's');
    const error = await provider.getAccessToken().then(() => undefined, (e: unknown) => e);
    expect(isErrorType(error, PublishError) && error.code).toBe('auth-failed');
    expect((error as Error).message).toContain('AADSTS700016');
    fail = false;
    expect(await provider.getAccessToken()).toBe('recovered');
  });
});
