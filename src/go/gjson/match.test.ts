// The wildcard matcher (match.ts) against a regular-expression model of the glob where the work limit
// cannot be reached: `*` any run, `?` one character. Long literal runs after a `*` are searched for with
// indexOf (match.ts's literalAt); here they are long and tried at many positions.
// Agreement with Go, limit included, is match.differential.test.ts's.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchLimit } from '../index.ts';

const model = (str: string, pattern: string): boolean =>
  new RegExp(`^${[...pattern].map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c)).join('')}$`, 's').test(str);

const run = (min: number, max: number) => fc.array(fc.constantFrom('a', 'a', 'a', 'b'), { minLength: min, maxLength: max }).map((a) => a.join(''));
const segment = fc.oneof(fc.constant('*'), fc.constant('?'), run(1, 3), run(30, 70));
/** A pattern, and a string made to match it (each `*` a run, each `?` a character), then perhaps edited. */
const patternAndString = fc
  .array(segment, { maxLength: 6 })
  .chain((segs) =>
    fc.tuple(
      fc.constant(segs.join('')),
      fc.tuple(...segs.map((seg) => (seg === '*' ? run(0, 60) : seg === '?' ? run(1, 1) : fc.constant(seg)))).map((parts) => parts.join('')),
      fc.option(fc.tuple(fc.nat(), fc.constantFrom('a', 'b', '')), { nil: undefined }),
    ),
  )
  .map(([p, str, edit]) => {
    if (edit === undefined || str.length === 0) return [p, str] as const;
    const at = edit[0] % str.length;
    return [p, str.slice(0, at) + edit[1] + str.slice(at + 1)] as const;
  });

describe('matchLimit without reaching the limit', () => {
  it('matches as the glob does, with long literals after a star', () => {
    fc.assert(
      fc.property(patternAndString, ([p, str]) => {
        expect(matchLimit(str, p, 1e9)).toBe(model(str, p));
      }),
    );
  });

  it('finds a literal of 20000 characters late in a 40000-character string, and refuses it one character short', () => {
    const str = `${'a'.repeat(39999)}bc`;
    expect(matchLimit(str, `*${'a'.repeat(19998)}b*`)).toBe(true);
    expect(matchLimit(str.slice(0, -2), `*${'a'.repeat(19998)}b*`)).toBe(false);
    expect(matchLimit(`b${'a'.repeat(100)}b`, `*b${'a'.repeat(100)}*`)).toBe(true);
  });

  it('finds a literal between stars exactly where it is, at each offset (where indexOf found it)', () => {
    const literal = 'ab'.repeat(20);
    for (let at = 0; at <= 24; at++) {
      const str = 'b'.repeat(at) + literal;
      expect(matchLimit(str, `*${literal}*`), `at ${at}`).toBe(true);
      expect(matchLimit(str.slice(0, -1), `*${literal}*`), `at ${at}, cut`).toBe(false);
      expect(matchLimit(`${str}ba`, `*${literal}*a`), `at ${at}, then a`).toBe(true);
      expect(matchLimit(`${str}b`, `*${literal}*a`), `at ${at}, then b`).toBe(false);
      // Overlapping occurrences (at at + 2 and at + 3): only the second one follows a `b` and one character.
      expect(matchLimit(`${'b'.repeat(at)}cb${'a'.repeat(41)}`, `*b?${'a'.repeat(40)}*`), `at ${at}, overlapping`).toBe(true);
    }
  });
});
