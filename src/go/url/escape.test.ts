// Tests for queryEscape, pathEscape and encodeQuery (Go url.QueryEscape, url.Values.Encode).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeQuery, pathEscape, queryEscape } from '../index.ts';

describe('queryEscape', () => {
  it('escapes like Go url.QueryEscape', () => {
    expect(queryEscape('github')).toBe('github');
    expect(queryEscape('a b')).toBe('a+b');
    expect(queryEscape('A-Z_a.z~09')).toBe('A-Z_a.z~09');
    expect(queryEscape('a+b&c=d/e?f#g%h')).toBe('a%2Bb%26c%3Dd%2Fe%3Ff%23g%25h');
    expect(queryEscape('é\u0000\n')).toBe('%C3%A9%00%0A');
    expect(queryEscape("!'()*")).toBe('%21%27%28%29%2A');
    expect(queryEscape('\ud800')).toBe('%EF%BF%BD');
  });
  it('round-trips through decodeURIComponent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const e = queryEscape(s);
        expect(e).toMatch(/^[A-Za-z0-9\-_.~+%]*$/);
        expect(decodeURIComponent(e.replace(/\+/g, ' '))).toBe(s);
      }),
    );
  });
});

describe('pathEscape', () => {
  it('escapes a path segment', () => {
    expect(pathEscape('a b/c;d,e?f:g@h&i=j+k$')).toBe('a%20b%2Fc%3Bd%2Ce%3Ff:g@h&i=j+k$');
  });
});

describe('encodeQuery', () => {
  it('sorts keys, keeps empty values, omits keys without values', () => {
    expect(encodeQuery({ match: [''], id: ['github'] })).toBe('id=github&match=');
    expect(encodeQuery({ id: ['my provider/é'], match: [''], listen: ['true'] })).toBe('id=my+provider%2F%C3%A9&listen=true&match=');
    expect(encodeQuery({ b: ['1', '2'], a: [], 'c d': ['x'] })).toBe('b=1&b=2&c+d=x');
    expect(encodeQuery({})).toBe('');
  });
});
