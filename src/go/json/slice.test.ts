// decodeSliceInto: Go's decoding of repeated arrays into the same slice (issue #10, found by the Go oracle).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeSliceInto } from '../index.ts';

type El = Record<string, string>;
/** Decodes a sequence of arrays (each element a partial object, null = JSON null) into one slice field. */
function decodeAll(arrays: (El[] | null)[]): El[] {
  let cur: El[] = [];
  for (const a of arrays) {
    if (a === null) cur = [];
    else
      cur = decodeSliceInto(
        cur,
        a.length,
        () => ({ f: '', d: '' }),
        (el, i) => Object.assign(el, a[i]),
      );
  }
  return cur;
}

describe('decodeSliceInto (encoding/json into an existing slice)', () => {
  it('a repeated array key decodes into the existing elements', () => {
    expect(decodeAll([[{ f: 'a' }], [{}]])).toEqual([{ f: 'a', d: '' }]);
    expect(decodeAll([[{ f: 'a' }, { d: 'd' }], [{ d: 'x' }]])).toEqual([{ f: 'a', d: 'x' }]);
  });
  it('elements hidden by a shorter array come back with their fields when a longer one follows', () => {
    expect(decodeAll([[{ f: 'a' }, { f: 'b' }], [{}], [{}, {}]])).toEqual([
      { f: 'a', d: '' },
      { f: 'b', d: '' },
    ]);
  });
  it('an empty array or null drops what the slice held', () => {
    expect(decodeAll([[{ f: 'a' }], [], [{}]])).toEqual([{ f: '', d: '' }]);
    expect(decodeAll([[{ f: 'a' }], null, [{}]])).toEqual([{ f: '', d: '' }]);
  });
  it("property: element i is every earlier array's element i merged in order, since the last empty array or null", () => {
    const el = fc.record({ f: fc.constantFrom('a', 'b'), d: fc.constantFrom('x', 'y') }, { requiredKeys: [] }) as fc.Arbitrary<El>;
    fc.assert(
      fc.property(fc.array(fc.option(fc.array(el, { maxLength: 4 }), { nil: null }), { maxLength: 6 }), (arrays) => {
        const got = decodeAll(arrays);
        let start = 0;
        arrays.forEach((a, k) => {
          if (a === null || a.length === 0) start = k + 1;
        });
        const live = arrays.slice(start) as El[][];
        const n = live.length === 0 ? 0 : live[live.length - 1].length;
        const want = Array.from({ length: n }, (_, i) => Object.assign({ f: '', d: '' }, ...live.map((a) => a[i] ?? {})));
        expect(got).toEqual(want);
      }),
    );
  });
});
