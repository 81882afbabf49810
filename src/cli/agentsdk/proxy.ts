// Go's http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy, as vendored in Go 1.26):
// HTTP_PROXY/http_proxy for http targets, HTTPS_PROXY/https_proxy for https, NO_PROXY/no_proxy (`*`,
// domains and their subdomains, `.domain`, `*.domain`, IPs, CIDRs, optional :port), never for localhost
// or loopback IPs; a proxy value that does not parse is ignored; under CGI (REQUEST_METHOD set) a set
// HTTP_PROXY fails every http request (httpoxy). Not modelled: Go's IDNA conversion of non-ASCII host
// names and NO_PROXY entries (idnaASCII) before comparing them; here they are compared as written.
import {
  cidrContains,
  type GoURL,
  type GoURLVersion,
  type IP,
  type IPNet,
  ipEqual,
  isLoopback,
  joinHostPort,
  parseAddrIP,
  parseCIDR,
  parseIP,
  parseURL,
  splitHostPort,
} from '../../go/index.ts';

export type ProxyChoice = { proxy?: GoURL } | { error: string };

function getEnvAny(env: Record<string, string | undefined>, ...names: string[]): string {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v !== '') return v;
  }
  return '';
}

/** One NO_PROXY entry, as httpproxy's config.init turns it into a matcher. */
type Matcher =
  | { kind: 'all' }
  | { kind: 'cidr'; net: IPNet }
  | { kind: 'ip'; ip: IP; port: string }
  | { kind: 'domain'; host: string; port: string; matchHost: boolean };

function matchers(noProxy: string): Matcher[] {
  const out: Matcher[] = [];
  for (const raw of noProxy.split(',')) {
    const p = raw.trim().toLowerCase();
    if (p === '') continue;
    if (p === '*') return [{ kind: 'all' }];
    const net = parseCIDR(p);
    if (net) {
      out.push({ kind: 'cidr', net });
      continue;
    }
    let phost = p;
    let pport = '';
    const hp = splitHostPort(p);
    if (hp) {
      if (hp.host === '') continue;
      phost = hp.host;
      pport = hp.port;
    }
    const pip = parseIP(phost);
    if (pip) {
      out.push({ kind: 'ip', ip: pip, port: pport });
      continue;
    }
    if (phost.startsWith('*.')) phost = phost.slice(1);
    const matchHost = phost[0] !== '.';
    out.push({ kind: 'domain', host: matchHost ? `.${phost}` : phost, port: pport, matchHost });
  }
  return out;
}

/**
 * httpproxy config.useProxy for a target host and port (port already defaulted by scheme): never for
 * localhost or a loopback IP; IP entries (and CIDRs) are checked only for IP hosts, domain entries only
 * for names (`0.0.0.0` is not matched by `.0.0`).
 */
export function useProxy(host: string, port: string, noProxy: string): boolean {
  if (host === 'localhost') return false;
  const ip = parseAddrIP(host); // netip.ParseAddr: an IPv6 zone is allowed
  if (ip && isLoopback(ip)) return false;
  const addr = host.toLowerCase().trim();
  for (const m of matchers(noProxy)) {
    if (m.kind === 'all') return false;
    if (ip) {
      if (m.kind === 'cidr' && cidrContains(m.net, ip)) return false;
      if (m.kind === 'ip' && ipEqual(m.ip, ip) && (m.port === '' || m.port === port)) return false;
    } else if (m.kind === 'domain' && (addr.endsWith(m.host) || (m.matchHost && addr === m.host.slice(1)))) {
      if (m.port === '' || m.port === port) return false;
    }
  }
  return true;
}

/**
 * httpproxy parseProxy: a value without scheme or host is retried as `http://` + value; a value that
 * parses neither way is no proxy at all (config.init drops the error). Any scheme is kept.
 */
function parseProxy(raw: string, go: GoURLVersion): GoURL | undefined {
  if (raw === '') return undefined;
  const r = parseURL(raw, { go });
  if (!r.ok || r.url.scheme === '' || r.url.host === '') {
    const r2 = parseURL(`http://${raw}`, { go });
    if (r2.ok) return r2.url;
  }
  return r.ok ? r.url : undefined;
}

/** The proxy for a request URL, as Go's default transport chooses it (httpproxy proxyForURL). */
export function proxyForURL(url: GoURL, env: Record<string, string | undefined>): ProxyChoice {
  const isCGI = env.REQUEST_METHOD !== undefined && env.REQUEST_METHOD !== '';
  let proxy: GoURL | undefined;
  if (url.scheme === 'https') proxy = parseProxy(getEnvAny(env, 'HTTPS_PROXY', 'https_proxy'), url.goVersion);
  else if (url.scheme === 'http') {
    proxy = parseProxy(getEnvAny(env, 'HTTP_PROXY', 'http_proxy'), url.goVersion);
    // httpoxy: under CGI, HTTP_PROXY may come from a request header; Go refuses every http request.
    if (proxy && isCGI) return { error: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy' };
  }
  if (!proxy) return {};
  // canonicalAddr joins the host and port, and useProxy splits them again: a host the split refuses (a
  // stray bracket, as in `http://a]:1`) is never proxied.
  const addr = splitHostPort(joinHostPort(url.hostname(), url.port() || (url.scheme === 'https' ? '443' : '80')));
  if (!addr || !useProxy(addr.host, addr.port, getEnvAny(env, 'NO_PROXY', 'no_proxy'))) return {};
  return { proxy };
}
