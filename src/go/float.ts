// Go strconv.FormatFloat(x, 'f' or 'e', -1, 64) (the shortest form that parses back to x) and
// encoding/json's float64 form, and Go's %v of a float64 ('g', -1: the simulator's). The shortest
// digits come from JS's round-trip conversion, which has the same definition as Go's. Only the
// shortest forms: nothing here formats with a precision.

interface Digits {
  d: string; // significant digits, no leading/trailing zeros ('' for zero)
  dp: number; // decimal point position: value = 0.d × 10^dp
}

function shortestDigits(abs: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const [mant, exp] = abs.toExponential().split('e');
  return { d: mant.replace('.', ''), dp: Number(exp) + 1 };
}

function digitAt(x: Digits, i: number): string {
  return i < x.d.length ? x.d[i] : '0';
}

/** Go strconv.FormatFloat(x, fmt, -1, 64): `f` without exponent, `e` as d.ddde±dd. */
export function formatFloat(x: number, fmt: 'f' | 'e'): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const digs = shortestDigits(Math.abs(x));
  let s = x < 0 || Object.is(x, -0) ? '-' : '';
  if (fmt === 'e') {
    s += digs.d === '' ? '0' : digs.d[0];
    if (digs.d.length > 1) s += '.' + digs.d.slice(1);
    const exp = digs.d === '' ? 0 : digs.dp - 1;
    const a = Math.abs(exp);
    return s + 'e' + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
  }
  if (digs.dp > 0) for (let i = 0; i < digs.dp; i++) s += digitAt(digs, i);
  else s += '0';
  const frac = digs.d.length - digs.dp;
  if (frac > 0) s += '.' + '0'.repeat(Math.max(-digs.dp, 0)) + digs.d.slice(Math.max(digs.dp, 0));
  return s;
}

/** Go strconv.FormatFloat(x, 'g', -1, 64), fmt's %v of a float64: the `e` form when the decimal exponent is below -4 or at least 6 (strconv's rule for the shortest form), else `f`. */
export function formatFloatG(x: number): string {
  if (!Number.isFinite(x) || x === 0) return formatFloat(x, 'f');
  const exp = shortestDigits(Math.abs(x)).dp - 1;
  return exp < -4 || exp >= 6 ? formatFloat(x, 'e') : formatFloat(x, 'f');
}

/** encoding/json's float64 form: plain when 1e-6 ≤ |x| < 1e21 (or 0), else exponent form (`1e+21`, `1e-7`). */
export function formatFloatJSON(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`json: unsupported value: ${formatFloat(x, 'e')}`);
  const abs = Math.abs(x);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) return formatFloat(x, 'e').replace(/e-0(\d)$/, 'e-$1');
  return formatFloat(x, 'f');
}

const lower = (c: string): string => c.toLowerCase();
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';
const isHex = (c: string | undefined): boolean => c !== undefined && /^[0-9a-fA-F]$/.test(c);

/** strconv's special(): an optional sign then inf/infinity (any case), or nan without a sign; [value, length]. */
function special(s: string): [number, number] | undefined {
  let sign = 1;
  let nsign = 0;
  let t = s;
  if (t[0] === '+' || t[0] === '-') {
    if (t[0] === '-') sign = -1;
    nsign = 1;
    t = t.slice(1);
  } else if (/^nan/i.test(t)) return [NaN, 3];
  let n = 0;
  while (n < 8 && n < t.length && lower(t[n]) === 'infinity'[n]) n++;
  if (n > 3 && n < 8) n = 3;
  if (n === 3 || n === 8) return [sign * Infinity, nsign + n];
  return undefined;
}

/** strconv's underscoreOK: each `_` sits between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s[0] === '-' || s[0] === '+') s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    if (isDigit(s[i]) || (hex && isHex(s[i]))) {
      saw = '0';
      continue;
    }
    if (s[i] === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** mantissa × 2^exp rounded to a float64 as Go's atofHex does (half to even, subnormals included). */
function hexValue(mant: bigint, exp: number): number {
  if (mant === 0n) return 0;
  const bits = mant.toString(2).length;
  // The float64's last bit is worth 2^max(exp of the leading bit - 52, -1074).
  const shift = Math.max(bits - 53, -1074 - exp);
  if (shift > 0) {
    const unit = 1n << BigInt(shift);
    const rest = mant % unit;
    mant /= unit;
    const half = unit >> 1n;
    if (rest > half || (rest === half && mant % 2n === 1n)) mant += 1n;
    exp += shift;
  }
  // mant has at most 54 bits now: exact as a Number; scale in two steps so 2^exp never underflows alone.
  const half = Math.trunc(exp / 2);
  return Number(mant) * 2 ** half * 2 ** (exp - half);
}

/**
 * Go strconv.ParseFloat(s, 64) as gjson uses it (the error dropped): the value; 0 on a syntax error;
 * ±Inf past float64. Decimal and hex (`0x1.8p3`) forms, `_` between digits, inf/infinity/nan.
 */
export function goParseFloat(s: string): number {
  const sp = special(s);
  if (sp) return sp[1] === s.length ? sp[0] : 0;
  let i = 0;
  let neg = false;
  if (s[i] === '+') i++;
  else if (s[i] === '-') {
    neg = true;
    i++;
  }
  let hex = false;
  if (i + 2 < s.length && s[i] === '0' && lower(s[i + 1]) === 'x') {
    hex = true;
    i += 2;
  }
  let digits = '';
  let dp = -1;
  let underscores = false;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') underscores = true;
    else if (c === '.') {
      if (dp >= 0) break;
      dp = digits.length;
    } else if (isDigit(c) || (hex && isHex(c))) digits += c;
    else break;
  }
  if (digits === '') return 0;
  if (dp < 0) dp = digits.length;
  let e = 0;
  if (i < s.length && lower(s[i]) === (hex ? 'p' : 'e')) {
    i++;
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') {
      i++;
      esign = -1;
    }
    if (!isDigit(s[i])) return 0;
    for (; i < s.length && (isDigit(s[i]) || s[i] === '_'); i++) {
      if (s[i] === '_') underscores = true;
      else if (e < 10000) e = e * 10 + Number(s[i]);
    }
    e *= esign;
  } else if (hex) return 0;
  if (i !== s.length || (underscores && !underscoreOK(s))) return 0;
  const sign = neg ? -1 : 1;
  if (hex) return sign * hexValue(BigInt('0x' + digits), e - 4 * (digits.length - dp));
  return sign * Number(`0.${digits}e${dp + e}`);
}
