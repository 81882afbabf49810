import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Scan, Scanner, skipStringBytes } from './scanner.ts';

/** Step every byte of b from `from` while the scanner stays inside the string, as Go's scanner does. */
function steppedTo(b: Uint8Array, from: number): number {
  const s = new Scanner();
  s.step(s, 0x22);
  const inString = s.step;
  let i = from;
  while (i < b.length) {
    const before = s.step;
    if (s.step(s, b[i]) !== Scan.Continue || before !== inString || s.step !== inString) break;
    i++;
  }
  return i;
}

describe('skipStringBytes', () => {
  // Bytes that matter inside a string literal, and the rest.
  const bytes = fc
    .array(fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x22, 0x5c, 0x0a, 0x00, 0x1f, 0x20, 0x61, 0xe9)), { maxLength: 80 })
    .map((xs) => Uint8Array.from(xs));
  it('stops where byte-by-byte stepping would leave the plain bytes of a string (quote, backslash, control byte)', () => {
    fc.assert(
      fc.property(bytes, fc.nat(), (b, at) => {
        const s = new Scanner();
        s.step(s, 0x22);
        const from = b.length ? at % b.length : 0;
        expect(skipStringBytes(s, b, from)).toBe(steppedTo(b, from));
      }),
    );
  });
  it('does nothing outside a string', () => {
    const s = new Scanner();
    expect(skipStringBytes(s, new TextEncoder().encode('abc'), 0)).toBe(0);
  });
});
