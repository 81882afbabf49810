// Child-process tests of bin/coder (dist/ is built once by vitest's global setup, scripts/build.mjs):
// exit codes, stdout bytes, and stop signals while the handler waits on a request (§1.1):
// first signal → `context canceled`, exit 1; further ones swallowed.
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STOP_SIGNALS, notifySignals } from './signals.ts';
import { withToken } from '../../scripts/code-cache.mjs';

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

// bin/coder compiles dist/coder.cjs with the build's V8 code cache (scripts/code-cache.mjs).
describe('bin/coder and its code cache', () => {
  const bundle = join(repo, 'dist/coder.cjs');
  /** A copy of bin/ and dist/ (bundle text and cache given) in a temp dir: its bin/coder. */
  function copy(text: string, cache: Buffer | undefined): string {
    const dir = mkdtempSync(join(tmpdir(), 'coder-cache-'));
    for (const sub of ['bin', 'dist']) mkdirSync(join(dir, sub));
    for (const f of ['coder', 'package.json']) copyFileSync(join(repo, 'bin', f), join(dir, 'bin', f));
    writeFileSync(join(dir, 'dist/coder.cjs'), text);
    if (cache) writeFileSync(join(dir, 'dist/coder.cjs.cache'), cache);
    return join(dir, 'bin/coder');
  }
  const help = (launcher: string) => spawnSync(process.execPath, [launcher, '--help'], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });

  it('the build made a cache for this very bundle, and a plain node accepts it', () => {
    const check = spawnSync(process.execPath, [join(repo, 'scripts/code-cache.mjs'), '--check', bundle], {
      env: { PATH: process.env.PATH ?? '' },
      encoding: 'utf8',
    });
    expect(check.stdout).toMatch(/^used \(\d+ KB\)\n$/);
    // Compiled as a vm.Script, the bundle has no module loader behind an import() (scripts/build.mjs keeps it out).
    expect(readFileSync(bundle, 'utf8')).not.toContain('import(');
  });

  it('bin/coder starts from it: an edit of the same length that keeps the token still runs the cached bytecode', () => {
    // Why the token matters: V8 checks only the text's length, so the cache must be refused when the text changed.
    const text = readFileSync(bundle, 'utf8');
    const r = help(copy(text.replace('"v0.0.0-devel"', '"v0.0.0-DEVEL"'), readFileSync(`${bundle}.cache`)));
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('coder v0.0.0-devel\n')).toBe(true);
  });

  it('a cache made from another build of the bundle is not used: the bundle text runs', () => {
    // The same length, one string changed: V8 alone would take the old bytecode (it checks only the length).
    const text = readFileSync(bundle, 'utf8');
    const kept = text.slice(0, text.lastIndexOf('\n//# code-cache-token '));
    const changed = kept.replace('"v0.0.0-devel"', '"v0.0.0-DEVEL"');
    expect(changed).not.toBe(kept);
    const r = help(copy(withToken(changed), readFileSync(`${bundle}.cache`)));
    expect(r.status).toBe(0);
    expect(r.stdout.startsWith('coder v0.0.0-DEVEL\n')).toBe(true);
  });

  it('runs the same without a cache, with a cache of garbage, and with this build cache', () => {
    const text = readFileSync(bundle, 'utf8');
    const token = readFileSync(`${bundle}.cache`).subarray(0, 65);
    const outputs = [undefined, Buffer.concat([token, Buffer.from('not a V8 code cache')]), readFileSync(`${bundle}.cache`)].map((cache) =>
      help(copy(text, cache)),
    );
    for (const r of outputs) expect({ status: r.status, stderr: r.stderr }).toEqual({ status: 0, stderr: '' });
    expect(new Set(outputs.map((r) => r.stdout)).size).toBe(1);
    expect(outputs[0].stdout.startsWith('coder v0.0.0-devel\n')).toBe(true);
  });

  it('names the missing bundle and says to build it (exit 2)', () => {
    const launcher = copy('', undefined);
    rmSync(join(dirname(launcher), '../dist/coder.cjs'));
    const r = help(launcher);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`coder-reference: ${join(dirname(launcher), '../dist/coder.cjs')} is missing: run "npm run build" (npm install does it)\n`);
  });
});
