// Pseudo-terminals for cases with `terminal:` (process mode). Node cannot open a pty, so one
// long-lived Python 3 helper per process (embedded below, run as `python3 -I -S -c`, so it ships
// inside the bundle) makes them; the binary itself is execa's child like any other (process.ts: exit
// code, signal, start errors, its own process group). For each terminal the helper:
// - opens a pty pair, sets its window size, and puts the slave in raw mode, so what the binary
//   prints reaches the runner unchanged (no \n→\r\n); answers with the slave's path;
// - the runner opens that path (O_NOCTTY: nothing here needs a controlling terminal; isatty() and
//   TIOCGWINSZ, Go's terminal.GetSize, work on any tty fd), hands the fd to execa as the binary's
//   stdin and/or stdout, closes its own copy and says `opened`;
// - then the helper closes its copy too and reads the master until every copy of the slave is closed
//   (EIO): the binary and whatever inherited the terminal are gone. It keeps what was written (when
//   stdout is the terminal; drained and dropped otherwise), at most the output cap: past it, it says
//   `capped` at once (the runner stops the binary, as execa does at maxBuffer) and drops the rest;
// - answers `done` with what it kept. `close` stops reading a terminal early (the runner's grace
//   after the binary's exit, as for pipes a descendant holds open).
// One Python start per run instead of one per terminal case (~15 ms each; issue 13, point 3).
// Protocol: one line per message, ids chosen by the runner; output base64 ('-' when empty).
import { type ChildProcess, execFile, spawn } from 'node:child_process';

export const PTY_SERVER = `
import os, sys, fcntl, termios, struct, tty, selectors, base64, _signal
_signal.signal(_signal.SIGINT, _signal.SIG_IGN)  # Ctrl-C stops the runner, which ends this helper
sel = selectors.DefaultSelector()
pending = {}  # id -> (master, slave, relay, cap) until the runner has opened the slave
reading = {}  # master -> [id, relay, cap, chunks, kept, capped]
out = sys.stdout.buffer
def send(*words):
    out.write(' '.join(words).encode() + b'\\n')
    out.flush()
def finish(m):
    sel.unregister(m)
    os.close(m)
    i, relay, cap, chunks, kept, capped = reading.pop(m)
    send('done', i, base64.b64encode(b''.join(chunks)).decode() or '-')
def command(words):
    cmd, i = words[0], words[1]
    if cmd == 'open':
        cols, rows, relay, cap = (int(w) for w in words[2:6])
        m, s = os.openpty()
        fcntl.ioctl(s, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
        tty.setraw(s)  # bytes pass unchanged
        pending[i] = (m, s, relay, cap)
        send('path', i, os.ttyname(s))
    elif cmd == 'opened':
        m, s, relay, cap = pending.pop(i)
        os.close(s)
        reading[m] = [i, relay, cap, [], 0, False]
        sel.register(m, selectors.EVENT_READ)
    elif cmd == 'close':
        if i in pending:
            m, s, _, _ = pending.pop(i)
            os.close(s)
            reading[m] = [i, 0, 0, [], 0, False]
            sel.register(m, selectors.EVENT_READ)
        for m, st in list(reading.items()):
            if st[0] == i:
                finish(m)
sel.register(0, selectors.EVENT_READ)
buf = b''
while True:
    for key, _ in sel.select():
        fd = key.fd
        if fd == 0:
            b = os.read(0, 65536)
            if not b:  # the runner is gone
                sys.exit(0)
            buf += b
            while b'\\n' in buf:
                line, buf = buf.split(b'\\n', 1)
                command(line.decode().split(' '))
            continue
        try:
            b = os.read(fd, 65536)
        except OSError:  # EIO: every copy of the slave is closed
            b = b''
        if not b:
            finish(fd)
            continue
        st = reading[fd]
        if not st[1] or st[5]:
            continue
        room = st[2] - st[4]
        st[3].append(b[:room])
        st[4] += min(len(b), room)
        if len(b) > room:
            st[5] = True
            send('capped', st[0])
`;

let python: Promise<string | undefined> | undefined;

/**
 * The python3 interpreter's own path (sys.executable), asked once of the `python3` on the runner's
 * PATH: running it directly skips wrappers such as pyenv's shims. Undefined when there is no python3.
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

/** One terminal of the helper: open its `path`, then say `opened()`; `output` settles when it is closed everywhere. */
export interface PtyTerminal {
  path: string;
  opened(): void;
  /** Stop reading now (what was read so far is the output). */
  close(): void;
  /** Settles once, when the output passed the cap (the binary should be stopped). */
  capped: Promise<void>;
  output: Promise<Buffer>;
}

interface Waiter {
  path(p: string): void;
  capped(): void;
  done(data: Buffer): void;
  fail(why: string): void;
}

let helper: { proc: ChildProcess; waiters: Map<string, Waiter> } | undefined;
let nextId = 1;

function ref(on: boolean) {
  const h = helper;
  if (!h) return;
  for (const x of [h.proc, h.proc.stdin, h.proc.stdout] as ({ ref(): void; unref(): void } | null)[]) {
    if (on) x?.ref();
    else x?.unref();
  }
}

async function startHelper(): Promise<NonNullable<typeof helper> | string> {
  if (helper) return helper;
  const py = await findPython();
  if (py === undefined) return 'python3 not found on PATH: a case with `terminal:` gets its pseudo-terminal from a python3 helper';
  if (helper) return helper;
  const proc = spawn(py, ['-I', '-S', '-c', PTY_SERVER], { stdio: ['pipe', 'pipe', 'pipe'] });
  const h = { proc, waiters: new Map<string, Waiter>() };
  helper = h;
  let stderr = '';
  let lineBuf = '';
  proc.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr = (stderr + s).slice(-2000);
  });
  proc.stdout?.setEncoding('utf8').on('data', (s: string) => {
    lineBuf += s;
    let nl = lineBuf.indexOf('\n');
    while (nl >= 0) {
      const [what, id, arg] = lineBuf.slice(0, nl).split(' ');
      lineBuf = lineBuf.slice(nl + 1);
      nl = lineBuf.indexOf('\n');
      const w = h.waiters.get(id);
      if (what === 'path') w?.path(arg);
      else if (what === 'capped') w?.capped();
      else if (what === 'done') {
        h.waiters.delete(id);
        w?.done(arg === '-' ? Buffer.alloc(0) : Buffer.from(arg, 'base64'));
        if (h.waiters.size === 0) ref(false);
      }
    }
  });
  const gone = (why: string) => {
    if (helper === h) helper = undefined;
    for (const w of h.waiters.values()) w.fail(`the pty helper ${why}${stderr ? `: ${stderr.trim()}` : ''}`);
    h.waiters.clear();
  };
  proc.on('error', (e) => gone(`failed: ${e.message}`));
  proc.on('exit', (code, signal) => gone(`exited (${signal ?? `exit ${code}`})`));
  proc.stdin?.on('error', () => undefined); // a helper that died is reported by 'exit'
  ref(false);
  return h;
}

/**
 * A new terminal of `columns` x `rows`; `relay`: keep what is written to it (stdout is the terminal),
 * at most `cap` bytes. A string when no terminal can be had (the reason).
 */
export async function openTerminal(columns: number, rows: number, relay: boolean, cap: number): Promise<PtyTerminal | string> {
  const h = await startHelper();
  if (typeof h === 'string') return h;
  const id = String(nextId++);
  const send = (line: string) => {
    if (h.proc.stdin?.writable) h.proc.stdin.write(`${line}\n`);
  };
  let onCapped: () => void = () => undefined;
  const capped = new Promise<void>((resolve) => {
    onCapped = resolve;
  });
  let settle: { done(b: Buffer): void; fail(why: string): void } = { done: () => undefined, fail: () => undefined };
  const output = new Promise<Buffer>((resolve, reject) => {
    settle = { done: resolve, fail: (why) => reject(new Error(why)) };
  });
  output.catch(() => undefined); // a caller that never awaits it must not see an unhandled rejection
  return new Promise<PtyTerminal | string>((resolve) => {
    h.waiters.set(id, {
      path: (path) =>
        resolve({
          path,
          opened: () => send(`opened ${id}`),
          close: () => send(`close ${id}`),
          capped,
          output,
        }),
      capped: onCapped,
      done: (b) => settle.done(b),
      fail: (why) => {
        settle.fail(why);
        resolve(why);
      },
    });
    ref(true);
    send(`open ${id} ${columns} ${rows} ${relay ? 1 : 0} ${cap}`);
  });
}
