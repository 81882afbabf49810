// Runs one implementation binary with execa: clean environment, stdin not a terminal, its own
// process group (detached) so a timeout kills the whole tree, stdout/stderr capped in bytes.
// Never throws for a misbehaving binary; everything is reported in the ProcessResult.
import { execa } from 'execa';
import type { ProcessResult } from './types.ts';

export interface RunProcessOptions {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  capBytes: number;
  /** Aborting kills the process tree (used when the whole run is interrupted). */
  signal?: AbortSignal;
}

/** Kills the process group led by `pid`; quiet if it is already gone. */
export function killTree(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (!pid) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // group already gone (ESRCH) or not ours
  }
}

const decoder = new TextDecoder('utf-8');

function text(v: unknown): string {
  if (v instanceof Uint8Array) return decoder.decode(v);
  return typeof v === 'string' ? v : '';
}

export async function runProcess(opts: RunProcessOptions): Promise<ProcessResult> {
  const started = performance.now();
  let timedOut = false;
  let pid: number | undefined;
  const subprocess = execa(opts.file, opts.args, {
    env: opts.env,
    extendEnv: false,
    cwd: opts.cwd,
    stdin: 'ignore',
    detached: true,
    reject: false,
    encoding: 'buffer',
    maxBuffer: opts.capBytes,
    stripFinalNewline: false,
    windowsHide: true,
  });
  pid = subprocess.pid;
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(pid, 'SIGKILL');
  }, opts.timeoutMs);
  const onAbort = () => killTree(pid, 'SIGKILL');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const r = await subprocess;
  clearTimeout(timer);
  opts.signal?.removeEventListener('abort', onAbort);
  // Grandchildren that outlived the binary die with it.
  killTree(pid, 'SIGKILL');
  const stdoutBytes = r.stdout instanceof Uint8Array ? r.stdout.length : 0;
  const stderrBytes = r.stderr instanceof Uint8Array ? r.stderr.length : 0;
  const base = {
    stdout: text(r.stdout),
    stderr: text(r.stderr),
    stdoutCapped: r.isMaxBuffer && stdoutBytes >= opts.capBytes,
    stderrCapped: r.isMaxBuffer && stderrBytes >= opts.capBytes,
    capBytes: opts.capBytes,
    durationMs: performance.now() - started,
  };
  const code = (r as unknown as { code?: string }).code;
  if (pid === undefined || (r.failed && r.exitCode === undefined && r.signal === undefined && code && !r.isMaxBuffer)) {
    return { ...base, exitCode: null, signal: null, timedOut: false, startError: `${code ?? 'spawn failed'}: ${r.originalMessage || r.shortMessage}` };
  }
  if (r.isMaxBuffer) {
    // The runner cut the pipe and stopped the binary at the cap: whatever exit code or signal
    // followed (EPIPE, SIGTERM) is the runner's doing, not the binary's, so none is reported.
    return { ...base, exitCode: null, signal: null, timedOut };
  }
  return { ...base, exitCode: r.exitCode ?? null, signal: timedOut ? null : (r.signal ?? null), timedOut };
}
