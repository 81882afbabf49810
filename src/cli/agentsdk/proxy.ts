// Go's http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy, as vendored in Go 1.26):
// HTTP_PROXY/http_proxy for http targets, HTTPS_PROXY/https_proxy for https, NO_PROXY/no_proxy (`*`,
// domains and their subdomains, `.domain`, `*.domain`, IPs, CIDRs, optional :port), never for localhost
// or loopback IPs; a proxy value that does not parse is ignored; under CGI (REQUEST_METHOD set) a set
// HTTP_PROXY fails every http request (httpoxy). Not modelled: Go's IDNA conversion of non-ASCII host
// names and NO_PROXY entries (idnaASCII) before comparing them; here they are compared as written.
import { parseURL, type GoURL } from '../../go/index.ts';

export type ProxyChoice = { proxy?: GoURL } | { error: string };

function getEnvAny(env: Record<string, string | undefined>, ...names: string[]): string {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v !== '') return v;
  }
  return '';
}

const V4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Go net.ParseIP's syntax check (4 = IPv4, 6 = IPv6, 0 = neither); no zones, like ParseIP. */
function isIP(s: string): 0 | 4 | 6 {
  if (V4.test(s)) return 4;
  if (!/^[0-9a-fA-F:.]+$/.test(s) || !s.includes(':')) return 0;
  const m = /^(.*?)(?::((?:\d+\.){3}\d+))?$/.exec(s)!;
  if (m[2] !== undefined && !V4.test(m[2])) return 0;
  const head = m[2] !== undefined ? m[1] : s;
  const groupsNeeded = m[2] !== undefined ? 6 : 8;
  const dbl = head.split('::');
  if (dbl.length > 2) return 0;
  const parts = (x: string) => (x === '' ? [] : x.split(':'));
  const groups = dbl.length === 2 ? [...parts(dbl[0]), ...parts(dbl[1])] : parts(head);
  if (!groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return 0;
  if (dbl.length === 2 ? groups.length >= groupsNeeded : groups.length !== groupsNeeded) return 0;
  return 6;
}

/** IPv4/IPv6 text to a byte array (IPv4 as 4 bytes; IPv4-mapped IPv6 folded to 4 bytes). */
function ipBytes(s: string): number[] | undefined {
  const v = isIP(s);
  if (v === 4) return s.split('.').map(Number);
  if (v !== 6) return undefined;
  let text = s;
  let tail: number[] = [];
  const m = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (m) {
    const v4 = m[2].split('.').map(Number);
    tail = v4;
    text = m[1] + '0:0';
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, undefined];
  const hs = head ? head.split(':') : [];
  const rs = rest !== undefined && rest !== '' ? rest.split(':') : [];
  const groups = rest === undefined ? hs : [...hs, ...Array(8 - hs.length - rs.length).fill('0'), ...rs];
  const bytes: number[] = [];
  for (const g of groups) {
    const n = parseInt(g, 16);
    bytes.push(n >> 8, n & 0xff);
  }
  if (tail.length) bytes.splice(12, 4, ...tail);
  const mapped = bytes.slice(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff;
  return mapped ? bytes.slice(12) : bytes;
}

function isLoopback(ip: number[]): boolean {
  if (ip.length === 4) return ip[0] === 127;
  return ip.slice(0, 15).every((b) => b === 0) && ip[15] === 1;
}

function sameIP(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * net.ParseCIDR + IPNet.Contains: the prefix length is bounded by the address text's family (32 for
 * IPv4 text, 128 for IPv6 text, IPv4-mapped included); an IPv4-mapped network compares as IPv4 with the
 * mask's last 4 bytes. undefined when `cidr` is not a CIDR.
 */
function inCIDR(ip: number[], cidr: string): boolean | undefined {
  const slash = cidr.indexOf('/');
  if (slash < 0) return undefined;
  const text = cidr.slice(0, slash);
  const family = isIP(text);
  const bitsText = cidr.slice(slash + 1);
  if (family === 0 || !/^\d+$/.test(bitsText)) return undefined;
  const len = family === 4 ? 4 : 16;
  const bits = Number(bitsText);
  if (bits > len * 8) return undefined;
  const net = ipBytes(text)!;
  let mask = Array.from({ length: len }, (_, i) => (bits >= (i + 1) * 8 ? 0xff : bits <= i * 8 ? 0 : (0xff << (8 - (bits - i * 8))) & 0xff));
  if (net.length === 4 && len === 16) mask = mask.slice(12);
  if (ip.length !== net.length) return false;
  return net.every((b, i) => (b & mask[i]) === (ip[i] & mask[i]));
}

function splitHostPort(p: string): { host: string; port: string } | undefined {
  if (p.startsWith('[')) {
    const end = p.indexOf(']');
    if (end < 0 || p[end + 1] !== ':') return undefined;
    return { host: p.slice(1, end), port: p.slice(end + 2) };
  }
  const i = p.lastIndexOf(':');
  if (i < 0 || p.indexOf(':') !== i) return undefined;
  return { host: p.slice(0, i), port: p.slice(i + 1) };
}

/** One NO_PROXY entry, as httpproxy's config.init turns it into a matcher. */
type Matcher =
  | { kind: 'all' }
  | { kind: 'cidr'; cidr: string }
  | { kind: 'ip'; ip: number[]; port: string }
  | { kind: 'domain'; host: string; port: string; matchHost: boolean };

function matchers(noProxy: string): Matcher[] {
  const out: Matcher[] = [];
  for (const raw of noProxy.split(',')) {
    const p = raw.trim().toLowerCase();
    if (p === '') continue;
    if (p === '*') return [{ kind: 'all' }];
    if (inCIDR([], p) !== undefined) {
      out.push({ kind: 'cidr', cidr: p });
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
    const pip = ipBytes(phost);
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
  const ip = ipBytes(host.includes(':') ? host.replace(/%.*$/s, '') : host); // netip.ParseAddr: IPv6 zones
  if (ip && isLoopback(ip)) return false;
  const addr = host.toLowerCase().trim();
  for (const m of matchers(noProxy)) {
    if (m.kind === 'all') return false;
    if (ip) {
      if (m.kind === 'cidr' && inCIDR(ip, m.cidr)) return false;
      if (m.kind === 'ip' && sameIP(m.ip, ip) && (m.port === '' || m.port === port)) return false;
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
function parseProxy(raw: string): GoURL | undefined {
  if (raw === '') return undefined;
  const r = parseURL(raw);
  if (!r.ok || r.url.scheme === '' || r.url.host === '') {
    const r2 = parseURL(`http://${raw}`);
    if (r2.ok) return r2.url;
  }
  return r.ok ? r.url : undefined;
}

/** The proxy for a request URL, as Go's default transport chooses it (httpproxy proxyForURL). */
export function proxyForURL(url: GoURL, env: Record<string, string | undefined>): ProxyChoice {
  const isCGI = env.REQUEST_METHOD !== undefined && env.REQUEST_METHOD !== '';
  let proxy: GoURL | undefined;
  if (url.scheme === 'https') proxy = parseProxy(getEnvAny(env, 'HTTPS_PROXY', 'https_proxy'));
  else if (url.scheme === 'http') {
    proxy = parseProxy(getEnvAny(env, 'HTTP_PROXY', 'http_proxy'));
    // httpoxy: under CGI, HTTP_PROXY may come from a request header; Go refuses every http request.
    if (proxy && isCGI) return { error: 'refusing to use HTTP_PROXY value in CGI environment; see golang.org/s/cgihttpproxy' };
  }
  if (!proxy) return {};
  const port = url.port() || (url.scheme === 'https' ? '443' : '80');
  if (!useProxy(url.hostname(), port, getEnvAny(env, 'NO_PROXY', 'no_proxy'))) return {};
  return { proxy };
}
