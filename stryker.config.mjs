// `npm run mutation`: StrykerJS mutates the reference CLI (src/cli/**) and judges each mutant with the
// conformance cases only (mutation/cases.test.ts, in-process; vitest.mutation.config.ts). Results and
// the documented equivalent mutants: conformance/README.md ("Mutation score").
// Not mutated: main.ts and signals.ts (the process wiring, which in-process runs do not use: the
// child-process suite covers them), testutil.ts, tests; src/go (shared with the simulator: mutating
// it would change both sides of a case).
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // related: false: the test file imports the runner, which reaches src/cli only through run.ts.
  vitest: { configFile: 'vitest.mutation.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: ['src/cli/**/*.ts', '!src/cli/**/*.test.ts', '!src/cli/testutil.ts', '!src/cli/main.ts', '!src/cli/signals.ts'],
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
