// Go's net package as far as proxy selection needs it (Go 1.26): ParseIP, ParseCIDR with IPNet.Contains,
// SplitHostPort, IP.IsLoopback and IP.Equal. Addresses are 16 bytes (IPv4 as ::ffff:a.b.c.d), like
// net.IP after ParseIP; both parsers sit on netip.ParseAddr (url/netip.ts), as Go's do.
import { parseAddr } from './url/netip.ts';

/** A parsed IP address: always 16 bytes. */
export type IP = readonly number[];

const V4_PREFIX = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff];

/** IP.To4: the 4 IPv4 bytes of a 4-byte or IPv4-mapped 16-byte address, else undefined. */
function to4(ip: IP): IP | undefined {
  if (ip.length === 4) return ip;
  return V4_PREFIX.every((b, i) => ip[i] === b) ? ip.slice(12) : undefined;
}

/** net.ParseIP: netip.ParseAddr without a zone; undefined when s is not an IP address. */
export function parseIP(s: string): IP | undefined {
  const a = parseAddr(s);
  return a.ok && a.zone === '' ? a.as16 : undefined;
}

/** netip.ParseAddr(s).AsSlice() as net.IP: zones allowed (and dropped). */
export function parseAddrIP(s: string): IP | undefined {
  const a = parseAddr(s);
  return a.ok ? a.as16 : undefined;
}

/** IP.IsLoopback: 127.0.0.0/8 (IPv4-mapped included) or ::1. */
export function isLoopback(ip: IP): boolean {
  const v4 = to4(ip);
  if (v4) return v4[0] === 127;
  return ip.every((b, i) => b === (i === 15 ? 1 : 0));
}

/** IP.Equal for two parsed (16-byte) addresses. */
export function ipEqual(a: IP, b: IP): boolean {
  return a.every((x, i) => x === b[i]);
}

/** A network from ParseCIDR: the masked address and the mask, both 4 bytes (IPv4 text) or 16. */
export interface IPNet {
  ip: IP;
  mask: IP;
}

/** Go's dtoi for the prefix length: decimal digits only, below 0xFFFFFF. */
function dtoi(s: string): number | undefined {
  if (!/^[0-9]+$/.test(s)) return undefined;
  let n = 0;
  for (const c of s) {
    n = n * 10 + (c.charCodeAt(0) - 48);
    if (n >= 0xffffff) return undefined;
  }
  return n;
}

/** net.ParseCIDR: undefined when s is not `address/prefix-length` (no zone; length up to the family's bits). */
export function parseCIDR(s: string): IPNet | undefined {
  const slash = s.indexOf('/');
  if (slash < 0) return undefined;
  const a = parseAddr(s.slice(0, slash));
  if (!a.ok || a.zone !== '') return undefined;
  const bits = a.is4 ? 32 : 128;
  const n = dtoi(s.slice(slash + 1));
  if (n === undefined || n > bits) return undefined;
  // CIDRMask(n, bits); IPNet.IP is the address masked (IP.Mask: a 4-byte mask of a 16-byte IPv4 address
  // gives the 4-byte network).
  const mask = Array.from({ length: bits / 8 }, (_, i) => (n >= (i + 1) * 8 ? 0xff : n <= i * 8 ? 0 : (0xff << (8 - (n - i * 8))) & 0xff));
  const base = a.is4 ? a.as16.slice(12) : a.as16;
  return { ip: base.map((b, i) => b & mask[i]), mask };
}

/**
 * IPNet.Contains (with networkNumberAndMask): a network whose number is IPv4(-mapped) compares IPv4
 * addresses over the mask's last 4 bytes; any other compares 16-byte non-IPv4 addresses.
 */
export function cidrContains(net: IPNet, ip: IP): boolean {
  const nn = to4(net.ip) ?? net.ip;
  let m = net.mask;
  if (m.length === 4 && nn.length !== 4) return false;
  if (m.length === 16 && nn.length === 4) m = m.slice(12);
  const x = to4(ip) ?? ip;
  if (x.length !== nn.length) return false;
  return nn.every((b, i) => (b & m[i]) === (x[i] & m[i]));
}

/** net.JoinHostPort: the host in brackets when it has a colon (an IPv6 address), then `:` and the port. */
export function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** net.SplitHostPort: undefined where Go returns an error (its text: splitHostPortError). */
export function splitHostPort(hostport: string): { host: string; port: string } | undefined {
  const r = goSplitHostPort(hostport);
  return 'error' in r ? undefined : r;
}

/** The text of net.SplitHostPort's error for hostport (`missing port in address`, ...), or '' when it splits. */
export function splitHostPortError(hostport: string): string {
  const r = goSplitHostPort(hostport);
  return 'error' in r ? r.error : '';
}

function goSplitHostPort(hostport: string): { host: string; port: string } | { error: string } {
  const i = hostport.lastIndexOf(':');
  if (i < 0) return { error: 'missing port in address' };
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport[0] === '[') {
    const end = hostport.indexOf(']');
    if (end < 0) return { error: "missing ']' in address" };
    if (end + 1 === hostport.length) return { error: 'missing port in address' };
    if (end + 1 !== i) return { error: hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address' };
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return { error: 'too many colons in address' };
  }
  if (hostport.slice(j).includes('[')) return { error: "unexpected '[' in address" };
  if (hostport.slice(k).includes(']')) return { error: "unexpected ']' in address" };
  return { host, port: hostport.slice(i + 1) };
}

/**
 * Go's net isDomainName (RFC 1035 as Go's resolver checks it before any query): labels of letters, digits,
 * `_` and `-` (not first), 1-63 bytes each, 254 at most in all (255 with a final dot), not all digits.
 * Go answers a name that fails it with `no such host` and sends nothing.
 */
export function isDomainName(s: string): boolean {
  if (s === '.') return true;
  const l = s.length;
  if (l === 0 || l > 254 || (l === 254 && s[l - 1] !== '.')) return false;
  let last = '.';
  let nonNumeric = false;
  let partlen = 0;
  for (const c of s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_') {
      nonNumeric = true;
      partlen++;
    } else if (c >= '0' && c <= '9') {
      partlen++;
    } else if (c === '-') {
      if (last === '.') return false;
      partlen++;
      nonNumeric = true;
    } else if (c === '.') {
      if (last === '.' || last === '-') return false;
      if (partlen > 63 || partlen === 0) return false;
      partlen = 0;
    } else return false;
    last = c;
  }
  if (last === '-' || partlen > 63) return false;
  return nonNumeric;
}
