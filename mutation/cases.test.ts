// The conformance cases as tests, for `npm run mutation` (StrykerJS, stryker.config.mjs) only, never
// part of `npm test`: one test per case and profile (every pair npm test's suite.test runs), run in-process
// against the reference CLI's sources (src/cli/run.ts and the src/go code it imports: the files Stryker
// mutates). Cases, simulators and the judge come from dist/mutation-harness.mjs (mutation/harness.ts,
// built by `npm run build`), which has its own unmutated src/go: a mutant only ever changes the
// implementation under test. A mutant is killed when some case no longer passes.
import { describe, expect, it } from 'vitest';
// @ts-expect-error the bundle has no declarations; its interface is mutation/harness.ts'
import { createHarness as createBundled } from '../dist/mutation-harness.mjs';
import { run } from '../src/cli/run.ts';
// run.ts loads the handler lazily; loaded here, outside any test, its module-level code counts as
// static for Stryker (run against every case) instead of being credited to the first case that ran it.
import '../src/cli/command.ts';
import type { createHarness } from './harness.ts';

const harness = (createBundled as typeof createHarness)();

describe('conformance cases (in-process reference)', () => {
  for (const p of harness.plan) {
    it(p.name, async () => {
      expect(await harness.judge(p, run)).toEqual([]);
    });
  }
});
