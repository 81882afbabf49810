// Substitutes the run-time values a case cannot know in advance: {origin} (the simulator's
// base URL), {port} (its port alone, e.g. for `http://0.0.0.0:{port}` or `NO_PROXY=0.0.0.0:{port}`),
// {tls_origin} / {tls_port} (the same simulators over TLS), {ca_file} (a PEM file with the CA that issued
// their certificate, for SSL_CERT_FILE), {token_file} (path of the case's token file) and {home} (the
// binary's HOME).
// Only these exact names are replaced, so JSON braces in expectations are left alone.

export interface PlaceholderValues {
  origin: string;
  port: string;
  tls_origin: string;
  tls_port: string;
  ca_file: string;
  token_file: string;
  home: string;
}

/** The values for a simulator (its origins) and a case's files. */
export function placeholderValues(sim: { origin: string; tlsOrigin?: string }, files: { home: string; tokenFile: string; caFile: string }): PlaceholderValues {
  const tlsOrigin = sim.tlsOrigin ?? '';
  return {
    origin: sim.origin,
    port: new URL(sim.origin).port,
    tls_origin: tlsOrigin,
    tls_port: tlsOrigin && new URL(tlsOrigin).port,
    ca_file: files.caFile,
    token_file: files.tokenFile,
    home: files.home,
  };
}

/**
 * Whether a case names the TLS simulators ({tls_origin}, {tls_port}, {ca_file}) in its argv, env,
 * token file or expectations: only such cases get a simulator that listens on TLS (its port and
 * certificate cost every other case time for nothing). A golden file is not read here: a golden that
 * names them in a case that does not gets them empty.
 */
export function usesTls(c: { args: unknown; env?: unknown; token_file?: unknown; expect: unknown }): boolean {
  return /\{(?:tls_origin|tls_port|ca_file)\}/.test(JSON.stringify([c.args, c.env, c.token_file, c.expect]));
}

const NAMES = ['origin', 'port', 'tls_origin', 'tls_port', 'ca_file', 'token_file', 'home'] as const;

export function substitute(text: string, values: PlaceholderValues): string {
  let out = text;
  for (const name of NAMES) out = out.split(`{${name}}`).join(values[name]);
  return out;
}

/** Deep substitution over strings inside JSON-like values (arrays, objects). */
export function substituteDeep<T>(value: T, values: PlaceholderValues): T {
  if (typeof value === 'string') return substitute(value, values) as T;
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, values)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, values), substituteDeep(v, values)])) as T;
  }
  return value;
}
