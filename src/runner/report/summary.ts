// The run report every reporter renders: counts (the partial-run guard), failure taxonomy,
// expired known failures, normalisations, coverage, per-case results, and the exit code.
import type { Coverage } from './coverage.ts';
import type { KnownFailure } from '../cases/known-failures.ts';
import type { Selection } from '../cases/select.ts';
import type { SuiteInfo } from './suite-info.ts';
import type { CaseResult, FailureKind, Level, Profile } from '../types.ts';
import { FAILURE_KINDS } from '../types.ts';

export interface Counts {
  selected: number;
  run: number;
  passed: number;
  failed: number;
  knownFailing: number;
  unexpectedlyPassing: number;
  /** Selected but did not run (interrupted, simulator could not start): the partial-run guard. */
  skipped: number;
}

export interface RunReport {
  /** The suite that judged: package version and the hash of the case set. */
  suite: SuiteInfo;
  binary: string;
  embeddedReference: boolean;
  profile: Profile;
  level: Level;
  filters: string[];
  shard?: string;
  startedAt: string;
  durationMs: number;
  environment: string[];
  counts: Counts;
  excluded: Selection['excluded'];
  failureKinds: Record<FailureKind, number>;
  expiredKnownFailures: KnownFailure[];
  normalisations: { name: string; cases: number }[];
  coverage: Coverage;
  results: CaseResult[];
  exitCode: 0 | 1 | 2;
}

export function countResults(results: CaseResult[]): Counts {
  const by = (o: CaseResult['outcome']) => results.filter((r) => r.outcome === o).length;
  const skipped = by('not-run');
  return {
    selected: results.length,
    run: results.length - skipped,
    passed: by('pass'),
    failed: by('fail'),
    knownFailing: by('known-failure'),
    unexpectedlyPassing: by('unexpected-pass'),
    skipped,
  };
}

export function failureKinds(results: CaseResult[]): Record<FailureKind, number> {
  const out = Object.fromEntries(FAILURE_KINDS.map((k) => [k, 0])) as Record<FailureKind, number>;
  for (const r of results) {
    if (r.outcome !== 'fail' && r.outcome !== 'known-failure') continue;
    for (const k of new Set(r.verdict?.failures.map((f) => f.kind))) out[k]++;
  }
  return out;
}

export function normalisationCounts(results: CaseResult[]): { name: string; cases: number }[] {
  const m = new Map<string, number>();
  for (const r of results) for (const n of new Set(r.verdict?.normalisations ?? [])) m.set(n, (m.get(n) ?? 0) + 1);
  return [...m].map(([name, cases]) => ({ name, cases }));
}

/** 2: some selected case did not run (partial run); 1: failures, unexpected passes or expired entries; 0: all pass. */
export function exitCodeFor(counts: Counts, expired: KnownFailure[]): 0 | 1 | 2 {
  if (counts.skipped > 0) return 2;
  if (counts.failed > 0 || counts.unexpectedlyPassing > 0 || expired.length > 0) return 1;
  return 0;
}
