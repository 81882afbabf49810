// Pact V4 consumer tests: the reference CLI's agent client (src/cli/agentsdk) against the Pact mock
// server standing in for coderd. Metadata calls go to the simulator (its HTTP_PROXY /
// GCE_METADATA_HOST), coderd calls to the mock (Go never proxies loopback). Provider states are
// scenario names. The last test writes the canonical pact (PACT_WRITE=1, `npm run pact:consumer`)
// or checks the committed pacts/coder-agent-coderd.json equals this fresh regeneration.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { createAgentClient, SdkError, type AgentAuth } from '../cli/agentsdk/index.ts';
import { loadScenario, startSimulator, type Scenario, type Simulator } from '../sim/index.ts';
import { formatRFC3339Nano, type GoTime } from '../go/index.ts';
import { CONSUMER, PACT_FILE, PACT_FILE_NAME, PROVIDER } from './names.ts';
import { readPact, serializePact } from './pact-file.ts';
import { readAwsProof, type Cloud } from './proofs.ts';
import { forgedProofFaults, FORGED_AWS_SIGNATURE, FORGED_AZURE_SIGNATURE, type StateParams } from './states.ts';
import { EXAMPLE_ACCESS_URL, EXAMPLE_AWS_SIGNATURE, EXAMPLE_AZURE_SIGNATURE, EXAMPLE_GCP_JWT } from './examples.ts';

const { fromProviderState, like, regex, uuid } = MatchersV3;

const JSON_UTF8 = 'application/json; charset=utf-8';
const AGENT_TOKEN = '11111111-1111-4111-8111-111111111111';

let sim: Simulator;
let rawDir: string;
let pact: PactV4;
/** The AWS identity document the simulator serves for the current scenario (deterministic per machine). */
let awsDocument = '';

beforeAll(async () => {
  rawDir = await mkdtemp(path.join(os.tmpdir(), 'contracts-consumer-'));
  pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: rawDir, logLevel: 'warn', host: '127.0.0.1' });
  sim = await startSimulator({ scenario: 'aws-single-agent' });
});
/** Set when any interaction test failed: the pact Pact wrote is then incomplete. */
let anyFailed = false;
afterEach((ctx) => {
  if (ctx.task.result?.state === 'fail') anyFailed = true;
});
afterAll(async () => {
  await sim?.close();
  await rm(rawDir, { recursive: true, force: true });
});

/** The client's environment: the simulator's proxy settings, not its agent URL or token. */
function clientEnv(): Record<string, string> {
  const { CODER_AGENT_URL: _url, CODER_AGENT_TOKEN: _token, ...rest } = sim.env;
  return rest;
}

interface CloudCase {
  cloud: Cloud;
  label: string;
  auth: AgentAuth;
  path: string;
  /** Request body: genuine proof fields (injected by the provider state) plus agent_name. */
  body(agentName?: string): Record<string, unknown>;
  /** What the simulator's metadata service sees, `service method path?query`. */
  metadataCalls: string[];
}

const named = (agentName: string | undefined) => (agentName === undefined ? {} : { agent_name: agentName });

const CLOUDS: CloudCase[] = [
  {
    cloud: 'aws',
    label: 'AWS',
    auth: 'aws-instance-identity',
    path: '/api/v2/workspaceagents/aws-instance-identity',
    body: (n) => ({
      signature: fromProviderState('${signature}', EXAMPLE_AWS_SIGNATURE),
      document: fromProviderState('${document}', awsDocument),
      ...named(n),
    }),
    metadataCalls: ['aws PUT /latest/api/token', 'aws GET /latest/dynamic/instance-identity/signature', 'aws GET /latest/dynamic/instance-identity/document'],
  },
  {
    cloud: 'azure',
    label: 'Azure',
    auth: 'azure-instance-identity',
    path: '/api/v2/workspaceagents/azure-instance-identity',
    body: (n) => ({ signature: fromProviderState('${signature}', EXAMPLE_AZURE_SIGNATURE), encoding: 'pkcs7', ...named(n) }),
    metadataCalls: ['azure GET /metadata/attested/document?api-version=2020-09-01'],
  },
  {
    cloud: 'gcp',
    label: 'GCP',
    auth: 'google-instance-identity',
    path: '/api/v2/workspaceagents/google-instance-identity',
    body: (n) => ({ json_web_token: fromProviderState('${json_web_token}', EXAMPLE_GCP_JWT), ...named(n) }),
    metadataCalls: ['gcp GET /computeMetadata/v1/instance/service-accounts/default/identity?audience=coder&format=full'],
  },
];

function instanceIdOf(scenario: Scenario, cloud: Cloud): string {
  const m = scenario.machine as Record<string, Record<string, string>> | undefined;
  const id = cloud === 'azure' ? m?.azure?.vmId : m?.[cloud]?.instanceId;
  if (id === undefined) throw new Error(`scenario ${scenario.name} has no ${cloud} machine`);
  return id;
}

/** Go %q of a plain ASCII id/name (all the fixtures use). */
const q = (s: string) => {
  if (!/^[\x20-\x7e]*$/.test(s)) throw new Error(`not plain ASCII: ${s}`);
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
};

type Outcome = { token: string } | { status: number; message: string; detail: string };

/**
 * Workaround for a race in the pinned Pact mock server (pact-foundation/pact-core-mock-server#13,
 * pact-reference#535): it records a match asynchronously, after the response has gone out, so
 * under CPU load Pact may check "was the request received?" before the record lands and report
 * "expected but not received" for a request it answered. After the client is done, wait (bounded)
 * until the mock server reports the interaction matched. When it never does, Pact's own check
 * then fails the test as usual.
 */
async function settleMockServer(port: number): Promise<void> {
  const core = (pact as unknown as { pact: { mockServerMatchedSuccessfully(port: number): boolean } }).pact;
  for (let waited = 0; waited < 2000 && !core.mockServerMatchedSuccessfully(port); waited += 10) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Runs a Pact test function against the mock server; when the client itself failed, Pact may
 * report only "expected but not received", so the client's own error is appended.
 */
async function runAgainstMock<T>(
  execute: (fn: (mock: { url: string; port: number }) => Promise<T>) => Promise<T | undefined>,
  fn: (url: string) => Promise<T>,
): Promise<T | undefined> {
  let clientError: unknown;
  try {
    return await execute(async (mock) => {
      let result: T;
      try {
        result = await fn(mock.url);
      } catch (e) {
        clientError = e;
        throw e;
      }
      await settleMockServer(mock.port);
      return result;
    });
  } catch (e) {
    if (clientError === undefined || clientError === e) throw e;
    throw new Error(`${(e as Error).message}\nthe client failed with: ${String(clientError)}`);
  }
}

interface ExchangeCase {
  c: CloudCase;
  description: string;
  state: string;
  params?: StateParams;
  /** Scenario loaded into the simulator for the consumer side (default: the state's). */
  consumerScenario?: Scenario;
  agentName?: string;
  /** Built after the consumer scenario is loaded (the AWS document example is that machine's). */
  requestBody: () => Record<string, unknown>;
  status: number;
  responseBody: Record<string, unknown>;
  expected: Outcome;
}

async function exchangeInteraction(x: ExchangeCase): Promise<void> {
  sim.setScenario(x.consumerScenario ?? x.state);
  if (x.c.cloud === 'aws') awsDocument = (await readAwsProof(sim.env)).document;
  sim.journal.clear();
  const interaction = pact
    .addInteraction()
    .given(x.state, x.params as Record<string, string> | undefined)
    .uponReceiving(x.description)
    .withRequest('POST', x.c.path, (b) => b.headers({ 'Content-Type': 'application/json' }).jsonBody(x.requestBody()))
    .willRespondWith(x.status, (b) => b.headers({ 'Content-Type': JSON_UTF8 }).jsonBody(x.responseBody));
  const outcome = await runAgainstMock<Outcome>(
    (fn) => interaction.executeTest(fn),
    async (url) => {
      const client = createAgentClient({ agentURL: url, auth: x.c.auth, agentName: x.agentName, env: clientEnv() });
      try {
        return { token: await client.refreshToken() };
      } catch (e) {
        if (!(e instanceof SdkError)) throw e;
        return { status: e.statusCode, message: e.apiMessage, detail: e.init.detail ?? '' };
      }
    },
  );
  expect(outcome).toEqual(x.expected);
  const calls = sim.journal.entries.map((e) => `${e.service} ${e.method} ${e.path}${e.query ? `?${e.query}` : ''}`);
  expect(calls).toEqual(x.c.metadataCalls);
  expect(sim.journal.violations()).toEqual([]);
}

describe.each(CLOUDS)('$label instance-identity exchange', (c) => {
  const single = `${c.cloud}-single-agent`;
  const multi = `${c.cloud}-multi-agent`;
  const unknown = `${c.cloud}-unknown-instance`;

  it('authenticates the only agent without agent_name', async () => {
    await exchangeInteraction({
      c,
      description: `${c.label} identity exchange without agent_name, one agent on the instance`,
      state: single,
      requestBody: () => c.body(),
      status: 200,
      responseBody: { session_token: uuid('d0000000-0000-4000-8000-000000000001') },
      expected: { token: 'd0000000-0000-4000-8000-000000000001' },
    });
  });

  it('selects an agent by agent_name among several', async () => {
    await exchangeInteraction({
      c,
      description: `${c.label} identity exchange with agent_name "alpha", two agents on the instance`,
      state: multi,
      agentName: 'alpha',
      requestBody: () => c.body('alpha'),
      status: 200,
      responseBody: { session_token: uuid('a0000000-0000-4000-8000-000000000001') },
      expected: { token: 'a0000000-0000-4000-8000-000000000001' },
    });
  });

  it('gets 409 with the candidate names when the choice is ambiguous', async () => {
    const message = `Multiple agents found with instance ID ${q(instanceIdOf(loadScenario(multi), c.cloud))}. Set CODER_AGENT_NAME to one of: alpha, beta`;
    await exchangeInteraction({
      c,
      description: `${c.label} identity exchange without agent_name, two agents on the instance`,
      state: multi,
      requestBody: () => c.body(),
      status: 409,
      responseBody: { message },
      expected: { status: 409, message, detail: '' },
    });
  });

  it('gets 404 for an agent_name no candidate has', async () => {
    const message = `No agent found with instance ID ${q(instanceIdOf(loadScenario(multi), c.cloud))} and name ${q('nonexistent')}.`;
    await exchangeInteraction({
      c,
      description: `${c.label} identity exchange with an unknown agent_name`,
      state: multi,
      agentName: 'nonexistent',
      requestBody: () => c.body('nonexistent'),
      status: 404,
      responseBody: { message },
      expected: { status: 404, message, detail: '' },
    });
  });

  it('gets 404 when no agent has the instance id', async () => {
    const message = `Instance with id ${q(instanceIdOf(loadScenario(unknown), c.cloud))} not found.`;
    await exchangeInteraction({
      c,
      description: `${c.label} identity exchange for an instance no agent is registered on`,
      state: unknown,
      requestBody: () => c.body(),
      status: 404,
      responseBody: { message },
      expected: { status: 404, message, detail: '' },
    });
  });
});

describe('instance-identity edge cases', () => {
  const aws = CLOUDS[0];

  it('sends a whitespace-only agent_name untrimmed; the server treats it as unset (409)', async () => {
    const message = `Multiple agents found with instance ID ${q(instanceIdOf(loadScenario('aws-multi-agent'), 'aws'))}. Set CODER_AGENT_NAME to one of: alpha, beta`;
    await exchangeInteraction({
      c: aws,
      description: 'AWS identity exchange with a whitespace-only agent_name, two agents on the instance',
      state: 'aws-multi-agent',
      agentName: '   ',
      requestBody: () => aws.body('   '),
      status: 409,
      responseBody: { message },
      expected: { status: 409, message, detail: '' },
    });
  });

  it('AWS: a forged signature is rejected with 401', async () => {
    const scenario = loadScenario('aws-single-agent');
    await exchangeInteraction({
      c: aws,
      description: 'AWS identity exchange with a forged signature',
      state: 'aws-single-agent',
      params: { identity: 'forged' },
      consumerScenario: { ...scenario, faults: [...(scenario.faults ?? []), ...forgedProofFaults('aws')] },
      requestBody: () => ({ signature: FORGED_AWS_SIGNATURE, document: like(awsDocument) }),
      status: 401,
      responseBody: { message: 'Invalid AWS identity.', detail: 'crypto/rsa: verification error' },
      expected: { status: 401, message: 'Invalid AWS identity.', detail: 'crypto/rsa: verification error' },
    });
  });

  it('Azure: a forged attested document is rejected with 401', async () => {
    const scenario = loadScenario('azure-single-agent');
    const detail = 'parse pkcs7: ber2der: BER tag length is more than available data';
    await exchangeInteraction({
      c: CLOUDS[1],
      description: 'Azure identity exchange with a forged attested document',
      state: 'azure-single-agent',
      params: { identity: 'forged' },
      consumerScenario: { ...scenario, faults: [...(scenario.faults ?? []), ...forgedProofFaults('azure')] },
      requestBody: () => ({ signature: FORGED_AZURE_SIGNATURE, encoding: 'pkcs7' }),
      status: 401,
      responseBody: { message: 'Invalid Azure identity.', detail: like(detail) },
      expected: { status: 401, message: 'Invalid Azure identity.', detail },
    });
  });

  it('GCP: an expired identity token is rejected with 401', async () => {
    const detail = 'idtoken: token expired: now=1776340800, expires=1776337200';
    await exchangeInteraction({
      c: CLOUDS[2],
      description: 'GCP identity exchange with an expired identity token',
      state: 'gcp-expired-token',
      requestBody: () => CLOUDS[2].body(),
      status: 401,
      responseBody: { message: 'Invalid GCP identity.', detail: like(detail) },
      expected: { status: 401, message: 'Invalid GCP identity.', detail },
    });
  });
});

describe('external-auth token request', () => {
  const GET = '/api/v2/workspaceagents/me/external-auth';
  const query = (id: string) => ({ id, match: '' });

  async function tokenInteraction(opts: {
    description: string;
    state: string;
    params?: StateParams;
    id: string;
    token: unknown;
    status: number;
    body: Record<string, unknown>;
    run: (url: string) => Promise<unknown>;
    expected: unknown;
  }): Promise<void> {
    const interaction = pact
      .addInteraction()
      .given(opts.state, opts.params as Record<string, string> | undefined)
      .uponReceiving(opts.description)
      .withRequest('GET', GET, (b) => b.query(query(opts.id)).headers({ 'Coder-Session-Token': opts.token as string }))
      .willRespondWith(opts.status, (b) => b.headers({ 'Content-Type': JSON_UTF8 }).jsonBody(opts.body));
    const outcome = await runAgainstMock((fn) => interaction.executeTest(fn), opts.run);
    expect(outcome).toEqual(opts.expected);
  }

  const withToken = (token: string, id: string, revision?: 'pr26883') => async (url: string) => {
    const client = createAgentClient({ agentURL: url, auth: 'token', token, env: clientEnv(), revision });
    try {
      return await client.externalAuth({ id });
    } catch (e) {
      if (!(e instanceof SdkError)) throw e;
      return { status: e.statusCode, message: e.apiMessage, detail: e.init.detail ?? '', helper: e.init.helper ?? '' };
    }
  };

  it('returns a linked provider token', async () => {
    await tokenInteraction({
      description: 'external-auth request for a linked provider (github)',
      state: 'external-auth',
      id: 'github',
      token: uuid(AGENT_TOKEN),
      status: 200,
      body: {
        access_token: like('gho_conformanceToken0001'),
        token_extra: null,
        url: '',
        type: 'github',
        username: like('gho_conformanceToken0001'),
        password: '',
      },
      run: withToken(AGENT_TOKEN, 'github'),
      expected: { access_token: 'gho_conformanceToken0001', token_extra: null, url: '', type: 'github', username: 'gho_conformanceToken0001', password: '' },
    });
  });

  it('returns token_extra', async () => {
    const slack = loadScenario('external-auth').externalAuth?.providers?.find((p) => p.id === 'slack');
    const extra = slack?.link?.extra as Record<string, unknown>;
    await tokenInteraction({
      description: 'external-auth request for a provider with token_extra (slack)',
      state: 'external-auth',
      id: 'slack',
      token: uuid(AGENT_TOKEN),
      status: 200,
      body: {
        access_token: like('xoxp-conformance-0001'),
        token_extra: like(extra),
        url: '',
        type: 'slack',
        username: like('xoxp-conformance-0001'),
        password: '',
      },
      run: async (url) => {
        const r = (await withToken(AGENT_TOKEN, 'slack')(url)) as { access_token: string; token_extra: Record<string, unknown> };
        return { access_token: r.access_token, extraKeys: Object.keys(r.token_extra ?? {}).sort() };
      },
      expected: { access_token: 'xoxp-conformance-0001', extraKeys: Object.keys(extra).sort() },
    });
  });

  it('returns only the URL when the provider is not linked', async () => {
    const url = `${EXAMPLE_ACCESS_URL}/external-auth/jira`;
    await tokenInteraction({
      description: 'external-auth request for a provider that is not linked (jira)',
      state: 'external-auth',
      id: 'jira',
      token: uuid(AGENT_TOKEN),
      status: 200,
      body: { access_token: '', token_extra: null, url: regex('^https?://[^/?#]+(/[^?#]*)?/external-auth/jira$', url), type: '', username: '', password: '' },
      run: withToken(AGENT_TOKEN, 'jira'),
      expected: { access_token: '', token_extra: null, url, type: '', username: '', password: '' },
    });
  });

  it('returns expires_at from pr26883 on', async () => {
    const expiresAt = '2026-06-30T12:00:00.123456Z';
    await tokenInteraction({
      description: 'external-auth request for a token with an expiry (pr26883 expires_at)',
      state: 'external-auth',
      params: { revision: 'pr26883' },
      id: 'expiring',
      token: uuid(AGENT_TOKEN),
      status: 200,
      body: {
        access_token: like('gho_expiring0001'),
        token_extra: null,
        url: '',
        type: 'github',
        // Go's RFC3339Nano: the fraction has no trailing zeros (or is absent), so a regex, not a fixed datetime format.
        expires_at: regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d*[1-9])?(Z|[+-]\\d{2}:\\d{2})$', expiresAt),
        username: like('gho_expiring0001'),
        password: '',
      },
      run: async (url) => {
        const r = (await withToken(AGENT_TOKEN, 'expiring', 'pr26883')(url)) as { access_token: string; expires_at: GoTime };
        return { access_token: r.access_token, expires_at: formatRFC3339Nano(r.expires_at) };
      },
      expected: { access_token: 'gho_expiring0001', expires_at: expiresAt },
    });
  });

  it('gets 401 for an unknown agent token', async () => {
    const detail =
      'The agent cannot authenticate until the workspace provision job has been completed. If the job is no longer running, this agent is invalid.';
    await tokenInteraction({
      description: 'external-auth request with an agent token no agent has',
      state: 'external-auth',
      id: 'github',
      token: uuid('99999999-9999-4999-8999-999999999999'),
      status: 401,
      body: { message: 'Workspace agent not authorized.', detail },
      run: withToken('99999999-9999-4999-8999-999999999999', 'github'),
      expected: { status: 401, message: 'Workspace agent not authorized.', detail, helper: "Try logging in using 'coder login'." },
    });
  });

  it('gets 401 with an empty session token after a failed instance-identity exchange', async () => {
    // The metadata service refuses the AWS token PUT, so the exchange fails before reaching coderd;
    // upstream swallows the error and sends `Coder-Session-Token:` empty (behavior.md §3.4, §8.10).
    const scenario = loadScenario('external-auth');
    sim.setScenario({ ...scenario, faults: [{ operation: 'awsPutToken', reset: true }] });
    sim.journal.clear();
    await tokenInteraction({
      description: 'external-auth request with an empty session token',
      state: 'external-auth',
      id: 'github',
      token: '',
      status: 401,
      body: { message: 'Cookie "coder_session_token" must be provided.' },
      run: async (url) => {
        const client = createAgentClient({ agentURL: url, auth: 'aws-instance-identity', env: clientEnv() });
        try {
          return await client.externalAuth({ id: 'github' });
        } catch (e) {
          if (!(e instanceof SdkError)) throw e;
          return { status: e.statusCode, message: e.apiMessage, helper: e.init.helper ?? '' };
        }
      },
      expected: { status: 401, message: 'Cookie "coder_session_token" must be provided.', helper: "Try logging in using 'coder login'." },
    });
    expect(sim.journal.entries.map((e) => `${e.service} ${e.method} ${e.path}`)).toEqual(['aws PUT /latest/api/token']);
  });

  it('gets 404 when no provider is configured', async () => {
    const message = 'No matching external auth provider found in Coder for the url "".';
    await tokenInteraction({
      description: 'external-auth request when no provider is configured',
      state: 'external-auth-no-providers',
      id: 'github',
      token: uuid(AGENT_TOKEN),
      status: 404,
      body: { message, detail: 'External auth provider not found.' },
      run: withToken(AGENT_TOKEN, 'github'),
      expected: { status: 404, message, detail: 'External auth provider not found.', helper: '' },
    });
  });
});

describe('the pact file', () => {
  it(process.env.PACT_WRITE === '1' ? 'is written to pacts/' : 'committed pacts/coder-agent-coderd.json equals a fresh regeneration', async () => {
    if (anyFailed) throw new Error('an interaction test failed, so the regenerated pact is incomplete; not comparing or writing it');
    const fresh = serializePact(await readPact(path.join(rawDir, PACT_FILE_NAME)));
    if (process.env.PACT_WRITE === '1') {
      await writeFile(PACT_FILE, fresh);
    }
    expect(await readFile(PACT_FILE, 'utf8')).toBe(fresh);
  });
});
