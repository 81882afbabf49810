// `npm run mutation`: StrykerJS mutates the reference CLI (src/cli/**) and the src/go code it uses, and
// judges each mutant with the conformance cases only (mutation/cases.test.ts, in-process;
// vitest.mutation.config.ts). The judging side (runner, simulator, their own src/go) is a separate
// bundle, dist/mutation-harness.mjs, which Stryker never mutates: a mutant of src/go changes the CLI
// under test only. Results and the documented survivors: conformance/README.md ("Mutation score").
// Not mutated: main.ts and signals.ts (the process wiring, which in-process runs do not use: the
// child-process suite covers them), testutil.ts, tests; of src/go, the top-level statements esbuild drops
// from run()'s bundle and the generated Unicode tables (mutation/scope.mjs).
import { readFileSync } from 'node:fs';
import { goMutateRanges } from './mutation/scope.mjs';

/** `src/go/<file>:<first>-<last>` for each top-level statement of src/go that run() bundles. */
const goRanges = goMutateRanges(process.cwd(), (file) => readFileSync(file, 'utf8'));

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: the test file imports the runner, which reaches src/cli only through run.ts.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/cli/**/*.ts', '!src/cli/**/*.test.ts', '!src/cli/testutil.ts', '!src/cli/main.ts', '!src/cli/signals.ts', ...goRanges],
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
