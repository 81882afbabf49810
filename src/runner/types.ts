// Shared data types of the conformance runner: cases (as loaded from YAML), process results,
// journal entries as the runner sees them, verdicts and the run summary.

// Profiles are the revisions of src/revisions the reference CLI implements (default first).
export { DEFAULT_REVISION as DEFAULT_PROFILE, PROFILES, type Profile } from '../revisions/index.ts';
import { inRange, type Profile, type Revision } from '../revisions/index.ts';
import type { Fault, JournalEntry } from '../sim/index.ts';
export const LEVELS = ['core', 'strict'] as const;
export type Level = (typeof LEVELS)[number];

/** One assertion on the simulator's journal. Every given field must hold for an entry to match. */
export interface RequestAssertion {
  description?: string;
  service?: string;
  operation?: string;
  method?: string;
  path?: string;
  /** Exact raw query string (without `?`). */
  query?: string;
  /** Decoded query parameters; `null` means the key must be absent. */
  query_params?: Record<string, string | null>;
  /** Header equality (name case-insensitive); `null` means absent. */
  headers?: Record<string, string | null>;
  headers_present?: string[];
  headers_absent?: string[];
  /** Header names that must appear with exactly this spelling on the wire. */
  header_names_exact?: string[];
  /** Every header name of the request, in the order sent, exactly as spelled (Content-Length and Connection included). */
  header_order?: string[];
  /** Exact raw request body. */
  body?: string;
  body_json?: unknown;
  body_json_subset?: unknown;
  /** Top-level JSON keys the body must not have. */
  body_keys_absent?: string[];
  /** Regular expression the raw body must match. */
  body_matches?: string;
  response_status?: number;
  response_body_contains?: string;
  /** Whether the request came through the simulator's forward proxy (absolute-form target). */
  proxied?: boolean;
  /** The whole URL the simulator saw (its origin, or {tls_origin} over TLS, or the proxied target). */
  url?: string;
  /** Exact number of matching entries; without it at least one must match. */
  count?: number;
}

export interface Expectations {
  exit: number;
  stdout?: string;
  /** Golden file path, relative to the cases folder (so a copied folder keeps loading). */
  stdout_golden?: string;
  stdout_contains?: string[];
  stdout_not_contains?: string[];
  stderr?: string;
  stderr_contains?: string[];
  stderr_not_contains?: string[];
  stderr_matches?: string[];
  requests?: RequestAssertion[];
  /** The `requests` assertions must match entries in this order (by journal sequence). */
  requests_in_order?: boolean;
  /** Exact number of requests in the journal. */
  total_requests?: number;
  /** Requests the simulator could not route are tolerated (otherwise they fail the case). */
  allow_unhandled?: boolean;
  /** Substrings of request-side contract violations tolerated because upstream commits them too. */
  allowed_violations?: string[];
}

/**
 * A case's `terminal:`: which of the binary's stdin and stdout are one pseudo-terminal of `columns` x
 * `rows` (rows default 24). stderr is always a pipe. Both false (or absent) is a run without a terminal.
 */
export interface Terminal {
  stdin?: boolean;
  stdout?: boolean;
  columns: number;
  rows?: number;
}

/** A case's fault is the simulator's (case.schema.json requires `operation`, one of openapi.yaml's operationIds). */
export type { Fault };

export interface Case {
  id: string;
  title: string;
  level: Level;
  /** Why a strict case pins upstream's exact behaviour (required for strict cases). */
  strict_reason?: string;
  /** Oldest revision the case applies to (inclusive; src/revisions order); absent = from the oldest. */
  since?: Revision;
  /** Newest revision the case applies to (inclusive); absent = up to the newest. */
  until?: Revision;
  scenario: string;
  /** Server revision of the simulator; defaults to the profile. */
  server_revision?: Revision;
  args: string[];
  /** Environment of the binary on top of the runner's; `null` removes a variable. */
  env: Record<string, string | null>;
  /** Contents of a token file; its path is `{token_file}` in args and env. */
  token_file?: string;
  /** Run the binary on a pseudo-terminal (stdin and/or stdout); absent: neither is a terminal. */
  terminal?: Terminal;
  faults?: Fault[];
  /** Per-case timeout override in ms. */
  timeout_ms?: number;
  expect: Expectations;
  /** Absolute path of the YAML file that defines the case. */
  file: string;
  /** Absolute path of the cases folder the case was loaded from (goldens are relative to it). */
  root: string;
}

/** Whether a profile runs the case: the profile lies in the case's [since, until] revision range. */
export function caseAppliesTo(c: Pick<Case, 'since' | 'until'>, profile: Profile): boolean {
  return inRange(profile, c);
}

/** A journal entry: the judge reads src/sim's JournalEntry as the simulator records it. */
export type WireEntry = JournalEntry;

export interface ProcessResult {
  /** Exit code, or null when killed by a signal or never started. */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Set when the binary could not be started (ENOENT, EACCES, ...). */
  startError?: string;
  stdout: string;
  stderr: string;
  stdoutCapped: boolean;
  stderrCapped: boolean;
  capBytes: number;
  durationMs: number;
}

export const FAILURE_KINDS = ['output', 'exit', 'wire', 'openapi', 'timeout', 'crash', 'start'] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
export const FAILURE_LABELS: Record<FailureKind, string> = {
  output: 'output mismatch',
  exit: 'exit code',
  wire: 'wire assertion',
  openapi: 'OpenAPI violation',
  timeout: 'timeout',
  crash: 'crash/signal',
  start: 'could not start',
};

export interface Failure {
  kind: FailureKind;
  message: string;
  /** Multi-line detail (visible-whitespace diff, request dump, ...). */
  detail?: string;
}

export interface Verdict {
  pass: boolean;
  failures: Failure[];
  /** Normalisations applied before comparing (e.g. the help header version). */
  normalisations: string[];
}

export type Outcome = 'pass' | 'fail' | 'known-failure' | 'unexpected-pass' | 'not-run';

export interface CaseResult {
  id: string;
  title: string;
  level: Level;
  file: string;
  outcome: Outcome;
  verdict?: Verdict;
  /** Reason from the known-failures file, for known and unexpectedly passing cases. */
  knownReason?: string;
  /** Why a case did not run (set-up error, interrupted). */
  notRunReason?: string;
  process?: ProcessResult;
  journal: WireEntry[];
  argv: string[];
  durationMs: number;
  /** How the binary was run (absent when the case did not get that far). */
  invocation?: Invocation;
  /** With --update-goldens: the golden this case wrote, or why it did not. */
  goldenUpdate?: GoldenUpdate;
}

/** Everything needed to re-run a case's binary by hand. */
export interface Invocation {
  /** Absolute path of the binary that ran. */
  binary: string;
  /** Arguments as the binary got them: --arg-prefix values, then the case's args (placeholders filled). */
  args: string[];
  /** The binary's whole environment (nothing else is inherited). */
  env: Record<string, string>;
  /** Variables the case itself sets (placeholders filled), a subset of `env`. */
  caseSet: Record<string, string>;
  /** Variables the case removes (`null` in its env). */
  caseRemoved: string[];
  /** Working directory (the case's temp HOME, deleted after the case). */
  cwd: string;
}

export interface GoldenUpdate {
  /** Absolute path of the golden file. */
  path: string;
  written: boolean;
  /** Why it was not written (a failing exit, a timeout, a binary that did not start). */
  refused?: string;
}
