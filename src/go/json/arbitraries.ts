// Test-only fast-check arbitraries for the JSON property tests (decode and encode share them).
import fc from 'fast-check';

/** A lone UTF-16 surrogate: a JavaScript string Go has no bytes for (it encodes and decodes as U+FFFD). */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));

/** Doubles with the edges that broke properties before: -0, the smallest subnormal, the largest finite, huge exponents. */
const goFloat = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(-0, 0, 5e-324, -5e-324, 1.7976931348623157e308, -1.7976931348623157e308, 1e21, 1e-7, 123456789e300),
);

/**
 * Any JSON value a Go `interface{}` can hold: strings with any code point (lone surrogates too, in values),
 * float64s with their edges (-0 included), nesting. Keys are well-formed so that no two distinct keys
 * become the same Go string (see goNormalize).
 */
export const jsonValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string({ unit: fc.oneof({ weight: 9, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }, { weight: 1, arbitrary: loneSurrogate }) }),
    goFloat,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 4 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/**
 * What a value is once it has been through Go: a lone surrogate has no UTF-8 bytes, so Go writes and
 * reads it as U+FFFD; -0 stays -0 (Go encodes it as `-0` and decodes `-0` to negative zero).
 */
export function goNormalize(v: unknown): unknown {
  if (typeof v === 'string') return v.replace(/\p{Cs}/gu, '\ufffd');
  if (Array.isArray(v)) return v.map(goNormalize);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) Object.defineProperty(out, k, { value: goNormalize(x), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}
