// Upstream revision selection for the reference CLI (the table of what differs per coder/coder revision
// is src/revisions), plus the UNCONFIRMED judgement calls (behavior.md §0, §1.1, §2.1, §5.1, §6).
// The revision comes from CODER_REFERENCE_REVISION (our variable, not coder's).

import type { GoURLVersion } from '../go/index.ts';
import { DEFAULT_REVISION, isProfile, PROFILES, traitsOf as tableTraits, type Profile, type RevisionTraits } from '../revisions/index.ts';

/** The revisions the reference CLI implements: the profiles of src/revisions (pr25443 changed only coderd). */
export type Revision = Profile;
export type { RevisionTraits };
export const REVISIONS: readonly Revision[] = PROFILES;
export { DEFAULT_REVISION };

/**
 * UNCONFIRMED choices (behavior.md says it could not verify these; change them here only).
 *   (Settled, no longer a choice: cliui picks its colour profile with termenv EnvColorProfile, which honours
 *   NO_COLOR, CLICOLOR and CLICOLOR_FORCE; real v2.30.0, v2.35.3 and v2.36.0 builds, help/terminal-colour-*
 *   cases; see errors/style.ts.)
 * - envErrorOrder: several bad env values are listed in option-Name order (§5.2), Name falling back to
 *   the flag name for root options that have no Name (`url`, `verbose`).
 * - helpOnlyAccessTokenVerified: only access-token's help is upstream-verified (goldens), and
 *   `coder external-auth --help` by the case help/external-auth on real builds (v2.30.0, v2.35.3,
 *   v2.36.0); of the help of `coder`, the GLOBAL OPTIONS section is checked on real builds (cases
 *   help/root-global-*), the part above it is not upstream text (upstream lists every coder command).
 * - verboseStackFrames: `%+v` in verbose mode prints the xerrors wrap chain without stack frames:
 *   `outer:\n  - inner`. Real builds (v2.30.0, v2.35.3, v2.36.0) do print one frame per xerrors error
 *   (`outer:\n    <func>\n        <file>:<line>\n  - inner`), but its function, build path and line
 *   differ per build, so the reference leaves it out and strict cases match it as optional.
 * - versionBuild: `coder --version` (upstream's hidden root flag, which runs the version command) prints
 *   cli/version.go's text for the build: the reference is a development build (`v0.0.0-devel`, no VCS
 *   time or revision, so the URL is the repository's) and calls itself a slim build, as the agent-side
 *   binaries the suite certifies are (`-tags slim`); the `server` word is plain text off a terminal.
 */
export const UNCONFIRMED = {
  envErrorOrder: 'option-name',
  helpOnlyAccessTokenVerified: true,
  verboseStackFrames: 'omitted',
  versionBuild: 'slim',
} as const;

export type RevisionResult = { ok: true; revision: Revision } | { ok: false; error: string };

/** Reads CODER_REFERENCE_REVISION; unset or empty → the default; unknown → a clear error (exit 2). */
export function resolveRevision(env: Record<string, string | undefined>): RevisionResult {
  const raw = env.CODER_REFERENCE_REVISION;
  if (raw === undefined || raw === '') return { ok: true, revision: DEFAULT_REVISION };
  if (isProfile(raw)) return { ok: true, revision: raw };
  return {
    ok: false,
    error: `coder-reference: unknown CODER_REFERENCE_REVISION ${JSON.stringify(raw)}; expected one of ${REVISIONS.join(', ')}\n`,
  };
}

export function traitsOf(revision: Revision): RevisionTraits {
  return tableTraits(revision);
}

/** The net/url generation of the revision's build: '1.26' with strict colons, else '1.25'. */
export function goURLVersion(traits: RevisionTraits): GoURLVersion {
  return traits.urlStrictColons ? '1.26' : '1.25';
}
