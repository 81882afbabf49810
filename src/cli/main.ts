// Process entry of the reference `coder` (bundled to dist/coder.cjs, run by bin/coder): wires run()
// to argv/env/stdio, installs stop-signal handling only while the handler runs (SIGINT, SIGTERM,
// SIGHUP; SIGINT only on Windows: first signal cancels, later ones are swallowed; outside the handler
// Node's default = die by the signal), then exits with run()'s code.
// Cold start: stdout/stderr are written with fs.writeSync on fds 1/2 (every byte is out before exit, and
// process.stdout/node:tty/node:net are never loaded); TTY checks and the terminal width are computed
// only when an error or help is actually printed, and node:tty only when the descriptor may be a terminal.
// The bundle is CommonJS, one file: Node's ES module loader alone costs ~8 ms of CPU per start, more
// than the whole bundle's compilation (bench/cold-start.bench.mjs).
import { fstatSync, statSync, writeSync } from 'node:fs';
import { goStringBytes } from '../go/index.ts';
import { run } from './run.ts';
import { notifySignals } from './signals.ts';

/** A writer that puts every byte on the fd before returning (retrying EAGAIN on non-blocking pipes). */
function fdWriter(fd: number) {
  return {
    write(s: string | Uint8Array) {
      // A Go string's bytes: a byte that is not UTF-8 travels as U+DC80+byte (goStringFromBytes).
      let buf = typeof s === 'string' ? goStringBytes(s) : s;
      while (buf.length > 0) {
        try {
          buf = buf.subarray(writeSync(fd, buf));
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
        }
      }
      return true;
    },
  };
}

// The bundle is CommonJS (scripts/build.mjs), where `require` loads a built-in module on demand.
const tty = () => require('node:tty') as typeof import('node:tty');

/**
 * isatty(fd), without loading node:tty (with node:net and the streams: ~10 ms of CPU) when the answer is
 * plainly no: what is not a character device (a pipe, a file, a socket) is no terminal, and neither is
 * /dev/null (a character device; a binary's stdin when it is given none). Elsewhere, and on Windows, ask node:tty.
 */
function isatty(fd: number): boolean {
  if (process.platform !== 'win32') {
    try {
      const st = fstatSync(fd);
      if (!st.isCharacterDevice()) return false;
      const devNull = statSync('/dev/null');
      if (st.rdev === devNull.rdev) return false;
    } catch {
      // a closed descriptor: let node:tty answer
    }
  }
  return tty().isatty(fd);
}

/**
 * Go's terminal.GetSize(0): the window size of stdin, only when stdin is a terminal (so `--help > file`
 * typed at a terminal still wraps to the terminal's width). Node exposes the size of a TTY handle only
 * through its (undocumented) getWindowSize; if that is unavailable, the width of stdout (else stderr).
 */
function termWidth(): number | undefined {
  if (!isatty(0)) return undefined;
  const t = tty();
  try {
    const rs = new t.ReadStream(0) as unknown as { _handle?: { getWindowSize?(out: number[]): number } };
    const size: number[] = [];
    // A terminal of 0 columns is width 0, as in Go (help/terminal-width-0), not the default 80.
    if (rs._handle?.getWindowSize?.(size) === 0 && size[0] >= 0) return size[0];
  } catch {
    // fall back to the output terminals below
  }
  for (const fd of [1, 2]) {
    if (t.isatty(fd)) {
      const cols = new t.WriteStream(fd).columns;
      if (cols) return cols;
    }
  }
  return undefined;
}

const stderr = fdWriter(2);

async function main(): Promise<never> {
  let code: number;
  try {
    code = await run({
      argv: process.argv.slice(2),
      env: process.env,
      stdout: fdWriter(1),
      stderr,
      stdoutIsTTY: () => isatty(1),
      termWidth,
      notifySignals,
    });
  } catch (e) {
    // A bug in the reference CLI, not an upstream behaviour: say so plainly, exit 2 (like a usage error).
    stderr.write(`coder-reference: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    code = 2;
  }
  process.exit(code);
}

void main();
