// utf8DecodeLossy and JSON string unquoting against their byte-by-byte definitions (Go's
// utf8.DecodeRune: each invalid byte is one U+FFFD; a leading BOM is kept), on arbitrary bytes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runs } from '../testing/properties.ts';
import { jsonDecode } from './json/decode.ts';
import { decodeRune, utf8DecodeLossy } from './utf8.ts';

/** The definition: rune by rune. */
function lossyByRune(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const [r, size] = decodeRune(b, i);
    out += String.fromCodePoint(r);
    i += size;
  }
  return out;
}

// Bytes biased towards UTF-8 structure: lead bytes, continuation bytes, BOM, surrogate encodings.
const interesting = [0xef, 0xbb, 0xbf, 0xed, 0xa0, 0x80, 0xbf, 0xc0, 0xc1, 0xc2, 0xe0, 0xf0, 0xf4, 0xf5, 0xff, 0x90, 0x5c, 0x22, 0x61];
const byte = fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(...interesting));
const bytes = fc.oneof(
  fc.uint8Array(),
  fc.array(byte, { maxLength: 40 }).map((a) => Uint8Array.from(a)),
  fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s)),
);

describe('utf8DecodeLossy', () => {
  it('equals rune-by-rune decoding for any bytes', () => {
    fc.assert(
      fc.property(bytes, (b) => utf8DecodeLossy(b) === lossyByRune(b)),
      { numRuns: runs(500) },
    );
  });
  it('keeps a leading BOM and replaces each invalid byte of a truncated sequence', () => {
    expect(utf8DecodeLossy(Uint8Array.of(0xef, 0xbb, 0xbf, 0x61))).toBe('\ufeffa');
    expect(utf8DecodeLossy(Uint8Array.of(0xf0, 0x90, 0x80, 0x41))).toBe('\ufffd\ufffd\ufffdA');
    expect(utf8DecodeLossy(Uint8Array.of(0xed, 0xa0, 0x80))).toBe('\ufffd\ufffd\ufffd');
  });
  it('decodes a multi-megabyte body whole', () => {
    const big = new Uint8Array(3 * 1024 * 1024 + 1).fill(0x61);
    big[big.length - 1] = 0xff;
    const s = utf8DecodeLossy(big);
    expect([s.length, s.charCodeAt(s.length - 1), s.charCodeAt(0)]).toEqual([big.length, 0xfffd, 0x61]);
  });
});

/** The previous, rune-by-rune unquote (Go's unquote read literally): the definition the linear one must equal. */
function unquoteByRune(b: Uint8Array, start: number, end: number): string {
  let out = '';
  const hex4 = (i: number): number => {
    if (i + 6 > end || b[i] !== 0x5c || b[i + 1] !== 0x75) return -1;
    const h = String.fromCharCode(b[i + 2], b[i + 3], b[i + 4], b[i + 5]);
    return /^[0-9a-fA-F]{4}$/.test(h) ? parseInt(h, 16) : -1;
  };
  const simple: Record<number, string> = { 98: '\b', 102: '\f', 110: '\n', 114: '\r', 116: '\t' };
  for (let i = start; i < end; ) {
    if (b[i] === 0x5c) {
      const e = b[i + 1];
      if (e === 0x75) {
        let r = hex4(i);
        i += 6;
        if (r >= 0xd800 && r <= 0xdfff) {
          const r2 = hex4(i);
          if (r <= 0xdbff && r2 >= 0xdc00 && r2 <= 0xdfff) {
            r = ((r - 0xd800) << 10) + (r2 - 0xdc00) + 0x10000;
            i += 6;
          } else r = 0xfffd;
        }
        out += String.fromCodePoint(r);
      } else {
        out += simple[e] ?? String.fromCharCode(e);
        i += 2;
      }
      continue;
    }
    const [r, size] = decodeRune(b.subarray(0, end), i);
    out += String.fromCodePoint(r);
    i += size;
  }
  return out;
}

describe('JSON string unquoting', () => {
  // A string literal made of raw bytes (no quote, no backslash, no control byte) and escapes.
  const raw = fc
    .array(
      byte.filter((c) => c >= 0x20 && c !== 0x22 && c !== 0x5c),
      { maxLength: 12 },
    )
    .map((a) => Uint8Array.from(a));
  const escape = fc
    .constantFrom('\\n', '\\t', '\\"', '\\\\', '\\/', '\\b', '\\f', '\\r', '\\u00e9', '\\ud83d\\ude00', '\\ud800', '\\udc00x', '\\uFEFF')
    .map((e) => new TextEncoder().encode(e));
  it('decodes runs between escapes exactly like the rune-by-rune definition', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(raw, escape), { maxLength: 8 }), (pieces) => {
        const body = Buffer.concat([Buffer.from('"'), ...pieces, Buffer.from('"')]);
        const r = jsonDecode(body);
        return r.ok && r.value === unquoteByRune(body, 1, body.length - 1);
      }),
      { numRuns: runs(300) },
    );
  });
  it('keeps the escapes', () => {
    expect(jsonDecode('"a\\nb\\u00e9\\ud83d\\ude00\\ud800\\\\"')).toEqual({ ok: true, value: 'a\nbé😀\ufffd\\', rest: '' });
  });
});
