// Contract coverage of a run: which OpenAPI operations and declared response statuses the
// journals exercised, which were never reached, and statuses seen that the contract does not
// declare. Also counts cases per level and per revision.
import type { Case, CaseResult, Level, Profile } from '../types.ts';
import { caseAppliesTo, LEVELS, PROFILES } from '../types.ts';

export interface ContractOperation {
  operationId: string;
  /** Declared response keys: "200", "4XX", "default", ... */
  statuses: string[];
}

export interface OperationCoverage {
  operationId: string;
  requests: number;
  exercised: string[];
  missing: string[];
  undeclared: number[];
}

export interface Coverage {
  operations: OperationCoverage[];
  /** Operations no request reached at all. */
  unreached: string[];
  /** Requests with an operationId the contract does not list. */
  unknownOperations: string[];
  statusesExercised: number;
  statusesDeclared: number;
  casesPerLevel: Record<Level, number>;
  casesPerRevision: Record<Profile, number>;
}

function declaredKey(status: number, declared: string[]): string | undefined {
  const exact = String(status);
  if (declared.includes(exact)) return exact;
  const range = `${exact[0]}XX`;
  if (declared.includes(range)) return range;
  return declared.includes('default') ? 'default' : undefined;
}

export function computeCoverage(contract: ContractOperation[], results: CaseResult[], selected: Case[]): Coverage {
  const seen = new Map<string, { requests: number; keys: Set<string>; undeclared: Set<number> }>();
  const known = new Map(contract.map((o) => [o.operationId, o]));
  const unknownOperations = new Set<string>();
  for (const r of results) {
    for (const e of r.journal) {
      if (!e.operationId) continue;
      const op = known.get(e.operationId);
      if (!op) {
        unknownOperations.add(e.operationId);
        continue;
      }
      const s = seen.get(e.operationId) ?? { requests: 0, keys: new Set<string>(), undeclared: new Set<number>() };
      s.requests++;
      const key = declaredKey(e.response.status, op.statuses);
      if (key) s.keys.add(key);
      else s.undeclared.add(e.response.status);
      seen.set(e.operationId, s);
    }
  }
  const operations = contract.map((op) => {
    const s = seen.get(op.operationId);
    return {
      operationId: op.operationId,
      requests: s?.requests ?? 0,
      exercised: op.statuses.filter((k) => s?.keys.has(k)),
      missing: op.statuses.filter((k) => !s?.keys.has(k)),
      undeclared: [...(s?.undeclared ?? [])].sort((a, b) => a - b),
    };
  });
  const casesPerLevel = Object.fromEntries(LEVELS.map((l) => [l, selected.filter((c) => c.level === l).length])) as Record<Level, number>;
  const casesPerRevision = Object.fromEntries(PROFILES.map((p) => [p, selected.filter((c) => caseAppliesTo(c, p)).length])) as Record<Profile, number>;
  return {
    operations,
    unreached: operations.filter((o) => o.requests === 0).map((o) => o.operationId),
    unknownOperations: [...unknownOperations].sort(),
    statusesExercised: operations.reduce((n, o) => n + o.exercised.length, 0),
    statusesDeclared: operations.reduce((n, o) => n + o.exercised.length + o.missing.length, 0),
    casesPerLevel,
    casesPerRevision,
  };
}
