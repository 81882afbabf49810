// Tests for isSpace and trimSpace (Go unicode.IsSpace, strings.TrimSpace).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isSpace, spaceClass, trimSpace } from './index.ts';

const goSpaces = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028,
  0x2029, 0x202f, 0x205f, 0x3000,
];

describe('isSpace', () => {
  it('accepts exactly Go unicode.IsSpace code points', () => {
    for (const c of goSpaces) expect(isSpace(c), c.toString(16)).toBe(true);
    for (const c of [0x00, 0x08, 0x0e, 0x1c, 0x1f, 0x7f, 0x84, 0x86, 0x180e, 0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x41]) {
      expect(isSpace(c), c.toString(16)).toBe(false);
    }
  });
  it('matches the table for every BMP code point', () => {
    let count = 0;
    for (let c = 0; c <= 0xffff; c++) if (isSpace(c)) count++;
    expect(count).toBe(goSpaces.length);
  });
});

describe('spaceClass', () => {
  it('is a character class matching a code point exactly when isSpace holds, over the whole BMP', () => {
    const re = new RegExp(`^${spaceClass()}$`);
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) if (re.test(String.fromCharCode(c)) !== isSpace(c)) wrong.push(c.toString(16));
    expect(wrong).toEqual([]);
  });
  it('matches no code point outside the BMP (isSpace holds for none)', () => {
    const re = new RegExp(`${spaceClass()}`);
    fc.assert(
      fc.property(fc.integer({ min: 0x10000, max: 0x10ffff }), (c) => {
        expect(isSpace(c)).toBe(false);
        expect(re.test(String.fromCodePoint(c))).toBe(false);
      }),
    );
  });
});

describe('trimSpace', () => {
  it('trims Unicode white space but not U+FEFF or U+200B', () => {
    expect(trimSpace('  dev\t\n')).toBe('dev');
    expect(trimSpace('\u0085\u00a0dev\u2028\u3000')).toBe('dev');
    expect(trimSpace('\ufeffdev')).toBe('\ufeffdev');
    expect(trimSpace('\u200bdev\u200b')).toBe('\u200bdev\u200b');
    expect(trimSpace(' \v\f\r ')).toBe('');
    expect(trimSpace('a b')).toBe('a b');
    expect(trimSpace('')).toBe('');
  });

  const spaceChar = fc.constantFrom(...goSpaces.map((c) => String.fromCharCode(c)));
  const mixed = fc
    .array(fc.oneof(spaceChar, fc.string({ unit: 'grapheme', maxLength: 2 }), fc.constantFrom('\ufeff', '\u200b', 'x')), { maxLength: 12 })
    .map((a) => a.join(''));

  it('is idempotent and leaves no Go space at either end', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const t = trimSpace(s);
        expect(trimSpace(t)).toBe(t);
        if (t.length > 0) {
          expect(isSpace(t.codePointAt(0)!)).toBe(false);
          expect(isSpace(t.charCodeAt(t.length - 1))).toBe(false);
        }
      }),
    );
  });

  it('equals a reference filter over isSpace', () => {
    fc.assert(
      fc.property(mixed, (s) => {
        const cps = Array.from(s);
        let a = 0;
        let b = cps.length;
        while (a < b && isSpace(cps[a].codePointAt(0)!)) a++;
        while (b > a && isSpace(cps[b - 1].codePointAt(0)!)) b--;
        expect(trimSpace(s)).toBe(cps.slice(a, b).join(''));
      }),
    );
  });
});
