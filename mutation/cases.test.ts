// The conformance cases as tests, for `npm run mutation` (StrykerJS, stryker.config.mjs) only, never
// part of `npm test`: one test per case and profile (every pair npm test's suite.test runs), run in-process
// (src/runner/exec/in-process.ts) against the reference CLI's sources (src/cli/run.ts, the files
// Stryker mutates), each with its own simulator. The simulator imports no src/cli code, and src/go
// (shared by both sides) is not mutated, so a mutant only ever changes the implementation under test.
// A mutant is killed when some case no longer passes.
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/run.ts';
// run.ts loads the handler lazily; loaded here, outside any test, its module-level code counts as
// static for Stryker (run against every case) instead of being credited to the first case that ran it.
import '../src/cli/command.ts';
import { loadCases } from '../src/runner/cases/load-cases.ts';
import { selectCases } from '../src/runner/cases/select.ts';
import { runCase } from '../src/runner/exec/run-case.ts';
import { createSimulatorStarter } from '../src/runner/exec/simulator.ts';
import { paths } from '../src/runner/root.ts';
import { PROFILES, type Case, type Profile } from '../src/runner/types.ts';

const startSimulator = createSimulatorStarter();
const all = loadCases();
const plan: { c: Case; profile: Profile }[] = PROFILES.flatMap((profile) => selectCases(all, { profile, level: 'strict', filters: [] }).selected.map((c) => ({ c, profile })));

describe('conformance cases (in-process reference)', () => {
  for (const { c, profile } of plan) {
    it(`${c.id} [${profile}]`, async () => {
      const r = await runCase(c, {
        binary: paths.referenceBin(),
        argPrefix: [],
        embeddedReference: true,
        profile,
        binEnv: {},
        timeoutMs: 10_000,
        capBytes: 1024 * 1024,
        updateGoldens: false,
        startSimulator,
        inProcess: run,
      });
      expect(r.verdict?.failures ?? r.notRunReason).toEqual([]);
    });
  }
});
