// `npm run mutation`: StrykerJS mutates the reference CLI (src/cli/**) and the src/go code it uses, and
// judges each mutant with the conformance cases only (mutation/cases.test.ts, in-process;
// vitest.mutation.config.ts). The judging side (runner, simulator, their own src/go) is a separate
// bundle, dist/mutation-harness.mjs, which Stryker never mutates: a mutant of src/go changes the CLI
// under test only. Results and the documented survivors: conformance/README.md ("Mutation score").
// Not mutated: main.ts and signals.ts (the process wiring, which in-process runs do not use: the
// child-process suite covers them), testutil.ts, tests; of src/go, the files run() does not bundle
// (dist/coder-run.meta.json, written by `npm run build`) and the generated Unicode tables (data
// generated from @unicode/unicode-15.0.0 and checked against it by src/go/unicode.test.ts).
import { existsSync, readFileSync } from 'node:fs';

const META = 'dist/coder-run.meta.json';
if (!existsSync(META)) throw new Error(`${META} is missing: run \`npm run build\` first (npm run mutation does)`);
/** The src/go files bundled into the reference's run(), i.e. the Go semantics the CLI relies on. */
const goFiles = [
  ...new Set(
    Object.values(JSON.parse(readFileSync(META, 'utf8')).outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, i]) => i.bytesInOutput > 0)
        .map(([f]) => f),
    ),
  ),
]
  .filter((f) => f.startsWith('src/go/') && f !== 'src/go/unicode-tables.ts')
  .sort();

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: the test file imports the runner, which reaches src/cli only through run.ts.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/cli/**/*.ts', '!src/cli/**/*.test.ts', '!src/cli/testutil.ts', '!src/cli/main.ts', '!src/cli/signals.ts', ...goFiles],
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 2),
  timeoutMS: 15_000,
  reporters: ['clear-text', 'progress-append-only', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  tempDirName: 'node_modules/.cache/stryker-tmp',
  cleanTempDir: true,
  thresholds: { high: 90, low: 80, break: null },
};
