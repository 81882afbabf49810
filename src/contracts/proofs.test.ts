// Proof readers used by the provider states: which cloud a scenario belongs to, and clear errors
// when the simulator environment lacks what a reader needs or metadata refuses.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenario, startSimulator, type Simulator } from '../sim/index.ts';
import { cloudOfScenario, readAwsProof, readAzureProof, readGcpProof } from './proofs.ts';

describe('cloudOfScenario', () => {
  it('takes the cloud from the scenario name prefix', () => {
    expect(['aws-multi-agent', 'azure-single-agent', 'gcp-expired-token', 'external-auth', 'awsx-single'].map(cloudOfScenario)).toEqual([
      'aws',
      'azure',
      'gcp',
      undefined,
      undefined,
    ]);
  });
});

describe('proof readers', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenario: 'aws-single-agent' });
  });
  afterAll(async () => {
    await sim.close();
  });

  it('name the missing environment variable', async () => {
    await expect(readAwsProof({})).rejects.toThrow('simulator env has no HTTP_PROXY; cannot read metadata');
    await expect(readGcpProof({ GCE_METADATA_HOST: '' })).rejects.toThrow('simulator env has no GCE_METADATA_HOST; cannot read metadata');
  });

  it('read a genuine proof through the simulator, with the metadata requests an agent makes', async () => {
    sim.journal.clear();
    const proof = await readAwsProof(sim.env);
    expect(JSON.parse(proof.document).instanceId).toBe('i-0123456789abcdef0');
    expect(proof.signature).toMatch(/^[A-Za-z0-9+/=\n]+$/);
    expect(sim.journal.entries.map((e) => `${e.service} ${e.method} ${e.path} ${e.proxied}`)).toEqual([
      'aws PUT /latest/api/token true',
      'aws GET /latest/dynamic/instance-identity/signature true',
      'aws GET /latest/dynamic/instance-identity/document true',
    ]);
    sim.setScenario('gcp-single-agent');
    expect((await readGcpProof(sim.env)).json_web_token.split('.')).toHaveLength(3);
  });

  it('report a metadata refusal with its status', async () => {
    const scenario = loadScenario('azure-single-agent');
    sim.setScenario({ ...scenario, faults: [{ operation: 'azureGetAttestedDocument', status: 500, contentType: 'text/plain', body: 'boom' }] });
    await expect(readAzureProof(sim.env)).rejects.toThrow('Azure attested document: metadata answered 500: boom');
  });
});
