// The spawn helpers (spawner.ts, dist/spawner.mjs): a binary run through them gives what runProcess
// gives in this process; an aborted run kills the binary; runs at once go to separate helpers; a
// helper that dies mid-run fails that run and the spawner carries on in this process; no entry, no
// helper.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packageRoot } from '../root.ts';
import { runProcess } from './process.ts';
import { createSpawner } from './spawner.ts';

const dir = mkdtempSync(join(tmpdir(), 'runner-spawner-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const entry = join(packageRoot(), 'dist', 'spawner.mjs');

function script(name: string, body: string): string {
  const p = join(dir, name);
  writeFileSync(p, `#!/usr/bin/env node\n${body}\n`);
  chmodSync(p, 0o755);
  return p;
}

const base = { env: { PATH: process.env.PATH ?? '', X: 'x\u00e9' }, cwd: dir, timeoutMs: 20_000, capBytes: 4096 };
const hello = script(
  'hello.js',
  'process.stdout.write(`out ${process.env.X} ${process.argv[2]}\\n`); process.stderr.write("err\\xff\\n"); process.exitCode = 3;',
);
const sleeper = script('sleeper.js', 'require("node:fs").writeFileSync(process.argv[2], String(process.pid)); setTimeout(() => {}, 60_000);');
const comparable = (r: Awaited<ReturnType<typeof runProcess>>) => ({ ...r, durationMs: 0 });

/** The spawn helpers this process started. */
function helperPids(): number[] {
  return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(process.pid)], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes('spawner.mjs'))
    .map((l) => Number(l.trim().split(' ')[0]));
}

/** Waits until the sleeper wrote its pid to `file`. */
async function sleeperPid(file: string): Promise<number> {
  for (let i = 0; i < 400; i++) {
    if (existsSync(file) && readFileSync(file, 'utf8')) return Number(readFileSync(file, 'utf8'));
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error('the sleeper did not start');
}

/** A spawner of at most `maxHelpers` helpers sharing `binaries` binaries at once, closed after `fn`. */
async function withSpawner(maxHelpers: number, binaries: number, fn: (s: ReturnType<typeof createSpawner>) => Promise<void>): Promise<void> {
  const s = createSpawner(entry, maxHelpers);
  s.prepare(binaries);
  try {
    await fn(s);
  } finally {
    s.close();
  }
}

describe('createSpawner', () => {
  it('gives what runProcess gives in this process (output, exit code, environment, terminal)', async () => {
    await withSpawner(2, 1, async (s) => {
      for (const opts of [
        { ...base, file: hello, args: ['a b'] },
        { ...base, file: hello, args: ['t'], terminal: { stdout: true, columns: 80 } },
        { ...base, file: join(dir, 'missing'), args: [] },
      ]) {
        expect(comparable(await s.run(opts))).toEqual(comparable(await runProcess(opts)));
      }
      expect(s.fallback).toBeUndefined();
    });
  });

  it('kills the binary of an aborted run, and runs at once go to separate helpers', async () => {
    await withSpawner(2, 2, async (s) => {
      const ac = new AbortController();
      const pidFile = join(dir, 'sleeper-1.pid');
      const runs = [s.run({ ...base, file: sleeper, args: [pidFile], signal: ac.signal }), s.run({ ...base, file: hello, args: ['2'] })];
      expect((await runs[1]).stdout).toBe('out x\u00e9 2\n');
      expect(helperPids()).toHaveLength(2);
      await sleeperPid(pidFile);
      ac.abort();
      const r = await runs[0];
      expect([r.exitCode, r.signal, r.timedOut]).toEqual([null, 'SIGKILL', false]);
      expect(r.durationMs).toBeLessThan(15_000);
    });
  });

  it('keeps at most the prepared number of binaries running; a queued run that is cancelled never starts', async () => {
    await withSpawner(2, 1, async (s) => {
      const ac = new AbortController();
      const queued = new AbortController();
      const pidFile = join(dir, 'sleeper-3.pid');
      const first = s.run({ ...base, file: sleeper, args: [pidFile], signal: ac.signal });
      await sleeperPid(pidFile);
      const second = s.run({ ...base, file: hello, args: ['queued'] });
      const third = s.run({ ...base, file: hello, args: ['dropped'], signal: queued.signal });
      queued.abort();
      expect((await third).startError).toBe('the run was interrupted before the binary started');
      let secondDone = false;
      second.then(() => {
        secondDone = true;
      });
      await new Promise((res) => setTimeout(res, 300));
      expect(secondDone).toBe(false);
      expect(helperPids()).toHaveLength(1);
      ac.abort();
      expect((await first).signal).toBe('SIGKILL');
      expect((await second).stdout).toBe('out x\u00e9 queued\n');
    });
  });

  it('fails the runs of a helper that dies, and then runs binaries in this process', async () => {
    const s = createSpawner(entry, 1);
    const pidFile = join(dir, 'sleeper-2.pid');
    const running = s.run({ ...base, file: sleeper, args: [pidFile] });
    const orphan = await sleeperPid(pidFile);
    const pids = helperPids();
    expect(pids).toHaveLength(1);
    process.kill(pids[0], 'SIGKILL');
    const r = await running;
    process.kill(-orphan, 'SIGKILL'); // its own process group, which nobody watches any more
    expect(r.startError).toBe('the spawn helper exited (SIGKILL) while the binary ran');
    expect(s.fallback).toBe('the spawn helper exited (SIGKILL)');
    expect((await s.run({ ...base, file: hello, args: ['after'] })).stdout).toBe('out x\u00e9 after\n');
    s.close();
  });

  it('runs binaries in this process when the helper entry is missing', async () => {
    const s = createSpawner(join(dir, 'no-such-spawner.mjs'));
    expect(s.fallback).toMatch(/no-such-spawner\.mjs is missing \(npm run build\)$/);
    expect((await s.run({ ...base, file: hello, args: ['here'] })).exitCode).toBe(3);
    s.close();
  });
});
