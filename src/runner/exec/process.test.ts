// Process control with real child processes: clean env, no TTY stdin, timeout kills the whole
// tree, output cap, crash signals and start errors.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeOutput, encodeOutput, runProcess } from './process.ts';

const dir = mkdtempSync(join(tmpdir(), 'runner-process-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function script(name: string, body: string, mode = 0o755): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(p, mode);
  return p;
}

const base = { env: { PATH: process.env.PATH ?? '' }, cwd: dir, timeoutMs: 20_000, capBytes: 4096 };

/** Running (not dead, not a zombie waiting for a reaper). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * Whether `pid` is gone: SIGKILL is sent when runProcess returns, but on a loaded machine the exit
 * and reaping take a moment, so poll (a bound, not a duration under test).
 */
async function deadSoon(pid: number): Promise<boolean> {
  for (let i = 0; i < 200 && alive(pid); i++) await new Promise((res) => setTimeout(res, 50));
  return !alive(pid);
}

describe('runProcess', () => {
  it('passes exactly the given environment, argv and a non-TTY stdin', async () => {
    const p = script('env.js', `process.stdout.write(JSON.stringify({ env: process.env, argv: process.argv.slice(2), tty: Boolean(process.stdin.isTTY) }))`);
    const r = await runProcess({ ...base, file: p, args: ['a b', ''], env: { PATH: process.env.PATH ?? '', FOO: 'bar' } });
    const out = JSON.parse(r.stdout) as { env: Record<string, string>; argv: string[]; tty: boolean };
    expect(r.exitCode).toBe(0);
    expect(
      Object.keys(out.env)
        .filter((k) => !k.startsWith('NODE_') && k !== '_')
        .sort(),
    ).toEqual(['FOO', 'PATH']);
    expect(out.argv).toEqual(['a b', '']);
    expect(out.tty).toBe(false);
  });

  it('keeps stdout and stderr byte-exact, including missing final newlines', async () => {
    const p = script('out.js', `process.stdout.write('tok'); process.stderr.write('e\\n\\n'); process.exitCode = 3`);
    const r = await runProcess({ ...base, file: p, args: [] });
    expect([r.stdout, r.stderr, r.exitCode, r.signal, r.timedOut, r.stdoutCapped]).toEqual(['tok', 'e\n\n', 3, null, false, false]);
  });

  it('kills the whole process tree on timeout', async () => {
    const pidFile = join(dir, 'grandchild.pid');
    // A shell (it starts in milliseconds even on a loaded machine, so a short timeout leaves it room)
    // with a grandchild in its process group, waiting for ever.
    const p = join(dir, 'hang.sh');
    writeFileSync(p, `#!/bin/sh\nsleep 300 &\necho $! > ${JSON.stringify(pidFile)}\nprintf started\nwait\n`);
    chmodSync(p, 0o755);
    const r = await runProcess({ ...base, file: p, args: [], timeoutMs: 2000 });
    expect(r.timedOut).toBe(true);
    expect(r.stdout).toBe('started');
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(await deadSoon(grandchild)).toBe(true);
  });

  it('caps a flood of output and says so', async () => {
    const p = script(
      'flood.js',
      `const b = Buffer.alloc(65536, 120); (function w() { while (process.stdout.write(b)) {} process.stdout.once('drain', w); })();`,
    );
    const r = await runProcess({ ...base, file: p, args: [] });
    expect(r.stdoutCapped).toBe(true);
    expect(r.stdout.length).toBe(4096);
    expect(r.timedOut).toBe(false);
  });

  it('reports crashes by signal', async () => {
    const p = script('crash.js', `process.kill(process.pid, 'SIGSEGV')`);
    const r = await runProcess({ ...base, file: p, args: [] });
    expect([r.exitCode, r.signal]).toEqual([null, 'SIGSEGV']);
  });

  it('keeps bytes that are not valid UTF-8 apart from U+FFFD, and gives them back exactly', async () => {
    const p = script(
      'bytes.js',
      `process.stdout.write(Buffer.from([0x61, 0xff, 0xef, 0xbf, 0xbd, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82]))`,
    );
    const r = await runProcess({ ...base, file: p, args: [] });
    // 0xff alone; U+FFFD printed as UTF-8 stays U+FFFD; 0xc3 before "(" is a truncated sequence;
    // ED A0 80 is an encoded surrogate (invalid); the emoji is valid; E2 82 is cut off at the end.
    expect(r.stdout).toBe('a\udcff\ufffd\udcc3(\udced\udca0\udc80\u{1f600}\udce2\udc82');
    expect([...encodeOutput(r.stdout)]).toEqual([0x61, 0xff, 0xef, 0xbf, 0xbd, 0xc3, 0x28, 0xed, 0xa0, 0x80, 0xf0, 0x9f, 0x98, 0x80, 0xe2, 0x82]);
    // A valid pair whose low half lies in U+DC80..U+DCFF (U+10080) is text, not an escaped byte.
    expect([...encodeOutput(decodeOutput(Buffer.from('\u{10080}x', 'utf8')))]).toEqual([...Buffer.from('\u{10080}x', 'utf8')]);
    expect(decodeOutput(Buffer.from([0xc0, 0x80, 0xf4, 0x90, 0x80, 0x80]))).toBe('\udcc0\udc80\udcf4\udc90\udc80\udc80');
  });

  it('does not wait for a descendant in its own session that keeps stdout open after the binary exits', async () => {
    const pidFile = join(dir, 'daemon.pid');
    // detached: the grandchild calls setsid(), so it is outside the binary's process group
    const p = script(
      'daemon.js',
      `const c = require('node:child_process').spawn('sleep', ['300'], { stdio: ['ignore', 'inherit', 'inherit'], detached: true }); require('node:fs').writeFileSync(${JSON.stringify(pidFile)}, String(c.pid)); c.unref(); process.stdout.write('tok');`,
    );
    const r = await runProcess({ ...base, file: p, args: [], timeoutMs: 60_000 });
    const daemon = Number(readFileSync(pidFile, 'utf8'));
    try {
      expect([r.exitCode, r.signal, r.timedOut, r.stdout]).toEqual([0, null, false, 'tok']);
    } finally {
      process.kill(daemon, 'SIGKILL');
    }
  });

  it('kills on timeout a tree that ignores SIGTERM', async () => {
    const pidFile = join(dir, 'stubborn.pid');
    const p = join(dir, 'stubborn.sh');
    writeFileSync(p, `#!/bin/sh\ntrap '' TERM\n(trap '' TERM; sleep 300) &\necho $! > ${JSON.stringify(pidFile)}\nprintf started\nwait\n`);
    chmodSync(p, 0o755);
    const r = await runProcess({ ...base, file: p, args: [], timeoutMs: 2000 });
    expect([r.timedOut, r.stdout, r.signal, r.exitCode]).toEqual([true, 'started', null, null]);
    const grandchild = Number(readFileSync(pidFile, 'utf8'));
    expect(await deadSoon(grandchild)).toBe(true);
  });

  it('removes its working directory once the binary is gone when asked (removeCwd), not before', async () => {
    const home = mkdtempSync(join(dir, 'home-'));
    const writer = script(
      'writer.js',
      'require("node:fs").mkdirSync("sub/deeper", { recursive: true }); require("node:fs").writeFileSync("sub/deeper/f", "x"); console.log(process.cwd());',
    );
    const r = await runProcess({ ...base, cwd: home, file: writer, args: [], removeCwd: true });
    expect([r.exitCode, r.stdout]).toEqual([0, `${home}\n`]);
    expect(existsSync(home)).toBe(false);
    const kept = mkdtempSync(join(dir, 'home-'));
    await runProcess({ ...base, cwd: kept, file: writer, args: [] });
    expect(existsSync(join(kept, 'sub', 'deeper', 'f'))).toBe(true);
  });

  it('reports a binary that cannot start', async () => {
    const missing = await runProcess({ ...base, file: join(dir, 'nope'), args: [] });
    expect(missing.startError).toMatch(/^ENOENT: /);
    const p = script('noexec.js', '', 0o644);
    const noexec = await runProcess({ ...base, file: p, args: [] });
    expect(noexec.startError).toMatch(/^EACCES: /);
  });
});

describe('runProcess on a terminal (pseudo-terminals from the python3 helper of pty.ts)', () => {
  const probe = script(
    'tty-probe.js',
    `const tty = require('node:tty');
const ws = [];
const size = tty.isatty(0) && new tty.ReadStream(0)._handle.getWindowSize(ws) === 0 ? ws[0] : '-';
process.stdout.write(JSON.stringify({ in: tty.isatty(0), out: tty.isatty(1), err: tty.isatty(2), size, env: process.env.X ?? null, lc: process.env.LC_CTYPE ?? null }) + '\\n');
process.exitCode = Number(process.argv[2] ?? 0);`,
  );

  it('gives stdin the terminal of the case size; stdout and stderr stay pipes; exit code and environment kept', async () => {
    const r = await runProcess({ ...base, env: { ...base.env, X: 'y' }, file: probe, args: ['3'], terminal: { stdin: true, columns: 123 } });
    expect([r.exitCode, r.signal, r.stderr]).toEqual([3, null, '']);
    // No LC_CTYPE that python3 itself would add under the C locale (PEP 538).
    expect(JSON.parse(r.stdout)).toEqual({ in: true, out: false, err: false, size: 123, env: 'y', lc: null });
  });

  it('relays a terminal stdout raw (no \\r\\n) and reports a signal death as the signal', async () => {
    const r = await runProcess({ ...base, file: probe, args: [], terminal: { stdout: true, columns: 80 } });
    expect(r.stdout).toBe(`${JSON.stringify({ in: false, out: true, err: false, size: '-', env: null, lc: null })}\n`);
    const killer = script('tty-kill.js', 'process.kill(process.pid, "SIGKILL");');
    const k = await runProcess({ ...base, file: killer, args: [], terminal: { stdout: true, columns: 80 } });
    expect([k.exitCode, k.signal]).toEqual([null, 'SIGKILL']);
  });

  it('reports a binary that cannot be executed as a start error, and the terminal helper goes on serving', async () => {
    const r = await runProcess({ ...base, file: join(dir, 'nope'), args: [], terminal: { stdin: true, stdout: true, columns: 80 } });
    expect(r.startError).toMatch(/^ENOENT: /);
    const again = await runProcess({ ...base, file: probe, args: ['0'], terminal: { stdin: true, columns: 40, rows: 10 } });
    expect(JSON.parse(again.stdout)).toMatchObject({ in: true, size: 40 });
  });

  it('stops a binary whose terminal output passes the cap, keeping the output up to the cap', async () => {
    const flood = script('tty-flood.js', 'const b = Buffer.alloc(1 << 16, 0x61); const w = () => process.stdout.write(b, w); w();');
    const r = await runProcess({ ...base, file: flood, args: [], terminal: { stdout: true, columns: 80 } });
    expect([r.stdoutCapped, r.exitCode, r.signal, r.timedOut, r.stdout.length]).toEqual([true, null, null, false, base.capBytes]);
  });

  it('runs many terminals at once, each with its own output', async () => {
    const echo = script('tty-echo.js', 'process.stdout.write(`n=${process.argv[2]} tty=${require("node:tty").isatty(1)}\\n`);');
    const rs = await Promise.all(
      Array.from({ length: 12 }, (_, i) => runProcess({ ...base, file: echo, args: [String(i)], terminal: { stdout: true, columns: 80 } })),
    );
    expect(rs.map((r) => r.stdout)).toEqual(Array.from({ length: 12 }, (_, i) => `n=${i} tty=true\n`));
  });
});
