// Process entry of the reference `coder` (bundled to dist/coder.mjs, run by bin/coder): wires run()
// to argv/env/stdio, installs stop-signal handling only while the handler runs (SIGINT, SIGTERM,
// SIGHUP; SIGINT only on Windows: first signal cancels, later ones are swallowed; outside the handler
// Node's default = die by the signal), flushes stdout/stderr fully, then exits with run()'s code.
import { isatty } from 'node:tty';
import { run } from './run.ts';
import { ErrCanceledCtx } from './errors/model.ts';

const STOP_SIGNALS: NodeJS.Signals[] = process.platform === 'win32' ? ['SIGINT'] : ['SIGINT', 'SIGTERM', 'SIGHUP'];

function notifySignals() {
  const ctl = new AbortController();
  const onSignal = () => {
    if (!ctl.signal.aborted) ctl.abort(ErrCanceledCtx);
  };
  for (const s of STOP_SIGNALS) process.on(s, onSignal);
  return {
    signal: ctl.signal,
    stop: () => {
      for (const s of STOP_SIGNALS) process.off(s, onSignal);
    },
  };
}

function flush(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    if (stream.writableLength === 0) resolve();
    else stream.write('', () => resolve());
  });
}

/** Go's terminal.GetSize(0): only when stdin is a terminal; Node knows sizes of output TTYs only. */
function termWidth(): number | undefined {
  if (!isatty(0)) return undefined;
  return process.stdout.columns || process.stderr.columns || undefined;
}

const args = process.argv.slice(2);
const code = await run({
  argv: args,
  env: process.env,
  stdout: process.stdout,
  stderr: process.stderr,
  stdoutIsTTY: process.stdout.isTTY === true,
  termWidth: termWidth(),
  notifySignals,
});
await Promise.all([flush(process.stdout), flush(process.stderr)]);
process.exit(code);
