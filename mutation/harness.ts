// The judging side of `npm run mutation`, bundled to dist/mutation-harness.mjs (scripts/build.mjs) so
// that it carries its own copy of every module it uses: the runner (cases, judge), the simulator and
// src/go. Stryker mutates the sources of src/cli and of the src/go code src/cli uses; the test file
// (cases.test.ts) runs the reference from those sources, and judges it with this bundle, whose src/go
// is never mutated. A mutant of src/go therefore changes the implementation under test only, never the
// simulator that answers it nor the judge that compares its output.
// Also the fast path of a mutant run (Stryker re-imports the test file for every mutant): the loaded
// case set comes from the runner's case cache, the test keys (cloud keys, TLS identity) from its key cache.
import { join } from 'node:path';
import { loadCasesCached } from '../src/runner/cases/cache.ts';
import { selectCases } from '../src/runner/cases/select.ts';
import { cachedCloudKeys, cachedTlsIdentity } from '../src/runner/exec/keys-cache.ts';
import type { ReferenceRun } from '../src/runner/exec/in-process.ts';
import { runCase } from '../src/runner/exec/run-case.ts';
import { createSimulatorStarter } from '../src/runner/exec/simulator.ts';
import { packageRoot, paths } from '../src/runner/root.ts';
import { PROFILES, type Case, type Profile } from '../src/runner/types.ts';
import { cacheRoot } from '../src/runner/upstream/build.ts';
import { scenariosDir, type Scenario } from '../src/sim/index.ts';

export interface PlannedCase {
  /** The test's name: `<case id> [<profile>]`. */
  name: string;
  c: Case;
  profile: Profile;
}

export interface Harness {
  /** Every case and profile pair `npm test`'s suite test runs, strict level. */
  plan: PlannedCase[];
  /** Runs one planned case with `run` as the reference; the failures (empty: the case passed). */
  judge(p: PlannedCase, run: ReferenceRun): Promise<unknown[]>;
}

/**
 * MUTATION_CASES (comma-separated globs on case ids, as the runner's --filter) narrows the plan for a
 * targeted run: which of some survivors new cases kill, without running every case on each. Such a run
 * can only turn survivors into killed mutants; the full score needs the full plan (unset).
 */
export function caseFilters(env: NodeJS.ProcessEnv): string[] {
  return (env.MUTATION_CASES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * MUTATION_PROFILES (comma-separated) runs only those profiles' cases, for the same kind of targeted run: most
 * src/go behaviour is the same under every profile, and each profile more multiplies a survivor's run time.
 */
export function caseProfiles(env: NodeJS.ProcessEnv): Profile[] {
  const wanted = (env.MUTATION_PROFILES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const unknown = wanted.filter((p) => !(PROFILES as readonly string[]).includes(p));
  if (unknown.length > 0) throw new Error(`MUTATION_PROFILES: unknown profile ${unknown.join(', ')} (one of ${PROFILES.join(', ')})`);
  return wanted.length > 0 ? PROFILES.filter((p) => wanted.includes(p)) : [...PROFILES];
}

export function createHarness(): Harness {
  const scenarios = new Map<string, Scenario>();
  const all = loadCasesCached({
    dir: join(cacheRoot(process.env), 'cases'),
    codeFiles: [join(packageRoot(), 'dist', 'mutation-harness.mjs')],
    scenariosDir: scenariosDir(),
    schema: paths.schema(),
    scenarios,
  });
  const startSimulator = createSimulatorStarter(
    scenarios,
    () => cachedCloudKeys(join(cacheRoot(process.env), 'keys')),
    () => cachedTlsIdentity(join(cacheRoot(process.env), 'keys')),
  );
  const plan = caseProfiles(process.env).flatMap((profile) =>
    selectCases(all, { profile, level: 'strict', filters: caseFilters(process.env) }).selected.map((c) => ({ name: `${c.id} [${profile}]`, c, profile })),
  );
  return {
    plan,
    async judge({ c, profile }, run) {
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
      return r.verdict?.failures ?? [r.notRunReason];
    },
  };
}
