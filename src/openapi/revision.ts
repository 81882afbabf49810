// Upstream revisions the contract distinguishes, in order, and the rule that
// decides whether something marked `x-coder-since: <rev>` exists in a revision.
// Choice (documented here, once): a validator created without a revision uses
// `pr24325`, the revision of the seed and the simulator's default.

export const CONTRACT_REVISIONS = ['pre-agent-name', 'pr24325', 'pr25443', 'pr26883'] as const;

export type ContractRevision = (typeof CONTRACT_REVISIONS)[number];

export const DEFAULT_CONTRACT_REVISION: ContractRevision = 'pr24325';

export function isContractRevision(value: unknown): value is ContractRevision {
  return typeof value === 'string' && (CONTRACT_REVISIONS as readonly string[]).includes(value);
}

/** True when `revision` is `since` or newer. Throws on an unknown label (a typo in openapi.yaml or a caller). */
export function revisionAtLeast(revision: ContractRevision, since: string): boolean {
  if (!isContractRevision(since)) {
    throw new Error(`unknown revision ${JSON.stringify(since)} in x-coder-since (known: ${CONTRACT_REVISIONS.join(', ')})`);
  }
  return CONTRACT_REVISIONS.indexOf(revision) >= CONTRACT_REVISIONS.indexOf(since);
}
