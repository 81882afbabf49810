// runInProcess: the ProcessResult a child process would give, from a run() function.
import { describe, expect, it } from 'vitest';
import { runInProcess, type ReferenceRun } from './in-process.ts';

const base = { args: ['a', 'b'], env: { HOME: '/h', HTTP_PROXY: 'http://127.0.0.1:1' }, timeoutMs: 5_000, capBytes: 1024 };

describe('runInProcess', () => {
  it('hands over argv and env, keeps output bytes and the exit status', async () => {
    let seen: unknown;
    const run: ReferenceRun = async (io) => {
      seen = { argv: io.argv, env: io.env };
      io.stdout.write('tok');
      io.stdout.write(new Uint8Array([0xff, 0x0a]));
      io.stderr.write('é\n');
      return 257;
    };
    const r = await runInProcess({ ...base, run });
    expect(seen).toEqual({ argv: ['a', 'b'], env: base.env });
    expect(r).toMatchObject({ stdout: 'tok\udcff\n', stderr: 'é\n', exitCode: 1, signal: null, timedOut: false, stdoutCapped: false, stderrCapped: false });
  });

  it('a case terminal gives the width of stdin and a TTY stdout, as main.ts would find them; none without', async () => {
    const seen: unknown[] = [];
    const run: ReferenceRun = async (io) => {
      seen.push([io.termWidth, io.stdoutIsTTY]);
      return 0;
    };
    await runInProcess({ ...base, run, terminal: { stdin: true, columns: 0 } });
    await runInProcess({ ...base, run, terminal: { stdout: true, columns: 120 } });
    await runInProcess({ ...base, run });
    expect(seen).toEqual([
      [0, undefined],
      [undefined, true],
      [undefined, undefined],
    ]);
  });

  it('reports an exception like main.ts: internal error on stderr, exit 2', async () => {
    const r = await runInProcess({
      ...base,
      run: async () => {
        throw new Error('boom');
      },
    });
    expect(r).toMatchObject({ stderr: 'coder-reference: internal error: boom\n', exitCode: 2 });
  });

  it('caps output: cut at the cap, run aborted, no exit code', async () => {
    let aborted = false;
    const run: ReferenceRun = async (io) => {
      io.stdout.write('x'.repeat(1000));
      io.stdout.write('y'.repeat(1000));
      aborted = io.signal?.aborted ?? false;
      return 0;
    };
    const r = await runInProcess({ ...base, run });
    expect(aborted).toBe(true);
    expect(r).toMatchObject({ stdoutCapped: true, stderrCapped: false, exitCode: null });
    expect(r.stdout).toBe('x'.repeat(1000) + 'y'.repeat(24));
  });

  it('times out: aborts the run and reports a timeout', async () => {
    let signal: AbortSignal | undefined;
    const run: ReferenceRun = (io) => {
      signal = io.signal;
      return new Promise(() => undefined);
    };
    const r = await runInProcess({ ...base, timeoutMs: 20, run });
    expect(signal?.aborted).toBe(true);
    expect(r).toMatchObject({ timedOut: true, exitCode: null, signal: null });
  });

  it('an interrupted run aborts the call', async () => {
    const ctl = new AbortController();
    const run: ReferenceRun = (io) =>
      new Promise((resolve) => {
        io.signal?.addEventListener('abort', () => resolve(1));
        ctl.abort();
      });
    const r = await runInProcess({ ...base, run, signal: ctl.signal });
    expect(r.exitCode).toBe(1);
  });
});
