// Go encoding/base64 decoding: Go's error offsets on hand-picked inputs, round-trip and offset properties.
import { describe, expect, test } from 'vitest';
import { RawURLEncoding, StdEncoding, goBase64Decode } from './gobase64.ts';
import { runs } from '../../testing/properties.ts';

const text = (r: ReturnType<typeof goBase64Decode>) => (r.ok ? Buffer.from(r.bytes).toString('latin1') : `ERR ${r.error}`);

describe('Go StdEncoding.DecodeString', () => {
  test.each([
    ['', ''],
    ['QUJD', 'ABC'],
    ['QUI=', 'AB'],
    ['QQ==', 'A'],
    ['QUJD\nREVG', 'ABCDEF'],
    ['QU\r\nJD\n', 'ABC'],
    ['QQ=\n=', 'A'],
    ['QUJ', 'ERR illegal base64 data at input byte 0'],
    ['Q', 'ERR illegal base64 data at input byte 0'],
    ['QUJDQ', 'ERR illegal base64 data at input byte 4'],
    ['QUJD!', 'ERR illegal base64 data at input byte 4'],
    ['QU!D', 'ERR illegal base64 data at input byte 2'],
    ['=QUJ', 'ERR illegal base64 data at input byte 0'],
    ['QQ=', 'ERR illegal base64 data at input byte 3'],
    ['QQ=x', 'ERR illegal base64 data at input byte 2'],
    ['QUI=QUJD', 'ERR illegal base64 data at input byte 4'],
    ['QUI= ', 'ERR illegal base64 data at input byte 4'],
    ['QUJD QUJD', 'ERR illegal base64 data at input byte 4'],
    ['QUJD-_', 'ERR illegal base64 data at input byte 4'],
    ['not base64!', 'ERR illegal base64 data at input byte 3'],
  ])('%j → %j', (input, want) => {
    expect(text(goBase64Decode(StdEncoding, input))).toBe(want);
  });

  test('offsets count UTF-8 bytes, as Go does', () => {
    expect(text(goBase64Decode(StdEncoding, 'é'))).toBe('ERR illegal base64 data at input byte 0');
    expect(text(goBase64Decode(StdEncoding, 'QUJDé'))).toBe('ERR illegal base64 data at input byte 4');
  });
});

describe('Go RawURLEncoding.DecodeString', () => {
  test.each([
    ['QUJD', 'ABC'],
    ['QUI', 'AB'],
    ['QQ', 'A'],
    ['-_-_', '\xfb\xff\xbf'],
    ['Q', 'ERR illegal base64 data at input byte 0'],
    ['QUJDQ', 'ERR illegal base64 data at input byte 4'],
    ['QQ==', 'ERR illegal base64 data at input byte 2'],
    ['QU+D', 'ERR illegal base64 data at input byte 2'],
  ])('%j → %j', (input, want) => {
    expect(text(goBase64Decode(RawURLEncoding, input))).toBe(want);
  });
});

describe('properties', () => {
  test('any bytes, encoded by node and wrapped with \\n or \\r\\n anywhere, decode back (std and raw url)', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.array(fc.nat(), { maxLength: 8 }), fc.boolean(), (bytes, cuts, crlf) => {
        const nl = crlf ? '\r\n' : '\n';
        let std = Buffer.from(bytes).toString('base64');
        let url = Buffer.from(bytes).toString('base64url');
        for (const c of cuts) {
          std = std.slice(0, c % (std.length + 1)) + nl + std.slice(c % (std.length + 1));
          url = url.slice(0, c % (url.length + 1)) + nl + url.slice(c % (url.length + 1));
        }
        const a = goBase64Decode(StdEncoding, std);
        const b = goBase64Decode(RawURLEncoding, url);
        return a.ok && b.ok && Buffer.from(a.bytes).equals(Buffer.from(bytes)) && Buffer.from(b.bytes).equals(Buffer.from(bytes));
      }),
      { numRuns: runs(300) },
    );
  });

  test('a character outside the alphabet is reported at its own byte offset', async () => {
    const fc = await import('fast-check');
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 60 }), fc.nat(), fc.constantFrom('!', ' ', '-', '*', '.'), (bytes, at, bad) => {
        const enc = Buffer.from(bytes).toString('base64').replace(/=+$/, '');
        const i = at % enc.length;
        const r = goBase64Decode(StdEncoding, enc.slice(0, i) + bad + enc.slice(i + 1));
        return !r.ok && r.error === `illegal base64 data at input byte ${i}`;
      }),
      { numRuns: runs(300) },
    );
  });
});
