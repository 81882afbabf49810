import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    globalSetup: ['scripts/vitest-global-setup.mjs'],
    // One fast-check seed and run count for every property test (src/testing/properties.ts).
    setupFiles: ['src/testing/setup-properties.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    // In CI a JSON report too, from which .ci/run prints the closing 'N passed, N failed' line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'reports/vitest.json' }]] : ['default'],
  },
});
