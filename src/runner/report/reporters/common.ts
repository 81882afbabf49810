// Text pieces shared by the reporters: outcome labels, the counts line, coverage lines and the
// list of environment rules, so every format states the same facts.
import type { RunReport } from '../summary.ts';
import type { CaseResult } from '../../types.ts';
import { FAILURE_KINDS, FAILURE_LABELS } from '../../types.ts';

/** The suite that judged: version and case-set hash (reports are comparable when these match). */
export function suiteLine(r: RunReport): string {
  return `suite: ${r.suite.name} ${r.suite.version}, ${r.suite.cases} cases, case set ${r.suite.casesHash}`;
}

export function countsLine(r: RunReport): string {
  const c = r.counts;
  return `selected ${c.selected}, run ${c.run}, passed ${c.passed}, failed ${c.failed}, known-failing ${c.knownFailing}, unexpectedly passing ${c.unexpectedlyPassing}, skipped (did not run) ${c.skipped}`;
}

export function taxonomyLine(r: RunReport): string {
  return FAILURE_KINDS.map((k) => `${FAILURE_LABELS[k]} ${r.failureKinds[k]}`).join(', ');
}

export function excludedLine(r: RunReport): string {
  const e = r.excluded;
  return `not selected: ${e.revision} for other revisions, ${e.level} strict-only (level core), ${e.filter} by --filter, ${e.shard} in other shards`;
}

export function coverageLines(r: RunReport): string[] {
  const cov = r.coverage;
  const lines = [
    `operations reached: ${cov.operations.length - cov.unreached.length}/${cov.operations.length}; declared statuses exercised: ${cov.statusesExercised}/${cov.statusesDeclared}`,
  ];
  for (const o of cov.operations) {
    const parts = [`${o.operationId}: ${o.requests} request(s)`, `exercised [${o.exercised.join(', ')}]`, `never reached [${o.missing.join(', ')}]`];
    if (o.undeclared.length) parts.push(`undeclared statuses seen [${o.undeclared.join(', ')}]`);
    lines.push(`  ${parts.join('; ')}`);
  }
  if (cov.unknownOperations.length) lines.push(`  operations not in the contract: ${cov.unknownOperations.join(', ')}`);
  lines.push(
    `cases per level: ${Object.entries(cov.casesPerLevel)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  lines.push(
    `cases per revision (selected): ${Object.entries(cov.casesPerRevision)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
  );
  return lines;
}

export function normalisationLines(r: RunReport): string[] {
  if (r.normalisations.length === 0) return ['normalisations: none applied (the only one is the help header version "coder vX" -> "coder v0.0.0-devel")'];
  return r.normalisations.map((n) => `normalisation: ${n.name} (${n.cases} case(s))`);
}

export function outcomeLabel(c: CaseResult): string {
  switch (c.outcome) {
    case 'pass':
      return 'pass';
    case 'fail':
      return 'FAIL';
    case 'known-failure':
      return 'known failure';
    case 'unexpected-pass':
      return 'UNEXPECTED PASS';
    case 'not-run':
      return 'DID NOT RUN';
  }
}

export function resultLine(r: RunReport): string {
  const verdict = r.exitCode === 0 ? 'PASS' : r.exitCode === 1 ? 'FAIL' : 'INCOMPLETE';
  return `result: ${verdict} (exit ${r.exitCode})`;
}

/** POSIX shell quoting: a word that needs none is left alone, otherwise single quotes. */
export function shellQuote(word: string): string {
  if (/^[\w@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line to re-run a case by hand: the variables the case sets, `-u` for those it removes,
 * then the binary and its arguments (the rest of the environment is the runner's, see the rules).
 */
export function commandLine(inv: NonNullable<CaseResult['invocation']>): string {
  const unset = inv.caseRemoved.map((k) => `-u ${shellQuote(k)}`);
  const set = Object.entries(inv.caseSet).map(([k, v]) => `${k}=${shellQuote(v)}`);
  const prefix = unset.length || set.length ? ['env', ...unset, ...set] : [];
  return [...prefix, shellQuote(inv.binary), ...inv.args.map(shellQuote)].join(' ');
}

/** What each coverage line means, for a reader who has not read the contract. */
export const COVERAGE_EXPLAINED: Record<string, string> = {
  reached: 'operations of openapi.yaml that at least one request of the run hit, out of all the contract declares',
  exercised: 'declared response statuses (e.g. 200, 4XX) that some response of the run had',
  neverReached:
    'declared statuses no response of the run had: the selected cases do not exercise them (a filter, a shard or the level may have left those cases out)',
  undeclared:
    "statuses a response had that the contract does not declare for the operation: the simulator served them on purpose (a case's `faults:` injects a 5xx or a proxy error page to test the binary's error handling), not a fault of the binary",
  unknown: 'requests whose operationId the contract does not list',
  perLevel: 'selected cases per level (core: what callers rely on; strict: upstream byte for byte)',
  perRevision: 'selected cases that apply to each upstream revision (a case may apply to several)',
};
