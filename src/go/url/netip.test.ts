// Tests for parseAddr (Go netip.ParseAddr texts) and the Go 1.25 / 1.26 host rules of parseURL.
import { describe, expect, it } from 'vitest';
import { parseURL } from '../index.ts';
import { parseAddr } from './netip.ts';

const err = (s: string): string => {
  const r = parseAddr(s);
  if (r.ok) throw new Error(`expected an error for ${s}`);
  return r.error;
};

describe('parseAddr', () => {
  it('accepts addresses', () => {
    expect(parseAddr('1.2.3.4')).toMatchObject({ ok: true, is4: true });
    expect(parseAddr('::1')).toMatchObject({ ok: true, is4: false });
    expect(parseAddr('::')).toMatchObject({ ok: true, is4: false });
    expect(parseAddr('fe80::1%en0')).toMatchObject({ ok: true, is4: false });
    expect(parseAddr('::ffff:1.2.3.4')).toMatchObject({ ok: true, is4: false });
    expect(parseAddr('1:2:3:4:5:6:7:8')).toMatchObject({ ok: true, is4: false });
    expect(parseAddr('1:2:3:4:5:6:1.2.3.4')).toMatchObject({ ok: true, is4: false });
  });
  it('gives the 16 bytes (As16) and the zone', () => {
    const as16 = (t: string) => {
      const r = parseAddr(t);
      if (!r.ok) throw new Error(r.error);
      return [Buffer.from(r.as16).toString('hex'), r.zone];
    };
    expect(as16('1.2.3.4')).toEqual(['00000000000000000000ffff01020304', '']);
    expect(as16('::')).toEqual(['00000000000000000000000000000000', '']);
    expect(as16('::1')).toEqual(['00000000000000000000000000000001', '']);
    expect(as16('1::')).toEqual(['00010000000000000000000000000000', '']);
    expect(as16('fe80::1:2%en0')).toEqual(['fe800000000000000000000000010002', 'en0']);
    expect(as16('1:2:3:4:5:6:7:8')).toEqual(['00010002000300040005000600070008', '']);
    expect(as16('::ffff:1.2.3.4')).toEqual(['00000000000000000000ffff01020304', '']);
    expect(as16('1:2:3:4:5:6:1.2.3.4')).toEqual(['00010002000300040005000601020304', '']);
    expect(as16('ab:cdef::9.8.7.6')).toEqual(['00ab cdef 0000 0000 0000 0000 0908 0706'.replaceAll(' ', ''), '']);
  });
  it('reports Go texts', () => {
    expect(err('')).toBe('ParseAddr(""): unable to parse IP');
    expect(err('foo')).toBe('ParseAddr("foo"): unable to parse IP');
    expect(err('%en0')).toBe('ParseAddr("%en0"): missing IPv6 address');
    expect(err('1.2.3')).toBe('ParseAddr("1.2.3"): IPv4 address too short');
    expect(err('1.2.3.4.5')).toBe('ParseAddr("1.2.3.4.5"): IPv4 address too long');
    expect(err('1.2.3.256')).toBe('ParseAddr("1.2.3.256"): IPv4 field has value >255');
    expect(err('01.2.3.4')).toBe('ParseAddr("01.2.3.4"): IPv4 field has octet with leading zero');
    expect(err('1..2.3')).toBe('ParseAddr("1..2.3"): IPv4 field must have at least one digit (at ".2.3")');
    expect(err('1.2.3.x')).toBe('ParseAddr("1.2.3.x"): unexpected character (at "x")');
    expect(err('1::2::3')).toBe('ParseAddr("1::2::3"): multiple :: in address (at ":3")');
    expect(err('1:2')).toBe('ParseAddr("1:2"): address string too short');
    expect(err('1:2:3:4:5:6:7:8:9')).toBe('ParseAddr("1:2:3:4:5:6:7:8:9"): trailing garbage after address (at "9")');
    expect(err('::1:2:3:4:5:6:7:8')).toBe('ParseAddr("::1:2:3:4:5:6:7:8"): the :: must expand to at least one field of zeros');
    expect(err('12345::')).toBe('ParseAddr("12345::"): each group must have 4 or less digits (at "12345::")');
    expect(err('fe80::1%')).toBe('ParseAddr("fe80::1%"): zone must be a non-empty string');
    expect(err('1:2:')).toBe('ParseAddr("1:2:"): colon must be followed by more characters (at ":")');
    expect(err('1:g')).toBe('ParseAddr("1:g"): each colon-separated field must have at least one digit (at "g")');
    expect(err('1.2.3.4:1')).toBe('ParseAddr("1.2.3.4:1"): unexpected character (at ":1")');
    expect(err('1:1.2.3.4')).toBe('ParseAddr("1:1.2.3.4"): embedded IPv4 address must replace the final 2 fields of the address (at "1.2.3.4")');
  });
});

describe('parseURL host rules by Go version', () => {
  const bad = (raw: string, go?: '1.25' | '1.26'): string => {
    const r = parseURL(raw, go ? { go } : undefined);
    if (r.ok) throw new Error(`expected an error for ${raw}`);
    return r.error;
  };
  it('validates bracketed hosts (Go ≥ 1.25.9)', () => {
    expect(bad('http://[foo]/')).toBe('parse "http://[foo]/": invalid host: ParseAddr("foo"): unable to parse IP');
    expect(bad('http://[127.0.0.1]:80/')).toBe('parse "http://[127.0.0.1]:80/": invalid IP-literal');
    expect(bad('http://a[::1]/')).toBe('parse "http://a[::1]/": invalid IP-literal');
    expect(bad('http://[::1%25]/')).toBe('parse "http://[::1%25]/": invalid host: ParseAddr("::1%"): zone must be a non-empty string');
    const ok = parseURL('http://[::ffff:1.2.3.4]:8080/x');
    expect(ok.ok && [ok.url.host, ok.url.hostname(), ok.url.port()]).toEqual(['[::ffff:1.2.3.4]:8080', '::ffff:1.2.3.4', '8080']);
  });
  it('Go 1.25 takes the port after the last colon; Go 1.26 after the first (urlstrictcolons)', () => {
    const r = parseURL('http://h:1:2/');
    expect(r.ok && r.url.host).toBe('h:1:2');
    expect(bad('http://h:1:2/', '1.26')).toBe('parse "http://h:1:2/": invalid port ":1:2" after host');
    expect(bad('http://::1/', '1.26')).toBe('parse "http://::1/": invalid port "::1" after host');
    const r26 = parseURL('http://127.0.0.1:3000/base', { go: '1.26' });
    expect(r26.ok && r26.url.port()).toBe('3000');
  });
  it('parseRef keeps the Go version of the base URL', () => {
    const base = parseURL('http://127.0.0.1:3000/', { go: '1.26' });
    if (!base.ok) throw new Error(base.error);
    expect(() => base.url.parseRef('http://h:1:2/')).toThrow('parse "http://h:1:2/": invalid port ":1:2" after host');
    // Strict colons apply to http and https only (Go 1.26.8, Go issue 78077): a scheme-less ref keeps the last colon.
    expect(base.url.parseRef('//h:1:2/').host).toBe('h:1:2');
    const base25 = parseURL('http://127.0.0.1:3000/');
    if (!base25.ok) throw new Error(base25.error);
    expect(base25.url.parseRef('//h:1:2/x').toString()).toBe('http://h:1:2/x');
  });
});
