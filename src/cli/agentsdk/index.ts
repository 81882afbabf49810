// The agent SDK (codersdk/agentsdk) the reference CLI and the Pact consumer tests drive:
// createAgentClient → externalAuth (GET /api/v2/workspaceagents/me/external-auth?id=…&match=),
// refreshToken, and the AWS/Azure/GCP exchanges. Loaded lazily by the CLI (help never imports it).
// Session tokens (behavior.md §3.4): fixed for `token` auth; for instance identity the exchange runs on
// first use with its own 10 s deadline, and any exchange error is swallowed into an EMPTY
// `Coder-Session-Token:` header (the server then answers 401), exactly like upstream.
import { decodeGoStruct, encodeQuery, parseGoTimeJSON, parseURL, zeroTime, type GoStructType, type GoURL } from '../../go/index.ts';
import type { components } from '../../generated/openapi.ts';
import { ErrDeadlineExceeded, TextError, WrapError } from '../errors/model.ts';
import { DEFAULT_REVISION, goURLVersion, traitsOf, type Revision } from '../revision.ts';
import { exchangeAws, type ExchangeOptions } from './aws.ts';
import { exchangeAzure } from './azure.ts';
import { asGoError, joinPath, newRequestURL, type AuthenticateResponse } from './coderd.ts';
import { exchangeGoogle, realBackoff, type Backoff } from './google.ts';
import { readBodyAsError } from './readerror.ts';
import { roundTrip } from './wire.ts';

export { exchangeAws, exchangeAzure, exchangeGoogle, realBackoff };
export type { Backoff, ExchangeOptions, AuthenticateResponse };
export { SdkError, GoError, URLError, WrapError, TextError } from '../errors/model.ts';

export type AgentAuth = 'token' | 'aws-instance-identity' | 'azure-instance-identity' | 'google-instance-identity';

export interface AgentClientOptions {
  agentURL: GoURL | string;
  auth: AgentAuth;
  token?: string;
  /** Sent as agent_name by the exchanges when non-empty (untrimmed); ignored for token auth and pre-agent-name. */
  agentName?: string;
  env: Record<string, string | undefined>;
  revision?: Revision;
  /** GCP metadata retry sleeps (tests inject instant ones). */
  backoff?: Backoff;
  /** The exchange deadline, 10 000 ms upstream. */
  exchangeTimeoutMs?: number;
}

export interface ExternalAuthRequest {
  id: string;
  match?: string;
  listen?: boolean;
}

/** Decoded agentsdk.ExternalAuthResponse; expires_at (a GoTime) only for pr26883. */
export type ExternalAuthResponse = Omit<components['schemas']['ExternalAuthResponse'], 'expires_at'> & {
  expires_at?: unknown;
};

export interface AgentClient {
  externalAuth(req: ExternalAuthRequest, signal?: AbortSignal): Promise<ExternalAuthResponse>;
  /** Runs the instance-identity exchange and throws its error (upstream RefreshToken). */
  refreshToken(): Promise<string>;
}

function responseSchema(revision: Revision): GoStructType {
  const fields: GoStructType['fields'] = [
    ['access_token', { kind: 'string' }],
    ['token_extra', { kind: 'map' }],
    ['url', { kind: 'string' }],
    ['type', { kind: 'string' }],
  ];
  if (traitsOf(revision).expiresAt) fields.push(['expires_at', { kind: 'time', parse: parseGoTimeJSON }]);
  fields.push(['username', { kind: 'string' }], ['password', { kind: 'string' }]);
  return { typeName: 'agentsdk.ExternalAuthResponse', structName: 'ExternalAuthResponse', fields };
}

function zeroResponse(revision: Revision): ExternalAuthResponse {
  const z: ExternalAuthResponse = { access_token: '', token_extra: null, url: '', type: '', username: '', password: '' };
  if (traitsOf(revision).expiresAt) z.expires_at = zeroTime;
  return z;
}

export function createAgentClient(opts: AgentClientOptions): AgentClient {
  const revision = opts.revision ?? DEFAULT_REVISION;
  let agentURL: GoURL;
  if (typeof opts.agentURL === 'string') {
    const r = parseURL(opts.agentURL, { go: goURLVersion(traitsOf(revision)) });
    if (!r.ok) throw new TextError(r.error);
    agentURL = r.url;
  } else agentURL = opts.agentURL;
  const agentName = traitsOf(revision).agentName ? (opts.agentName ?? '') : '';
  let cached = opts.auth === 'token' ? (opts.token ?? '') : '';

  const exchange = async (): Promise<AuthenticateResponse> => {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(ErrDeadlineExceeded), opts.exchangeTimeoutMs ?? 10_000);
    timer.unref?.();
    const x: ExchangeOptions = { agentURL, agentName, agentNameField: traitsOf(revision).agentName, env: opts.env, signal: ctl.signal };
    try {
      switch (opts.auth) {
        case 'aws-instance-identity':
          return await exchangeAws(x);
        case 'azure-instance-identity':
          return await exchangeAzure(x);
        case 'google-instance-identity':
          return await exchangeGoogle({ ...x, backoff: opts.backoff });
        default:
          throw new TextError(`unknown agent auth type: ${opts.auth as string}`);
      }
    } finally {
      clearTimeout(timer);
    }
  };

  const sessionToken = async (): Promise<string> => {
    if (cached !== '' || opts.auth === 'token') return cached;
    try {
      cached = (await exchange()).session_token;
    } catch {
      // Upstream logs to a no-op logger and returns "": the request goes out with an empty token.
      return '';
    }
    return cached;
  };

  return {
    async refreshToken() {
      if (opts.auth === 'token') return cached;
      try {
        cached = (await exchange()).session_token;
      } catch (e) {
        throw asGoError(e);
      }
      return cached;
    },
    async externalAuth(req, signal) {
      const q: Record<string, string[]> = { id: [req.id], match: [req.match ?? ''] };
      if (req.listen) q.listen = ['true'];
      const token = await sessionToken();
      let res;
      try {
        const url = newRequestURL(joinPath(agentURL, '/api/v2/workspaceagents/me/external-auth?' + encodeQuery(q)));
        res = await roundTrip({ method: 'GET', url, headers: [['Coder-Session-Token', token]], env: opts.env, signal });
      } catch (e) {
        throw new WrapError('execute request', asGoError(e));
      }
      if (res.status !== 200) throw readBodyAsError(res);
      if (res.bodyError) throw res.bodyError;
      const d = decodeGoStruct(responseSchema(revision), res.body, { zero: zeroResponse(revision) as unknown as Record<string, unknown> });
      if (!d.ok) throw new TextError(d.error);
      return d.value as unknown as ExternalAuthResponse;
    },
  };
}
