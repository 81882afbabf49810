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
  lines.push(`cases per level: ${Object.entries(cov.casesPerLevel).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  lines.push(`cases per revision (selected): ${Object.entries(cov.casesPerRevision).map(([k, v]) => `${k} ${v}`).join(', ')}`);
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
