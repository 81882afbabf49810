// Runs the implementation binaries from small helper processes (spawner-main.ts, bundled as
// dist/spawner.mjs) instead of the runner's own: spawning a child costs its parent 2-3 ms of CPU
// (more in the runner, whose large heap fork copies the page tables of), and in the runner that CPU
// is taken from the one thread that also serves the simulators and judges (issue 13,
// bench/overhead.bench.mjs). A helper runs runProcess() (process.ts: execa, process groups,
// timeouts, output caps, terminals) for the cases given to it, concurrently, and sends each
// ProcessResult back over Node's IPC channel; aborting a case's signal asks the helper to kill that
// binary's process tree. --jobs N binaries run at once, shared by up to MAX_HELPERS helpers (so the
// spawning spreads over the cores); a run goes to the helper with the most free room and waits in
// its queue when it has none, so the runner can send a case as soon as it is prepared and the next
// binary starts the moment one ends (a message to an idle helper and back costs ~0.7 ms on a VM). If
// a helper cannot be started or dies, the binaries are run from this process instead (the same
// runProcess, still N at once), and the reason is kept in `fallback`.
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ProcessResult } from '../types.ts';
import { runProcess, startFailure, type RunProcessOptions } from './process.ts';

/** A request to the helper: run this binary (RunProcessOptions without the signal), or kill run `cancel`. */
export type SpawnRequest = { id: number; run: Omit<RunProcessOptions, 'signal'> } | { cancel: number };
export type SpawnReply = { id: number; result: ProcessResult };

export interface Spawner {
  run(opts: RunProcessOptions): Promise<ProcessResult>;
  /**
   * At most `binaries` binaries run at once (the run's --jobs); runs given beyond that wait in a
   * helper's queue, so a runner may keep more cases in flight than binaries (runSuite's casesInFlight).
   * Starts the helpers now (while the runner loads its cases), so that no case waits for one to boot.
   */
  prepare(binaries: number): void;
  /** Ends the helpers (their running binaries are killed). */
  close(): void;
  /** Why the binaries are run in this process after all, when they are. */
  readonly fallback: string | undefined;
}

/** At most this many helpers: spawning is CPU work, spread over the cores. */
export const MAX_HELPERS = Math.max(1, Math.min(4, availableParallelism()));

interface Helper {
  proc: ChildProcess;
  /** How many of its binaries may run at once. */
  slots: number;
  /** Its runs, queued or running. */
  pending: Map<number, { opts: RunProcessOptions; resolve: (r: ProcessResult) => void }>;
}

const channel = (h: Helper) => h.proc.channel as { ref?(): void; unref?(): void } | undefined;

export function createSpawner(entry: string, maxHelpers = MAX_HELPERS): Spawner {
  const helpers: Helper[] = [];
  let fallback: string | undefined = existsSync(entry) ? undefined : `${entry} is missing (npm run build)`;
  let next = 1;

  const giveUp = (h: Helper, why: string) => {
    fallback ??= why;
    const i = helpers.indexOf(h);
    if (i >= 0) helpers.splice(i, 1);
    // What the helper was running is lost with it (the binaries die with their process groups, or
    // finish unobserved): those runs report that they could not be watched; later ones run here.
    for (const [id, p] of h.pending) {
      h.pending.delete(id);
      p.resolve(startFailure(p.opts, `${why} while the binary ran`));
    }
  };

  // The binaries allowed at once, and how they are shared: helper i of n gets its part of them.
  let binaries = 1;
  const helperCount = () => Math.max(1, Math.min(maxHelpers, binaries));
  const slotsOf = (i: number) => Math.floor(binaries / helperCount()) + (i < binaries % helperCount() ? 1 : 0);

  const startHelper = (): Helper | undefined => {
    try {
      const slots = slotsOf(helpers.length);
      const proc = fork(entry, ['--slots', String(slots)], { serialization: 'json', stdio: ['ignore', 'ignore', 'inherit', 'ipc'], execArgv: [] });
      const h: Helper = { proc, slots, pending: new Map() };
      proc.on('message', (m: SpawnReply) => {
        const p = h.pending.get(m.id);
        h.pending.delete(m.id);
        p?.resolve(m.result);
      });
      proc.on('error', (e) => giveUp(h, `the spawn helper failed: ${e.message}`));
      proc.on('exit', (code, signal) => giveUp(h, `the spawn helper exited (${signal ?? `exit ${code}`})`));
      // An idle helper must not keep the runner alive, nor the runner wait for it.
      proc.unref();
      channel(h)?.unref?.();
      helpers.push(h);
      return h;
    } catch (e) {
      fallback = `the spawn helper could not start: ${(e as Error).message}`;
      return undefined;
    }
  };

  /** The helper with the most free room (a new one while there is room for one and none is free). */
  const pick = (): Helper | undefined => {
    if (fallback) return undefined;
    const room = (h: Helper) => h.slots - h.pending.size;
    const best = helpers.reduce<Helper | undefined>((a, b) => (a === undefined || room(b) > room(a) ? b : a), undefined);
    if ((best === undefined || room(best) <= 0) && helpers.length < helperCount()) return startHelper() ?? best;
    return best;
  };

  // After a fallback, binaries run in this process, still at most `binaries` at once.
  let localRunning = 0;
  const localWaiting: (() => void)[] = [];
  const runHere = async (opts: RunProcessOptions): Promise<ProcessResult> => {
    if (localRunning >= binaries) await new Promise<void>((resolve) => localWaiting.push(resolve));
    localRunning++;
    try {
      return await runProcess(opts);
    } finally {
      localRunning--;
      localWaiting.shift()?.();
    }
  };

  return {
    get fallback() {
      return fallback;
    },
    prepare(n) {
      binaries = Math.max(1, n);
      while (!fallback && helpers.length < helperCount()) if (!startHelper()) break;
    },
    run(opts) {
      const h = pick();
      if (!h) return runHere(opts);
      const id = next++;
      const { signal, ...run } = opts;
      return new Promise<ProcessResult>((resolve) => {
        const onAbort = () => h.proc.connected && h.proc.send({ cancel: id } satisfies SpawnRequest);
        signal?.addEventListener('abort', onAbort, { once: true });
        h.pending.set(id, {
          opts,
          resolve: (r) => {
            signal?.removeEventListener('abort', onAbort);
            if (h.pending.size === 0) channel(h)?.unref?.();
            resolve(r);
          },
        });
        // While a binary runs, the channel keeps the runner alive (as a child of its own would).
        channel(h)?.ref?.();
        h.proc.send({ id, run } satisfies SpawnRequest, (err) => {
          if (err) giveUp(h, `the spawn helper did not take a request: ${err.message}`);
        });
        if (signal?.aborted) onAbort();
      });
    },
    close() {
      fallback ??= 'the spawner was closed';
      for (const h of helpers.splice(0)) if (h.proc.connected) h.proc.disconnect();
    },
  };
}
