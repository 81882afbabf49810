// CreateClient checks and token sources (§2.2, §8.8): the token file is read and TrimSpaced, the
// token flag/env is not (Go trims only surrounding space/tab on the wire), the token beats the file,
// and os.ReadFile errors keep Go's PathError text. Requests go to a loopback server (raw headers).
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADER, runCli } from './testutil.ts';

let server: Server;
let origin = '';
const tokens: (string | undefined)[] = [];
beforeAll(async () => {
  server = createServer((req, res) => {
    const i = req.rawHeaders.indexOf('Coder-Session-Token');
    tokens.push(i >= 0 ? req.rawHeaders[i + 1] : undefined);
    res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"access_token":"ok"}');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

const dir = mkdtempSync(join(tmpdir(), 'cli-token-'));
const file = (name: string, content: string) => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};
const AT = ['external-auth', 'access-token', 'github'];

describe('token sources', () => {
  it('reads the token file and TrimSpaces it (Unicode white space too)', async () => {
    tokens.length = 0;
    const r = await runCli(AT, { CODER_AGENT_URL: origin, CODER_AGENT_TOKEN_FILE: file('t1', '\n\u00a0 file-token \t\n') });
    expect(r).toEqual({ code: 0, stdout: 'ok', stderr: '' });
    expect(tokens).toEqual(['file-token']);
  });

  it('the token beats the file (which is then not even read)', async () => {
    tokens.length = 0;
    await runCli([...AT, '--agent-token', 'flag-token', '--agent-token-file', join(dir, 'missing')], { CODER_AGENT_URL: origin });
    expect(tokens).toEqual(['flag-token']);
  });

  it('the token is not TrimSpaced by the CLI: a leading NBSP survives (Go trims only space/tab on the wire)', async () => {
    tokens.length = 0;
    await runCli(AT, { CODER_AGENT_URL: origin, CODER_AGENT_TOKEN: ' \u00a0tok ' });
    expect(tokens).toEqual([Buffer.from('\u00a0tok').toString('latin1')]);
  });

  it('errors: no token, empty file, unreadable file', async () => {
    expect((await runCli(AT, { CODER_AGENT_URL: origin })).stderr).toBe(
      HEADER + 'create agent client: Either CODER_AGENT_TOKEN or CODER_AGENT_TOKEN_FILE must be set\n',
    );
    expect((await runCli(AT, { CODER_AGENT_URL: origin, CODER_AGENT_TOKEN_FILE: file('blank', ' \n\t') })).stderr).toBe(
      HEADER + 'create agent client: CODER_AGENT_TOKEN or CODER_AGENT_TOKEN_FILE must be set for token auth\n',
    );
    const missing = join(dir, 'nope');
    expect((await runCli(AT, { CODER_AGENT_URL: origin, CODER_AGENT_TOKEN_FILE: missing })).stderr).toBe(
      HEADER + `create agent client: read token file "${missing}": open ${missing}: no such file or directory\n`,
    );
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    expect((await runCli(AT, { CODER_AGENT_URL: origin, CODER_AGENT_TOKEN_FILE: sub })).stderr).toBe(
      HEADER + `create agent client: read token file "${sub}": read ${sub}: is a directory\n`,
    );
  });

  it('--agent-name is ignored for token auth', async () => {
    tokens.length = 0;
    expect((await runCli([...AT, '--agent-name', 'dev'], { CODER_AGENT_URL: origin, CODER_AGENT_TOKEN: 'x' })).code).toBe(0);
  });

  it('an empty Coder-Session-Token header goes on the wire when the exchange fails (§3.4)', async () => {
    tokens.length = 0;
    const r = await runCli(
      AT,
      { CODER_AGENT_URL: origin, CODER_AGENT_AUTH: 'google-instance-identity', GCE_METADATA_HOST: '127.0.0.1:1', CODER_REFERENCE_REVISION: 'pr24325' },
      {},
    );
    expect(r.stdout).toBe('ok');
    expect(tokens).toEqual(['']);
  }, 120_000);

  it('a password in the agent URL is redacted in transport errors', async () => {
    const r = await runCli([...AT, '--agent-token', 't'], { CODER_AGENT_URL: 'http://u:secret@127.0.0.1:9' });
    expect(r.stderr).toBe(
      HEADER +
        'get external auth token: execute request: Get "http://u:***@127.0.0.1:9/api/v2/workspaceagents/me/external-auth?id=github&match=": dial tcp 127.0.0.1:9: connect: connection refused\n',
    );
    expect(r.stderr).not.toContain('secret');
  });
});
