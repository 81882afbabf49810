// `npm run soak -- N [run options]`: the flake gate. Runs the whole conformance suite against the
// embedded reference CLI N times (default 20); every second run has a second suite run loading both
// cores at the same time (restarted until the measured run ends, then stopped). Lists every case
// whose verdict (outcome and failure kinds) changed between runs, and every case that never passed.
// Extra arguments go to each measured run (e.g. --profile pr26883). Exit 0 only with no flake and
// no failure. The per-run verdicts are written to reports/soak.json.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(root, 'bin', 'coder-conformance');
const [first, ...rest] = process.argv.slice(2);
const n = first === undefined ? 20 : Number(first);
if (!Number.isInteger(n) || n < 1 || n > 1000) {
  console.error(`usage: npm run soak -- N [run options]   (N: runs, 1-1000, got ${JSON.stringify(first)})`);
  process.exit(2);
}
const extra = rest;

function runSuite(args, { detachedGroup = false } = {}) {
  const child = spawn(process.execPath, [BIN, 'run', ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], detached: detachedGroup });
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  const done = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** A second suite run, restarted until stop(); its process group is killed at the end. */
function startLoad() {
  let current;
  let stopped = false;
  let runs = 0;
  const loop = (async () => {
    while (!stopped) {
      current = runSuite(['--reporter', 'json', '--out', join(work, 'load.json')], { detachedGroup: true });
      await current.done;
      runs++;
    }
  })();
  return {
    async stop() {
      stopped = true;
      try {
        process.kill(-current.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
      await loop;
      return runs;
    },
  };
}

await buildAll();
const work = mkdtempSync(join(tmpdir(), 'soak-'));
const verdicts = new Map(); // id -> array of verdict strings per run
const runsInfo = [];
console.log(
  `soak: ${n} runs of the whole suite against the reference${extra.length ? ` (${extra.join(' ')})` : ''}; odd-numbered runs alone, even-numbered ones with a second suite run loading the machine`,
);
try {
  for (let i = 1; i <= n; i++) {
    const loaded = i % 2 === 0;
    const load = loaded ? startLoad() : undefined;
    const out = join(work, `run-${i}.json`);
    const t0 = performance.now();
    const r = await runSuite(['--reporter', 'json', '--out', out, ...extra]).done;
    const secs = (performance.now() - t0) / 1000;
    const loadRuns = load ? await load.stop() : 0;
    let report;
    try {
      report = JSON.parse(readFileSync(out, 'utf8'));
    } catch {
      console.log(`run ${i}: no report (exit ${r.code ?? r.signal}): ${r.stderr.trim()}`);
      process.exitCode = 1;
      continue;
    }
    for (const x of report.results) {
      const kinds = (x.verdict?.failures ?? [])
        .map((f) => f.kind)
        .sort()
        .join('+');
      const v = x.outcome === 'pass' ? 'pass' : `${x.outcome}${kinds ? `(${kinds})` : ''}${x.notRunReason ? `(${x.notRunReason})` : ''}`;
      if (!verdicts.has(x.id)) verdicts.set(x.id, new Array(n).fill('absent'));
      verdicts.get(x.id)[i - 1] = v;
    }
    const c = report.counts;
    runsInfo.push({ run: i, loaded, exit: r.code, seconds: Number(secs.toFixed(1)), counts: c });
    console.log(
      `run ${i}/${n}${loaded ? ' (loaded)' : ''}: exit ${r.code}, ${c.passed}/${c.selected} passed, ${c.failed} failed, ${c.skipped} not run, ${secs.toFixed(1)}s${loaded ? `, ${loadRuns} load run(s)` : ''}`,
    );
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const flaky = [];
const failing = [];
for (const [id, vs] of [...verdicts].sort(([a], [b]) => a.localeCompare(b))) {
  const distinct = new Set(vs);
  if (distinct.size > 1) flaky.push({ id, verdicts: vs });
  else if (!distinct.has('pass')) failing.push({ id, verdict: vs[0] });
}
mkdirSync(join(root, 'reports'), { recursive: true });
writeFileSync(join(root, 'reports', 'soak.json'), JSON.stringify({ runs: runsInfo, flaky, failing, verdicts: Object.fromEntries(verdicts) }, null, 2) + '\n');
console.log(`\nsoak: ${n} runs, ${verdicts.size} cases, ${flaky.length} flaky, ${failing.length} failing in every run (details: reports/soak.json)`);
for (const f of flaky) {
  console.log(`  FLAKY ${f.id}: ${f.verdicts.map((v, i) => `${i + 1}${(i + 1) % 2 === 0 ? 'L' : ''}=${v}`).join(' ')}`);
}
for (const f of failing) console.log(`  FAILING ${f.id}: ${f.verdict}`);
if (flaky.length || failing.length || runsInfo.some((r) => r.exit !== 0)) process.exitCode = 1;
