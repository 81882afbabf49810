// vitest config of `npm run mutation` (stryker.config.mjs): only the conformance cases as tests
// (mutation/cases.test.ts), in-process against src/cli's sources. Not part of `npm test`.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['mutation/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { PACT_DO_NOT_TRACK: 'true' },
    // The judging bundle is loaded by Node as it is (not transformed by vite): it is never mutated.
    server: { deps: { external: [/\/dist\/mutation-harness\.mjs$/] } },
  },
});
