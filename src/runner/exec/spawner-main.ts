// The spawn helper's process (dist/spawner.mjs; see spawner.ts): takes run requests over the IPC
// channel, runs each binary with runProcess() concurrently, and answers with its ProcessResult. A
// `cancel` kills that binary's process tree. When the runner goes away (the channel closes), every
// binary still running is killed and the helper exits. SIGINT/SIGTERM from a terminal reach the
// runner too; the helper leaves stopping to it (the runner cancels its runs, then disconnects).
import type { SpawnReply, SpawnRequest } from './spawner.ts';
import { runProcess } from './process.ts';

const running = new Map<number, AbortController>();

for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => undefined);

process.on('message', (m: SpawnRequest) => {
  if ('cancel' in m) {
    running.get(m.cancel)?.abort();
    return;
  }
  const ac = new AbortController();
  running.set(m.id, ac);
  runProcess({ ...m.run, signal: ac.signal }).then((result) => {
    running.delete(m.id);
    if (process.connected) process.send?.({ id: m.id, result } satisfies SpawnReply);
  });
});

process.on('disconnect', () => {
  for (const ac of running.values()) ac.abort();
  // Let the killed runs settle (their trees are killed synchronously on abort), then go.
  setTimeout(() => process.exit(0), 100).unref();
});
