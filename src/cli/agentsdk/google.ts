// The GCP instance-identity exchange (behavior.md §3.3): google-cloud-go compute/metadata Get of the
// identity JWT (GCE_METADATA_HOST or 169.254.169.254, Metadata-Flavor: Google, User-Agent
// gcloud-golang/0.1, 6 tries with randomized exponential backoff 100 ms → 30 s on 5xx, unexpected EOF,
// ECONNRESET, ECONNREFUSED and connect timeouts, not on a connection closed before a response (EOF);
// its error texts), then POST {json_web_token[, agent_name]} to coderd.
// The metadata call is not bound by the exchange context (Go uses a non-context Get).
import { parseURL, quote, type GoURLVersion } from '../../go/index.ts';
import type { components } from '../../generated/openapi.ts';
import { ErrUnexpectedEOF, GoError, TextError, WrapError } from '../errors/model.ts';
import type { ExchangeOptions } from './aws.ts';
import { authenticateResult, goStruct, postWithoutSessionToken, type AuthenticateResponse } from './coderd.ts';
import { NetError } from './neterr.ts';
import { roundTrip, type GoResponse } from './wire.ts';

export const GCP_METADATA_IP = '169.254.169.254';
export const GCP_IDENTITY_SUFFIX = 'instance/service-accounts/default/identity?audience=coder&format=full';

/** Sleep and randomness used by the retry policy; tests inject instant fakes. */
export interface Backoff {
  sleep(ms: number): Promise<void>;
  /** Uniform in [0, 1). */
  random(): number;
}

export const realBackoff: Backoff = {
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  random: Math.random,
};

const MAX_RETRIES = 5;

/**
 * google-cloud-go shouldRetry for a transport error: io.ErrUnexpectedEOF, ECONNRESET/ECONNREFUSED
 * (syscallRetryable), or a Temporary() error (a connect that timed out). A connection closed before any
 * response is io.EOF in Go: not retried.
 */
function retryableError(e: GoError | undefined): boolean {
  for (let x = e; x; x = x.unwrap()) {
    if (x === ErrUnexpectedEOF || x.error() === 'unexpected EOF') return true;
    if (x instanceof NetError && x.error() !== 'EOF' && ['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT'].includes(x.code)) return true;
  }
  return false;
}

export async function metadataGet(suffix: string, env: ExchangeOptions['env'], backoff: Backoff, go?: GoURLVersion): Promise<string> {
  const host = env.GCE_METADATA_HOST && env.GCE_METADATA_HOST !== '' ? env.GCE_METADATA_HOST : GCP_METADATA_IP;
  const trimmed = suffix.replace(/^\/+/, '');
  const u = parseURL(`http://${host}/computeMetadata/v1/${trimmed}`, { go });
  if (!u.ok) throw new TextError(u.error);
  let cur = 100;
  let res: GoResponse | undefined;
  let reqErr: GoError | undefined;
  for (let attempt = 0; ; attempt++) {
    res = undefined;
    reqErr = undefined;
    try {
      res = await roundTrip({ method: 'GET', url: u.url, headers: [['Metadata-Flavor', 'Google']], userAgent: 'gcloud-golang/0.1', env });
    } catch (e) {
      reqErr = e instanceof GoError ? e : new TextError(String(e));
    }
    if (res?.bodyError) throw res.bodyError;
    const code = res?.status ?? 0;
    const retry = attempt < MAX_RETRIES && ((code >= 500 && code <= 599) || retryableError(reqErr));
    if (!retry) break;
    await backoff.sleep(Math.max(backoff.random() * cur, 0.000001));
    cur = Math.min(cur * 2, 30_000);
  }
  if (reqErr) throw reqErr;
  if (res!.status === 404) throw new TextError(`metadata: GCE metadata ${quote(trimmed)} not defined`);
  const body = new TextDecoder().decode(res!.body);
  if (res!.status !== 200) throw new TextError(`compute: Received ${res!.status} \`${body}\``);
  return body;
}

export async function exchangeGoogle(o: ExchangeOptions & { backoff?: Backoff }): Promise<AuthenticateResponse> {
  let jwt: string;
  try {
    jwt = await metadataGet(GCP_IDENTITY_SUFFIX, o.env, o.backoff ?? realBackoff, o.agentURL.goVersion);
  } catch (e) {
    throw new WrapError('get metadata identity', e instanceof GoError ? e : new TextError(String(e)));
  }
  const token: components['schemas']['GoogleInstanceIdentityToken'] = { json_web_token: jwt, agent_name: o.agentName ?? '' };
  const body = goStruct([
    ['json_web_token', token.json_web_token],
    ['agent_name', token.agent_name ?? '', 'omitempty'],
  ]);
  return authenticateResult(await postWithoutSessionToken(o.agentURL, '/api/v2/workspaceagents/google-instance-identity', body, o.env, o.signal));
}
