import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { defineConfig } from 'vitest/config';

/**
 * The longest files first (longest-processing-time scheduling): on a clean clone vitest has no timings and
 * starts the largest files first, which put in-process.test.ts (~110 s: every case in process mode and
 * in-process) at ~75 s into a ~190 s run, running alone at the end (issue 13, point 4). Durations
 * measured on this project's 2-core machine; files not listed keep vitest's order after these.
 */
const LONGEST_FIRST = [
  'src/runner/in-process.test.ts',
  'src/runner/foreign.test.ts',
  'src/runner/suite.test.ts',
  'src/sim/contract-sweep.test.ts',
  'src/package/pack.test.ts',
  'src/contracts/verify.test.ts',
  'src/runner/selftest.test.ts',
];

for (const name of LONGEST_FIRST) {
  if (!existsSync(name)) throw new Error(`vitest.config.ts LONGEST_FIRST names ${name}, which does not exist: update the list`);
}

class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (f: TestSpecification) => {
      const i = LONGEST_FIRST.findIndex((name) => f.moduleId.endsWith(`/${name}`));
      return i < 0 ? LONGEST_FIRST.length : i;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['scripts/vitest-global-setup.mjs'],
    // One fast-check seed and run count for every property test (src/testing/properties.ts).
    setupFiles: ['src/testing/setup-properties.ts'],
    pool: 'forks',
    // One worker more than cores: vitest's default (cores - 1) is one on this project's 2-core machines, and
    // many files mostly wait on child processes and sockets. Two workers left a quarter of the CPU idle in
    // the last minute (vmstat); three keep it busy (issue 13: 233 s -> 165 s with two, 167 s -> 155 s with three).
    maxWorkers: availableParallelism() + 1,
    // Test files share a worker's module cache instead of each re-importing msw, undici, the runner and
    // the simulator (import time 45 s -> 9 s, CPU 305 s -> 186 s). This holds because no test mocks a
    // module or stubs a global, and every file closes the servers it starts; keep it so.
    isolate: false,
    sequence: { sequencer: LongestFirst },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    // In CI a JSON report too, from which .ci/run prints the closing 'N passed, N failed' line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
