import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['scripts/vitest-global-setup.mjs'],
    // One fast-check seed and run count for every property test (src/testing/properties.ts).
    setupFiles: ['src/testing/setup-properties.ts'],
    pool: 'forks',
    // At least two workers: vitest's default (cores - 1) is one on this project's 2-core machines, and
    // many files mostly wait on child processes and sockets (issue 13: 233 s -> 165 s).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Test files share a worker's module cache instead of each re-importing msw, undici, the runner and
    // the simulator (import time 45 s -> 9 s, CPU 305 s -> 186 s). This holds because no test mocks a
    // module or stubs a global, and every file closes the servers it starts; keep it so.
    isolate: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    // In CI a JSON report too, from which .ci/run prints the closing 'N passed, N failed' line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
