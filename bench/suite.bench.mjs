// Suite wall time against the embedded reference CLI vs. the same invocations run bare (execa
// only: simulators pre-started outside the timing, no per-case simulator, temp HOME, journal,
// judging or report). Median of several runs per profile; prints both and the ratio.
// Usage: npm run bench (after npm run build), or: node bench/run.mjs suite
import { execa } from 'execa';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bundleTs } from '../scripts/build.mjs';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const jobs = availableParallelism();

// Bundle bench/bare.ts (npm packages external), keeping each module's own import.meta.url.
const outfile = path.join(root, 'node_modules', '.cache', 'runner', 'bare.mjs');
await bundleTs(path.join(root, 'bench/bare.ts'), outfile);
const { prepareBare, runBare } = await import(pathToFileURL(outfile).href);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(2)}s`;

for (const profile of ['pr24325', 'pr26883', 'pre-agent-name']) {
  const suite = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = await execa(
      process.execPath,
      [path.join(root, 'bin/coder-conformance'), 'run', '--profile', profile, '--reporter', 'json', '--jobs', String(jobs)],
      { cwd: root, reject: false, maxBuffer: 1 << 30 },
    );
    suite.push(performance.now() - t0);
    if (r.exitCode !== 0) console.log(`  warning: suite run exited ${r.exitCode} (${profile})`);
  }
  const plan = await prepareBare(profile);
  const bare = [];
  try {
    for (let i = 0; i < RUNS; i++) bare.push(await runBare(plan, jobs));
  } finally {
    await plan.close();
  }
  const s = median(suite);
  const b = median(bare);
  console.log(
    `suite ${profile}: ${plan.invocations.length} cases, --jobs ${jobs}, median of ${RUNS}: runner ${secs(s)}, bare ${secs(b)}, ratio ${(s / b).toFixed(2)}x`,
  );
}
