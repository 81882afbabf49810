// Child-process tests of bin/coder (dist/ is built once by vitest's global setup, scripts/build.mjs):
// exit codes, stdout bytes, and stop signals while the handler waits on a request (§1.1):
// first signal → `context canceled`, exit 1; further ones swallowed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOP_SIGNALS, notifySignals } from './signals.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const bin = join(repo, 'bin/coder');
const HEADER = 'Encountered an error running "coder external-auth access-token", see "coder external-auth access-token --help" for more information\nerror: ';

interface Proc {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function start(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [bin, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const done = new Promise<Proc>((r) => child.on('close', (code, signal) => r({ code, signal, stdout, stderr })));
  return { child, done };
}

describe('bin/coder', () => {
  it('--help: golden bytes on stdout, exit 0', async () => {
    const r = await start(['external-auth', 'access-token', '--help']).done;
    expect(r).toEqual({
      code: 0,
      signal: null,
      stdout: readFileSync(join(repo, 'conformance/cases/goldens/coder_external-auth_access-token_--help.pr24325.golden'), 'utf8'),
      stderr: '',
    });
  });

  // util-linux `script` gives the child a pseudo-terminal on stdin; stdout/stderr go to a file.
  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)("--help wraps to the width of stdin's terminal (terminal.GetSize(0)) even when the output is a file", () => {
    const out = join(mkdtempSync(join(tmpdir(), 'coder-help-')), 'help.txt');
    const cmd = `stty cols 60; ${JSON.stringify(process.execPath)} ${JSON.stringify(bin)} external-auth access-token --help > ${JSON.stringify(out)} 2>&1`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { env: { PATH: process.env.PATH ?? '' }, stdio: ['ignore', 'ignore', 'ignore'] });
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').split('\n');
    expect(lines.slice(7, 12)).toEqual([
      '  Print an access-token for an external auth provider. The',
      '  access-token will be validated and sent to stdout with',
      '  exit code 0. If a valid access-token cannot be obtained,',
      '  the URL to authenticate will be sent to stdout with exit',
      '  code 1',
    ]);
  });

  it('exit 1 with the formatted error; exit 2 for an unknown CODER_REFERENCE_REVISION', async () => {
    expect(await start(['external-auth', 'access-token']).done).toEqual({ code: 1, signal: null, stdout: '', stderr: HEADER + 'wanted 1 args but got 0 []\n' });
    const r = await start(['external-auth', 'access-token', 'x'], { CODER_REFERENCE_REVISION: 'nope' }).done;
    expect([r.code, r.stdout]).toEqual([2, '']);
  });

  describe('stop signals while the GET is in flight', () => {
    let server: Server;
    let origin = '';
    const arrived: (() => void)[] = [];
    const held: (() => void)[] = [];
    beforeAll(async () => {
      // Requests to coderd hang forever; metadata requests (absolute-form, via HTTP_PROXY = this server)
      // are held until the test releases them, then answered.
      server = createServer((req, res) => {
        arrived.shift()?.();
        if (req.url!.startsWith('http://169.254.169.254/')) held.push(() => res.end(req.url!.endsWith('/token') ? 'imds' : 'x'));
        else if (req.method === 'POST') res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"session_token":"S"}');
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    });

    it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('%s cancels the request context: exit 1, context canceled', async (sig) => {
      const got = new Promise<void>((r) => arrived.push(r));
      const p = start(['external-auth', 'access-token', 'github'], { CODER_AGENT_URL: origin, CODER_AGENT_TOKEN: 't' });
      await got;
      p.child.kill(sig);
      const r = await p.done;
      expect(r).toEqual({
        code: 1,
        signal: null,
        stdout: '',
        stderr:
          HEADER + `get external auth token: execute request: Get "${origin}/api/v2/workspaceagents/me/external-auth?id=github&match=": context canceled\n`,
      });
    });

    it('signals during an exchange are swallowed; the exchange finishes, then the GET fails canceled', async () => {
      const got = new Promise<void>((r) => arrived.push(r));
      const p = start(['external-auth', 'access-token', 'github'], { CODER_AGENT_URL: origin, CODER_AGENT_AUTH: 'aws-instance-identity', HTTP_PROXY: origin });
      await got;
      p.child.kill('SIGINT');
      await new Promise((r) => setTimeout(r, 100));
      p.child.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 100));
      // Release the token PUT, then signature and document as they arrive.
      for (let i = 0; i < 3; i++) {
        while (held.length === 0) await new Promise((r) => setTimeout(r, 10));
        held.shift()!();
      }
      const r = await p.done;
      expect(r).toEqual({
        code: 1,
        signal: null,
        stdout: '',
        stderr:
          HEADER + `get external auth token: execute request: Get "${origin}/api/v2/workspaceagents/me/external-auth?id=github&match=": context canceled\n`,
      });
    });
  });
});

describe('notifySignals', () => {
  it('installs listeners only until stop()', () => {
    const before = STOP_SIGNALS.map((s) => process.listenerCount(s));
    const ctx = notifySignals();
    expect(STOP_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before.map((n) => n + 1));
    process.emit('SIGINT', 'SIGINT');
    process.emit('SIGINT', 'SIGINT');
    expect(ctx.signal.aborted).toBe(true);
    expect((ctx.signal.reason as Error).message).toBe('context canceled');
    ctx.stop();
    expect(STOP_SIGNALS.map((s) => process.listenerCount(s))).toEqual(before);
  });
});
