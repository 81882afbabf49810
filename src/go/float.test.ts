// Tests for formatFloat and formatFloatJSON (Go strconv.FormatFloat, encoding/json float64).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFloat, formatFloatG, formatFloatJSON } from './index.ts';

describe('formatFloat', () => {
  it("'f' with prec -1 is the shortest decimal without exponent", () => {
    expect(formatFloat(1e21, 'f')).toBe('1000000000000000000000');
    expect(formatFloat(1e-7, 'f')).toBe('0.0000001');
    expect(formatFloat(1.5, 'f')).toBe('1.5');
    expect(formatFloat(0, 'f')).toBe('0');
    expect(formatFloat(-0, 'f')).toBe('-0');
    expect(formatFloat(12345678901234567890, 'f')).toBe('12345678901234567000');
    expect(formatFloat(0.1 + 0.2, 'f')).toBe('0.30000000000000004');
    expect(formatFloat(5e-324, 'f')).toBe('0.' + '0'.repeat(323) + '5');
  });
  it("'e' is the shortest d.ddde±dd", () => {
    expect(formatFloat(1e21, 'e')).toBe('1e+21');
    expect(formatFloat(1.5e-7, 'e')).toBe('1.5e-07');
    expect(formatFloat(1e100, 'e')).toBe('1e+100');
    expect(formatFloat(123456789, 'e')).toBe('1.23456789e+08');
    expect(formatFloat(0, 'e')).toBe('0e+00');
    expect(formatFloat(-0, 'e')).toBe('-0e+00');
  });
  it("'g' (%v) switches to the e form below 1e-4 and from 1e6", () => {
    expect(formatFloatG(123456789)).toBe('1.23456789e+08');
    expect(formatFloatG(100000)).toBe('100000');
    expect(formatFloatG(1e6)).toBe('1e+06');
    expect(formatFloatG(1e-5)).toBe('1e-05');
    expect(formatFloatG(0.0001)).toBe('0.0001');
    expect(formatFloatG(0)).toBe('0');
    expect(formatFloatG(-1.5)).toBe('-1.5');
    expect(formatFloatG(Infinity)).toBe('+Inf');
  });
  it('special values', () => {
    expect(formatFloat(NaN, 'f')).toBe('NaN');
    expect(formatFloat(Infinity, 'e')).toBe('+Inf');
    expect(formatFloat(-Infinity, 'f')).toBe('-Inf');
  });
  it("'f' -1 and 'e' -1 parse back to the same float64", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(formatFloat(x, 'f'))).toBe(x);
        expect(Number(formatFloat(x, 'e'))).toBe(x);
        expect(Number(formatFloatG(x))).toBe(x);
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
