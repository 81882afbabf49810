// The environment an implementation under test needs to reach the simulators: the agent URL, the
// forward proxy for the metadata hosts, GCE_METADATA_HOST, and the token when the scenario has
// token auth. NO_PROXY is empty: Go (and our reference CLI) never proxies loopback addresses
// anyway, so CODER_AGENT_URL=http://127.0.0.1:PORT is reached directly while 169.254.169.254 and
// metadata.google.internal go through HTTP_PROXY to this same server.
import type { Scenario } from '../scenario/types.ts';

export function simulatorEnv(origin: string, scenario: Scenario): Record<string, string> {
  const host = new URL(origin).host;
  const env: Record<string, string> = {
    CODER_AGENT_URL: origin,
    HTTP_PROXY: origin,
    http_proxy: origin,
    NO_PROXY: '',
    no_proxy: '',
    GCE_METADATA_HOST: host,
  };
  if (scenario.agentTokenAuth !== undefined) env.CODER_AGENT_TOKEN = scenario.agentTokenAuth;
  return env;
}

/** POSIX shell `export K='V'` lines (single quotes escaped as '\''). */
export function shellExports(env: Record<string, string>): string {
  return Object.entries(env)
    .map(([k, v]) => `export ${k}='${v.replace(/'/g, `'\\''`)}'\n`)
    .join('');
}
