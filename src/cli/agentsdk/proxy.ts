// Go's http.ProxyFromEnvironment (golang.org/x/net/http/httpproxy): HTTP_PROXY/http_proxy for http
// targets, HTTPS_PROXY/https_proxy for https, NO_PROXY/no_proxy (`*`, domains and their subdomains,
// `.domain`, `*.domain`, IPs, CIDRs, optional :port), never for localhost or loopback IPs, and
// HTTP_PROXY ignored under CGI (REQUEST_METHOD set).
import { parseURL, quote, type GoURL } from '../../go/index.ts';

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

function inCIDR(ip: number[], cidr: string): boolean | undefined {
  const slash = cidr.indexOf('/');
  if (slash < 0) return undefined;
  const net = ipBytes(cidr.slice(0, slash));
  const bitsText = cidr.slice(slash + 1);
  if (!net || !/^\d+$/.test(bitsText)) return undefined;
  const bits = Number(bitsText);
  if (bits > net.length * 8) return undefined;
  if (ip.length !== net.length) return false;
  for (let i = 0; i < bits; i++) {
    const byte = i >> 3;
    const mask = 0x80 >> (i & 7);
    if ((ip[byte] & mask) !== (net[byte] & mask)) return false;
  }
  return true;
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

/** httpproxy config.useProxy for a target host and port (port already defaulted by scheme). */
export function useProxy(host: string, port: string, noProxy: string): boolean {
  if (host === 'localhost') return false;
  const ip = ipBytes(host);
  if (ip && isLoopback(ip)) return false;
  const addr = host.toLowerCase().trim();
  for (const raw of noProxy.split(',')) {
    const p = raw.trim().toLowerCase();
    if (p === '') continue;
    if (p === '*') return false;
    const cidr = inCIDR(ip ?? [], p);
    if (cidr !== undefined) {
      if (ip && cidr) return false;
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
      if (ip && sameIP(pip, ip) && (pport === '' || pport === port)) return false;
      continue;
    }
    if (phost.startsWith('*.')) phost = phost.slice(1);
    let matchHost = false;
    if (phost[0] !== '.') {
      matchHost = true;
      phost = '.' + phost;
    }
    if (addr.endsWith(phost) || (matchHost && addr === phost.slice(1))) {
      if (pport === '' || pport === port) return false;
    }
  }
  return true;
}

function parseProxy(raw: string): ProxyChoice {
  const r = parseURL(raw);
  if (!r.ok || !['http', 'https', 'socks5', 'socks5h'].includes(r.url.scheme)) {
    const r2 = parseURL('http://' + raw);
    if (r2.ok) return { proxy: r2.url };
    return { error: `invalid proxy address ${quote(raw)}: ${r.ok ? r2.error : r.error}` };
  }
  return { proxy: r.url };
}

/** The proxy for a request URL, as Go's default transport chooses it. */
export function proxyForURL(url: GoURL, env: Record<string, string | undefined>): ProxyChoice {
  const isCGI = env.REQUEST_METHOD !== undefined && env.REQUEST_METHOD !== '';
  const httpProxy = isCGI ? '' : getEnvAny(env, 'HTTP_PROXY', 'http_proxy');
  const httpsProxy = getEnvAny(env, 'HTTPS_PROXY', 'https_proxy');
  const noProxy = getEnvAny(env, 'NO_PROXY', 'no_proxy');
  let raw = '';
  if (url.scheme === 'https') raw = httpsProxy;
  else if (url.scheme === 'http') raw = httpProxy;
  if (raw === '') return {};
  const host = url.hostname();
  const port = url.port() || (url.scheme === 'https' ? '443' : '80');
  if (!useProxy(host, port, noProxy)) return {};
  return parseProxy(raw);
}
