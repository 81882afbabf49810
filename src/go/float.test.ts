// Tests for formatFloat and formatFloatJSON (Go strconv.FormatFloat, encoding/json float64).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFloat, formatFloatJSON } from './index.ts';

describe('formatFloat', () => {
  it("'f' with prec -1 is the shortest decimal without exponent", () => {
    expect(formatFloat(1e21, 'f', -1)).toBe('1000000000000000000000');
    expect(formatFloat(1e-7, 'f', -1)).toBe('0.0000001');
    expect(formatFloat(1.5, 'f', -1)).toBe('1.5');
    expect(formatFloat(0, 'f', -1)).toBe('0');
    expect(formatFloat(-0, 'f', -1)).toBe('-0');
    expect(formatFloat(12345678901234567890, 'f', -1)).toBe('12345678901234567000');
    expect(formatFloat(0.1 + 0.2, 'f', -1)).toBe('0.30000000000000004');
    expect(formatFloat(5e-324, 'f', -1)).toBe('0.' + '0'.repeat(323) + '5');
  });
  it("'f', 'e' and 'g' with fixed precision round half to even on the exact value", () => {
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect(formatFloat(0.375, 'f', 2)).toBe('0.38');
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(0.5, 'f', 0)).toBe('0');
    expect(formatFloat(1.005, 'f', 2)).toBe('1.00'); // 1.005 is below the half in binary
    expect(formatFloat(9.999, 'f', 2)).toBe('10.00');
    expect(formatFloat(0.001, 'f', 1)).toBe('0.0');
    expect(formatFloat(1.5, 'e', 3)).toBe('1.500e+00');
    expect(formatFloat(123456, 'e', 2)).toBe('1.23e+05');
    expect(formatFloat(0, 'e', 2)).toBe('0.00e+00');
    expect(formatFloat(123456, 'g', 3)).toBe('1.23e+05');
    expect(formatFloat(1, 'g', 3)).toBe('1');
    expect(formatFloat(0.0001234, 'g', 2)).toBe('0.00012');
  });
  it("'e' and 'g' shortest", () => {
    expect(formatFloat(1e21, 'e', -1)).toBe('1e+21');
    expect(formatFloat(1.5e-7, 'e', -1)).toBe('1.5e-07');
    expect(formatFloat(1e100, 'e', -1)).toBe('1e+100');
    expect(formatFloat(123456789, 'g', -1)).toBe('1.23456789e+08');
    expect(formatFloat(100000, 'g', -1)).toBe('100000');
    expect(formatFloat(1e6, 'g', -1)).toBe('1e+06');
    expect(formatFloat(1e-5, 'g', -1)).toBe('1e-05');
    expect(formatFloat(0.0001, 'g', -1)).toBe('0.0001');
    expect(formatFloat(0, 'g', -1)).toBe('0');
  });
  it('special values', () => {
    expect(formatFloat(NaN, 'f', -1)).toBe('NaN');
    expect(formatFloat(Infinity, 'g', -1)).toBe('+Inf');
    expect(formatFloat(-Infinity, 'e', 2)).toBe('-Inf');
  });
  it("'f' -1 and 'e' -1 parse back to the same float64", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(formatFloat(x, 'f', -1))).toBe(x);
        expect(Number(formatFloat(x, 'e', -1))).toBe(x);
        expect(Number(formatFloat(x, 'g', -1))).toBe(x);
      }),
    );
  });
});

describe('formatFloatJSON', () => {
  it('uses Go encoding/json float64 forms', () => {
    expect(formatFloatJSON(42)).toBe('42');
    expect(formatFloatJSON(1.5)).toBe('1.5');
    expect(formatFloatJSON(1e21)).toBe('1e+21');
    expect(formatFloatJSON(1e20)).toBe('100000000000000000000');
    expect(formatFloatJSON(1e-7)).toBe('1e-7');
    expect(formatFloatJSON(1.5e-7)).toBe('1.5e-7');
    expect(formatFloatJSON(1e-6)).toBe('0.000001');
    expect(formatFloatJSON(1e-10)).toBe('1e-10');
    expect(formatFloatJSON(-0)).toBe('-0');
    expect(formatFloatJSON(0)).toBe('0');
    expect(formatFloatJSON(12345678901234567890)).toBe('12345678901234567000');
    expect(formatFloatJSON(-1.2e300)).toBe('-1.2e+300');
  });
  it('rejects NaN and infinities like Go', () => {
    expect(() => formatFloatJSON(NaN)).toThrow('json: unsupported value: NaN');
    expect(() => formatFloatJSON(-Infinity)).toThrow('json: unsupported value: -Inf');
  });
  it('round-trips through Number()', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(formatFloatJSON(x))).toBe(x);
      }),
    );
  });
});
