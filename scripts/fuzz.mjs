// `npm run fuzz`: every property test (the test files that use fast-check) with a fresh random seed and
// FC_RUNS_FACTOR (default 20) times more runs. The seed is printed at the start; a failure names it again
// with the shrunk counterexample, and `FC_SEED=<seed> npm test` repeats it. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function* testFiles(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* testFiles(p);
    else if (e.name.endsWith('.test.ts')) yield p;
  }
}

const files = [...testFiles(join(root, 'src'))]
  .filter((f) => /from 'fast-check'|import\('fast-check'\)/.test(readFileSync(f, 'utf8')))
  .map((f) => relative(root, f));
const env = { ...process.env, FC_FUZZ: '1' };
delete env.FC_SEED; // a fresh seed each run, unless the caller repeats one with FC_FUZZ_SEED
if (process.env.FC_FUZZ_SEED) env.FC_SEED = process.env.FC_FUZZ_SEED;
console.log(`fuzz: ${files.length} property test files, ${env.FC_RUNS_FACTOR ?? 20}x runs`);
const r = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...files, ...process.argv.slice(2)], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(r.status ?? 1);
