// The AWS instance-identity exchange (behavior.md §3.1): IMDSv2 token PUT, signature and document
// GETs at the hard-coded 169.254.169.254 (status codes NOT checked: error bodies become the values),
// then POST {signature, document[, agent_name]} to coderd.
import { parseURL, type GoURL } from '../../go/index.ts';
import type { components } from '../../generated/openapi.ts';
import { WrapError } from '../errors/model.ts';
import { authenticateResult, goStruct, postWithoutSessionToken, type AuthenticateResponse } from './coderd.ts';
import { roundTrip } from './wire.ts';

export const AWS_IMDS = 'http://169.254.169.254';

export interface ExchangeOptions {
  /** The agent URL (coderd). */
  agentURL: GoURL;
  agentName?: string;
  /** Whether the revision's token structs have an agent_name field (PR 24325; the Azure document is decoded into one). */
  agentNameField: boolean;
  env: Record<string, string | undefined>;
  signal?: AbortSignal;
}

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** An IMDS URL, parsed by the same Go generation as the agent URL (its redirects are resolved the same way). */
function imds(path: string, go: GoURL['goVersion']): GoURL {
  const r = parseURL(AWS_IMDS + path, { go });
  if (!r.ok) throw new Error(r.error);
  return r.url;
}

export async function exchangeAws(o: ExchangeOptions): Promise<AuthenticateResponse> {
  const tokenRes = await roundTrip({
    method: 'PUT',
    url: imds('/latest/api/token', o.agentURL.goVersion),
    headers: [['X-Aws-Ec2-Metadata-Token-Ttl-Seconds', '21600']],
    env: o.env,
    signal: o.signal,
  });
  if (tokenRes.bodyError) throw new WrapError('read token', tokenRes.bodyError);
  const token = text(tokenRes.body);
  // Body read failures are wrapped `read <what>` (the exact upstream wording for signature and
  // document is not in the spec; documented choice).
  const get = async (path: string, what: string) => {
    const res = await roundTrip({
      method: 'GET',
      url: imds(path, o.agentURL.goVersion),
      headers: [['X-Aws-Ec2-Metadata-Token', token]],
      env: o.env,
      signal: o.signal,
    });
    if (res.bodyError) throw new WrapError(`read ${what}`, res.bodyError);
    return text(res.body);
  };
  const signature = await get('/latest/dynamic/instance-identity/signature', 'signature');
  const document = await get('/latest/dynamic/instance-identity/document', 'document');
  const payload: components['schemas']['AWSInstanceIdentityToken'] = { signature, document, agent_name: o.agentName ?? '' };
  const body = goStruct([
    ['signature', payload.signature],
    ['document', payload.document],
    ['agent_name', payload.agent_name ?? '', 'omitempty'],
  ]);
  const res = await postWithoutSessionToken(o.agentURL, '/api/v2/workspaceagents/aws-instance-identity', body, o.env, o.signal);
  return authenticateResult(res);
}
