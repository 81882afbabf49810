// Tests for parseGoTimeJSON / formatRFC3339Nano / GoTime (Go time.Time JSON methods, Go ≥ 1.20 texts).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { GoTime, formatRFC3339Nano, jsonMarshal, parseGoTimeJSON, parseRFC3339, zeroTime } from '../index.ts';

const fmt = (raw: string): string => {
  const r = parseGoTimeJSON(raw);
  if (!r.ok) throw new Error(r.error);
  return formatRFC3339Nano(r.value);
};
const bad = (raw: string): string => {
  const r = parseGoTimeJSON(raw);
  if (r.ok) throw new Error(`expected an error for ${raw}`);
  return r.error;
};
const L = '"2006-01-02T15:04:05Z07:00"';

describe('parseGoTimeJSON', () => {
  it('keeps the instant and the offset, trims fractions', () => {
    expect(fmt('"2026-06-30T12:00:00Z"')).toBe('2026-06-30T12:00:00Z');
    expect(fmt('"2026-06-30T12:00:00.123456Z"')).toBe('2026-06-30T12:00:00.123456Z');
    expect(fmt('"2026-06-30T12:00:00.000Z"')).toBe('2026-06-30T12:00:00Z');
    expect(fmt('"2026-06-30T12:00:00.120+02:00"')).toBe('2026-06-30T12:00:00.12+02:00');
    expect(fmt('"2026-06-30T12:00:00-07:30"')).toBe('2026-06-30T12:00:00-07:30');
    expect(fmt('"2026-06-30T12:00:00+00:00"')).toBe('2026-06-30T12:00:00Z');
    expect(fmt('"2026-06-30T12:00:00.1234567891Z"')).toBe('2026-06-30T12:00:00.123456789Z');
    expect(fmt('"2024-02-29T23:59:59Z"')).toBe('2024-02-29T23:59:59Z');
  });
  it('computes the instant', () => {
    const r = parseGoTimeJSON('"2026-06-30T14:00:00.5+02:00"');
    expect(r.ok && r.value.nanosecond).toBe(500_000_000);
    expect(r.ok && r.value.unixSeconds).toBe(Date.UTC(2026, 5, 30, 12) / 1000);
  });
  it('null is the zero time', () => {
    const r = parseGoTimeJSON('null');
    expect(r.ok && [r.value.unixSeconds, r.value.nanosecond]).toEqual([-62135596800, 0]);
    expect(formatRFC3339Nano(zeroTime)).toBe('0001-01-01T00:00:00Z');
    expect(fmt('"0001-01-01T00:00:00Z"')).toBe('0001-01-01T00:00:00Z');
  });
  it('rejects non-strings', () => {
    for (const raw of ['5', 'true', '{}', '[]', '"', '']) expect(bad(raw)).toBe('Time.UnmarshalJSON: input is not a JSON string');
  });
  it('reports Go parse errors on the raw (unescaped) bytes', () => {
    expect(bad('"x"')).toBe(`parsing time "x" as ${L}: cannot parse "x" as "2006"`);
    expect(bad('""')).toBe(`parsing time "" as ${L}: cannot parse "" as "2006"`);
    expect(bad('"\\u0032026-01-02T03:04:05Z"')).toBe(
      `parsing time "\\\\u0032026-01-02T03:04:05Z" as ${L}: cannot parse "\\\\u0032026-01-02T03:04:05Z" as "2006"`,
    );
    expect(bad('"é"')).toBe(`parsing time "\\xc3\\xa9" as ${L}: cannot parse "\\xc3\\xa9" as "2006"`);
    expect(bad('"2026-06-30"')).toBe(`parsing time "2026-06-30" as ${L}: cannot parse "" as "T"`);
    expect(bad('"2026-06-30 12:00:00Z"')).toBe(`parsing time "2026-06-30 12:00:00Z" as ${L}: cannot parse " 12:00:00Z" as "T"`);
    expect(bad('"2026-6-30T12:00:00Z"')).toBe(`parsing time "2026-6-30T12:00:00Z" as ${L}: cannot parse "6-30T12:00:00Z" as "01"`);
    expect(bad('"2026-06-30T12:00:00"')).toBe(`parsing time "2026-06-30T12:00:00" as ${L}: cannot parse "" as "Z07:00"`);
    expect(bad('"2026-06-30T12:00:00+0200"')).toBe(`parsing time "2026-06-30T12:00:00+0200" as ${L}: cannot parse "+0200" as "Z07:00"`);
    expect(bad('"2026-06-30T12:00:00Zx"')).toBe('parsing time "2026-06-30T12:00:00Zx": extra text: "x"');
  });
  it('reports range errors', () => {
    expect(bad('"2026-13-30T12:00:00Z"')).toBe('parsing time "2026-13-30T12:00:00Z": month out of range');
    expect(bad('"2026-02-30T00:00:00Z"')).toBe('parsing time "2026-02-30T00:00:00Z": day out of range');
    expect(bad('"2026-06-30T24:00:00Z"')).toBe('parsing time "2026-06-30T24:00:00Z": hour out of range');
    expect(bad('"2026-06-30T12:60:00Z"')).toBe('parsing time "2026-06-30T12:60:00Z": minute out of range');
    expect(bad('"2026-06-30T12:00:60Z"')).toBe('parsing time "2026-06-30T12:00:60Z": second out of range');
  });
  it('accepts what the strict RFC 3339 checks would reject: Go disables them (Go issue 54580)', () => {
    const ok = (s: string) => {
      const r = parseGoTimeJSON(s);
      return r.ok ? [r.value.unixSeconds, r.value.nanosecond, r.value.offsetSeconds] : r.error;
    };
    expect(ok('"2026-06-30T1:00:00Z"')).toEqual([1782781200, 0, 0]);
    expect(ok('"2026-06-30T12:00:00,5Z"')).toEqual([1782820800, 500_000_000, 0]);
    expect(ok('"2026-06-30T12:00:00+24:00"')).toEqual([1782734400, 0, 86400]);
    expect(ok('"2026-06-30T12:00:00+01:60"')).toEqual([1782813600, 0, 7200]);
    expect(bad('"2026-06-30T12:00:00+25:00"')).toBe('parsing time "2026-06-30T12:00:00+25:00": time zone offset hour out of range');
  });
  it('time.Parse(RFC3339) alone accepts what the strict form rejects', () => {
    const r = parseRFC3339('2026-06-30T1:00:00Z');
    expect(r.ok && formatRFC3339Nano(r.value)).toBe('2026-06-30T01:00:00Z');
  });
});

describe('GoTime JSON marshal', () => {
  it('marshals as a quoted RFC3339Nano string inside jsonMarshal', () => {
    expect(jsonMarshal(new Map<string, unknown>([['expires_at', zeroTime]]))).toBe('{"expires_at":"0001-01-01T00:00:00Z"}');
    expect(jsonMarshal(GoTime.fromFields(2026, 6, 30, 12, 0, 0, 123_000_000, 3600))).toBe('"2026-06-30T12:00:00.123+01:00"');
    expect(() => jsonMarshal(GoTime.fromFields(10000, 1, 1, 0, 0, 0, 0))).toThrow('Time.MarshalJSON: year outside of range [0,9999]');
  });
  it('format → parse round trip for random instants and offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -62135596800, max: 253402214400 }),
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (sec, ns, offMin) => {
          const t = new GoTime(sec, ns, offMin * 60);
          const s = formatRFC3339Nano(t);
          const r = parseGoTimeJSON('"' + s + '"');
          expect(r.ok).toBe(true);
          if (r.ok) {
            expect([r.value.unixSeconds, r.value.nanosecond]).toEqual([t.unixSeconds, t.nanosecond]);
            expect(formatRFC3339Nano(r.value)).toBe(s);
          }
        },
      ),
    );
  });
  it('agrees with JS Date for UTC', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T23:59:59Z'), noInvalidDate: true }), (d) => {
        const t = new GoTime(Math.floor(d.getTime() / 1000), (((d.getTime() % 1000) + 1000) % 1000) * 1e6, 0);
        const iso = d
          .toISOString()
          .replace(/\.000Z$/, 'Z')
          .replace(/(\.\d*?)0+Z$/, '$1Z');
        expect(formatRFC3339Nano(t)).toBe(iso);
      }),
    );
  });
});
