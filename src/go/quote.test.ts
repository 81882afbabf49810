// Tests for quote, quoteBytes and formatSliceV (Go strconv.Quote / %q, %v of []string).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatSliceV, goStringFromBytes, quote, quoteBytes } from './index.ts';

/** Minimal Go interpreted-string-literal unquoter, for the round-trip property. Returns bytes. */
function unquoteGo(lit: string): Uint8Array {
  if (lit.length < 2 || lit[0] !== '"' || lit[lit.length - 1] !== '"') throw new Error('not quoted');
  const body = lit.slice(1, -1);
  const out: number[] = [];
  const enc = new TextEncoder();
  const simple: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === '"') throw new Error('unescaped quote');
    if (c.charCodeAt(0) < 0x20 || c === '\x7f') throw new Error('raw control char');
    if (c !== '\\') {
      const cp = body.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out.push(...enc.encode(ch));
      i += ch.length;
      continue;
    }
    const e = body[i + 1];
    if (e in simple) {
      out.push(simple[e]);
      i += 2;
      continue;
    }
    if (e === 'x') {
      out.push(parseInt(body.slice(i + 2, i + 4), 16));
      i += 4;
      continue;
    }
    if (e === 'u' || e === 'U') {
      const n = e === 'u' ? 4 : 8;
      const h = body.slice(i + 2, i + 2 + n);
      if (!/^[0-9a-f]+$/.test(h) || h.length !== n) throw new Error('bad escape');
      out.push(...enc.encode(String.fromCodePoint(parseInt(h, 16))));
      i += 2 + n;
      continue;
    }
    throw new Error(`bad escape \\${e}`);
  }
  return new Uint8Array(out);
}

describe('quote', () => {
  it('escapes like Go %q', () => {
    expect(quote('dev')).toBe('"dev"');
    expect(quote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quote('\x07\b\f\n\r\t\v')).toBe('"\\a\\b\\f\\n\\r\\t\\v"');
    expect(quote('\x00\x01\x1b\x7f')).toBe('"\\x00\\x01\\x1b\\x7f"');
    expect(quote('\u0080\u00a0\u00ad')).toBe('"\\u0080\\u00a0\\u00ad"');
    expect(quote('\ufeffdev')).toBe('"\\ufeffdev"');
    expect(quote('\u2028\u2029\u200b')).toBe('"\\u2028\\u2029\\u200b"');
    expect(quote('\u{e0001}')).toBe('"\\U000e0001"');
    expect(quote('é日本😀 ~')).toBe('"é日本😀 ~"');
    expect(quote("it's")).toBe('"it\'s"');
    // Go 1.25/1.26 use Unicode 15.0: scripts added later are not printable there
    expect(quote('\u{105c0}\u{2ebf0}')).toBe('"\\U000105c0\\U0002ebf0"');
    expect(quote('\u{1e4d0}')).toBe('"\u{1e4d0}"'); // Nag Mundari is Unicode 15.0
  });
  it('treats a lone surrogate as U+FFFD, printed as itself', () => {
    expect(quote('a\ud800b')).toBe('"a\ufffdb"');
    expect(quote('\udfff')).toBe('"\ufffd"');
  });
  it('quotes a byte held as U+DC80+byte (goStringFromBytes) as Go quotes the byte, and agrees with quoteBytes', () => {
    expect(quote(goStringFromBytes(new Uint8Array([0x61, 0xe9, 0x62])))).toBe('"a\\xe9b"');
    expect(quote('\udcff\ud83d\ude00')).toBe('"\\xff\ud83d\ude00"');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 12 }), (b) => {
        expect(quote(goStringFromBytes(b))).toBe(quoteBytes(b));
      }),
    );
  });
  it('quoteBytes prints invalid UTF-8 as \\x escapes', () => {
    expect(quoteBytes(new Uint8Array([0xff, 0x61, 0xc3, 0xa9, 0xc3]))).toBe('"\\xffaé\\xc3"');
    expect(quoteBytes(new Uint8Array([0xed, 0xa0, 0x80]))).toBe('"\\xed\\xa0\\x80"');
    expect(quoteBytes(new Uint8Array([0xef, 0xbf, 0xbd]))).toBe('"\ufffd"');
    expect(quoteBytes(new TextEncoder().encode('x\ny'))).toBe('"x\\ny"');
  });
  it('keeps printable ASCII except " and \\', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), (s) => {
        expect(quote(s)).toBe('"' + s.replace(/[\\"]/g, (m) => '\\' + m) + '"');
      }),
    );
  });
  it('produces a Go literal that unquotes back to the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const lit = quote(s);
        expect(Buffer.from(unquoteGo(lit)).toString('utf8')).toBe(s);
      }),
    );
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (b) => {
        expect(Buffer.from(unquoteGo(quoteBytes(b)))).toEqual(Buffer.from(b));
      }),
    );
  });
});

describe('formatSliceV', () => {
  it('formats like Go %v of []string', () => {
    expect(formatSliceV([])).toBe('[]');
    expect(formatSliceV(['a'])).toBe('[a]');
    expect(formatSliceV(['a', 'b c', ''])).toBe('[a b c ]');
  });
});
