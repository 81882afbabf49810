// GET /api/v2/workspaceagents/me/external-auth (behavior.md §1.5): agent auth, id/match validation,
// provider lookup (exact id stops, regex matches continue, last wins), 404 texts, the URL answer,
// the token answer with GitLab/Bitbucket username rules, `expires_at` from the revision that has it, and the
// presence-based `listen` long-poll (one look at the world per second until a valid link exists or
// the client goes away).
import { goRegexpCompile, quote, quoteBytes, utf8DecodeLossy } from '../../go/index.ts';
import { traitsOf } from '../../revisions/index.ts';
import type { LinkState, ProviderState, World } from '../world.ts';
import { authenticateAgent } from './agent-token.ts';
import { expiresAt, GO_ZERO_TIME, isExpired, sameExpiry } from './expiry.ts';
import { refreshToken, validateToken } from './refresh.ts';
import { getBytes, getString, parseGoQuery, rawQueryOf } from './query.ts';
import { writeError, writeJSON } from './respond.ts';

/** Poll interval of listen mode (upstream ticks once per second). */
export const LISTEN_INTERVAL_MS = 1000;

type Built = { ok: true; body: Map<string, unknown> } | { ok: false; detail: string };

function responseStruct(
  world: World,
  fields: { accessToken: string; extra: unknown; url: string; type: string; expiry: string | undefined; username: string; password: string },
): Map<string, unknown> {
  const m = new Map<string, unknown>([
    ['access_token', fields.accessToken],
    ['token_extra', fields.extra],
    ['url', fields.url],
    ['type', fields.type],
  ]);
  if (traitsOf(world.revision).expiresAt) m.set('expires_at', fields.expiry === undefined ? GO_ZERO_TIME : expiresAt(fields.expiry));
  m.set('username', fields.username);
  m.set('password', fields.password);
  return m;
}

function urlAnswer(world: World, url: string): Map<string, unknown> {
  return responseStruct(world, { accessToken: '', extra: null, url, type: '', expiry: undefined, username: '', password: '' });
}

/** Go's json.Unmarshal(extra, &map[string]interface{}) error for non-object extras. */
function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}

/** createExternalAuthResponse: username/password per provider type; token_extra as stored. */
function tokenAnswer(world: World, provider: ProviderState, link: LinkState): Built {
  const extra = link.extra;
  if (extra !== null && (typeof extra !== 'object' || Array.isArray(extra))) {
    return { ok: false, detail: `json: cannot unmarshal ${kindOf(extra)} into Go value of type map[string]interface {}` };
  }
  let username = link.accessToken;
  let password = '';
  if (provider.type === 'gitlab') {
    username = 'oauth2';
    password = link.accessToken;
  } else if (provider.type === 'bitbucket-cloud' || provider.type === 'bitbucket-server') {
    username = 'x-token-auth';
    password = link.accessToken;
  }
  return {
    ok: true,
    body: responseStruct(world, { accessToken: link.accessToken, extra, url: '', type: provider.type, expiry: link.expiry, username, password }),
  };
}

function sameLink(a: LinkState | undefined, b: LinkState): boolean {
  return a !== undefined && a.accessToken === b.accessToken && a.refreshToken === b.refreshToken && sameExpiry(a.expiry, b.expiry);
}

function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Listen mode: poll once per second; a client that goes away gets nothing (a network error). */
async function listen(world: World, providerId: string, previous: LinkState | undefined, signal: AbortSignal): Promise<Response> {
  let prev = previous;
  for (;;) {
    if (!(await sleep(LISTEN_INTERVAL_MS, signal))) return Response.error();
    const provider = world.providers.find((p) => p.id === providerId);
    const link = provider?.link;
    if (!provider || !link) continue;
    if (isExpired(link.expiry, world.linkNow())) continue;
    if (sameLink(prev, link)) continue;
    prev = { ...link };
    // ValidateToken; an error is logged and counts as not valid.
    if (!validateToken(world, link).valid) continue;
    const built = tokenAnswer(world, provider, link);
    if (!built.ok) return writeError(500, { message: 'Failed to create external auth response.', detail: built.detail });
    return writeJSON(200, built.body);
  }
}

export async function externalAuthHandler(world: World, request: Request, origin: string): Promise<Response> {
  const query = parseGoQuery(rawQueryOf(request.url));
  const auth = authenticateAgent(world, request, query);
  if (!auth.ok) return auth.response;

  let match = getBytes(query, 'match');
  if (match.length === 0) match = getBytes(query, 'url');
  const matchText = utf8DecodeLossy(match);
  const id = getString(query, 'id');
  if (match.length === 0 && id === '') return writeError(400, { message: "'url' or 'id' must be provided!" });
  if (match.length > 0 && id !== '') return writeError(400, { message: "'url' and 'id' cannot be provided together!" });
  const listening = query.has('listen');

  let provider: ProviderState | undefined;
  for (const p of world.providers) {
    if (p.id === id) {
      provider = p;
      break;
    }
    if (match.length === 0 || p.regex === undefined) continue;
    // Go regexp (RE2) MatchString, unanchored: `.` matches CR and U+2028 (the loader rejected bad syntax).
    const re = goRegexpCompile(p.regex);
    if (re.ok && re.matchString(matchText)) provider = p;
  }
  if (!provider) {
    let detail = 'External auth provider not found.';
    if (world.providers.length > 0) {
      const pairs = world.providers.filter((p) => p.regex !== undefined).map((p) => `${p.id}=${quote(p.regex!)}`);
      detail = `The configured external auth provider have regex filters that do not match the url. Provider url regex: ${pairs.join(',')}`;
    }
    return writeError(404, { message: `No matching external auth provider found in Coder for the url ${quoteBytes(match)}.`, detail });
  }

  const redirectURL = `${origin}/external-auth/${provider.id}`;
  const link = provider.link;
  if (!link) {
    return listening ? listen(world, provider.id, undefined, request.signal) : writeJSON(200, urlAnswer(world, redirectURL));
  }
  // RefreshToken (refresh.ts): InvalidTokenError → the URL answer (listen then skips this link); any
  // other error → 500 (listen starts from no previous link).
  const refreshed = refreshToken(world, provider, link);
  if (refreshed.kind === 'invalid') {
    return listening ? listen(world, provider.id, { ...refreshed.link }, request.signal) : writeJSON(200, urlAnswer(world, redirectURL));
  }
  if (refreshed.kind === 'error') {
    if (listening) return listen(world, provider.id, undefined, request.signal);
    return writeError(500, { message: 'Failed to refresh external auth token.', detail: refreshed.detail });
  }
  const built = tokenAnswer(world, provider, refreshed.link);
  if (!built.ok) {
    if (listening) return listen(world, provider.id, undefined, request.signal);
    return writeError(500, { message: 'Failed to create external auth response.', detail: built.detail });
  }
  return writeJSON(200, built.body);
}
