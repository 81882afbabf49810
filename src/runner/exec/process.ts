// Runs one implementation binary with execa: clean environment, stdin not a terminal (unless the
// case's `terminal:` asks for one: then stdin and/or stdout are a pseudo-terminal from pty.ts), its
// own process group (detached) so a timeout kills the whole tree, stdout/stderr capped in bytes.
// Never throws for a misbehaving binary; everything is reported in the ProcessResult.
import { closeSync, constants, openSync, rmSync } from 'node:fs';
import { execa, type Options } from 'execa';
import { goStringBytes, goStringFromBytes } from '../../go/index.ts';
import { openTerminal, type PtyTerminal } from './pty.ts';
import type { ProcessResult, Terminal } from '../types.ts';

export interface RunProcessOptions {
  file: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  timeoutMs: number;
  capBytes: number;
  /** Aborting kills the process tree (used when the whole run is interrupted). */
  signal?: AbortSignal;
  /** Run on a pseudo-terminal (the case's `terminal:`), through the python3 helper of pty.ts. */
  terminal?: Terminal;
  /**
   * Remove `cwd` (the case's temp HOME) once the binary and its process group are gone: done where
   * the binary ran, so that a spawn helper (spawner.ts) does this work, not the runner's thread.
   */
  removeCwd?: boolean;
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

/**
 * Decodes a binary's output as UTF-8 without losing bytes: each byte that is not part of a valid
 * UTF-8 sequence becomes the lone surrogate U+DC80+byte ("surrogateescape", src/go's goStringFromBytes),
 * a code unit no valid UTF-8 text decodes to. So raw `\xFF` never compares equal to an expected U+FFFD,
 * reports show it as `\xff` (see visible.ts), and encodeOutput() gives the exact bytes back.
 */
export const decodeOutput: (b: Uint8Array) => string = goStringFromBytes;

/** The bytes decodeOutput() read: escaped bytes (U+DC80..U+DCFF) are written back as themselves. */
export const encodeOutput: (s: string) => Buffer = goStringBytes;

function text(v: unknown): string {
  if (v instanceof Uint8Array) return decodeOutput(v);
  return typeof v === 'string' ? v : '';
}

/** How long output pipes may stay open after the binary itself has exited. */
export const PIPE_GRACE_MS = 500;

/** The result of a binary that did not start (or could not be watched): nothing but the reason. */
export function startFailure(opts: RunProcessOptions, startError: string): ProcessResult {
  const none = { stdout: '', stderr: '', stdoutCapped: false, stderrCapped: false, capBytes: opts.capBytes, durationMs: 0 };
  return { ...none, exitCode: null, signal: null, timedOut: false, startError };
}

export async function runProcess(opts: RunProcessOptions): Promise<ProcessResult> {
  const t = opts.terminal;
  if (!t || !(t.stdin || t.stdout)) return runPlain(opts);
  const term = await openTerminal(t.columns, t.rows ?? 24, t.stdout === true, opts.capBytes);
  if (typeof term === 'string') return startFailure(opts, term);
  let fd: number;
  try {
    fd = openSync(term.path, constants.O_RDWR | constants.O_NOCTTY);
  } catch (e) {
    term.close();
    return startFailure(opts, `cannot open the pseudo-terminal ${term.path}: ${(e as Error).message}`);
  }
  return runPlain(opts, { fd, term });
}

/** `tty`: the case's terminal (its slave open as `fd`): the binary's stdin and/or stdout. */
async function runPlain(opts: RunProcessOptions, tty?: { fd: number; term: PtyTerminal }): Promise<ProcessResult> {
  const started = performance.now();
  let timedOut = false;
  let pid: number | undefined;
  const onTerminal = { stdin: tty !== undefined && opts.terminal?.stdin === true, stdout: tty !== undefined && opts.terminal?.stdout === true };
  const options: Options = {
    env: opts.env,
    extendEnv: false,
    cwd: opts.cwd,
    // A file descriptor is handed to the child as is (execa's types list only 0-9, its code takes any).
    stdin: (onTerminal.stdin && tty ? tty.fd : 'ignore') as Options['stdin'],
    stdout: (onTerminal.stdout && tty ? tty.fd : 'pipe') as Options['stdout'],
    detached: true,
    reject: false,
    encoding: 'buffer',
    maxBuffer: opts.capBytes,
    stripFinalNewline: false,
    windowsHide: true,
  };
  const subprocess = execa(opts.file, opts.args, options);
  pid = subprocess.pid;
  // The binary has its own copy of the terminal now (or failed to start): the helper may read it.
  let ttyCapped = false;
  if (tty) {
    closeSync(tty.fd);
    tty.term.opened();
    tty.term.capped.then(() => {
      ttyCapped = true;
      killTree(pid, 'SIGKILL');
    });
  }
  const timer = setTimeout(() => {
    timedOut = true;
    killTree(pid, 'SIGKILL');
  }, opts.timeoutMs);
  const onAbort = () => killTree(pid, 'SIGKILL');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  // The binary has exited but a descendant (possibly in a session of its own, out of reach of
  // killTree) may still hold stdout/stderr open: after a short grace the pipes are closed so
  // the result does not wait for it (like Go's exec.Cmd WaitDelay). What was read is kept.
  let pipeTimer: NodeJS.Timeout | undefined;
  subprocess.once('exit', () => {
    pipeTimer = setTimeout(() => {
      subprocess.stdout?.destroy();
      subprocess.stderr?.destroy();
      tty?.term.close();
    }, PIPE_GRACE_MS);
  });
  const r = await subprocess;
  // What the binary wrote to its terminal: complete once no process holds it (or the grace is over).
  let ttyOut: Buffer | undefined;
  let ttyError: string | undefined;
  if (tty) {
    if (pid === undefined) tty.term.close();
    ttyOut = await tty.term.output.catch((e: Error) => {
      ttyError = e.message;
      return Buffer.alloc(0);
    });
  }
  clearTimeout(timer);
  clearTimeout(pipeTimer);
  opts.signal?.removeEventListener('abort', onAbort);
  // Grandchildren that outlived the binary die with it.
  killTree(pid, 'SIGKILL');
  if (opts.removeCwd) {
    try {
      rmSync(opts.cwd, { recursive: true, force: true });
    } catch {
      // the runner removes it again after the case (run-case.ts)
    }
  }
  const stdout: unknown = onTerminal.stdout ? ttyOut : r.stdout;
  const stdoutBytes = stdout instanceof Uint8Array ? stdout.length : 0;
  const stderrBytes = r.stderr instanceof Uint8Array ? r.stderr.length : 0;
  const base = {
    stdout: text(stdout),
    stderr: text(r.stderr),
    stdoutCapped: ttyCapped || (r.isMaxBuffer && stdoutBytes >= opts.capBytes),
    stderrCapped: r.isMaxBuffer && stderrBytes >= opts.capBytes,
    capBytes: opts.capBytes,
    durationMs: performance.now() - started,
  };
  const code = (r as unknown as { code?: string }).code;
  if (pid === undefined || (r.failed && r.exitCode === undefined && r.signal === undefined && code && !r.isMaxBuffer)) {
    return { ...base, exitCode: null, signal: null, timedOut: false, startError: `${code ?? 'spawn failed'}: ${r.originalMessage || r.shortMessage}` };
  }
  if (ttyError !== undefined) return { ...base, exitCode: null, signal: null, timedOut: false, startError: ttyError };
  if (r.isMaxBuffer || ttyCapped) {
    // The runner cut the pipe and stopped the binary at the cap: whatever exit code or signal
    // followed (EPIPE, SIGTERM) is the runner's doing, not the binary's, so none is reported.
    return { ...base, exitCode: null, signal: null, timedOut };
  }
  return { ...base, exitCode: r.exitCode ?? null, signal: timedOut ? null : (r.signal ?? null), timedOut };
}
