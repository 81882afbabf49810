// unicode.IsPrint / IsSpace: the generated tables are current, hold Go's known answers, and agree with
// real Go on every code point (exhaustive sweep against the Go oracle).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { agree, describeWithGo } from '../testing/go-oracle.ts';
import { isPrint, isSpace, quote } from './index.ts';
import { PRINT_RANGES, SPACE_RANGES, UNICODE_VERSION } from './unicode-tables.ts';

describe('generated Unicode tables', () => {
  it('unicode-tables.ts is exactly what scripts/gen-unicode-tables.mjs makes from @unicode/unicode-15.0.0', async () => {
    const gen = (await import('../../scripts/gen-unicode-tables.mjs')) as { generate(): Promise<string> };
    expect(readFileSync(new URL('./unicode-tables.ts', import.meta.url), 'utf8')).toBe(await gen.generate());
    expect(UNICODE_VERSION).toBe('15.0.0');
  });
  it('ranges are sorted, disjoint and not adjacent', () => {
    for (const r of [PRINT_RANGES, SPACE_RANGES]) {
      for (let i = 0; i < r.length; i += 2) {
        expect(r[i]).toBeLessThanOrEqual(r[i + 1]);
        if (i > 0) expect(r[i]).toBeGreaterThan(r[i - 1] + 1);
      }
    }
  });
  it("code points unassigned in Unicode 15.0.0 are not printable (Go's %q escapes them)", () => {
    // Issue #10: U+088F and U+1ACF–U+1ADD, U+2427–U+2429 (15.1+), U+18D09… (16.0).
    for (const cp of [0x88f, 0x1acf, 0x1add, 0x2427, 0x2429, 0x18d09, 0x18d0b, 0x18d84, 0x18d87, 0x18df1]) expect(isPrint(cp), cp.toString(16)).toBe(false);
    expect(quote('\u088f')).toBe('"\\u088f"');
    expect(quote(String.fromCodePoint(0x18d09))).toBe('"\\U00018d09"');
    expect(quote('é€😀 ')).toBe('"é€😀 "');
    for (const cp of [0x20, 0x41, 0xe9, 0x88e, 0x18d08]) expect(isPrint(cp)).toBe(true);
    for (const cp of [0x7f, 0xa0, 0xad, 0x2028, 0xd800, 0xe000, 0x110000]) expect(isPrint(cp)).toBe(false);
  });
  it('IsSpace is White_Space', () => {
    const spaces = [0x9, 0xa, 0xb, 0xc, 0xd, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000];
    for (const cp of spaces) expect(isSpace(cp)).toBe(true);
    for (const cp of [0x0, 0x1c, 0x180e, 0x200b, 0xfeff]) expect(isSpace(cp)).toBe(false);
  });
});

/** Our predicate over every code point, as inclusive ranges. */
function sweep(pred: (cp: number) => boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (!pred(cp)) continue;
    const last = out[out.length - 1];
    if (last && last[1] === cp - 1) last[1] = cp;
    else out.push([cp, cp]);
  }
  return out;
}

describeWithGo('unicode against the Go oracle', (oracle) => {
  it('IsPrint, strconv.IsPrint and IsSpace agree with Go on all 1,114,112 code points', async () => {
    const go = await oracle().ask1({ op: 'unicodeTables' });
    expect(go.unicodeVersion).toBe(UNICODE_VERSION);
    agree('unicode.IsPrint', sweep(isPrint), go.isPrint);
    agree('strconv.IsPrint', sweep(isPrint), go.strconvIsPrint);
    agree('unicode.IsSpace', sweep(isSpace), go.isSpace);
  });
});
