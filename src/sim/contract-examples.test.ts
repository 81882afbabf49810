// openapi.yaml's examples that quote upstream texts byte for byte are exactly what the simulator
// answers for the same request: readers copy these examples, so a stale one (a list of Azure
// versions, a %q-quoted regex with single backslashes) would teach the wrong bytes.
import { describe, expect, it } from 'vitest';
import { contractDocument, type JsonObject } from '../openapi/index.ts';
import { loadScenario } from './scenario/load.ts';
import { call, exchange, sharedKeys, simFor, type Sim } from './test-support.ts';
import { createHandlers } from './handlers.ts';
import { createWorld } from './world.ts';

const TOKEN = '11111111-1111-4111-8111-111111111111';
const EXTERNAL_AUTH = '/api/v2/workspaceagents/me/external-auth';
const IMDS = 'http://169.254.169.254';

/** The value at a path of keys inside openapi.yaml (no $ref resolution: name the target directly). */
function at(...keys: string[]): unknown {
  let node: unknown = contractDocument;
  for (const k of keys) {
    if (!node || typeof node !== 'object' || !(k in (node as JsonObject))) throw new Error(`openapi.yaml has no ${keys.join(' → ')}`);
    node = (node as JsonObject)[k];
  }
  return node;
}

const externalAuthExample = (status: string, name: string) =>
  at('paths', EXTERNAL_AUTH, 'get', 'responses', status, 'content', 'application/json', 'examples', name, 'value');
const componentExample = (name: string) => at('components', 'examples', name, 'value');
const responseExample = (response: string, name: string) => at('components', 'responses', response, 'content', 'application/json', 'examples', name, 'value');
const azureExample = (name: string) =>
  at('paths', '/metadata/attested/document', 'get', 'responses', '400', 'content', 'application/json', 'examples', name, 'value');

async function json(sim: Sim, method: string, url: string, init: { headers?: Record<string, string>; body?: string } = {}): Promise<unknown> {
  return JSON.parse((await call(sim, method, url, init)).body);
}

const getAuth = (sim: Sim, query: string, token = TOKEN) => json(sim, 'GET', `${EXTERNAL_AUTH}?${query}`, { headers: { 'Coder-Session-Token': token } });

describe('openapi.yaml examples = the simulator’s bytes', () => {
  it('external-auth 404 regexMismatch: %q doubles the regex backslashes', async () => {
    const scenario = loadScenario('external-auth');
    scenario.externalAuth = { providers: [{ id: 'github', type: 'github', regex: '^(https?://)?github\\.com(/.*)?$' }] };
    const world = await createWorld(scenario, { keys: await sharedKeys() });
    const sim = { world, handlers: createHandlers(world) };
    const answer = await getAuth(sim, 'match=https%3A%2F%2Fexample.org%2Frepo.git');
    expect(answer).toEqual(externalAuthExample('404', 'regexMismatch'));
    expect((answer as { detail: string }).detail).toContain('github\\\\.com');
  });

  it('external-auth 404 noProviders, 400 neither/both, 401 missing/notUuid/unknown', async () => {
    expect(await getAuth(await simFor('external-auth-no-providers'), 'id=github&match=')).toEqual(externalAuthExample('404', 'noProviders'));
    const sim = await simFor('external-auth');
    expect(await getAuth(sim, 'id=&match=')).toEqual(externalAuthExample('400', 'neither'));
    expect(await getAuth(sim, 'id=github&match=https%3A%2F%2Fgithub.com')).toEqual(externalAuthExample('400', 'both'));
    expect(await getAuth(sim, 'id=github&match=', '')).toEqual(externalAuthExample('401', 'missing'));
    expect(await getAuth(sim, 'id=github&match=', 'abc')).toEqual(externalAuthExample('401', 'notUuid'));
    expect(await getAuth(sim, 'id=github&match=', '22222222-2222-4222-8222-222222222222')).toEqual(externalAuthExample('401', 'unknown'));
  });

  it('instance-identity 400/404/409 examples', async () => {
    const aws = '/api/v2/workspaceagents/aws-instance-identity';
    const sim = await simFor('aws-multi-agent');
    expect(await json(sim, 'POST', aws, { body: '{"document":"x"}\n' })).toEqual(componentExample('ValidationFailedSignature'));
    expect(await json(sim, 'POST', aws, { body: '{"signature":"x",}' })).toEqual(componentExample('BadJson'));
    expect(JSON.parse((await exchange(sim, 'aws')).body)).toEqual(
      at('components', 'responses', 'InstanceIdentityAmbiguous', 'content', 'application/json', 'example'),
    );
    expect(JSON.parse((await exchange(sim, 'aws', 'nonexistent')).body)).toEqual(responseExample('InstanceIdentityNotFound', 'noAgentWithName'));
    expect(JSON.parse((await exchange(await simFor('external-auth'), 'aws')).body)).toEqual(responseExample('InstanceIdentityNotFound', 'instanceNotFound'));
    expect(JSON.parse((await exchange(await simFor('aws-stale-only'), 'aws')).body)).toEqual(componentExample('NotLatestHistory'));
  });

  it('Azure IMDS 400 examples', async () => {
    const sim = await simFor('external-auth');
    const doc = `${IMDS}/metadata/attested/document`;
    expect(await json(sim, 'GET', `${doc}?api-version=2020-09-01`)).toEqual(azureExample('missingMetadataHeader'));
    expect(await json(sim, 'GET', doc, { headers: { Metadata: 'true' } })).toEqual(azureExample('missingApiVersion'));
    expect(await json(sim, 'GET', `${doc}?api-version=1999-01-01`, { headers: { Metadata: 'true' } })).toEqual(azureExample('invalidApiVersion'));
  });
});
