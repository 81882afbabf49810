// Go time.Time.UnmarshalJSON (Go ≥ 1.20): `null` → zero time (no change), a non-string → error, else the
// raw bytes between the quotes (escapes NOT resolved, as Go does) go through parseStrictRFC3339: a fast
// path, then time.Parse(time.RFC3339, …) (its extra strictness checks are disabled in Go, issue 54580).
import { utf8Encode } from '../utf8.ts';
import { daysIn } from './civil.ts';
import { GoTime, zeroTime } from './gotime.ts';

export type GoTimeResult = { ok: true; value: GoTime } | { ok: false; error: string };

const RFC3339 = '2006-01-02T15:04:05Z07:00';
const lowerhex = '0123456789abcdef';

/** The time package's own quote(): `"` and `\` escaped, controls and every non-ASCII byte as \xNN. */
export function timeQuote(b: Uint8Array): string {
  let out = '"';
  for (const c of b) {
    if (c >= 0x80 || c < 0x20) out += '\\x' + lowerhex[c >> 4] + lowerhex[c & 0xf];
    else {
      if (c === 0x22 || c === 0x5c) out += '\\';
      out += String.fromCharCode(c);
    }
  }
  return out + '"';
}

const enc = (s: string): Uint8Array => utf8Encode(s);

/** Go time.ParseError.Error(). */
function parseError(value: Uint8Array, layoutElem: string, valueElem: Uint8Array, message: string): string {
  if (message === '') {
    return `parsing time ${timeQuote(value)} as ${timeQuote(enc(RFC3339))}: cannot parse ${timeQuote(valueElem)} as ${timeQuote(enc(layoutElem))}`;
  }
  return `parsing time ${timeQuote(value)}${message}`;
}

const isDigit = (b: Uint8Array, i: number): boolean => i < b.length && b[i] >= 0x30 && b[i] <= 0x39;

interface Fields {
  year: number;
  month: number;
  day: number;
  hour: number;
  min: number;
  sec: number;
  nsec: number;
  offset: number;
}

/** Go's fast RFC 3339 path (parseRFC3339); null when it does not accept the input. */
function parseFast(s: Uint8Array): Fields | null {
  let ok = true;
  const num = (from: number, to: number, min: number, max: number): number => {
    let x = 0;
    for (let i = from; i < to; i++) {
      const c = s[i];
      if (c < 0x30 || c > 0x39) {
        ok = false;
        return min;
      }
      x = x * 10 + c - 0x30;
    }
    if (x < min || x > max) {
      ok = false;
      return min;
    }
    return x;
  };
  if (s.length < 19) return null;
  const year = num(0, 4, 0, 9999);
  const month = num(5, 7, 1, 12);
  const day = num(8, 10, 1, daysIn(month, year));
  const hour = num(11, 13, 0, 23);
  const min = num(14, 16, 0, 59);
  const sec = num(17, 19, 0, 59);
  if (!ok || s[4] !== 0x2d || s[7] !== 0x2d || s[10] !== 0x54 || s[13] !== 0x3a || s[16] !== 0x3a) return null;
  let i = 19;
  let nsec = 0;
  if (s.length - i >= 2 && s[i] === 0x2e && isDigit(s, i + 1)) {
    let n = i + 2;
    while (isDigit(s, n)) n++;
    nsec = fraction(s, i, n);
    i = n;
  }
  const rest = s.length - i;
  if (rest === 1 && s[i] === 0x5a) return { year, month, day, hour, min, sec, nsec, offset: 0 };
  if (rest !== 6) return null;
  const hr = num(i + 1, i + 3, 0, 23);
  const mm = num(i + 4, i + 6, 0, 59);
  if (!ok || !(s[i] === 0x2b || s[i] === 0x2d) || s[i + 3] !== 0x3a) return null;
  const offset = (hr * 60 + mm) * 60 * (s[i] === 0x2d ? -1 : 1);
  return { year, month, day, hour, min, sec, nsec, offset };
}

/** Nanoseconds from the digits after the separator at s[start], s[start+1..end) (at most 9 used). */
function fraction(s: Uint8Array, start: number, end: number): number {
  const digits = String.fromCharCode(...s.subarray(start + 1, Math.min(end, start + 10)));
  return Number(digits.padEnd(9, '0'));
}

class Bad extends Error {}

/** Go time.Parse(time.RFC3339, value): the layout-driven parser, only as far as this layout needs. */
function parseLayout(avalue: Uint8Array): Fields | string {
  let v = 0; // read position in avalue
  const rem = (): Uint8Array => avalue.subarray(v);
  const f: Fields = { year: 0, month: 1, day: 1, hour: 0, min: 0, sec: 0, nsec: 0, offset: 0 };
  const getnum = (fixed: boolean): number => {
    if (!isDigit(avalue, v)) throw new Bad();
    if (!isDigit(avalue, v + 1)) {
      if (fixed) throw new Bad();
      return avalue[v++] - 0x30;
    }
    const n = (avalue[v] - 0x30) * 10 + (avalue[v + 1] - 0x30);
    v += 2;
    return n;
  };
  const chunks: [prefix: string, std: string][] = [
    ['', '2006'],
    ['-', '01'],
    ['-', '02'],
    ['T', '15'],
    [':', '04'],
    [':', '05'],
    ['', 'Z07:00'],
  ];
  for (const [prefix, std] of chunks) {
    if (prefix !== '') {
      if (v >= avalue.length || avalue[v] !== prefix.charCodeAt(0)) return parseError(avalue, prefix, rem(), '');
      v++;
    }
    const hold = v;
    let range = '';
    try {
      switch (std) {
        case '2006': {
          if (avalue.length - v < 4 || !isDigit(avalue, v)) throw new Bad();
          const p = String.fromCharCode(...avalue.subarray(v, v + 4));
          if (!/^[0-9]{4}$/.test(p)) throw new Bad(); // atoi: a sign is impossible here, the first byte is a digit
          f.year = Number(p);
          v += 4;
          break;
        }
        case '01':
          f.month = getnum(true);
          if (f.month <= 0 || f.month > 12) range = 'month';
          break;
        case '02':
          f.day = getnum(true);
          break;
        case '15':
          f.hour = getnum(false);
          if (f.hour >= 24) range = 'hour';
          break;
        case '04':
          f.min = getnum(true);
          if (f.min >= 60) range = 'minute';
          break;
        case '05':
          f.sec = getnum(true);
          if (f.sec >= 60) {
            range = 'second';
            break;
          }
          if (avalue.length - v >= 2 && (avalue[v] === 0x2e || avalue[v] === 0x2c) && isDigit(avalue, v + 1)) {
            let n = v + 2;
            while (isDigit(avalue, n)) n++;
            f.nsec = fraction(avalue, v, n);
            v = n;
          }
          break;
        case 'Z07:00': {
          if (v < avalue.length && avalue[v] === 0x5a) {
            v++;
            f.offset = 0;
            break;
          }
          if (avalue.length - v < 6 || avalue[v + 3] !== 0x3a) throw new Bad();
          const sign = avalue[v];
          const two = (i: number): number => {
            if (!isDigit(avalue, i) || !isDigit(avalue, i + 1)) throw new Bad();
            return (avalue[i] - 0x30) * 10 + (avalue[i + 1] - 0x30);
          };
          const hr = two(v + 1);
          const mm = two(v + 4);
          v += 6;
          if (hr > 24) range = 'time zone offset hour';
          if (mm > 60) range = 'time zone offset minute';
          if (sign !== 0x2b && sign !== 0x2d) throw new Bad();
          f.offset = (hr * 60 + mm) * 60 * (sign === 0x2d ? -1 : 1);
          break;
        }
      }
    } catch (e) {
      if (!(e instanceof Bad)) throw e;
      return parseError(avalue, std, avalue.subarray(hold), '');
    }
    if (range !== '') return parseError(avalue, std, rem(), `: ${range} out of range`);
  }
  if (v < avalue.length) return parseError(avalue, '', rem(), ': extra text: ' + timeQuote(rem()));
  if (f.day < 1 || f.day > daysIn(f.month, f.year)) return parseError(avalue, '', rem(), ': day out of range');
  return f;
}

/**
 * Go time's parseStrictRFC3339 as Go 1.20–1.26 ship it: the fast RFC 3339 parser, else time.Parse(RFC3339).
 * The extra strictness checks written after it (one-digit hour, `,` before fractions, offsets ≥ 24:00 or
 * with minutes ≥ 60) are disabled in Go (`case true: return t, nil`, Go issue 54580), so
 * `2024-01-02T3:04:05Z`, `…05,5Z`, `+24:00` and `+05:60` are accepted.
 */
export function parseStrictRFC3339(b: Uint8Array): GoTimeResult {
  const f = parseFast(b) ?? parseLayout(b);
  if (typeof f === 'string') return { ok: false, error: f };
  return { ok: true, value: GoTime.fromFields(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, f.offset) };
}

/** Go time.Parse(time.RFC3339, s) only, without the JSON strictness checks. */
export function parseRFC3339(s: string): GoTimeResult {
  const b = enc(s);
  const fast = parseFast(b);
  const f = fast ?? parseLayout(b);
  if (typeof f === 'string') return { ok: false, error: f };
  return { ok: true, value: GoTime.fromFields(f.year, f.month, f.day, f.hour, f.min, f.sec, f.nsec, f.offset) };
}

/**
 * Go (*time.Time).UnmarshalJSON of the raw JSON value text: `null` → zero time; a non-string →
 * `Time.UnmarshalJSON: input is not a JSON string`; otherwise strict RFC 3339 of the raw bytes inside the quotes.
 */
export function parseGoTimeJSON(jsonString: string | Uint8Array): GoTimeResult {
  const b = typeof jsonString === 'string' ? enc(jsonString) : jsonString;
  if (b.length === 4 && String.fromCharCode(...b) === 'null') return { ok: true, value: zeroTime };
  if (b.length < 2 || b[0] !== 0x22 || b[b.length - 1] !== 0x22) {
    return { ok: false, error: 'Time.UnmarshalJSON: input is not a JSON string' };
  }
  return parseStrictRFC3339(b.subarray(1, b.length - 1));
}
