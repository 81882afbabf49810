// Runs a binary on a pseudo-terminal for cases with `terminal:` (process mode). Node cannot open a
// pty, so a tiny Python 3 helper (embedded below, run with `python3 -I -S -c` (no site module: a faster start), so it ships inside the
// bundle) opens one, sets its window size, forks, and execs the binary with the pty's slave as its
// stdin and/or stdout; stderr stays the runner's pipe. The helper:
// - puts the slave in raw mode, so what the binary prints reaches the runner unchanged (no \n→\r\n);
// - does NOT call setsid(): the binary stays in the helper's process group, which the runner leads
//   (execa `detached`), so a timeout's group kill reaches it. Nothing here needs the pty to be the
//   controlling terminal: isatty() and TIOCGWINSZ (Go's terminal.GetSize(0)) work on any tty fd;
// - relays the master's output to its own stdout when stdout is the terminal (drained and dropped
//   otherwise), until the slave is closed everywhere (EIO);
// - exits with the binary's exit code, or dies by the same signal (so exitCode/signal stay truthful);
// - when the binary cannot be executed, prints `pty helper: exec failed: …` and exits 127, which
//   process.ts reports as a start error.
import { execFile } from 'node:child_process';
import type { Terminal } from '../types.ts';

export const PTY_EXEC_FAILED = 'pty helper: exec failed: ';

/**
 * argv: <stdin 0|1> <stdout 0|1> <columns> <rows> <n> <n KEY=VALUE> <file> [args...]. The
 * environment is handed over as arguments, not inherited: Python itself adds LC_CTYPE=C.UTF-8 to its
 * own environment under the C locale (PEP 538), which the binary must not see. The helper imports
 * only C modules and tty (json, signal and their imports cost it 10 ms of its 20 ms start):
 * `_signal` is the C module under `signal`.
 */
export const PTY_HELPER = `
import os, sys, fcntl, termios, struct, tty
i, o, cols, rows, n = (int(a) for a in sys.argv[1:6])
env = dict(e.split('=', 1) for e in sys.argv[6:6 + n])
argv = sys.argv[6 + n:]
m, s = os.openpty()
fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
tty.setraw(s)  # bytes pass unchanged
pid = os.fork()
if pid == 0:
    os.close(m)
    if i: os.dup2(s, 0)
    if o: os.dup2(s, 1)
    os.close(s)
    try:
        os.execvpe(argv[0], argv, env)
    except OSError as e:
        os.write(2, ('${PTY_EXEC_FAILED}%s: %s\\n' % (argv[0], e.strerror)).encode())
        os._exit(127)
os.close(s)
while True:  # until every copy of the slave is closed: EIO (Linux) or EOF
    try:
        b = os.read(m, 65536)
    except OSError:
        break
    if not b:
        break
    if o:
        while b:
            b = b[os.write(1, b):]
_, st = os.waitpid(pid, 0)
if os.WIFSIGNALED(st):  # die by the same signal (SIGKILL/SIGSTOP have no handler to reset)
    import _signal
    try:
        _signal.signal(os.WTERMSIG(st), _signal.SIG_DFL)
    except (OSError, ValueError):
        pass
    os.kill(os.getpid(), os.WTERMSIG(st))
sys.exit(os.waitstatus_to_exitcode(st))
`;

let python: Promise<string | undefined> | undefined;

/**
 * The python3 interpreter's own path (sys.executable), asked once of the `python3` on the runner's
 * PATH: running it directly skips wrappers such as pyenv's shims, which would change the binary's
 * environment (PATH) and cost a shell start per case. Undefined when there is no python3.
 */
export function findPython(): Promise<string | undefined> {
  python ??= new Promise((resolve) => {
    execFile('python3', ['-I', '-c', 'import sys; print(sys.executable)'], { env: process.env }, (err, out) => {
      const path = out?.trim();
      resolve(err || !path ? undefined : path);
    });
  });
  return python;
}

const envArgs = (env: Record<string, string>) => {
  const pairs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  return [String(pairs.length), ...pairs];
};

/** The helper's command line running `file args` on the case's terminal. */
export function ptyCommand(python: string, t: Terminal, file: string, args: string[], env: Record<string, string>): { file: string; args: string[] } {
  const flag = (b: boolean | undefined) => (b ? '1' : '0');
  return {
    file: python,
    args: ['-I', '-S', '-c', PTY_HELPER, flag(t.stdin), flag(t.stdout), String(t.columns), String(t.rows ?? 24), ...envArgs(env), file, ...args],
  };
}
