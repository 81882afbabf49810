// Tests for parseURL / GoURL (Go net/url.Parse, URL.String, Hostname, Port, u.Parse(ref)).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseURL, type GoURL } from '../index.ts';

const ok = (raw: string): GoURL => {
  const r = parseURL(raw);
  if (!r.ok) throw new Error(r.error);
  return r.url;
};
const bad = (raw: string): string => {
  const r = parseURL(raw);
  if (r.ok) throw new Error(`expected an error for ${raw}`);
  return r.error;
};

describe('parseURL errors', () => {
  it('uses Go texts with the %q-quoted URL', () => {
    expect(bad(':')).toBe('parse ":": missing protocol scheme');
    expect(bad('://x')).toBe('parse "://x": missing protocol scheme');
    expect(bad('http://a%zz')).toBe('parse "http://a%zz": invalid URL escape "%zz"');
    expect(bad('http://a/%4')).toBe('parse "http://a/%4": invalid URL escape "%4"');
    expect(bad('http://a/b%')).toBe('parse "http://a/b%": invalid URL escape "%"');
    expect(bad('http://a%41/')).toBe('parse "http://a%41/": invalid URL escape "%41"');
    expect(bad('http://[::1')).toBe('parse "http://[::1": missing \']\' in host');
    expect(bad('http://[::1]x')).toBe('parse "http://[::1]x": invalid port "x" after host');
    expect(bad('http://a b')).toBe('parse "http://a b": invalid character " " in host name');
    expect(bad('http://a{b')).toBe('parse "http://a{b": invalid character "{" in host name');
    expect(ok('http://a<b').host).toBe('a<b');
    expect(bad('1http://x')).toBe('parse "1http://x": first path segment in URL cannot contain colon');
    expect(bad('http://a:x')).toBe('parse "http://a:x": invalid port ":x" after host');
    expect([ok('http://a:80:90').hostname(), ok('http://a:80:90').port()]).toEqual(['a:80', '90']); // Go accepts it
    expect(bad('http://a:90x')).toBe('parse "http://a:90x": invalid port ":90x" after host');
    expect(bad('a\x7f')).toBe('parse "a\\x7f": net/url: invalid control character in URL');
    expect(bad('http://h/\n')).toBe('parse "http://h/\\n": net/url: invalid control character in URL');
    expect(bad('http://a b@h/')).toBe('parse "http://a b@h/": net/url: invalid userinfo');
    expect(bad('http://h/%zz#frag')).toBe('parse "http://h/%zz": invalid URL escape "%zz"');
    expect(bad('http://h/#%zz')).toBe('parse "http://h/#%zz": invalid URL escape "%zz"');
    expect(ok('http://h/%c3').toString()).toBe('http://h/%c3'); // Go Path holds byte 0xc3; here U+FFFD, RawPath keeps it
  });
});

describe('parseURL fields and String()', () => {
  it('splits a full URL', () => {
    const u = ok('HTTP://user:p%40ss@Example.com:8080/a%2Fb/c?x=1&y=%20#frag%20x');
    expect(u.scheme).toBe('http');
    expect(u.user).toEqual({ username: 'user', password: 'p@ss' });
    expect(u.host).toBe('Example.com:8080');
    expect(u.hostname()).toBe('Example.com');
    expect(u.port()).toBe('8080');
    expect(u.path).toBe('/a/b/c');
    expect(u.rawPath).toBe('/a%2Fb/c');
    expect(u.rawQuery).toBe('x=1&y=%20');
    expect(u.fragment).toBe('frag x');
    expect(u.toString()).toBe('http://user:p%40ss@Example.com:8080/a%2Fb/c?x=1&y=%20#frag%20x');
  });
  it('handles IPv6, opaque, relative, empty and forced queries', () => {
    const v6 = ok('http://[fe80::1%25en0]:443/');
    expect([v6.host, v6.hostname(), v6.port()]).toEqual(['[fe80::1%en0]:443', 'fe80::1%en0', '443']);
    expect(ok('mailto:a@b').opaque).toBe('a@b');
    expect(ok('mailto:a@b').toString()).toBe('mailto:a@b');
    expect(ok('').toString()).toBe('');
    expect(ok('/a?').forceQuery).toBe(true);
    expect(ok('/a?').toString()).toBe('/a?');
    expect(ok('a/b').path).toBe('a/b');
    expect(ok('*').path).toBe('*');
    expect(ok('file:///etc/x').toString()).toBe('file:///etc/x');
    expect(ok('http:/x').toString()).toBe('http:/x');
    expect(ok('http://h').toString()).toBe('http://h');
    expect(ok('http://h/é').toString()).toBe('http://h/%C3%A9');
    expect(ok('http://169.254.169.254/latest/api/token').hostname()).toBe('169.254.169.254');
    expect(ok('//h/p').host).toBe('h');
  });
  it('String() of a parsed URL parses back to the same URL', () => {
    const part = fc.string({ unit: fc.constantFrom(...'ab1-._~%20/:@?#&=+ é'.split('')), maxLength: 8 });
    fc.assert(
      fc.property(fc.constantFrom('http://', 'https://h:1', 'x:', '', '/'), part, (prefix, rest) => {
        const r = parseURL(prefix + rest);
        if (!r.ok) return;
        const again = parseURL(r.url.toString());
        expect(again.ok).toBe(true);
        if (again.ok) expect(again.url.toString()).toBe(r.url.toString());
      }),
    );
  });
});

describe('GoURL.parseRef (ResolveReference)', () => {
  const base = ok('http://127.0.0.1:3000/base/path?x=1#f');
  it('replaces the path with an absolute ref path and takes the query from the ref', () => {
    expect(base.parseRef('/api/v2/workspaceagents/me/external-auth?id=github&match=').toString()).toBe(
      'http://127.0.0.1:3000/api/v2/workspaceagents/me/external-auth?id=github&match=',
    );
    expect(base.parseRef('/api/v2/x').toString()).toBe('http://127.0.0.1:3000/api/v2/x');
  });
  it('resolves relative refs like RFC 3986', () => {
    expect(base.parseRef('').toString()).toBe('http://127.0.0.1:3000/base/path?x=1#f');
    expect(base.parseRef('other').toString()).toBe('http://127.0.0.1:3000/base/other');
    expect(base.parseRef('../a/./b/..').toString()).toBe('http://127.0.0.1:3000/a/');
    expect(base.parseRef('../../../x').toString()).toBe('http://127.0.0.1:3000/x');
    expect(base.parseRef('?y=2').toString()).toBe('http://127.0.0.1:3000/base/path?y=2');
    expect(base.parseRef('#g').toString()).toBe('http://127.0.0.1:3000/base/path?x=1#g');
    expect(base.parseRef('//other:1/p').toString()).toBe('http://other:1/p');
    expect(base.parseRef('https://x/y').toString()).toBe('https://x/y');
  });
  it("throws Go's error for an invalid ref", () => {
    expect(() => base.parseRef('/%zz')).toThrow('parse "/%zz": invalid URL escape "%zz"');
  });
  it('requestURI', () => {
    expect(ok('http://h').requestURI()).toBe('/');
    expect(ok('http://h/a%2Fb?q').requestURI()).toBe('/a%2Fb?q');
  });
});
