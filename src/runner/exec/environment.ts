// The clean, documented environment each case's binary gets. Nothing of the user's environment
// is inherited except PATH (needed to find interpreters such as `node`); in order, later wins:
//   1. HOME and TMPDIR = the case's temp dir, TZ=UTC, LANG=C.UTF-8, PATH from the runner;
//   2. the simulator's variables (CODER_AGENT_URL, HTTP_PROXY, http_proxy, NO_PROXY, no_proxy,
//      GCE_METADATA_HOST, and CODER_AGENT_TOKEN for token-auth scenarios);
//   3. CODER_REFERENCE_REVISION = profile, only when the binary is the embedded reference CLI;
//   4. --bin-env KEY=VALUE pairs;
//   5. the case's `env` (a null value removes the variable).

export interface EnvInputs {
  home: string;
  path: string | undefined;
  simulator: Record<string, string>;
  referenceRevision?: string;
  binEnv: Record<string, string>;
  caseEnv: Record<string, string | null>;
}

export function buildEnv(i: EnvInputs): Record<string, string> {
  const env: Record<string, string> = { HOME: i.home, TMPDIR: i.home, TZ: 'UTC', LANG: 'C.UTF-8' };
  if (i.path !== undefined) env.PATH = i.path;
  Object.assign(env, i.simulator);
  if (i.referenceRevision) env.CODER_REFERENCE_REVISION = i.referenceRevision;
  Object.assign(env, i.binEnv);
  for (const [k, v] of Object.entries(i.caseEnv)) {
    if (v === null) delete env[k];
    else env[k] = v;
  }
  return env;
}

/** Parses repeatable `KEY=VALUE` flags. */
export function parseBinEnv(pairs: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new Error(`--bin-env wants KEY=VALUE, got ${JSON.stringify(p)}`);
    out[p.slice(0, eq)] = p.slice(eq + 1);
  }
  return out;
}
