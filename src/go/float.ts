// Go strconv.FormatFloat (bitSize 64, formats 'f' 'e' 'g') and encoding/json's float64 form.
// Shortest digits come from JS's shortest round-trip conversion (same definition as Go's);
// fixed precision rounds the exact binary value half-to-even like Go's decimal rounding.

interface Digits {
  d: string; // significant digits, no leading/trailing zeros ('' for zero)
  dp: number; // decimal point position: value = 0.d × 10^dp
}

function shortestDigits(abs: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const [mant, exp] = abs.toExponential().split('e');
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

function exactDigits(abs: number): Digits {
  if (abs === 0) return { d: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, abs);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    const k = -e2;
    digits = (mant * 5n ** BigInt(k)).toString();
    dp = digits.length - k;
  }
  const stripped = digits.replace(/0+$/, '');
  return { d: stripped, dp };
}

/** Round exact digits to n significant digits, half to even (Go decimal.Round). */
function roundDigits(x: Digits, n: number): Digits {
  if (n < 0) return { d: '', dp: x.dp };
  if (n >= x.d.length) return x;
  let up: boolean;
  const c = x.d.charCodeAt(n) - 48;
  if (c === 5 && n + 1 === x.d.length) up = n > 0 && (x.d.charCodeAt(n - 1) - 48) % 2 === 1;
  else up = c >= 5;
  if (!up) return { d: x.d.slice(0, n).replace(/0+$/, ''), dp: x.d.slice(0, n) === '' ? x.dp : x.dp };
  let i = n - 1;
  while (i >= 0 && x.d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  return { d: x.d.slice(0, i) + String.fromCharCode(x.d.charCodeAt(i) + 1), dp: x.dp };
}

function digitAt(x: Digits, i: number): string {
  return i >= 0 && i < x.d.length ? x.d[i] : '0';
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) {
    for (let i = 0; i < x.dp; i++) s += digitAt(x, i);
  } else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, x.dp + i - 1);
  }
  return s;
}

function fmtE(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  s += x.d.length === 0 ? '0' : x.d[0];
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(x, i);
  }
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const a = Math.abs(exp);
  return s + 'e' + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
}

/** Go strconv.FormatFloat(x, fmt, prec, 64). prec -1 means the shortest representation that round-trips. */
export function formatFloat(x: number, fmt: 'f' | 'e' | 'g', prec: number): string {
  if (!Number.isInteger(prec)) throw new RangeError(`formatFloat: precision must be an integer, got ${prec}`);
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const abs = Math.abs(x);
  const shortest = prec < 0;
  let digs: Digits;
  if (shortest) {
    digs = shortestDigits(abs);
    if (fmt === 'e') prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const exact = exactDigits(abs);
    if (fmt === 'e') digs = roundDigits(exact, prec + 1);
    else if (fmt === 'f') digs = roundDigits(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDigits(exact, prec);
    }
    if (digs.d.length === 0 && fmt !== 'f') digs = { d: '', dp: 0 };
  }
  if (fmt === 'e') return fmtE(neg, digs, prec);
  if (fmt === 'f') return fmtF(neg, digs, prec);
  let eprec = prec;
  if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (digs.d.length > 0 && (exp < -4 || exp >= eprec)) {
    if (prec > digs.d.length) prec = digs.d.length;
    return fmtE(neg, digs, prec - 1);
  }
  if (prec > digs.dp) prec = digs.d.length;
  return fmtF(neg, digs, Math.max(prec - digs.dp, 0));
}

/** encoding/json's float64 form: plain when 1e-6 ≤ |x| < 1e21 (or 0), else exponent form (`1e+21`, `1e-7`). */
export function formatFloatJSON(x: number): string {
  if (!Number.isFinite(x)) throw new Error(`json: unsupported value: ${formatFloat(x, 'g', -1)}`);
  const abs = Math.abs(x);
  const fmt = abs !== 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
  let s = formatFloat(x, fmt, -1);
  if (fmt === 'e') s = s.replace(/e-0(\d)$/, 'e-$1');
  return s;
}
