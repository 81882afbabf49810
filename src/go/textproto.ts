// net/textproto.CanonicalMIMEHeaderKey, the one canonical header name function (CLI wire and simulator).

/** Go textproto.CanonicalMIMEHeaderKey: a name of token bytes gets `Upper-Case` words; any other name is returned unchanged. */
export function canonicalHeaderKey(k: string): string {
  if (!/^[A-Za-z0-9!#$%&'*+\-.^_`|~]+$/.test(k)) return k;
  return k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
}
