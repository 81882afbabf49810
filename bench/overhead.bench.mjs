// Runner overhead: the whole suite (every case of the default profile) run by the runner against a
// trivial native binary (/bin/true: every case fails fast, which is the point: the binary costs
// nothing, so what is left is the runner) vs. a bare loop spawning the same binary the same number
// of times with the same parallelism (execa, no simulator, no temp dirs, no judging, no report).
// Prints both wall times and the ratio (target <= 2x). Usage: npm run bench, or node bench/run.mjs overhead
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jobs = availableParallelism();
const bin = ['/bin/true', '/usr/bin/true'].find((p) => existsSync(p));
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(2)}s`;

if (!bin) {
  console.log('overhead: no /bin/true on this machine, skipped');
} else {
  // Runner and bare loop take turns, so that a change in the machine's load over the runs weighs on both.
  const runner = [];
  const bare = [];
  let cases = 0;
  const runRunner = async () => {
    const t0 = performance.now();
    const r = await execa(process.execPath, [path.join(root, 'bin/coder-conformance'), 'run', '--bin', bin, '--reporter', 'json', '--jobs', String(jobs)], {
      cwd: root,
      reject: false,
      maxBuffer: 1 << 30,
    });
    cases = JSON.parse(r.stdout).counts.run;
    return performance.now() - t0;
  };
  const runBare = async () => {
    const t0 = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: jobs }, async () => {
        while (next < cases) {
          next++;
          await execa(bin, ['external-auth', 'access-token', 'github'], { extendEnv: false, env: { PATH: process.env.PATH }, stdin: 'ignore', reject: false });
        }
      }),
    );
    return performance.now() - t0;
  };
  await runRunner(); // warm-up: the case cache and the key cache are filled, as on any later run
  for (let i = 0; i < RUNS; i++) {
    runner.push(await runRunner());
    bare.push(await runBare());
  }
  const r = median(runner);
  const b = median(bare);
  console.log(
    `overhead: ${cases} cases against ${bin}, --jobs ${jobs}, median of ${RUNS} alternating runs after a warm-up run: runner ${secs(r)} (process start included), bare loop ${secs(b)}, ratio ${(r / b).toFixed(2)}x (load average ${loadavg()[0].toFixed(1)})`,
  );
}
