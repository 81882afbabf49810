import { describe, expect, test } from 'vitest';
import { RawURLEncoding, StdEncoding, goBase64Decode } from './gobase64.ts';

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
