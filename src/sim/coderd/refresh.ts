// coderd's externalauth Config.RefreshToken and ValidateToken as the external-auth handler meets them
// (coderd/externalauth/externalauth.go: v2.30.0 RefreshToken :144, ValidateToken :302; v2.36.0
// RefreshToken :202 / innerRefreshToken :233, ValidateToken :488). An expired token (oauth2's 10 s
// early expiry) is refreshed with the link's refresh token at the provider's token endpoint (the
// scenario's `refresh:`); every failure there is an InvalidTokenError (the URL answer). The token, old or
// new, is then validated at the provider's validate endpoint (the scenario's `validate:`): 401 (and 403
// without rate-limit headers) is invalid (the URL answer), a status ValidateToken does not know is an
// error `status N: body: B`, which the handler reports as 500 `Failed to refresh external auth token.`
// with detail `validate external auth token: status N: body: B`.
import { traitsOf } from '../../revisions/index.ts';
import type { LinkState, ProviderState, World } from '../world.ts';
import { isExpired } from './expiry.ts';

/** golang.org/x/oauth2 Token.Valid: a token expiring within 10 s already counts as expired. */
export const OAUTH2_EXPIRY_DELTA_MS = 10_000;

/** OAuth error codes isFailedRefresh takes as a dead refresh token (the link's refresh token is cleared). */
const FAILED_REFRESH_CODES = new Set([
  'bad_refresh_token',
  'invalid_grant',
  'unauthorized_client',
  'unsupported_grant_type',
  'incorrect_client_credentials',
  'invalid_client',
]);

export type ValidateResult = { valid: boolean; error?: string };

function header(headers: Record<string, string> | undefined, name: string): string {
  if (!headers) return '';
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? '' : headers[key];
}

/** ValidateToken: expiry first (no request), then the validate endpoint's status. */
export function validateToken(world: World, link: Pick<LinkState, 'expiry' | 'valid' | 'validate'>): ValidateResult {
  if (isExpired(link.expiry, world.linkNow())) return { valid: false };
  const answer = link.validate ?? { status: link.valid ? 200 : 401 };
  const rateLimits = traitsOf(world.revision).validateRateLimit;
  switch (answer.status) {
    case 200:
      return { valid: true };
    case 401:
      return { valid: false };
    case 403:
      // isRateLimited: Retry-After present, or X-RateLimit-Remaining exactly "0".
      if (rateLimits && (header(answer.headers, 'Retry-After') !== '' || header(answer.headers, 'X-RateLimit-Remaining') === '0')) return { valid: true };
      return { valid: false };
    case 429:
      if (rateLimits) return { valid: true };
      break;
  }
  return { valid: false, error: `status ${answer.status}: body: ${answer.body ?? ''}` };
}

export type RefreshResult =
  /** The token to answer with (the link, or the refreshed link now stored in the world). */
  | { kind: 'token'; link: LinkState }
  /** InvalidTokenError: the URL answer; listen skips this link. */
  | { kind: 'invalid'; link: LinkState }
  /** Any other error: 500 `Failed to refresh external auth token.` with this detail. */
  | { kind: 'error'; detail: string };

export function refreshToken(world: World, provider: ProviderState, link: LinkState): RefreshResult {
  let token: LinkState = link;
  let refreshed = false;
  if (isExpired(link.expiry, new Date(world.linkNow().getTime() + OAUTH2_EXPIRY_DELTA_MS))) {
    // "oauth2: token expired and refresh token is not set" → InvalidTokenError.
    if (link.refreshToken === '') return { kind: 'invalid', link };
    const r = link.refresh;
    if (r === undefined || 'error' in r) {
      // oauth2.RetrieveError → InvalidTokenError("refresh token: ..."); isFailedRefresh clears the refresh token.
      const status = r?.status ?? 400;
      if (r === undefined || FAILED_REFRESH_CODES.has(r.error) || status === 400 || status === 401 || status === 200) {
        provider.link = { ...link, refreshToken: '' };
      }
      return { kind: 'invalid', link };
    }
    // oauth2 keeps the old refresh token when the answer has none; GenerateTokenExtra of a provider
    // without extra token keys is NULL (token_extra null).
    token = {
      ...link,
      accessToken: r.accessToken,
      refreshToken: r.refreshToken ?? link.refreshToken,
      expiry: r.expiry,
      extra: null,
      valid: true,
      refresh: undefined,
    };
    refreshed = true;
  }
  const v = validateToken(world, token);
  if (v.error !== undefined) return { kind: 'error', detail: `validate external auth token: ${v.error}` };
  if (!v.valid) return { kind: 'invalid', link };
  // CHOICE: the refreshed link is stored once it validated (v2.30.0's order; v2.36.0 stores it before
  // validating, which differs only when the new token then fails validation).
  if (refreshed) provider.link = token;
  return { kind: 'token', link: token };
}
