// Upstream revisions the contract distinguishes (the table is src/revisions), and the rule that
// decides whether something marked `x-coder-since: <rev>` exists in a revision.
// Choice (documented here, once): a validator created without a revision uses the table's default
// (`pr24325`), the revision of the seed and the simulator's default.
import { DEFAULT_REVISION, isRevision, REVISIONS, type Revision } from '../revisions/index.ts';

export const CONTRACT_REVISIONS = REVISIONS;

export type ContractRevision = Revision;

export const DEFAULT_CONTRACT_REVISION: ContractRevision = DEFAULT_REVISION;

export function isContractRevision(value: unknown): value is ContractRevision {
  return isRevision(value);
}

/** True when `revision` is `since` or newer. Throws on an unknown label (a typo in openapi.yaml or a caller). */
export function revisionAtLeast(revision: ContractRevision, since: string): boolean {
  if (!isContractRevision(since)) {
    throw new Error(`unknown revision ${JSON.stringify(since)} in x-coder-since (known: ${CONTRACT_REVISIONS.join(', ')})`);
  }
  return CONTRACT_REVISIONS.indexOf(revision) >= CONTRACT_REVISIONS.indexOf(since);
}
