// tidwall/pretty v1.2.1 as gjson's @pretty / @ugly use it, on UTF-8 bytes like Go (widths count bytes).
// Pretty: white space in the input is skipped everywhere; values are re-emitted with a 2-space (or the
// given) indent and `"key": value`; an array whose one-line form `[1, 2]` fits in the width (and holds no
// object) stays on one line; keys optionally sorted; a prefix starts every line. It never validates:
// anything that is not a value start is skipped, `t`/`f`/`n` stand for the whole literal (`tx` prints
// `true`), `i`, `I`, `N`, `+` and `n` not followed by `u` start a number-like token (gjson's `inf`/`nan`).
// Ugly: every byte <= ' ' outside strings removed.
import { isSpace } from '../unicode.ts';
import { decodeRune, utf8DecodeLossy, utf8Encode } from '../utf8.ts';
import { goParseFloat } from '../float.ts';
import { runRecursion, type Recursion } from './trampoline.ts';

export interface PrettyOptions {
  width: number;
  prefix: string;
  indent: string;
  sortKeys: boolean;
}

export const defaultPrettyOptions: PrettyOptions = { width: 80, prefix: '', indent: '  ', sortKeys: false };

const SP = 0x20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Ugly: every byte <= ' ' outside strings removed (a string ends at a quote after an even run of backslashes). */
export function ugly(json: string): string {
  let out = '';
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (json.charCodeAt(i) <= SP) continue;
    out += c;
    if (c !== '"') continue;
    for (i++; i < json.length; i++) {
      out += json[i];
      if (json[i] === '"') {
        let j = i - 1;
        while (json[j] === '\\') j--;
        if ((i - j) % 2 !== 0) break;
      }
    }
  }
  return out;
}

/** A growable byte buffer (Go's append). */
class Buf {
  b = new Uint8Array(256);
  n = 0;
  push(...bytes: number[]): void {
    for (const x of bytes) {
      if (this.n === this.b.length) this.grow();
      this.b[this.n++] = x;
    }
  }
  append(src: Uint8Array, from = 0, to = src.length): void {
    while (this.n + (to - from) > this.b.length) this.grow();
    this.b.set(src.subarray(from, to), this.n);
    this.n += to - from;
  }
  /**
   * src appended `times` times (an indent once a level of nesting): one copy, then copies within the buffer
   * doubling what is written (the last may write past the end: bytes after n are free, copyWithin stops at the buffer's end).
   */
  repeat(src: Uint8Array, times: number): void {
    const total = src.length * times;
    if (total === 0) return;
    while (this.n + total > this.b.length) this.grow();
    const start = this.n;
    this.b.set(src, start);
    for (let done = src.length; done < total; done *= 2) this.b.copyWithin(start + done, start, start + done);
    this.n += total;
  }
  last(): number {
    return this.b[this.n - 1];
  }
  slice(from: number, to: number): Uint8Array {
    return this.b.slice(from, to);
  }
  private grow(): void {
    const nb = new Uint8Array(this.b.length * 2);
    nb.set(this.b);
    this.b = nb;
  }
}

interface Ctx {
  json: Uint8Array;
  buf: Buf;
  width: number;
  prefix: Uint8Array;
  indent: Uint8Array;
  sortKeys: boolean;
}

/** [next index, nl (start of the current line in buf), ok]. */
type Step = [number, number, boolean];

function isNaNOrInf(json: Uint8Array, i: number): boolean {
  const c = json[i];
  return (
    c === 0x69 /* i */ ||
    c === 0x49 /* I */ ||
    c === 0x2b /* + */ ||
    c === 0x4e /* N */ ||
    (c === 0x6e /* n */ && i + 1 < json.length && json[i + 1] !== 0x75) /* u */
  );
}

function appendTabs(x: Ctx, tabs: number): void {
  x.buf.append(x.prefix);
  x.buf.repeat(x.indent, tabs);
}

function appendString(x: Ctx, i: number, nl: number): Step {
  const s = i;
  for (i++; i < x.json.length; i++) {
    if (x.json[i] !== QUOTE) continue;
    let slashes = 0;
    for (let j = i - 1; j > s && x.json[j] === BACKSLASH; j--) slashes++;
    if (slashes % 2 === 1) continue;
    i++;
    break;
  }
  x.buf.append(x.json, s, i);
  return [i, nl, true];
}

function appendNumber(x: Ctx, i: number, nl: number): Step {
  const s = i;
  for (i++; i < x.json.length; i++) {
    const c = x.json[i];
    if (c <= SP || c === 0x2c || c === 0x3a || c === 0x5d || c === 0x7d) break;
  }
  x.buf.append(x.json, s, i);
  return [i, nl, true];
}

const LITERALS: Record<number, number[]> = {
  116: [0x74, 0x72, 0x75, 0x65], // true
  102: [0x66, 0x61, 0x6c, 0x73, 0x65], // false
  110: [0x6e, 0x75, 0x6c, 0x6c], // null
};

// appendAny and appendContainer call each other once per level of nesting: they are generators run by
// runRecursion (each `yield` a call), so that JSON nested thousands deep does not overflow V8's stack.
function* appendAny(x: Ctx, i: number, pretty: boolean, tabs: number, nl: number, max: number): Recursion<Step> {
  for (; i < x.json.length; i++) {
    const c = x.json[i];
    if (c <= SP) continue;
    if (c === QUOTE) return appendString(x, i, nl);
    if ((c >= 0x30 && c <= 0x39) || c === 0x2d || isNaNOrInf(x.json, i)) return appendNumber(x, i, nl);
    if (c === 0x7b) return yield appendContainer(x, i, 0x7b, 0x7d, pretty, tabs, nl, max);
    if (c === 0x5b) return yield appendContainer(x, i, 0x5b, 0x5d, pretty, tabs, nl, max);
    const lit = LITERALS[c];
    if (lit) {
      x.buf.push(...lit);
      return [i + lit.length, nl, true];
    }
  }
  return [i, nl, true];
}

interface Pair {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** bytes.TrimSpace. */
function trimSpaceBytes(b: Uint8Array): Uint8Array {
  let s = 0;
  while (s < b.length) {
    const [r, size] = decodeRune(b, s);
    if (!isSpace(r) || (r === 0xfffd && size === 1)) break;
    s += size;
  }
  let e = b.length;
  while (e > s) {
    let k = e - 1;
    while (k > s && (b[k] & 0xc0) === 0x80 && e - k < 4) k--;
    const [r, size] = decodeRune(b, k);
    if (k + size !== e || !isSpace(r) || (r === 0xfffd && size === 1)) break;
    e = k;
  }
  return b.subarray(s, e);
}

/** pretty's value kinds for sorting: null < false < number < string < true < JSON (by the first byte). */
function kindOf(v: Uint8Array): number {
  if (v.length === 0) return 0;
  switch (v[0]) {
    case QUOTE:
      return 3;
    case 0x66:
      return 1;
    case 0x74:
      return 4;
    case 0x6e:
      return 0;
    case 0x5b:
    case 0x7b:
      return 5;
    default:
      return 2;
  }
}

/** pretty's parseString: the text between the quotes, or json.Unmarshal's string when it has a backslash ('' if invalid). */
function parseString(s: Uint8Array): Uint8Array {
  for (let i = 1; i < s.length; i++) {
    if (s[i] === BACKSLASH) {
      try {
        const v: unknown = JSON.parse(utf8DecodeLossy(s));
        return typeof v === 'string' ? utf8Encode(v) : new Uint8Array(0);
      } catch {
        return new Uint8Array(0);
      }
    }
    if (s[i] === QUOTE) return s.subarray(1, i);
  }
  return new Uint8Array(0);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');

function isLess(x: Ctx, p: Pair, q: Pair, byKey: boolean): boolean {
  const k1 = x.json.subarray(p.keyStart, p.keyEnd);
  const k2 = x.json.subarray(q.keyStart, q.keyEnd);
  let v1 = k1;
  let v2 = k2;
  if (!byKey) {
    v1 = trimSpaceBytes(x.buf.b.subarray(p.valueStart, p.valueEnd));
    v2 = trimSpaceBytes(x.buf.b.subarray(q.valueStart, q.valueEnd));
    if (v1.length >= k1.length + 1) v1 = trimSpaceBytes(v1.subarray(k1.length + 1));
    if (v2.length >= k2.length + 1) v2 = trimSpaceBytes(v2.subarray(k2.length + 1));
  }
  const t1 = kindOf(v1);
  const t2 = kindOf(v2);
  if (t1 !== t2) return t1 < t2;
  if (t1 === 3) return compareBytes(parseString(v1), parseString(v2)) < 0;
  if (t1 === 2) return goParseFloat(latin1(v1)) < goParseFloat(latin1(v2));
  return compareBytes(v1, v2) < 0;
}

/** Stable sort of the members by key then value; the buffer is rewritten only when an element moved. */
function sortPairs(x: Ctx, pairs: Pair[]): void {
  if (pairs.length === 0) return;
  const less = (p: Pair, q: Pair) => isLess(x, p, q, true) || (!isLess(x, q, p, true) && isLess(x, p, q, false));
  const sorted = pairs.map((p, k) => ({ p, k }));
  // Insertion sort: stable, and only uses `less` (so comparisons that are not a strict order behave as in a stable sort).
  for (let a = 1; a < sorted.length; a++) {
    for (let b = a; b > 0 && less(sorted[b].p, sorted[b - 1].p); b--) [sorted[b], sorted[b - 1]] = [sorted[b - 1], sorted[b]];
  }
  if (sorted.every((e, k) => e.k === k)) return;
  const start = pairs[0].valueStart;
  const parts: Uint8Array[] = [];
  sorted.forEach(({ p }, k) => {
    parts.push(x.buf.slice(p.valueStart, p.valueEnd));
    if (k < sorted.length - 1) parts.push(Uint8Array.of(0x2c, 0x0a));
  });
  x.buf.n = start;
  for (const part of parts) x.buf.append(part);
}

function newlineAt(x: Ctx): number {
  const nl = x.buf.n;
  if (x.buf.last() === SP) x.buf.b[nl - 1] = 0x0a;
  else x.buf.push(0x0a);
  return nl;
}

function* appendContainer(x: Ctx, i: number, open: number, close: number, pretty: boolean, tabs: number, nl: number, max: number): Recursion<Step> {
  if (x.width > 0) {
    if (pretty && open === 0x5b && max === -1) {
      // Try the array on one line.
      const room = x.width - (x.buf.n - nl);
      if (room > 3) {
        const s1 = x.buf.n;
        const saved = x.indent;
        x.indent = new Uint8Array(0);
        const [ni, , ok] = yield appendContainer(x, i, 0x5b, 0x5d, false, 0, 0, room);
        x.indent = saved;
        if (ok && x.buf.n - s1 <= room) return [ni, nl, true];
        x.buf.n = s1;
      }
    } else if (max !== -1 && open === 0x7b) {
      return [i, nl, false];
    }
  }
  x.buf.push(open);
  i++;
  let sortKeys = x.sortKeys && open === 0x7b;
  const pairs: Pair[] = [];
  let n = 0;
  for (; i < x.json.length; i++) {
    const c = x.json[i];
    if (c <= SP) continue;
    if (c === close) {
      if (pretty) {
        if (open === 0x7b && x.sortKeys) sortPairs(x, sortKeys ? pairs : []);
        if (n > 0) nl = newlineAt(x);
        if (x.buf.last() !== open) appendTabs(x, tabs);
      }
      x.buf.push(close);
      return [i + 1, nl, open !== 0x7b];
    }
    if (open === 0x5b || c === QUOTE) {
      if (n > 0) {
        x.buf.push(0x2c);
        if (x.width !== -1 && open === 0x5b) x.buf.push(SP);
      }
      const p: Pair = { keyStart: 0, keyEnd: 0, valueStart: 0, valueEnd: 0 };
      if (pretty) {
        nl = newlineAt(x);
        if (open === 0x7b && x.sortKeys) {
          p.keyStart = i;
          p.valueStart = x.buf.n;
        }
        appendTabs(x, tabs + 1);
      }
      if (open === 0x7b) {
        [i, nl] = appendString(x, i, nl);
        if (x.sortKeys) p.keyEnd = i;
        x.buf.push(0x3a);
        if (pretty) x.buf.push(SP);
      }
      let ok: boolean;
      [i, nl, ok] = yield appendAny(x, i, pretty, tabs + 1, nl, max);
      if (max !== -1 && !ok) return [i, nl, false];
      if (pretty && open === 0x7b && x.sortKeys) {
        p.valueEnd = x.buf.n;
        if (p.keyStart > p.keyEnd || p.valueStart > p.valueEnd)
          sortKeys = false; // bad data: no sorting
        else pairs.push(p);
      }
      i--;
      n++;
    }
  }
  return [i, nl, open !== 0x7b];
}

/** tidwall/pretty PrettyOptions: the re-indented JSON followed by a newline (nothing at all when empty). */
export function pretty(json: string, opts: PrettyOptions = defaultPrettyOptions): string {
  const x: Ctx = {
    json: utf8Encode(json),
    buf: new Buf(),
    width: opts.width,
    prefix: utf8Encode(opts.prefix),
    indent: utf8Encode(opts.indent),
    sortKeys: opts.sortKeys,
  };
  x.buf.append(x.prefix);
  runRecursion(appendAny(x, 0, true, 0, 0, -1));
  if (x.buf.n > 0) x.buf.push(0x0a);
  return utf8DecodeLossy(x.buf.b.subarray(0, x.buf.n));
}
