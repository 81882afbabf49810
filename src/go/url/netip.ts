// Go net/netip.ParseAddr as far as net/url needs it (Go ≥ 1.25.2 validates bracketed hosts with it):
// accepts IPv4 / IPv6 (with zone) text and reports Go's exact parse errors; a valid address comes with
// its 16 bytes (Addr.As16: IPv4 as ::ffff:a.b.c.d) and zone.
import { quote } from '../quote.ts';

export type ParsedAddr = { ok: true; is4: boolean; as16: number[]; zone: string } | { ok: false; error: string };
type AddrError = { ok: false; error: string };

function addrError(input: string, msg: string, at?: string): AddrError {
  const tail = at !== undefined && at !== '' ? ` (at ${quote(at)})` : '';
  return { ok: false, error: `ParseAddr(${quote(input)}): ${msg}${tail}` };
}

/** Go netip parseIPv4Fields over input[off:end]; null when valid, the four fields appended to `out`. */
function ipv4Fields(input: string, off: number, end: number, out: number[]): AddrError | null {
  const s = input.slice(off, end);
  let val = 0;
  let pos = 0;
  let digLen = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c >= '0' && c <= '9') {
      if (digLen === 1 && val === 0) return addrError(input, 'IPv4 field has octet with leading zero');
      val = val * 10 + (c.charCodeAt(0) - 48);
      digLen++;
      if (val > 255) return addrError(input, 'IPv4 field has value >255');
    } else if (c === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') return addrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (pos === 3) return addrError(input, 'IPv4 address too long');
      out.push(val);
      pos++;
      val = 0;
      digLen = 0;
    } else {
      return addrError(input, 'unexpected character', s.slice(i));
    }
  }
  if (pos < 3) return addrError(input, 'IPv4 address too short');
  out.push(val);
  return null;
}

const hexVal = (c: string): number => {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c >= 'a' && c <= 'f') return c.charCodeAt(0) - 87;
  if (c >= 'A' && c <= 'F') return c.charCodeAt(0) - 55;
  return -1;
};

function parseIPv6(input: string): ParsedAddr {
  let s = input;
  let zone = '';
  const pct = s.indexOf('%');
  if (pct !== -1) {
    zone = s.slice(pct + 1);
    s = s.slice(0, pct);
    if (zone === '') return addrError(input, 'zone must be a non-empty string');
  }
  const ip: number[] = Array(16).fill(0);
  let ellipsis = -1;
  if (s.length >= 2 && s[0] === ':' && s[1] === ':') {
    ellipsis = 0;
    s = s.slice(2);
    if (s.length === 0) return { ok: true, is4: false, as16: ip, zone };
  }
  let i = 0;
  while (i < 16) {
    let off = 0;
    let acc = 0;
    for (; off < s.length; off++) {
      const h = hexVal(s[off]);
      if (h < 0) break;
      acc = acc * 16 + h;
      if (off > 3) return addrError(input, 'each group must have 4 or less digits', s);
      if (acc > 0xffff) return addrError(input, 'IPv6 field has value >=2^16', s);
    }
    if (off === 0) return addrError(input, 'each colon-separated field must have at least one digit', s);
    if (off < s.length && s[off] === '.') {
      if (ellipsis < 0 && i !== 12) return addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (i + 4 > 16) return addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      let end = input.length;
      if (zone.length > 0) end -= zone.length + 1;
      const v4: number[] = [];
      const err = ipv4Fields(input, end - s.length, end, v4);
      if (err) return err;
      ip.splice(i, 4, ...v4);
      s = '';
      i += 4;
      break;
    }
    ip[i] = acc >> 8;
    ip[i + 1] = acc & 0xff;
    i += 2;
    s = s.slice(off);
    if (s.length === 0) break;
    if (s[0] !== ':') return addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) return addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) return addrError(input, 'multiple :: in address', s);
      ellipsis = i;
      s = s.slice(1);
      if (s.length === 0) break;
    }
  }
  if (s.length !== 0) return addrError(input, 'trailing garbage after address', s);
  if (i < 16) {
    if (ellipsis < 0) return addrError(input, 'address string too short');
  } else if (ellipsis >= 0) {
    return addrError(input, 'the :: must expand to at least one field of zeros', s);
  }
  if (ellipsis >= 0) {
    // Move the groups after the `::` to the end; the gap is zeros.
    const n = 16 - i;
    for (let j = i - 1; j >= ellipsis; j--) ip[j + n] = ip[j];
    ip.fill(0, ellipsis, ellipsis + n);
  }
  return { ok: true, is4: false, as16: ip, zone };
}

/** Go netip.ParseAddr(s): whether s is an IP address (is4 for plain IPv4), or Go's error text. */
export function parseAddr(s: string): ParsedAddr {
  for (let i = 0; i < s.length; i++) {
    switch (s[i]) {
      case '.': {
        const v4: number[] = [];
        const err = ipv4Fields(s, 0, s.length, v4);
        return err ?? { ok: true, is4: true, as16: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, ...v4], zone: '' };
      }
      case ':':
        return parseIPv6(s);
      case '%':
        return addrError(s, 'missing IPv6 address');
    }
  }
  return addrError(s, 'unable to parse IP');
}
