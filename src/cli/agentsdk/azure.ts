// The Azure instance-identity exchange (behavior.md §3.2): GET the attested document with
// `Metadata: true` (status not checked), decode only {signature, encoding} (Go decode errors returned
// as is), set agent_name from the option, POST to coderd.
import { decodeGoStruct, parseURL, type GoStructType } from '../../go/index.ts';
import type { components } from '../../generated/openapi.ts';
import { TextError } from '../errors/model.ts';
import type { ExchangeOptions } from './aws.ts';
import { authenticateResult, goStruct, postWithoutSessionToken, type AuthenticateResponse } from './coderd.ts';
import { roundTrip } from './wire.ts';

export const AZURE_ATTESTED_URL = 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01';

/** agentsdk.AzureInstanceIdentityToken, which the attested document is decoded into: agent_name since PR 24325. */
function azureTokenSchema(agentNameField: boolean): GoStructType {
  const fields: GoStructType['fields'] = [
    ['signature', { kind: 'string' }],
    ['encoding', { kind: 'string' }],
  ];
  if (agentNameField) fields.push(['agent_name', { kind: 'string' }]);
  return { typeName: 'agentsdk.AzureInstanceIdentityToken', structName: 'AzureInstanceIdentityToken', fields };
}

export async function exchangeAzure(o: ExchangeOptions): Promise<AuthenticateResponse> {
  const u = parseURL(AZURE_ATTESTED_URL, { go: o.agentURL.goVersion });
  if (!u.ok) throw new Error(u.error);
  const res = await roundTrip({ method: 'GET', url: u.url, headers: [['Metadata', 'true']], env: o.env, signal: o.signal });
  if (res.bodyError) throw res.bodyError;
  const d = decodeGoStruct(azureTokenSchema(o.agentNameField), res.body, { zero: { signature: '', encoding: '', agent_name: '' } });
  if (!d.ok) throw new TextError(d.error);
  const token: components['schemas']['AzureInstanceIdentityToken'] = {
    signature: d.value.signature as string,
    encoding: d.value.encoding as string,
    agent_name: o.agentName ?? '',
  };
  const body = goStruct([
    ['signature', token.signature],
    ['encoding', token.encoding],
    ['agent_name', token.agent_name ?? '', 'omitempty'],
  ]);
  return authenticateResult(await postWithoutSessionToken(o.agentURL, '/api/v2/workspaceagents/azure-instance-identity', body, o.env, o.signal));
}
