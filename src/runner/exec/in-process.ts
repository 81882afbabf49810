// In-process runs of the embedded reference CLI: its `run(io)` (src/cli/run.ts, bundled to
// dist/coder-run.mjs) called with the case's argv, environment and output capture instead of a
// child process. The result is the same ProcessResult a child would give (process.ts):
// - env: run() reads the environment only from io.env (proxies: HTTP_PROXY/http_proxy/NO_PROXY,
//   GCE_METADATA_HOST, CODER_*), never process.env, so the case's clean environment (buildEnv) is
//   handed over as is and the simulator's forward proxy is used exactly as by a child;
// - output: every write (string as UTF-8, or bytes) is kept as bytes and decoded like a child's pipe
//   (decodeOutput), capped at capBytes (then, like a child stopped at the cap, no exit code);
// - stdin/stdout are not terminals (a child gets stdin ignored and pipes): no stdoutIsTTY, no
//   termWidth (help wraps at 80, as for a child whose stdin is not a terminal); unless the case has
//   `terminal:`: then termWidth = its columns when stdin is the terminal, stdoutIsTTY when stdout is
//   (what main.ts would find on the pty the process mode gives the child; output raw, so the same bytes);
// - signals: no stop-signal handler is installed (no case sends signals; main.ts installs them only
//   for the real process); the timeout and an interrupted run abort io.signal instead of killing;
// - an exception out of run() is reported like main.ts does: `coder-reference: internal error: …`, exit 2.
// Nothing global is touched (no process.env, no process.cwd(), no timers beyond the call's own), so
// cases run concurrently in-process, as in process mode. The case's working directory is not the
// process's: the reference reads files only at absolute paths the cases give ({token_file}, {home}/…).
import { pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { decodeOutput, encodeOutput } from './process.ts';
import { packageRoot } from '../root.ts';
import type { ProcessResult, Terminal } from '../types.ts';

/** The reference CLI's entry point as a function (src/cli/run.ts' `run`, structurally). */
export type ReferenceRun = (io: {
  argv: string[];
  env: Record<string, string | undefined>;
  stdout: { write(s: string | Uint8Array): unknown };
  stderr: { write(s: string | Uint8Array): unknown };
  signal?: AbortSignal;
  /** Whether stdout is a terminal (main.ts: isatty(1)). */
  stdoutIsTTY?: boolean;
  /** The window width of stdin when it is a terminal (main.ts: Go's terminal.GetSize(0)). */
  termWidth?: number;
}) => Promise<number>;

/** Loads the bundled reference run() (dist/coder-run.mjs, built by npm run build). */
export async function loadReference(root: string = packageRoot()): Promise<ReferenceRun> {
  const mod = (await import(pathToFileURL(join(root, 'dist', 'coder-run.mjs')).href)) as { run: ReferenceRun };
  return mod.run;
}

export interface InProcessOptions {
  run: ReferenceRun;
  args: string[];
  env: Record<string, string>;
  timeoutMs: number;
  capBytes: number;
  signal?: AbortSignal;
  /** The case's `terminal:` (see above). */
  terminal?: Terminal;
}

class Capture {
  chunks: Buffer[] = [];
  bytes = 0;
  capped = false;
  constructor(
    private cap: number,
    private onCap: () => void,
  ) {}
  write(s: string | Uint8Array): boolean {
    if (this.capped) return true;
    let b = typeof s === 'string' ? encodeOutput(s) : Buffer.from(s);
    if (this.bytes + b.length > this.cap) {
      b = b.subarray(0, this.cap - this.bytes);
      this.capped = true;
    }
    this.chunks.push(b);
    this.bytes += b.length;
    if (this.capped) this.onCap();
    return true;
  }
  text(): string {
    return decodeOutput(Buffer.concat(this.chunks));
  }
}

/** What main.ts would find on the case's terminal; nothing without one. */
function terminalIO(t: Terminal | undefined): { stdoutIsTTY?: boolean; termWidth?: number } {
  return { ...(t?.stdin ? { termWidth: t.columns } : {}), ...(t?.stdout ? { stdoutIsTTY: true } : {}) };
}

export async function runInProcess(o: InProcessOptions): Promise<ProcessResult> {
  const started = performance.now();
  const ctl = new AbortController();
  const stop = () => ctl.abort(new Error('stopped by the runner'));
  const stdout = new Capture(o.capBytes, stop);
  const stderr = new Capture(o.capBytes, stop);
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      stop();
      resolve('timeout');
    }, o.timeoutMs);
  });
  const onAbort = () => stop();
  o.signal?.addEventListener('abort', onAbort, { once: true });
  let code: number | 'timeout';
  try {
    code = await Promise.race([
      o.run({ argv: o.args, env: { ...o.env }, stdout, stderr, signal: ctl.signal, ...terminalIO(o.terminal) }).catch((e: unknown) => {
        stderr.write(`coder-reference: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
      }),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
  }
  const capped = stdout.capped || stderr.capped;
  const base = {
    stdout: stdout.text(),
    stderr: stderr.text(),
    stdoutCapped: stdout.capped,
    stderrCapped: stderr.capped,
    capBytes: o.capBytes,
    durationMs: performance.now() - started,
  };
  if (code === 'timeout' || timedOut) return { ...base, exitCode: null, signal: null, timedOut: true };
  if (capped) return { ...base, exitCode: null, signal: null, timedOut: false };
  // Like process.exit(code): the exit status a parent sees is the low 8 bits.
  return { ...base, exitCode: code & 0xff, signal: null, timedOut: false };
}
