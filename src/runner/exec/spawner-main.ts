// The spawn helper's process (dist/spawner.mjs; see spawner.ts): takes run requests over the IPC
// channel and runs each binary with runProcess(), at most `--slots N` at once (argv; default 1): the
// runner sends a case as soon as it is prepared, so the next binary here starts the moment one ends,
// without waiting for a message from the runner. Answers each with its ProcessResult. A `cancel`
// kills that binary's process tree, or drops the request if it has not started. When the runner goes
// away (the channel closes), every binary still running is killed and the helper exits.
// SIGINT/SIGTERM from a terminal reach the runner too; the helper leaves stopping to it (the runner
// cancels its runs, then disconnects).
import type { SpawnReply, SpawnRequest } from './spawner.ts';
import { runProcess, startFailure } from './process.ts';

const slotsArg = process.argv.indexOf('--slots');
const slots = Math.max(1, Number(slotsArg >= 0 ? process.argv[slotsArg + 1] : 1) || 1);
const running = new Map<number, AbortController>();
const queue: Extract<SpawnRequest, { run: unknown }>[] = [];

for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => undefined);

const reply = (r: SpawnReply) => {
  if (process.connected) process.send?.(r);
};

function startNext(): void {
  while (running.size < slots && queue.length > 0) {
    const m = queue.shift() as (typeof queue)[number];
    const ac = new AbortController();
    running.set(m.id, ac);
    runProcess({ ...m.run, signal: ac.signal }).then((result) => {
      running.delete(m.id);
      startNext();
      reply({ id: m.id, result });
    });
  }
}

process.on('message', (m: SpawnRequest) => {
  if ('cancel' in m) {
    const waiting = queue.findIndex((q) => q.id === m.cancel);
    if (waiting >= 0) {
      const [q] = queue.splice(waiting, 1);
      reply({ id: q.id, result: startFailure(q.run, 'the run was interrupted before the binary started') });
    }
    running.get(m.cancel)?.abort();
    return;
  }
  queue.push(m);
  startNext();
});

process.on('disconnect', () => {
  queue.length = 0;
  for (const ac of running.values()) ac.abort();
  // Let the killed runs settle (their trees are killed synchronously on abort), then go.
  setTimeout(() => process.exit(0), 100).unref();
});
