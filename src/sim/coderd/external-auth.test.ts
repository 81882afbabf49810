// GET /api/v2/workspaceagents/me/external-auth against the simulator (behavior.md §1.5): agent
// auth 401s, id/match 400s, provider lookup and 404 details, URL and token answers (exact bytes),
// `expires_at` per revision, and presence-based listen.
import { describe, expect, it } from 'vitest';
import { call, CODERD, goJSON, simFor, type Sim } from '../test-support.ts';

const TOKEN = '11111111-1111-4111-8111-111111111111';
const CT = 'application/json; charset=utf-8';
const EA = '/api/v2/workspaceagents/me/external-auth';

async function get(sim: Sim, query: string, headers: Record<string, string> = { 'Coder-Session-Token': TOKEN }, signal?: AbortSignal) {
  const a = await call(sim, 'GET', `${EA}?${query}`, { headers, signal });
  return { status: a.status, contentType: a.contentType, body: a.body };
}
const res = (status: number, body: string) => ({ status, contentType: CT, body });
const err = (status: number, message: string, detail?: string) => res(status, goJSON(detail === undefined ? { message } : { message, detail }));
const tokenBody = (t: { access_token: string; token_extra?: string; type: string; username: string; password: string; expires_at?: string }) =>
  `{"access_token":"${t.access_token}","token_extra":${t.token_extra ?? 'null'},"url":"","type":"${t.type}",` +
  (t.expires_at !== undefined ? `"expires_at":"${t.expires_at}",` : '') +
  `"username":"${t.username}","password":"${t.password}"}\n`;

/** A listen request for `id` that is still open after 1.3 s, then answers with the link set meanwhile. */
async function waitsForLink(sim: Sim, id: string, listenParam: string, token: string, type: string) {
  let settled = false;
  const pending = get(sim, `id=${id}&match=&${listenParam}`).then((r) => {
    settled = true;
    return r;
  });
  await new Promise((r) => setTimeout(r, 1300));
  expect(settled).toBe(false);
  sim.world.setLink(id, { accessToken: token });
  expect(await pending).toEqual(res(200, tokenBody({ access_token: token, type, username: token, password: '' })));
}

describe('agent authentication', () => {
  it('missing token', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=github&match=', {})).toEqual(err(401, 'Cookie "coder_session_token" must be provided.'));
  });
  it('an empty header counts as absent', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=github&match=', { 'Coder-Session-Token': '' })).toEqual(err(401, 'Cookie "coder_session_token" must be provided.'));
  });
  it('not a UUID: 401 with (len N) in bytes', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=github&match=', { 'Coder-Session-Token': 'foo' })).toEqual(
      err(401, 'Workspace agent token invalid.', 'An agent token must be a valid UUIDv4. (len 3)'),
    );
    expect((await get(sim, 'id=github&match=&coder_session_token=%C3%A9')).body).toContain('(len 2)');
  });
  it('unknown token', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=github&match=', { 'Coder-Session-Token': 'b0000000-0000-4000-8000-00000000ffff' })).toEqual(
      err(
        401,
        'Workspace agent not authorized.',
        'The agent cannot authenticate until the workspace provision job has been completed. If the job is no longer running, this agent is invalid.',
      ),
    );
  });
  it('(len N) counts the bytes Go received: header bytes, %-decoded query bytes, invalid UTF-8 kept', async () => {
    const sim = await simFor('external-auth');
    const invalid = (n: number) => err(401, 'Workspace agent token invalid.', `An agent token must be a valid UUIDv4. (len ${n})`);
    // Header values are byte strings: "\u00c3\u00a9" is the two UTF-8 bytes of "é" as a client sends them.
    expect(await get(sim, 'id=github&match=', { 'Coder-Session-Token': '\u00c3\u00a9' })).toEqual(invalid(2));
    expect(await get(sim, 'id=github&match=', { 'Coder-Session-Token': '\u00ff' })).toEqual(invalid(1));
    expect(await get(sim, 'id=github&match=&coder_session_token=%FF', {})).toEqual(invalid(1));
    expect(await get(sim, 'id=github&match=&coder_session_token=%C3%A9', {})).toEqual(invalid(2));
  });
  it('a cookie whose value Go rejects (non-ASCII, quote, backslash) is skipped', async () => {
    const sim = await simFor('external-auth');
    const good = (await get(sim, 'id=github&match=')).body;
    for (const bad of ['\u00c3\u00a9', 'a\\b', 'a"b']) {
      expect((await get(sim, 'id=github&match=', { Cookie: `coder_session_token=${bad}`, 'Coder-Session-Token': TOKEN })).body).toBe(good);
    }
    expect(await get(sim, 'id=github&match=', { Cookie: 'coder_session_token="x y"' })).toEqual(
      err(401, 'Workspace agent token invalid.', 'An agent token must be a valid UUIDv4. (len 3)'),
    );
  });
  it('cookie beats query beats header; Go uuid forms are accepted', async () => {
    const sim = await simFor('external-auth');
    const good = (await get(sim, 'id=github&match=')).body;
    expect((await get(sim, 'id=github&match=', { Cookie: `a=b; coder_session_token=${TOKEN}`, 'Coder-Session-Token': 'bad' })).body).toBe(good);
    expect((await get(sim, `id=github&match=&coder_session_token=${TOKEN}`, { 'Coder-Session-Token': 'bad' })).body).toBe(good);
    expect((await get(sim, 'id=github&match=', { Cookie: 'coder_session_token=', 'Coder-Session-Token': TOKEN })).body).toBe(good);
    expect((await get(sim, 'id=github&match=', { 'Coder-Session-Token': `{${TOKEN.toUpperCase()}}` })).body).toBe(good);
    expect((await get(sim, 'id=github&match=', { 'Coder-Session-Token': TOKEN.replace(/-/g, '') })).body).toBe(good);
    expect((await get(sim, 'id=github&match=', { 'Coder-Session-Token': `urn:uuid:${TOKEN}` })).body).toBe(good);
  });
  it('a token of a stale build or deleted workspace does not authenticate', async () => {
    const stale = await simFor('aws-stale-build');
    expect((await get(stale, 'id=github&match=', { 'Coder-Session-Token': 'c0000000-0000-4000-8000-000000000002' })).body).toContain(
      'Workspace agent not authorized.',
    );
    expect((await get(stale, 'id=github&match=', { 'Coder-Session-Token': 'c0000000-0000-4000-8000-000000000001' })).status).toBe(200);
    const deleted = await simFor('aws-deleted-workspace');
    expect((await get(deleted, 'id=github&match=', { 'Coder-Session-Token': 'd0000000-0000-4000-8000-000000000001' })).status).toBe(401);
  });
});

describe('agent-token auth during a stop build (shutdown case of the auth query)', () => {
  const NOT_AUTHORIZED = err(
    401,
    'Workspace agent not authorized.',
    'The agent cannot authenticate until the workspace provision job has been completed. If the job is no longer running, this agent is invalid.',
  );
  const GITHUB = res(200, tokenBody({ access_token: 'gho_conformanceToken0001', type: 'github', username: 'gho_conformanceToken0001', password: '' }));
  it('the agent of the succeeded start build authenticates while the next build, a stop, is pending or running', async () => {
    const sim = await simFor('stop-build');
    expect(await get(sim, 'id=github&match=')).toEqual(GITHUB);
    expect(await get(sim, 'id=github&match=', { 'Coder-Session-Token': '22222222-2222-4222-8222-222222222222' })).toEqual(GITHUB);
  });
  it('not once the stop job succeeded or is canceling, nor when the start job failed', async () => {
    const sim = await simFor('stop-build');
    for (const t of ['33333333-3333-4333-8333-333333333333', '44444444-4444-4444-8444-444444444444', '55555555-5555-4555-8555-555555555555']) {
      expect(await get(sim, 'id=github&match=', { 'Coder-Session-Token': t })).toEqual(NOT_AUTHORIZED);
    }
  });
});

describe('query validation and provider lookup', () => {
  it('neither id nor match', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'match=')).toEqual(err(400, "'url' or 'id' must be provided!"));
  });
  it('both id and match (legacy url counts as match)', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=github&match=https://github.com')).toEqual(err(400, "'url' and 'id' cannot be provided together!"));
    expect(await get(sim, 'id=github&url=https://github.com')).toEqual(err(400, "'url' and 'id' cannot be provided together!"));
  });
  it('unknown id with zero providers', async () => {
    const sim = await simFor('external-auth-no-providers');
    expect(await get(sim, 'id=github&match=')).toEqual(
      err(404, 'No matching external auth provider found in Coder for the url "".', 'External auth provider not found.'),
    );
  });
  it('unknown id with providers but no regexes', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=GitHub&match=')).toEqual(
      err(
        404,
        'No matching external auth provider found in Coder for the url "".',
        'The configured external auth provider have regex filters that do not match the url. Provider url regex: ',
      ),
    );
  });
  it('unmatched url lists id="regex" pairs (%q) of providers with a regex', async () => {
    const sim = await simFor('external-auth-regex');
    const a = await get(sim, 'match=https%3A%2F%2Fnope.example%2Fx%22');
    expect(a).toEqual(
      err(
        404,
        'No matching external auth provider found in Coder for the url "https://nope.example/x\\"".',
        'The configured external auth provider have regex filters that do not match the url. Provider url regex: ' +
          'github="^(https?://)?github\\\\.com(/.*)?$",github-enterprise="^(https?://)?(github\\\\.com|ghe\\\\.example\\\\.com)(/.*)?$",gitlab="^(https?://)?gitlab\\\\.com(/.*)?$"',
      ),
    );
  });
  it('regex matches continue (last wins); exact id stops', async () => {
    const sim = await simFor('external-auth-regex');
    expect((await get(sim, 'match=https%3A%2F%2Fgithub.com%2Fcoder%2Fcoder.git')).body).toContain('"access_token":"gho_enterprise0001"');
    expect((await get(sim, 'url=https://ghe.example.com/x')).body).toContain('"access_token":"gho_enterprise0001"');
    expect((await get(sim, 'match=https://gitlab.com/a/b')).body).toContain('"access_token":"glpat-conformance-0001"');
    expect((await get(sim, 'id=github&match=')).body).toContain('"access_token":"gho_conformanceToken0001"');
  });
  it('invalid UTF-8 in match prints as \\xff in the %q', async () => {
    const sim = await simFor('external-auth-no-providers');
    expect((await get(sim, 'match=%FF')).body).toBe(
      goJSON({ message: 'No matching external auth provider found in Coder for the url "\\xff".', detail: 'External auth provider not found.' }),
    );
  });
});

describe('answers (pr24325)', () => {
  it('github: username = token, no extra', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=github&match=')).toEqual(
      res(200, tokenBody({ access_token: 'gho_conformanceToken0001', type: 'github', username: 'gho_conformanceToken0001', password: '' })),
    );
  });
  it('gitlab and bitbucket-cloud username/password rules', async () => {
    const sim = await simFor('external-auth');
    expect((await get(sim, 'id=gitlab&match=')).body).toBe(
      tokenBody({ access_token: 'glpat-conformance-0001', type: 'gitlab', username: 'oauth2', password: 'glpat-conformance-0001' }),
    );
    expect((await get(sim, 'id=bitbucket&match=')).body).toBe(
      tokenBody({ access_token: 'bb-conformance-0001', type: 'bitbucket-cloud', username: 'x-token-auth', password: 'bb-conformance-0001' }),
    );
  });
  it('slack: token_extra as a Go map (sorted keys, HTML-escaped, Go numbers)', async () => {
    const sim = await simFor('external-auth');
    const extra =
      '{"authed_user":{"id":"U123","scope":"chat:write"},"big":12345678901234567000,"f":1.5,"fav.movie":"Deer Hunter",' +
      '"friends":[{"age":44,"first":"Dale","last":"Murphy","nets":["ig","fb","tw"]},{"age":68,"first":"Roger","last":"Craig","nets":["fb","tw"]},' +
      '{"age":47,"first":"Jane","last":"Murphy","nets":["ig","tw"]}],"n":42,"neg0":-0,"null":null,"scopes":["a","b","c"],"t":true,' +
      '"team":{"id":"T1","name":"A\\u0026B \\u003cTeam\\u003e"},"tiny":1e-7,"unicode":"café \\u2028"}';
    expect((await get(sim, 'id=slack&match=')).body).toBe(
      tokenBody({ access_token: 'xoxp-conformance-0001', token_extra: extra, type: 'slack', username: 'xoxp-conformance-0001', password: '' }),
    );
  });
  it('nullextra: token_extra null', async () => {
    const sim = await simFor('external-auth');
    expect((await get(sim, 'id=nullextra&match=')).body).toBe(
      tokenBody({ access_token: 'gho_nullextra0001', type: 'github', username: 'gho_nullextra0001', password: '' }),
    );
  });
  it('not linked: the URL answer on the access URL, other fields zero', async () => {
    const sim = await simFor('external-auth');
    expect(await get(sim, 'id=jira&match=')).toEqual(
      res(200, `{"access_token":"","token_extra":null,"url":"${CODERD}/external-auth/jira","type":"","username":"","password":""}\n`),
    );
  });
  it('an invalid or expired link also gives the URL answer', async () => {
    const sim = await simFor('external-auth');
    sim.world.setLink('github', { accessToken: 'gho_revoked', valid: false });
    expect((await get(sim, 'id=github&match=')).body).toContain(`"url":"${CODERD}/external-auth/github"`);
    sim.world.setLink('github', { accessToken: 'gho_old', expiry: '2026-05-31T23:59:59Z' });
    expect((await get(sim, 'id=github&match=')).body).toContain(`"url":"${CODERD}/external-auth/github"`);
  });
  it('oauth2 counts a token expiring within 10 s as expired (link clock 2026-06-01T00:00:00Z)', async () => {
    const sim = await simFor('external-auth');
    const url = res(200, `{"access_token":"","token_extra":null,"url":"${CODERD}/external-auth/github","type":"","username":"","password":""}\n`);
    sim.world.setLink('github', { accessToken: 'gho_soon', expiry: '2026-06-01T00:00:09.999Z' });
    expect(await get(sim, 'id=github&match=')).toEqual(url);
    sim.world.setLink('github', { accessToken: 'gho_soon', expiry: '2026-06-01T00:00:10Z' });
    expect(await get(sim, 'id=github&match=')).toEqual(res(200, tokenBody({ access_token: 'gho_soon', type: 'github', username: 'gho_soon', password: '' })));
  });
  it('an expiry written as the zero time is no expiry: the token is answered', async () => {
    const sim = await simFor('external-auth');
    sim.world.setLink('github', { accessToken: 'gho_zero', expiry: '0001-01-01T00:00:00Z' });
    expect(await get(sim, 'id=github&match=')).toEqual(res(200, tokenBody({ access_token: 'gho_zero', type: 'github', username: 'gho_zero', password: '' })));
  });
  it('an extra that is not an object: 500 like json.Unmarshal into a map', async () => {
    const sim = await simFor('external-auth');
    sim.world.setLink('github', { accessToken: 'x', extra: [1] });
    expect(await get(sim, 'id=github&match=')).toEqual(
      err(500, 'Failed to create external auth response.', 'json: cannot unmarshal array into Go value of type map[string]interface {}'),
    );
  });
});

describe('refresh with the refresh token, and the validate endpoint (external-auth-refresh)', () => {
  const url = (id: string, expiresAt = false) =>
    res(
      200,
      `{"access_token":"","token_extra":null,"url":"${CODERD}/external-auth/${id}","type":"",` +
        (expiresAt ? '"expires_at":"0001-01-01T00:00:00Z",' : '') +
        '"username":"","password":""}\n',
    );
  const refreshFailed = (detail: string) => err(500, 'Failed to refresh external auth token.', detail);
  it('an expired link is refreshed: the new token (and its expiry) is answered and stored', async () => {
    const sim = await simFor('external-auth-refresh', 'pr26883');
    const fresh = res(
      200,
      tokenBody({ access_token: 'gho_refreshed0001', type: 'github', expires_at: '2026-07-01T00:00:00Z', username: 'gho_refreshed0001', password: '' }),
    );
    expect(await get(sim, 'id=refreshed&match=')).toEqual(fresh);
    expect(sim.world.providers.find((p) => p.id === 'refreshed')?.link).toMatchObject({ accessToken: 'gho_refreshed0001', refreshToken: 'ghr_refresh0002' });
    expect(await get(sim, 'id=refreshed&match=')).toEqual(fresh);
  });
  it('a token endpoint that rejects the refresh token, or no refresh token: the URL answer (InvalidTokenError)', async () => {
    const sim = await simFor('external-auth-refresh');
    expect(await get(sim, 'id=refresh-rejected&match=')).toEqual(url('refresh-rejected'));
    expect(sim.world.providers.find((p) => p.id === 'refresh-rejected')?.link?.refreshToken).toBe('');
    expect(await get(sim, 'id=refresh-none&match=')).toEqual(url('refresh-none'));
  });
  it('a refreshed token that fails validation (401): the URL answer; the old link stays', async () => {
    const sim = await simFor('external-auth-refresh');
    expect(await get(sim, 'id=refreshed-invalid&match=')).toEqual(url('refreshed-invalid'));
    expect(sim.world.providers.find((p) => p.id === 'refreshed-invalid')?.link?.accessToken).toBe('gho_expired0004');
  });
  it('a validate endpoint answering 500, after a refresh or not: 500 Failed to refresh external auth token. with its status and body', async () => {
    for (const revision of ['pre-agent-name', 'pr24325', 'pr26883'] as const) {
      const sim = await simFor('external-auth-refresh', revision);
      expect(await get(sim, 'id=refreshed-validate-error&match=')).toEqual(refreshFailed('validate external auth token: status 500: body: upstream down'));
      expect(await get(sim, 'id=validate-500&match=')).toEqual(refreshFailed('validate external auth token: status 500: body: {"message":"Server Error"}'));
    }
  });
  it('429 and a rate-limited 403 count as valid from pr24325; before, 429 is an error and 403 invalid', async () => {
    const pre = await simFor('external-auth-refresh', 'pre-agent-name');
    expect(await get(pre, 'id=validate-429&match=')).toEqual(refreshFailed('validate external auth token: status 429: body: slow down'));
    expect(await get(pre, 'id=validate-403-rate-limited&match=')).toEqual(url('validate-403-rate-limited'));
    const now = await simFor('external-auth-refresh', 'pr24325');
    expect(await get(now, 'id=validate-429&match=')).toEqual(
      res(200, tokenBody({ access_token: 'gho_validate0429', type: 'github', username: 'gho_validate0429', password: '' })),
    );
    expect(await get(now, 'id=validate-403-rate-limited&match=')).toEqual(
      res(200, tokenBody({ access_token: 'gho_validate0403', type: 'github', username: 'gho_validate0403', password: '' })),
    );
    for (const sim of [pre, now]) expect(await get(sim, 'id=validate-403&match=')).toEqual(url('validate-403'));
  });
  it('listen: a validate error is not an answer, it keeps waiting', async () => {
    await waitsForLink(await simFor('external-auth-refresh'), 'validate-500', 'listen', 'gho_fixed', 'github');
  });
});

describe('expires_at (pr26883 only)', () => {
  it('absent before pr26883', async () => {
    const sim = await simFor('external-auth', 'pr25443');
    expect((await get(sim, 'id=expiring&match=')).body).not.toContain('expires_at');
  });
  it('RFC3339Nano UTC, zero time when none, on the URL answer too', async () => {
    const sim = await simFor('external-auth', 'pr26883');
    expect((await get(sim, 'id=expiring&match=')).body).toBe(
      tokenBody({ access_token: 'gho_expiring0001', type: 'github', expires_at: '2026-06-30T12:00:00.123456Z', username: 'gho_expiring0001', password: '' }),
    );
    expect((await get(sim, 'id=github&match=')).body).toContain('"type":"github","expires_at":"0001-01-01T00:00:00Z","username"');
    expect((await get(sim, 'id=jira&match=')).body).toBe(
      `{"access_token":"","token_extra":null,"url":"${CODERD}/external-auth/jira","type":"","expires_at":"0001-01-01T00:00:00Z","username":"","password":""}\n`,
    );
    sim.world.setLink('github', { accessToken: 'gho_tz', expiry: '2026-07-01T02:00:00.500+02:00' });
    expect((await get(sim, 'id=github&match=')).body).toContain('"expires_at":"2026-07-01T00:00:00.5Z"');
  });
});

describe('listen (presence-based long-poll)', () => {
  it('listen=false still waits; a link added later is returned', async () => {
    await waitsForLink(await simFor('external-auth'), 'jira', 'listen=false', 'jira-token-1', 'jira');
  });
  it('a valid link answers at once; an invalid one waits for a different token', async () => {
    const sim = await simFor('external-auth');
    expect((await get(sim, 'id=github&match=&listen')).body).toContain('"access_token":"gho_conformanceToken0001"');
    sim.world.setLink('github', { accessToken: 'gho_revoked', valid: false });
    const pending = get(sim, 'id=github&match=&listen=');
    await new Promise((r) => setTimeout(r, 1300));
    sim.world.setLink('github', { accessToken: 'gho_fresh' });
    expect((await pending).body).toContain('"access_token":"gho_fresh"');
  });
  it('stops when the client goes away', async () => {
    const sim = await simFor('external-auth');
    const ac = new AbortController();
    const pending = get(sim, 'id=jira&match=&listen=true', { 'Coder-Session-Token': TOKEN }, ac.signal);
    ac.abort();
    expect((await pending).status).toBe(0);
  });
  it('errors before the lookup are immediate', async () => {
    const sim = await simFor('external-auth');
    expect((await get(sim, 'id=nope&match=&listen=true')).status).toBe(404);
  });
});
