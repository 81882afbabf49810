// The simulator's own answers never violate openapi.yaml (request violations from the deliberately
// malformed requests are expected and ignored): a sweep over every scenario and server
// revision through the loopback server (metadata flows via the forward proxy, the exchanges with
// and without agent names, malformed bodies, every provider and the auth/query error paths), with
// the journal's contract check on.
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scenariosDir } from './scenario/load.ts';
import { REVISIONS } from './scenario/types.ts';
import { startSimulator, type Simulator } from './server/start.ts';
import { send, sharedKeys } from './test-support.ts';

const TOKEN = '11111111-1111-4111-8111-111111111111';
const SCENARIOS = readdirSync(scenariosDir())
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => f.slice(0, -5))
  .sort();

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ scenario: 'external-auth', keys: await sharedKeys() });
});
afterAll(() => sim.close());

const META = { Host: '169.254.169.254' };

async function exchanges(cloud: 'aws' | 'azure' | 'gcp'): Promise<void> {
  let path: string;
  let proof: Record<string, string>;
  if (cloud === 'aws') {
    const t = await send(sim.port, 'PUT', 'http://169.254.169.254/latest/api/token', { ...META, 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds': '21600' });
    const h = { ...META, 'X-Aws-Ec2-Metadata-Token': t.body };
    const signature = (await send(sim.port, 'GET', 'http://169.254.169.254/latest/dynamic/instance-identity/signature', h)).body;
    const document = (await send(sim.port, 'GET', 'http://169.254.169.254/latest/dynamic/instance-identity/document', h)).body;
    await send(sim.port, 'GET', 'http://169.254.169.254/latest/dynamic/instance-identity/document', META);
    path = '/api/v2/workspaceagents/aws-instance-identity';
    proof = { signature, document };
  } else if (cloud === 'azure') {
    const a = await send(sim.port, 'GET', 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01', { ...META, Metadata: 'true' });
    await send(sim.port, 'GET', 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01', META);
    const d = JSON.parse(a.body) as { signature: string; encoding: string };
    path = '/api/v2/workspaceagents/azure-instance-identity';
    proof = { signature: d.signature, encoding: d.encoding };
  } else {
    const q = '/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full';
    const jwt = (await send(sim.port, 'GET', q, { 'Metadata-Flavor': 'Google' })).body;
    await send(sim.port, 'GET', `http://metadata.google.internal${q}`, { Host: 'metadata.google.internal' });
    path = '/api/v2/workspaceagents/google-instance-identity';
    proof = { json_web_token: jwt };
  }
  const json = { 'Content-Type': 'application/json' };
  for (const name of [undefined, 'alpha', 'main', '  ', 'nonexistent', '\ufeffdev']) {
    await send(sim.port, 'POST', path, json, JSON.stringify(name === undefined ? proof : { ...proof, agent_name: name }) + '\n');
  }
  for (const bad of ['', 'x', '{}', '[]', '{"signature":1}']) await send(sim.port, 'POST', path, json, bad);
}

async function externalAuth(): Promise<void> {
  const base = '/api/v2/workspaceagents/me/external-auth';
  const auth = { 'Coder-Session-Token': TOKEN };
  for (const id of ['github', 'slack', 'gitlab', 'bitbucket', 'jira', 'expiring', 'nullextra', 'github-enterprise', 'nope']) {
    await send(sim.port, 'GET', `${base}?id=${id}&match=`, auth);
  }
  await send(sim.port, 'GET', `${base}?match=https%3A%2F%2Fgithub.com%2Fa`, auth);
  await send(sim.port, 'GET', `${base}?id=github&match=`);
  await send(sim.port, 'GET', `${base}?id=github&match=`, { 'Coder-Session-Token': 'foo' });
  await send(sim.port, 'GET', `${base}?id=github&match=`, { 'Coder-Session-Token': 'b0000000-0000-4000-8000-00000000ffff' });
  await send(sim.port, 'GET', `${base}?match=`, auth);
  await send(sim.port, 'GET', `${base}?id=github&match=x`, auth);
}

describe.each([...REVISIONS])('revision %s', (revision) => {
  it.each(SCENARIOS)('%s: no contract violations', async (name) => {
    sim.setScenario(name, revision);
    sim.journal.clear();
    const cloud = /^(aws|azure|gcp)-/.exec(name)?.[1] as 'aws' | 'azure' | 'gcp' | undefined;
    for (const c of cloud ? [cloud] : (['aws', 'azure', 'gcp'] as const)) await exchanges(c);
    await externalAuth();
    expect(sim.journal.unhandled()).toEqual([]);
    expect(sim.journal.entries.length).toBeGreaterThan(20);
    expect(sim.journal.violations('response')).toEqual([]);
  });
});
