// Keeps one app token until shortly before it expires: the Graph client asks for a token before every request.
import type { TokenCredential } from '@azure/identity';
import type { AuthenticationProvider } from '@microsoft/microsoft-graph-client';
import { describeCredentialError } from './graph-failures';
import { PublishError } from './publish-error';

export interface TokenCacheOptions {
  /** Refresh this long before expiry, so a token never lapses in the middle of a long upload. */
  refreshMarginMs?: number;
  now?: () => number;
}

/**
 * An `AuthenticationProvider` over any `TokenCredential`. Concurrent callers share one pending request,
 * and a failed request is not cached, so the next call tries again.
 */
export function cachedTokenProvider(
  credential: TokenCredential,
  scope: string,
  { refreshMarginMs = 5 * 60_000, now = Date.now }: TokenCacheOptions = {},
): AuthenticationProvider {
  interface Held { token: string; refreshAt: number }
  let current: Held | undefined;
  let pending: Promise<Held> | undefined;

  const fetchToken = async (): Promise<Held> => {
    try {
      const fetchedAt = now();
      const token = await credential.getToken(scope);
      if (!token) throw new Error('the credential returned no token');
      // Short-lived tokens (tests, some proxies) refresh at half their life rather than on every call.
      const margin = Math.min(refreshMarginMs, (token.expiresOnTimestamp - fetchedAt) / 2);
      return { token: token.token, refreshAt: token.expiresOnTimestamp - margin };
    } catch (cause) {
      const { line, full } = describeCredentialError(cause);
      throw new PublishError('auth-failed', `Could not get a Graph token for ${scope}: ${line}`, { cause, verboseText: full });
    }
  };

  return {
    async getAccessToken() {
      if (current && now() < current.refreshAt) return current.token;
      pending ??= fetchToken().finally(() => { pending = undefined; });
      const held = await pending;
      current = held;
      return held.token;
    },
  };
}
