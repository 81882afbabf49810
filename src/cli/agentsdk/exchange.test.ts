// Instance-identity exchanges through msw (metadata services + coderd intercepted, nothing leaves the
// process): exact requests (headers, bodies with agent_name last / omitted / untrimmed), AWS ignoring
// status codes, Azure re-encoding only {signature, encoding}, GCP host/headers/retries/errors,
// RefreshToken errors, the swallowed-exchange empty token header (§3.4, §8.7, §8.10), cancellation.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { delay, http, HttpResponse } from 'msw';
import { HEADER, mswServer, runCli } from '../testutil.ts';
import { createAgentClient, SdkError, type Backoff } from './index.ts';

const AGENT = 'http://coderd.test';
const IMDS = 'http://169.254.169.254';
const msw = mswServer();
beforeAll(() => msw.listen());
afterEach(() => msw.reset());
afterAll(() => msw.close());

const json = (body: unknown, status = 200) =>
  new HttpResponse(JSON.stringify(body) + '\n', { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });
const aws = (tokenStatus = 200) => [
  http.put(`${IMDS}/latest/api/token`, () => new HttpResponse('imds-token', { status: tokenStatus })),
  http.get(`${IMDS}/latest/dynamic/instance-identity/signature`, () => HttpResponse.text('c2ln')),
  http.get(`${IMDS}/latest/dynamic/instance-identity/document`, () => HttpResponse.text('{"instanceId":"i-1","x":"<&>"}')),
];
const session = (path: string, body: unknown = { session_token: 'S' }, status = 200) =>
  http.post(`${AGENT}/api/v2/workspaceagents/${path}`, () => json(body, status));
const noSleep = (log: number[]): Backoff => ({ sleep: async (ms) => void log.push(ms), random: () => 0.5 });

describe('AWS', () => {
  it('sends the IMDSv2 requests and the POST body with agent_name last', async () => {
    msw.use(...aws(), session('aws-instance-identity'));
    const c = createAgentClient({ agentURL: AGENT, auth: 'aws-instance-identity', agentName: 'dev', env: {} });
    expect(await c.refreshToken()).toBe('S');
    const [put, sig, doc, post] = msw.requests;
    expect(put.method).toBe('PUT');
    expect(put.headers['x-aws-ec2-metadata-token-ttl-seconds']).toBe('21600');
    expect(sig.url).toBe(`${IMDS}/latest/dynamic/instance-identity/signature`);
    expect(sig.headers['x-aws-ec2-metadata-token']).toBe('imds-token');
    expect(doc.headers['x-aws-ec2-metadata-token']).toBe('imds-token');
    expect(post.url).toBe(`${AGENT}/api/v2/workspaceagents/aws-instance-identity`);
    expect(post.headers['content-type']).toBe('application/json');
    expect(post.headers['coder-session-token']).toBeUndefined();
    expect(post.body).toBe('{"signature":"c2ln","document":"{\\"instanceId\\":\\"i-1\\",\\"x\\":\\"<&>\\"}","agent_name":"dev"}\n');
  });

  it('omits agent_name when "" and sends a whitespace-only name untrimmed (§8.7)', async () => {
    msw.use(...aws(), session('aws-instance-identity'));
    await createAgentClient({ agentURL: AGENT, auth: 'aws-instance-identity', env: {} }).refreshToken();
    expect(msw.requests[3].body).not.toContain('agent_name');
    msw.reset();
    msw.use(...aws(), session('aws-instance-identity'));
    await createAgentClient({ agentURL: AGENT, auth: 'aws-instance-identity', agentName: '   ', env: {} }).refreshToken();
    expect(msw.requests[3].body).toMatch(/,"agent_name":"   "}\n$/);
  });

  it('pre-agent-name never sends agent_name', async () => {
    msw.use(...aws(), session('aws-instance-identity'));
    await createAgentClient({ agentURL: AGENT, auth: 'aws-instance-identity', agentName: 'dev', env: {}, revision: 'pre-agent-name' }).refreshToken();
    expect(msw.requests[3].body).not.toContain('agent_name');
  });

  it('ignores IMDS status codes: an error body becomes the token', async () => {
    msw.use(...aws(401), session('aws-instance-identity'));
    await createAgentClient({ agentURL: AGENT, auth: 'aws-instance-identity', env: {} }).refreshToken();
    expect(msw.requests[1].headers['x-aws-ec2-metadata-token']).toBe('imds-token');
  });

  it('refreshToken throws the 409 as an SdkError', async () => {
    const msg = 'Multiple agents found with instance ID "i-1". Set CODER_AGENT_NAME to one of: alpha, beta';
    msw.use(...aws(), session('aws-instance-identity', { message: msg }, 409));
    const err = await createAgentClient({ agentURL: AGENT, auth: 'aws-instance-identity', env: {} })
      .refreshToken()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SdkError);
    const e = err as SdkError;
    expect([e.statusCode, e.method, e.apiMessage]).toEqual([409, 'POST', msg]);
    expect(e.message).toBe(`POST ${AGENT}/api/v2/workspaceagents/aws-instance-identity: unexpected status code 409: ${msg}`);
  });

  it('the exchange has its own deadline (context deadline exceeded)', async () => {
    msw.use(
      http.put(`${IMDS}/latest/api/token`, async () => {
        await delay('infinite');
        return new HttpResponse('');
      }),
    );
    const err = await createAgentClient({ agentURL: AGENT, auth: 'aws-instance-identity', env: {}, exchangeTimeoutMs: 20 })
      .refreshToken()
      .catch((e: Error) => e.message);
    expect(err).toBe(`Put "${IMDS}/latest/api/token": context deadline exceeded`);
  });
});

describe('Azure', () => {
  it('decodes only signature/encoding, overwrites agent_name, sends Metadata: true', async () => {
    msw.use(
      http.get(`${IMDS}/metadata/attested/document`, () => json({ encoding: 'pkcs7', signature: 'U0lH', agent_name: 'evil', vmId: 'x' })),
      session('azure-instance-identity'),
    );
    await createAgentClient({ agentURL: AGENT, auth: 'azure-instance-identity', env: {} }).refreshToken();
    expect(msw.requests[0].url).toBe(`${IMDS}/metadata/attested/document?api-version=2020-09-01`);
    expect(msw.requests[0].headers.metadata).toBe('true');
    expect(msw.requests[1].body).toBe('{"signature":"U0lH","encoding":"pkcs7"}\n');
    msw.reset();
    msw.use(
      http.get(`${IMDS}/metadata/attested/document`, () => json({ signature: 'U0lH', encoding: 'pkcs7' })),
      session('azure-instance-identity'),
    );
    await createAgentClient({ agentURL: AGENT, auth: 'azure-instance-identity', agentName: 'alpha', env: {} }).refreshToken();
    expect(msw.requests[1].body).toBe('{"signature":"U0lH","encoding":"pkcs7","agent_name":"alpha"}\n');
  });

  it('returns the Go decode error of the IMDS body', async () => {
    msw.use(http.get(`${IMDS}/metadata/attested/document`, () => HttpResponse.text('{"signature":1}')));
    const err = await createAgentClient({ agentURL: AGENT, auth: 'azure-instance-identity', env: {} })
      .refreshToken()
      .catch((e: Error) => e.message);
    expect(err).toBe('json: cannot unmarshal number into Go struct field AzureInstanceIdentityToken.signature of type string');
  });
});

describe('Google', () => {
  const ID = '/computeMetadata/v1/instance/service-accounts/default/identity';
  it('GETs the identity with Metadata-Flavor and gcloud-golang User-Agent; GCE_METADATA_HOST is honoured', async () => {
    msw.use(
      http.get(`http://metadata.test:8080${ID}`, () => HttpResponse.text('jwt.jwt.jwt')),
      session('google-instance-identity'),
    );
    await createAgentClient({
      agentURL: AGENT,
      auth: 'google-instance-identity',
      agentName: 'dev',
      env: { GCE_METADATA_HOST: 'metadata.test:8080' },
    }).refreshToken();
    const [get, post] = msw.requests;
    expect(get.url).toBe(`http://metadata.test:8080${ID}?audience=coder&format=full`);
    expect(get.headers['metadata-flavor']).toBe('Google');
    expect(get.headers['user-agent']).toBe('gcloud-golang/0.1');
    expect(post.body).toBe('{"json_web_token":"jwt.jwt.jwt","agent_name":"dev"}\n');
  });

  it('retries 5xx with randomized exponential backoff, up to 6 tries', async () => {
    let n = 0;
    msw.use(
      http.get(`${IMDS}${ID}`, () => (++n < 3 ? new HttpResponse('busy', { status: 503 }) : HttpResponse.text('jwt'))),
      session('google-instance-identity'),
    );
    const sleeps: number[] = [];
    await createAgentClient({ agentURL: AGENT, auth: 'google-instance-identity', env: {}, backoff: noSleep(sleeps) }).refreshToken();
    expect(n).toBe(3);
    expect(sleeps).toEqual([50, 100]);
    msw.reset();
    sleeps.length = 0;
    msw.use(http.get(`${IMDS}${ID}`, () => new HttpResponse('down', { status: 503 })));
    const err = await createAgentClient({ agentURL: AGENT, auth: 'google-instance-identity', env: {}, backoff: noSleep(sleeps) })
      .refreshToken()
      .catch((e: Error) => e.message);
    expect(msw.requests).toHaveLength(6);
    expect(sleeps).toEqual([50, 100, 200, 400, 800]);
    expect(err).toBe('get metadata identity: compute: Received 503 `down`');
  });

  it('404 is "not defined"', async () => {
    msw.use(http.get(`${IMDS}${ID}`, () => new HttpResponse('', { status: 404 })));
    const err = await createAgentClient({ agentURL: AGENT, auth: 'google-instance-identity', env: {} })
      .refreshToken()
      .catch((e: Error) => e.message);
    expect(err).toBe('get metadata identity: metadata: GCE metadata "instance/service-accounts/default/identity?audience=coder&format=full" not defined');
  });
});

describe('externalAuth request', () => {
  it('adds listen=true only when asked (the CLI never does); match stays present and empty', async () => {
    msw.use(http.get(`${AGENT}/api/v2/workspaceagents/me/external-auth`, () => json({ access_token: 'x' })));
    const c = createAgentClient({ agentURL: AGENT, auth: 'token', token: 't', env: {} });
    await c.externalAuth({ id: 'github', listen: true });
    await c.externalAuth({ id: 'github', match: 'https://github.com/a b' });
    expect(msw.requests.map((r) => new URL(r.url).search)).toEqual(['?id=github&listen=true&match=', '?id=github&match=https%3A%2F%2Fgithub.com%2Fa+b']);
  });

  it('the CLI sends a whitespace-only --agent-name untrimmed (§8.7)', async () => {
    msw.use(
      ...aws(),
      session('aws-instance-identity'),
      http.get(`${AGENT}/api/v2/workspaceagents/me/external-auth`, () => json({ access_token: 'x' })),
    );
    const r = await runCli(['external-auth', 'access-token', 'github', '--agent-name', ' \t'], {
      CODER_AGENT_URL: AGENT,
      CODER_AGENT_AUTH: 'aws-instance-identity',
    });
    expect(r.stdout).toBe('x');
    expect(msw.requests[3].body).toMatch(/,"agent_name":" \\t"}\n$/);
  });
});

describe('instance identity in external-auth (§3.4, §8.10)', () => {
  const EA = `${AGENT}/api/v2/workspaceagents/me/external-auth`;
  const unauthorized = http.get(EA, ({ request }) =>
    request.headers.get('coder-session-token') ? json({ access_token: 'tok' }) : json({ message: 'Cookie "coder_session_token" must be provided.' }, 401),
  );

  it('uses the exchanged token', async () => {
    msw.use(...aws(), session('aws-instance-identity', { session_token: 'agent-tok' }), unauthorized);
    const r = await runCli(['--agent-url', AGENT, '--auth', 'aws-instance-identity', 'external-auth', 'access-token', 'github']);
    expect(r).toEqual({ code: 0, stdout: 'tok', stderr: '' });
    expect(msw.requests[4].headers['coder-session-token']).toBe('agent-tok');
  });

  it('swallows the 409 and sends an EMPTY Coder-Session-Token header; the user sees the 401', async () => {
    msw.use(...aws(), session('aws-instance-identity', { message: 'Multiple agents found' }, 409), unauthorized);
    const r = await runCli(['external-auth', 'access-token', 'github'], { CODER_AGENT_URL: AGENT, CODER_AGENT_AUTH: 'aws-instance-identity' });
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr: HEADER + 'Trace=[get external auth token: ]\nCookie "coder_session_token" must be provided.\nSuggestion: Try logging in using \'coder login\'.\n',
    });
    expect(msw.requests[4].headers['coder-session-token']).toBe('');
  });

  it('a signal during the GET cancels it: context canceled', async () => {
    msw.use(
      http.get(EA, async () => {
        await delay('infinite');
        return json({});
      }),
    );
    const ctl = new AbortController();
    const abortSoon = () => void setTimeout(() => ctl.abort(), 5);
    msw.server.events.on('request:start', abortSoon);
    const r = await runCli(['--agent-url', AGENT, '--agent-token', 't', 'external-auth', 'access-token', 'github'], {}, { signal: ctl.signal });
    expect(r).toEqual({ code: 1, stdout: '', stderr: HEADER + `get external auth token: execute request: Get "${EA}?id=github&match=": context canceled\n` });
    msw.server.events.removeListener('request:start', abortSoon);
  });
});
