// Runs the selected cases in parallel (stable report order), applies known failures, computes
// coverage and assembles the RunReport with its exit code.
import { computeCoverage, type ContractOperation } from '../report/coverage.ts';
import { applyKnownFailures, todayUtc, type KnownFailure } from '../cases/known-failures.ts';
import { runPool } from './pool.ts';
import { runCase, type CaseRunOptions } from './run-case.ts';
import type { Selection } from '../cases/select.ts';
import type { SuiteInfo } from '../report/suite-info.ts';
import { countResults, exitCodeFor, failureKinds, normalisationCounts, type RunReport } from '../report/summary.ts';
import type { Case, CaseResult, Level } from '../types.ts';

export const ENVIRONMENT_RULES = [
  'nothing inherited from the caller except PATH',
  'HOME and TMPDIR = a fresh temp dir per case (also the working directory)',
  'TZ=UTC',
  'LANG=C.UTF-8',
  'stdin is not a terminal (ignored)',
  'CODER_AGENT_URL, HTTP_PROXY, http_proxy, NO_PROXY, no_proxy, GCE_METADATA_HOST (and CODER_AGENT_TOKEN for token-auth scenarios) from the case simulator',
  'CODER_REFERENCE_REVISION = profile for the embedded reference CLI only',
  'then --bin-env pairs, then the case env (null removes)',
];

export interface SuiteOptions extends CaseRunOptions {
  selection: Selection;
  suite: SuiteInfo;
  level: Level;
  filters: string[];
  shard?: string;
  jobs: number;
  /**
   * Cases prepared and judged at once (default `jobs`): more than `jobs` when runProcess itself keeps
   * at most `jobs` binaries running (spawner.ts), so a case's preparation and judging overlap others' binaries.
   */
  casesInFlight?: number;
  knownFailures: KnownFailure[];
  contract: ContractOperation[];
  onResult?: (r: CaseResult) => void;
  today?: string;
}

export async function runSuite(o: SuiteOptions): Promise<RunReport> {
  const startedAt = new Date();
  const cases: Case[] = o.selection.selected;
  const cleanups: Promise<unknown>[] = [];
  const raw = await runPool(
    cases,
    o.casesInFlight ?? o.jobs,
    async (c) => {
      const r = await runCase(c, { ...o, background: o.background ?? ((w) => cleanups.push(w)) });
      o.onResult?.(r);
      return r;
    },
    o.signal,
  );
  await Promise.all(cleanups);
  const results: CaseResult[] = raw.map(
    (r, i) =>
      r ?? {
        id: cases[i].id,
        title: cases[i].title,
        level: cases[i].level,
        file: cases[i].file,
        outcome: 'not-run',
        notRunReason: 'the run was interrupted',
        journal: [],
        argv: cases[i].args,
        durationMs: 0,
      },
  );
  const expired = applyKnownFailures(results, o.knownFailures, o.today ?? todayUtc());
  const counts = countResults(results);
  return {
    suite: o.suite,
    binary: o.binary,
    embeddedReference: o.embeddedReference,
    profile: o.profile,
    level: o.level,
    filters: o.filters,
    ...(o.shard ? { shard: o.shard } : {}),
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    environment: ENVIRONMENT_RULES,
    counts,
    excluded: o.selection.excluded,
    failureKinds: failureKinds(results),
    expiredKnownFailures: expired,
    normalisations: normalisationCounts(results),
    coverage: computeCoverage(o.contract, results, cases),
    results,
    exitCode: exitCodeFor(counts, expired),
  };
}
