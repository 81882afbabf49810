// The ONE table of upstream coder/coder revisions this suite knows, oldest first, with every trait that
// differs between them. The reference CLI, the simulator, the contract validator, the runner's profiles
// and the enums of the JSON schemas (case.schema.json, scenario.schema.json) all derive from it;
// src/revisions/drift.test.ts fails when a schema enum or a listing drifts from the table.
// Adding a revision = one row here (in order), its golden under src/cli, and the cases that differ.
// This folder imports nothing; every other folder may import it.

/** Every known revision, oldest first (the order `since:` / `until:` and `x-coder-since` compare by). */
export const REVISIONS = ['pre-agent-name', 'pr24325', 'pr25443', 'pr26883'] as const;
export type Revision = (typeof REVISIONS)[number];

export interface RevisionTraits {
  /**
   * The reference CLI implements it (CODER_REFERENCE_REVISION) and the runner offers it as a `--profile`.
   * A revision that changed only coderd (pr25443) is a server revision only.
   */
  profile: boolean;
  /** `--agent-name` / `CODER_AGENT_NAME` exist, the exchangers send `agent_name`, coderd reads it (PR #24325 on). */
  agentName: boolean;
  /** `--output text|json` exists on access-token (PR #26883 on). */
  outputFlag: boolean;
  /** agentsdk.ExternalAuthResponse has `expires_at` (PR #26883 on). */
  expiresAt: boolean;
  /**
   * serpent ParseEnv: an env var whose value is "" counts as set (serpent v0.15.0, coder #24926, the
   * #26883 era). Before that an empty value is skipped like an unset one (behavior.md §0, §2.1).
   */
  emptyEnvIsSet: boolean;
  /** Examples shown in the help (FormatExamples); the third one arrived with #26883. */
  exampleCount: 2 | 3;
  /** coderd drops deleted workspaces and agents of stale (not latest) builds before choosing one (PR #25443 on). */
  staleBuildFilter: boolean;
  /**
   * coderd's external-auth ValidateToken treats a rate-limited 403 (Retry-After, or X-RateLimit-Remaining: 0)
   * and any 429 as valid; before, 403 was invalid and 429 an error (v2.30.0 has the old form; v2.34.3, the
   * first served release with agent_name, v2.35.3 and v2.36.0 the new one).
   */
  validateRateLimit: boolean;
  /**
   * coderd's azureidentity verifies the PKCS#7 content signature and the chain together (smallstep/pkcs7
   * VerifyWithChainAtTime; any failure, after fetching the leaf's issuing-certificate URLs, is `signature
   * verification failed after fetching issuing certificates`); before, only the signer certificate's chain
   * (go.mozilla.org/pkcs7 signer.Verify, raw x509 texts), so changed content was accepted. v2.30.0 has the old
   * form, v2.34.3, v2.35.3 and v2.36.0 the new one.
   */
  azureContentSignature: boolean;
  /**
   * The root has `--client-tls-ca-file`, `--client-tls-cert-file`, `--client-tls-key-file` (coder #24435,
   * merged after #24325). Set from pr24325 on because the release certified as that profile, v2.35.3, has
   * them (as v2.36.0 does; v2.30.0 does not). A release with #24325 and without #24435 would differ from
   * the profile in root help and in accepting these flags.
   */
  clientTLSFlags: boolean;
  /**
   * Go's url.Parse takes the port of an unbracketed http(s) host from the FIRST colon (`http://h:1:2` and
   * `http://::1/` fail): GODEBUG urlstrictcolons=1, the default for a main module of `go 1.26`, which coder
   * declares from 2026-05 (the #26883 era). Real builds say DefaultGODEBUG=urlstrictcolons=0 for v2.30.0;
   * v2.35.3 and v2.36.0 take the Go 1.26 default. Like emptyEnvIsSet, a later toolchain change that the
   * pr24325 profile does not have (v2.35.3 lists the difference as a known failure).
   */
  urlStrictColons: boolean;
}

export const REVISION_TABLE = {
  'pre-agent-name': {
    profile: true,
    agentName: false,
    outputFlag: false,
    expiresAt: false,
    emptyEnvIsSet: false,
    exampleCount: 2,
    staleBuildFilter: false,
    validateRateLimit: false,
    azureContentSignature: false,
    clientTLSFlags: false,
    urlStrictColons: false,
  },
  pr24325: {
    profile: true,
    agentName: true,
    outputFlag: false,
    expiresAt: false,
    emptyEnvIsSet: false,
    exampleCount: 2,
    staleBuildFilter: false,
    validateRateLimit: true,
    azureContentSignature: true,
    clientTLSFlags: true,
    urlStrictColons: false,
  },
  pr25443: {
    profile: false,
    agentName: true,
    outputFlag: false,
    expiresAt: false,
    emptyEnvIsSet: false,
    exampleCount: 2,
    staleBuildFilter: true,
    validateRateLimit: true,
    azureContentSignature: true,
    clientTLSFlags: true,
    urlStrictColons: false,
  },
  pr26883: {
    profile: true,
    agentName: true,
    outputFlag: true,
    expiresAt: true,
    emptyEnvIsSet: true,
    exampleCount: 3,
    staleBuildFilter: true,
    validateRateLimit: true,
    azureContentSignature: true,
    clientTLSFlags: true,
    urlStrictColons: true,
  },
} as const satisfies Readonly<Record<Revision, RevisionTraits>>;

/** The revision of the seed: the reference CLI's, the simulator's, the validator's and the runner's default. */
export const DEFAULT_REVISION = 'pr24325' satisfies Revision;

/** Revisions that are profiles, listed as the CLI and the runner show them: the default first, then newest to oldest. */
export type Profile = { [R in Revision]: (typeof REVISION_TABLE)[R]['profile'] extends true ? R : never }[Revision];
export const PROFILES: readonly Profile[] = [
  DEFAULT_REVISION,
  ...[...REVISIONS].reverse().filter((r) => r !== DEFAULT_REVISION && REVISION_TABLE[r].profile),
] as Profile[];

export function isRevision(value: unknown): value is Revision {
  return typeof value === 'string' && (REVISIONS as readonly string[]).includes(value);
}

export function isProfile(value: unknown): value is Profile {
  return typeof value === 'string' && (PROFILES as readonly string[]).includes(value);
}

export function traitsOf(revision: Revision): RevisionTraits {
  return REVISION_TABLE[revision];
}

/** Position in REVISIONS; throws on an unknown label (a typo is a bug, not a miss). */
export function revisionIndex(revision: string): number {
  const i = (REVISIONS as readonly string[]).indexOf(revision);
  if (i < 0) throw new Error(`unknown revision ${JSON.stringify(revision)} (known: ${REVISIONS.join(', ')})`);
  return i;
}

/** True when `revision` lies in the range [since, until] (both ends optional and inclusive). */
export function inRange(revision: Revision, range: { since?: string; until?: string }): boolean {
  const i = revisionIndex(revision);
  if (range.since !== undefined && i < revisionIndex(range.since)) return false;
  if (range.until !== undefined && i > revisionIndex(range.until)) return false;
  return true;
}
