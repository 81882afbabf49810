// The reference CLI (bin/coder, built by `npm run build`) as a child process with ONLY
// simulator.env (+ PATH and the auth variables): the token, AWS, Azure and GCP flows complete
// against the loopback simulator, and the exact requests it sent are in the journal.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEntry } from './server/journal.ts';
import { startSimulator, type Simulator } from './server/start.ts';
import { sharedKeys } from './test-support.ts';

const CODER = fileURLToPath(new URL('../../bin/coder', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../../dist/coder.cjs', import.meta.url));
const DEV = 'd0000000-0000-4000-8000-000000000001';
const BETA = 'b0000000-0000-4000-8000-000000000001';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function coder(scenario: string, auth: Record<string, string>, withToken: boolean) {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run build\` first`);
  sim = await startSimulator({ scenario, keys: await sharedKeys() });
  const env: Record<string, string> = { ...sim.env, PATH: process.env.PATH ?? '', ...auth };
  if (!withToken) delete env.CODER_AGENT_TOKEN;
  const r = await execa(process.execPath, [CODER, 'external-auth', 'access-token', 'github'], {
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    stripFinalNewline: false,
  });
  return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr, journal: sim.journal.entries, origin: sim.origin };
}

const header = (e: { headers: [string, string][] }, name: string) => e.headers.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

function expectExternalAuthGet(e: JournalEntry, origin: string, token: string) {
  expect(e.method).toBe('GET');
  expect(e.url).toBe(`${origin}/api/v2/workspaceagents/me/external-auth?id=github&match=`);
  expect(header(e, 'Coder-Session-Token')).toBe(token);
  expect(e.proxied).toBe(false);
  expect(e.response.status).toBe(200);
}

describe('reference CLI against the loopback simulator', () => {
  it('token auth', async () => {
    const r = await coder('external-auth', {}, true);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: 'gho_conformanceToken0001', stderr: '' });
    expect(r.journal).toHaveLength(1);
    expectExternalAuthGet(r.journal[0], r.origin, '11111111-1111-4111-8111-111111111111');
    expect(r.journal[0].violations).toEqual([]);
  });

  it('AWS instance identity through HTTP_PROXY, with CODER_AGENT_NAME', async () => {
    const r = await coder('aws-multi-agent', { CODER_AGENT_AUTH: 'aws-instance-identity', CODER_AGENT_NAME: 'beta' }, false);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: 'gho_conformanceToken0001', stderr: '' });
    expect(r.journal.map((e) => [e.method, e.url, e.proxied, e.operationId])).toEqual([
      ['PUT', 'http://169.254.169.254/latest/api/token', true, 'awsPutToken'],
      ['GET', 'http://169.254.169.254/latest/dynamic/instance-identity/signature', true, 'awsGetIdentitySignature'],
      ['GET', 'http://169.254.169.254/latest/dynamic/instance-identity/document', true, 'awsGetIdentityDocument'],
      ['POST', `${r.origin}/api/v2/workspaceagents/aws-instance-identity`, false, 'authAwsInstanceIdentity'],
      ['GET', `${r.origin}/api/v2/workspaceagents/me/external-auth?id=github&match=`, false, 'getWorkspaceAgentExternalAuth'],
    ]);
    expect(header(r.journal[0], 'X-Aws-Ec2-Metadata-Token-Ttl-Seconds')).toBe('21600');
    const post = JSON.parse(r.journal[3].body) as Record<string, string>;
    expect(Object.keys(post)).toEqual(['signature', 'document', 'agent_name']);
    expect(post.agent_name).toBe('beta');
    expect(r.journal[3].response.body).toBe(`{"session_token":"${BETA}"}\n`);
    expectExternalAuthGet(r.journal[4], r.origin, BETA);
    expect(r.journal.flatMap((e) => e.violations)).toEqual([]);
  });

  it('AWS ambiguity: the 409 is swallowed and surfaces as the 401 of an empty token', async () => {
    const r = await coder('aws-multi-agent', { CODER_AGENT_AUTH: 'aws-instance-identity' }, false);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'Encountered an error running "coder external-auth access-token", see "coder external-auth access-token --help" for more information\n' +
        'error: Trace=[get external auth token: ]\nCookie "coder_session_token" must be provided.\nSuggestion: Try logging in using \'coder login\'.\n',
    );
    const exchange = r.journal.find((e) => e.operationId === 'authAwsInstanceIdentity')!;
    expect(exchange.response.status).toBe(409);
    expect(JSON.parse(exchange.response.body).message).toBe(
      'Multiple agents found with instance ID "i-0123456789abcdef0". Set CODER_AGENT_NAME to one of: alpha, beta',
    );
    const get = r.journal.at(-1)!;
    expect(get.headers.some(([k, v]) => k === 'Coder-Session-Token' && v === '')).toBe(true);
  });

  it('Azure instance identity', async () => {
    const r = await coder('azure-single-agent', { CODER_AGENT_AUTH: 'azure-instance-identity' }, false);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: 'gho_conformanceToken0001', stderr: '' });
    expect(r.journal.map((e) => [e.method, e.url, e.proxied])).toEqual([
      ['GET', 'http://169.254.169.254/metadata/attested/document?api-version=2020-09-01', true],
      ['POST', `${r.origin}/api/v2/workspaceagents/azure-instance-identity`, false],
      ['GET', `${r.origin}/api/v2/workspaceagents/me/external-auth?id=github&match=`, false],
    ]);
    expect(header(r.journal[0], 'Metadata')).toBe('true');
    expect(Object.keys(JSON.parse(r.journal[1].body) as object)).toEqual(['signature', 'encoding']);
    expectExternalAuthGet(r.journal[2], r.origin, DEV);
    expect(r.journal.flatMap((e) => e.violations)).toEqual([]);
  });

  it('GCP instance identity via GCE_METADATA_HOST', async () => {
    const r = await coder('gcp-single-agent', { CODER_AGENT_AUTH: 'google-instance-identity' }, false);
    expect({ exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr }).toEqual({ exitCode: 0, stdout: 'gho_conformanceToken0001', stderr: '' });
    expect(r.journal.map((e) => [e.method, e.url, e.proxied])).toEqual([
      ['GET', `${r.origin}/computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full`, false],
      ['POST', `${r.origin}/api/v2/workspaceagents/google-instance-identity`, false],
      ['GET', `${r.origin}/api/v2/workspaceagents/me/external-auth?id=github&match=`, false],
    ]);
    expect(header(r.journal[0], 'Metadata-Flavor')).toBe('Google');
    expect(Object.keys(JSON.parse(r.journal[1].body) as object)).toEqual(['json_web_token']);
    expectExternalAuthGet(r.journal[2], r.origin, DEV);
    expect(r.journal.flatMap((e) => e.violations)).toEqual([]);
  });
});
