// access-token handler end to end in-process (run() + msw coderd): output bytes, exit codes, the exact
// request sent, and the §8 edges that live in the handler (URL/extra/json/no newline/null extra).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { http, HttpResponse } from 'msw';
import { HEADER, mswServer, runCli } from './testutil.ts';

const AGENT = 'http://coderd.test';
const EA = `${AGENT}/api/v2/workspaceagents/me/external-auth`;
const msw = mswServer();
beforeAll(() => msw.listen());
afterEach(() => msw.reset());
afterAll(() => msw.close());

const base = ['--agent-url', AGENT, '--agent-token', 'foo', 'external-auth', 'access-token'];
const json = (body: unknown, status = 200) =>
  new HttpResponse(JSON.stringify(body) + '\n', { status, headers: { 'Content-Type': 'application/json; charset=utf-8' } });

describe('access-token output', () => {
  it('prints the token without a trailing newline, exit 0, and sends id=&match= (§8.1, §8.2)', async () => {
    msw.use(http.get(EA, () => json({ access_token: 'bananas', token_extra: null, url: '', type: 'github', username: 'bananas', password: '' })));
    const r = await runCli([...base, 'github']);
    expect(r).toEqual({ code: 0, stdout: 'bananas', stderr: '' });
    expect(msw.requests).toHaveLength(1);
    expect(msw.requests[0].url).toBe(`${EA}?id=github&match=`);
    expect(msw.requests[0].headers['coder-session-token']).toBe('foo');
    expect(msw.requests[0].headers['user-agent']).toBe('Go-http-client/1.1');
    expect(msw.requests[0].headers['accept-encoding']).toBe('gzip');
  });

  it('query-escapes the provider id', async () => {
    msw.use(http.get(EA, () => json({ access_token: 't' })));
    await runCli([...base, 'a b&c/é']);
    expect(msw.requests[0].url).toBe(`${EA}?id=a+b%26c%2F%C3%A9&match=`);
  });

  it('a URL answer prints the URL, exits 1, stderr empty; URL beats --extra (§8.3)', async () => {
    msw.use(http.get(EA, () => json({ url: 'https://coder.test/external-auth/github', token_extra: { a: 1 } })));
    const r = await runCli([...base, 'github', '--extra', 'a']);
    expect(r).toEqual({ code: 1, stdout: 'https://coder.test/external-auth/github', stderr: '' });
  });

  it('--extra on null token_extra errors; a non-matching path prints nothing, exit 0 (§8.4)', async () => {
    msw.use(http.get(EA, () => json({ access_token: 't', token_extra: null })));
    const r = await runCli([...base, 'github', '--extra', 'x']);
    expect(r).toEqual({ code: 1, stdout: '', stderr: HEADER + 'no extra properties found for token\n' });
    msw.use(http.get(EA, () => json({ access_token: 't', token_extra: { a: 1 } })));
    expect(await runCli([...base, 'github', '--extra', 'nope'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('an empty --extra (--extra= or --extra "") is no --extra: the token is printed, even with a null token_extra', async () => {
    msw.use(http.get(EA, () => json({ access_token: 'tok', token_extra: null })));
    expect(await runCli([...base, 'github', '--extra='])).toEqual({ code: 0, stdout: 'tok', stderr: '' });
    expect(await runCli([...base, 'github', '--extra', ''])).toEqual({ code: 0, stdout: 'tok', stderr: '' });
  });

  it('--extra extracts through gjson over the Go-marshalled map', async () => {
    msw.use(http.get(EA, () => json({ access_token: 't', token_extra: { authed_user: { id: 'U123' }, n: 42, h: '<a&b>' } })));
    expect((await runCli([...base, 'slack', '--extra', 'authed_user.id'])).stdout).toBe('U123');
    expect((await runCli([...base, 'slack', '--extra', 'n'])).stdout).toBe('42');
    expect((await runCli([...base, 'slack', '--extra', 'h'])).stdout).toBe('<a&b>');
    expect((await runCli([...base, 'slack', '--extra', 'authed_user'])).stdout).toBe('{"id":"U123"}');
  });

  it('--extra @pretty is the one output with a trailing newline (§8.17)', async () => {
    msw.use(http.get(EA, () => json({ access_token: 't', token_extra: { b: [4, 5], a: 'x' } })));
    const r = await runCli([...base, 'slack', '--extra', '@pretty']);
    expect(r).toEqual({ code: 0, stdout: '{\n  "a": "x",\n  "b": [4, 5]\n}\n', stderr: '' });
  });

  it('prints an empty token with exit 0 when the answer is {} or null', async () => {
    msw.use(http.get(EA, () => new HttpResponse('null', { headers: { 'Content-Type': 'application/json' } })));
    expect(await runCli([...base, 'github'])).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('non-GitLab username = token shows in --output json; & is \\u0026 (§8.13, §8.14, pr26883)', async () => {
    msw.use(
      http.get(EA, () =>
        json({
          access_token: 'tok',
          token_extra: { z: 1, a: null },
          url: '',
          type: 'github',
          expires_at: '2026-06-30T12:00:00.120+02:00',
          username: 'tok',
          password: '',
        }),
      ),
    );
    const r = await runCli([...base, 'github', '--output', 'json'], { CODER_REFERENCE_REVISION: 'pr26883' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '{\n  "access_token": "tok",\n  "token_extra": {\n    "a": null,\n    "z": 1\n  },\n  "url": "",\n  "type": "github",\n  "expires_at": "2026-06-30T12:00:00.12+02:00",\n  "username": "tok",\n  "password": ""\n}',
    );
    msw.use(http.get(EA, () => json({ url: 'https://c.test/external-auth/github?a=1&b=2' })));
    const u = await runCli([...base, 'github', '--output', 'json'], { CODER_REFERENCE_REVISION: 'pr26883' });
    expect(u).toEqual({
      code: 1,
      stderr: '',
      stdout:
        '{\n  "access_token": "",\n  "token_extra": null,\n  "url": "https://c.test/external-auth/github?a=1\\u0026b=2",\n  "type": "",\n  "expires_at": "0001-01-01T00:00:00Z",\n  "username": "",\n  "password": ""\n}',
    });
  });

  it('a missing or null expires_at prints the zero time (pr26883)', async () => {
    msw.use(http.get(EA, () => json({ access_token: 'a', expires_at: null })));
    const r = await runCli([...base, 'github', '--output', 'json'], { CODER_REFERENCE_REVISION: 'pr26883' });
    expect(r.stdout).toContain('\n  "expires_at": "0001-01-01T00:00:00Z",\n');
  });

  it('--output JSON (other case) is accepted but prints text (§1.1)', async () => {
    msw.use(http.get(EA, () => json({ access_token: 'tok' })));
    expect(await runCli([...base, 'github', '--output', 'JSON'], { CODER_REFERENCE_REVISION: 'pr26883' })).toEqual({ code: 0, stdout: 'tok', stderr: '' });
  });
});

describe('access-token errors from coderd', () => {
  it('404 provider: SDK format with Trace and Detail (§5.1, §8.11)', async () => {
    msw.use(
      http.get(EA, () =>
        json({ message: 'No matching external auth provider found in Coder for the url "".', detail: 'External auth provider not found.' }, 404),
      ),
    );
    const r = await runCli([...base, 'github']);
    expect(r).toEqual({
      code: 1,
      stdout: '',
      stderr:
        HEADER + 'Trace=[get external auth token: ]\nNo matching external auth provider found in Coder for the url "".\nExternal auth provider not found.\n',
    });
  });

  it('401: Suggestion hides Detail; verbose shows the API line and Detail', async () => {
    msw.use(http.get(EA, () => json({ message: 'Workspace agent not authorized.', detail: 'D' }, 401)));
    const r = await runCli([...base, 'github']);
    expect(r.stderr).toBe(HEADER + "Trace=[get external auth token: ]\nWorkspace agent not authorized.\nSuggestion: Try logging in using 'coder login'.\n");
    const v = await runCli(['-v', ...base, 'github']);
    expect(v.stderr).toBe(
      HEADER +
        `API request error to "GET:${EA}?id=github&match=". Status code 401\nTrace=[get external auth token: ]\nWorkspace agent not authorized.\nSuggestion: Try logging in using 'coder login'.\nD\n`,
    );
  });

  it('validations are listed as "\\t <field> : <detail>"', async () => {
    msw.use(http.get(EA, () => json({ message: 'Bad.', validations: [{ field: 'id', detail: 'required' }] }, 400)));
    expect((await runCli([...base, 'github'])).stderr).toBe(
      HEADER + 'Trace=[get external auth token: ]\nBad.\n1 validation error(s) found\n\t id : required\n',
    );
  });

  it('non-JSON error body: unexpected non-JSON response, Detail = body', async () => {
    msw.use(http.get(EA, () => new HttpResponse('<html>bad gateway</html>\n', { status: 502, headers: { 'Content-Type': 'text/html' } })));
    expect((await runCli([...base, 'github'])).stderr).toBe(
      HEADER + 'Trace=[get external auth token: ]\nunexpected non-JSON response "text/html"\n<html>bad gateway</html>\n\n',
    );
  });

  it('Content-Type: mime.ParseMediaType lower-cases; when its parameters do not parse, the raw type before ";" is compared', async () => {
    msw.use(http.get(EA, () => new HttpResponse('{"message":"m"}', { status: 502, headers: { 'Content-Type': 'Application/JSON; charset=utf-8' } })));
    expect((await runCli([...base, 'github'])).stderr).toBe(HEADER + 'Trace=[get external auth token: ]\nm\n');
    msw.use(http.get(EA, () => new HttpResponse('{"message":"m"}', { status: 502, headers: { 'Content-Type': 'Application/JSON; charset=utf-8;;' } })));
    expect((await runCli([...base, 'github'])).stderr).toBe(
      HEADER + 'Trace=[get external auth token: ]\nunexpected non-JSON response "Application/JSON; charset=utf-8;;"\n{"message":"m"}\n',
    );
    msw.use(http.get(EA, () => new HttpResponse('{"message":"m"}', { status: 502, headers: { 'Content-Type': ' application/json ; a=1; a=2' } })));
    expect((await runCli([...base, 'github'])).stderr).toBe(HEADER + 'Trace=[get external auth token: ]\nm\n');
  });

  it('JSON error without message; empty JSON error body; invalid JSON error body', async () => {
    msw.use(http.get(EA, () => json({ detail: 'x' }, 500)));
    expect((await runCli([...base, 'github'])).stderr).toBe(
      HEADER + 'Trace=[get external auth token: ]\nunexpected status code 500, response has no message\n{"detail":"x"}\n\n',
    );
    msw.use(http.get(EA, () => new HttpResponse('', { status: 500, headers: { 'Content-Type': 'application/json' } })));
    expect((await runCli([...base, 'github'])).stderr).toBe(HEADER + 'Trace=[get external auth token: ]\nempty response body\n');
    msw.use(http.get(EA, () => new HttpResponse('{x', { status: 500, headers: { 'Content-Type': 'application/json' } })));
    expect((await runCli([...base, 'github'])).stderr).toBe(
      HEADER + "get external auth token: decode body: invalid character 'x' looking for beginning of object key string\n",
    );
  });

  it('200 bodies that are not a response struct (§8.19, §1.4)', async () => {
    const cases: [string, string][] = [
      ['', 'EOF'],
      ['<html>', "invalid character '<' looking for beginning of value"],
      ['{"access_token":', 'unexpected EOF'],
      ['[1]', 'json: cannot unmarshal array into Go value of type agentsdk.ExternalAuthResponse'],
      ['{"access_token":5}', 'json: cannot unmarshal number into Go struct field ExternalAuthResponse.access_token of type string'],
      ['{"token_extra":[]}', 'json: cannot unmarshal array into Go struct field ExternalAuthResponse.token_extra of type map[string]interface {}'],
    ];
    for (const [body, msg] of cases) {
      msw.use(http.get(EA, () => new HttpResponse(body, { headers: { 'Content-Type': 'text/plain' } })));
      expect(await runCli([...base, 'github'])).toEqual({ code: 1, stdout: '', stderr: HEADER + `get external auth token: ${msg}\n` });
    }
  });

  it('decoding ignores trailing bytes and unknown keys, matches keys case-insensitively', async () => {
    msw.use(http.get(EA, () => new HttpResponse('{"ACCESS_TOKEN":"x","zzz":1} trailing', { headers: { 'Content-Type': 'application/json' } })));
    expect(await runCli([...base, 'github'])).toEqual({ code: 0, stdout: 'x', stderr: '' });
  });

  it('members are decoded in document order like encoding/json: duplicates, null, map merging, folded keys', async () => {
    const raw = (body: string) => msw.use(http.get(EA, () => new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } })));
    raw('{"access_token":"a","access_token":null}');
    expect(await runCli([...base, 'github'])).toEqual({ code: 0, stdout: 'a', stderr: '' });
    raw('{"token_extra":{"a":1,"b":1},"token_extra":{"b":2}}');
    expect(await runCli([...base, 'github', '--extra', '@this'])).toEqual({ code: 0, stdout: '{"a":1,"b":2}', stderr: '' });
    raw('{"acce\u017fs_token":"folded"}');
    expect(await runCli([...base, 'github'])).toEqual({ code: 0, stdout: 'folded', stderr: '' });
  });

  it('numbers beyond float64: ignored under unknown keys; a type error in context inside token_extra; the first error wins', async () => {
    const cases: [string, number, string][] = [
      ['{"zzz":1e400,"access_token":"a"}', 0, 'a'],
      ['{"access_token":1e400}', 1, 'json: cannot unmarshal number into Go struct field ExternalAuthResponse.access_token of type string'],
      [
        '{"token_extra":{"a":{"b":[1e400]}},"type":5}',
        1,
        'json: cannot unmarshal number 1e400 into Go struct field ExternalAuthResponse.token_extra of type float64',
      ],
      ['{"type":5,"token_extra":{"a":1e400}}', 1, 'json: cannot unmarshal number into Go struct field ExternalAuthResponse.type of type string'],
    ];
    for (const [body, code, out] of cases) {
      msw.use(http.get(EA, () => new HttpResponse(body, { headers: { 'Content-Type': 'application/json' } })));
      expect(await runCli([...base, 'github']), body).toEqual(
        code === 0 ? { code, stdout: out, stderr: '' } : { code, stdout: '', stderr: HEADER + `get external auth token: ${out}\n` },
      );
    }
  });

  it('an error body field of the wrong type names the innermost struct (codersdk.ValidationError) and the field path', async () => {
    msw.use(
      http.get(EA, () => new HttpResponse('{"message":"m","validations":[{"field":5}]}', { status: 400, headers: { 'Content-Type': 'application/json' } })),
    );
    expect((await runCli([...base, 'github'])).stderr).toBe(
      HEADER + 'get external auth token: decode body: json: cannot unmarshal number into Go struct field ValidationError.validations.field of type string\n',
    );
    msw.use(http.get(EA, () => new HttpResponse('{"message":"m","x":1e999}', { status: 400, headers: { 'Content-Type': 'application/json' } })));
    expect((await runCli([...base, 'github'])).stderr).toBe(HEADER + 'Trace=[get external auth token: ]\nm\n');
  });

  it('Time.UnmarshalJSON reads the raw bytes: an escaped character is not resolved (pr26883)', async () => {
    msw.use(
      http.get(
        EA,
        () => new HttpResponse('{"access_token":"x","expires_at":"2026-06-30T12:00:00\\u005a"}', { headers: { 'Content-Type': 'application/json' } }),
      ),
    );
    const r = await runCli([...base, 'github'], { CODER_REFERENCE_REVISION: 'pr26883' });
    expect(r.stderr).toBe(
      HEADER + 'get external auth token: parsing time "2026-06-30T12:00:00\\\\u005a" as "2006-01-02T15:04:05Z07:00": cannot parse "\\\\u005a" as "Z07:00"\n',
    );
  });

  it('expires_at that is not RFC 3339 fails the decode (pr26883) but is ignored before', async () => {
    msw.use(http.get(EA, () => json({ access_token: 'x', expires_at: 'soon' })));
    const r = await runCli([...base, 'github'], { CODER_REFERENCE_REVISION: 'pr26883' });
    expect(r.stderr).toBe(HEADER + 'get external auth token: parsing time "soon" as "2006-01-02T15:04:05Z07:00": cannot parse "soon" as "2006"\n');
    expect(await runCli([...base, 'github'])).toEqual({ code: 0, stdout: 'x', stderr: '' });
  });
});
